using System.Globalization;
using Crm.Domain.Service;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Service.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.ViewComponents;

/// <summary>
/// The service tab of the customer 360: the customer's service requests the user may see (the requests'
/// own scope: creator, handler, managers of the unit), newest first, with the overdue flag.
/// </summary>
public sealed class CustomerServiceRequestsViewComponent(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock) : ViewComponent
{
    public const int Limit = 100;

    public async Task<IViewComponentResult> InvokeAsync(int customerId, bool archived = false)
    {
        var now = clock.GetUtcNow();
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var rows = currentUser.HasPermission(P.Service.View)
            ? await db.ServiceRequests.AsNoTracking().Where(r => r.CustomerId == customerId)
                .OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
                .Take(Limit)
                .Select(r => new CustomerServiceRow(r.Id, r.Number, r.Summary,
                    db.DictionaryItems.Where(d => d.Id == r.TypeId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                    r.Status, r.ReceivedAt, r.DueAt,
                    (r.Status == ServiceRequestStatus.New || r.Status == ServiceRequestStatus.Assigned) && r.DueAt < now))
                .ToListAsync(HttpContext.RequestAborted)
            : [];
        return View(new CustomerServiceViewModel(customerId, rows, !archived && currentUser.HasPermission(P.Service.Edit), Limit));
    }
}
