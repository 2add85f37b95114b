using Crm.Domain.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Customers.Controllers;

/// <summary>
/// "My tasks": the current user's open customer tasks, soonest due first. A task assigned to the user is
/// theirs to see even on a customer outside their scope; the customer is then named but not linked.
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.View)]
public sealed class TasksController(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock) : Controller
{
    public const int Limit = 500;

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var me = currentUser.UserId;
        var now = clock.GetUtcNow();
        var rows = await db.CustomerTasks.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AsNoTracking()
            .Where(t => t.AssigneeId == me && (t.Status == CustomerTaskStatus.Open || t.Status == CustomerTaskStatus.InProgress))
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(Limit)
            .Join(db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]), t => t.CustomerId, c => c.Id,
                (t, c) => new { t.Id, t.Title, t.Status, t.DueAt, t.CustomerId, c.Code, c.Name, Feedback = t.Feedback!.Summary })
            .ToListAsync(cancellationToken);

        var customerIds = rows.Select(r => r.CustomerId).Distinct().ToList();
        var visible = (await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        var list = rows
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .Select(r => new MyTaskRow(r.Id, r.Title, r.Status, r.DueAt, r.DueAt < now, r.CustomerId, r.Code, r.Name, visible.Contains(r.CustomerId), r.Feedback))
            .ToList();
        return View(new MyTasksViewModel(list, list.Count(r => r.Overdue)));
    }
}
