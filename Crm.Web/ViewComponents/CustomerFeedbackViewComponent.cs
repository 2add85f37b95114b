using System.Globalization;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.ViewComponents;

/// <summary>
/// The feedback tab of the customer-360 page (客户反馈与任务): feedback newest first with their tasks and
/// the forms that split tasks off and move them along. Reads through the customer's data scope, so a
/// customer the user may not see shows nothing.
/// </summary>
public sealed class CustomerFeedbackViewComponent(
    CrmDbContext db, CustomerService customers, ICurrentUser currentUser, UserClock clock, TimeProvider time) : ViewComponent
{
    public const int Limit = 100;

    /// <param name="customerId">The customer whose feedback is shown.</param>
    /// <param name="status">The customer's status when the page has already read it (the 360); otherwise it is read here.</param>
    public async Task<IViewComponentResult> InvokeAsync(int customerId, CustomerStatus? status = null)
    {
        var cancellationToken = HttpContext.RequestAborted;
        status ??= await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => (CustomerStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);

        // Feedback and their tasks in one statement (a join), names included.
        var feedback = await db.Feedbacks.AsNoTracking().Where(f => f.CustomerId == customerId)
            .OrderByDescending(f => f.ReceivedAt).ThenByDescending(f => f.Id)
            .Take(Limit)
            .Select(f => new
            {
                f.Id, f.ReceivedAt, f.Summary, f.Details,
                Contact = db.Contacts.Where(c => c.Id == f.ContactId).Select(c => c.Name).FirstOrDefault(),
                RecordedBy = db.Users.Where(u => u.Id == f.CreatedBy).Select(u => u.DisplayName).FirstOrDefault(),
                Tasks = db.CustomerTasks.Where(t => t.FeedbackId == f.Id)
                    .Select(t => new
                    {
                        t.Id, t.Title, t.AssigneeId, t.DueAt, t.Status, t.CompletedAt,
                        Assignee = db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                    })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();

        var canEdit = status is { } s && s != CustomerStatus.Archived && currentUser.HasPermission(P.Customers.Edit);
        // The assignee lists belong to the forms inside the feedback cards: none without feedback.
        IReadOnlyList<SelectListItem> assignees = canEdit && feedback.Count > 0
            ? (await customers.AssignableOwnerListAsync(cancellationToken))
                .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString(), u.Id == currentUser.UserId))
                .ToList()
            : [];
        var due = clock.ToLocal(now.AddDays(1));
        return View(new CustomerFeedbackViewModel(
            customerId,
            feedback.Select(f => new FeedbackItem(f.Id, f.ReceivedAt, f.Contact, f.Summary, f.Details, f.RecordedBy,
                f.Tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id)
                    .Select(t => new TaskItem(t.Id, t.Title, t.AssigneeId, t.Assignee, t.DueAt, t.Status, t.CompletedAt,
                        t.Status is CustomerTaskStatus.Open or CustomerTaskStatus.InProgress && t.DueAt < now))
                    .ToList())).ToList(),
            canEdit,
            assignees,
            due.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            $"{Request.PathBase}{Request.Path}{Request.QueryString}#feedback"));
    }
}
