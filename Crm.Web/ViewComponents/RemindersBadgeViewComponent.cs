using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.ViewComponents;

/// <summary>The header badge: how many of the user's reminders are due now. One COUNT on the (UserId, Status, DueAt) index per page.</summary>
public sealed class RemindersBadgeViewComponent(CrmDbContext db, ICurrentUser currentUser, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (currentUser.UserId is not { } userId)
            return Content(string.Empty);
        var count = await db.Reminders.AsNoTracking()
            .Where(r => r.UserId == userId)
            .DueAt(time.GetUtcNow())
            .CountAsync(HttpContext.RequestAborted);
        return count == 0 ? Content(string.Empty) : View(count);
    }
}
