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
/// Dashboard widgets of the service desk: "my queue" (open requests I handle) and "overdue" (open requests
/// in scope past their SLA) for handlers, "to assign" (new requests in scope) for managers.
/// Shows nothing without the permission.
/// </summary>
public sealed class ServiceQueueViewComponent(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock) : ViewComponent
{
    public const int Limit = 5;

    /// <param name="kind"><see cref="ServiceRequestViews.Mine"/>, "overdue" or <see cref="ServiceRequestViews.ToAssign"/>.</param>
    public async Task<IViewComponentResult> InvokeAsync(string kind)
    {
        var now = clock.GetUtcNow();
        var me = currentUser.UserId;
        var query = db.ServiceRequests.AsNoTracking();
        string title;
        string view;
        var overdue = false;
        switch (kind)
        {
            case ServiceRequestViews.Mine when currentUser.HasPermission(P.Service.Edit):
                query = query.Where(r => r.HandlerId == me && r.Status == ServiceRequestStatus.Assigned);
                (title, view) = ("ServiceRequests.WidgetMine", ServiceRequestViews.Mine);
                break;
            case "overdue" when currentUser.HasPermission(P.Service.Edit):
                query = query.Where(r => (r.Status == ServiceRequestStatus.New || r.Status == ServiceRequestStatus.Assigned) && r.DueAt < now);
                (title, view, overdue) = ("ServiceRequests.WidgetOverdue", ServiceRequestViews.All, true);
                break;
            case ServiceRequestViews.ToAssign when currentUser.HasPermission(P.Service.Assign):
                query = query.Where(r => r.Status == ServiceRequestStatus.New);
                (title, view) = ("ServiceRequests.WidgetToAssign", ServiceRequestViews.ToAssign);
                break;
            default:
                return Content(string.Empty);
        }

        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var cancellationToken = HttpContext.RequestAborted;
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(Limit)
            .Select(r => new ServiceRequestRow(r.Id, r.Number, r.CustomerId, null,
                db.DictionaryItems.Where(d => d.Id == r.TypeId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == r.PriorityId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                r.Summary, r.Status, r.ReceivedAt, r.DueAt, null,
                (r.Status == ServiceRequestStatus.New || r.Status == ServiceRequestStatus.Assigned) && r.DueAt < now))
            .ToListAsync(cancellationToken);
        return View(new ServiceQueueWidgetModel(title, view, overdue, rows, total, "widget-service-" + kind));
    }
}
