using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Web.Areas.Marketing.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.ViewComponents;

/// <summary>A due reminder on the dashboard's to-do card.</summary>
public sealed record TodoReminderRow(int Id, string Title, string? TitleKey, string? TitleArgs, DateTimeOffset DueAt, string? Url);

/// <summary>
/// The dashboard's to-do card (待办, SPEC §2.5): the user's due reminders, the approvals waiting for them and
/// the opportunity plan steps due today or earlier. Each part is one bounded statement and appears only with
/// its permission; an empty card says there is nothing to do.
/// </summary>
public sealed record DashboardTodoViewModel(
    IReadOnlyList<TodoReminderRow> Reminders,
    int RemindersDue,
    int? ApprovalsPending,
    IReadOnlyList<PlanFollowUpRow>? FollowUps)
{
    public const int Take = 5;

    public bool IsEmpty => RemindersDue == 0 && (ApprovalsPending ?? 0) == 0 && (FollowUps?.Count ?? 0) == 0;
}

public sealed class DashboardTodoViewComponent(CrmDbContext db, ICurrentUser currentUser, TimeProvider time, UserClock clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = currentUser.UserId ?? throw new InvalidOperationException("The dashboard needs a signed-in user.");
        var cancellationToken = HttpContext.RequestAborted;
        var now = time.GetUtcNow();
        var due = db.Reminders.AsNoTracking().Where(r => r.UserId == userId).DueAt(now);
        var reminders = await due
            .OrderBy(r => r.SnoozedUntil != null && r.SnoozedUntil > r.DueAt ? r.SnoozedUntil.Value : r.DueAt).ThenBy(r => r.Id)
            .Take(DashboardTodoViewModel.Take)
            .Select(r => new TodoReminderRow(r.Id, r.Title, r.TitleKey, r.TitleArgs, r.DueAt, r.Url))
            .ToListAsync(cancellationToken);
        var remindersDue = reminders.Count < DashboardTodoViewModel.Take ? reminders.Count : await due.CountAsync(cancellationToken);

        var kinds = Enum.GetValues<ApprovalKind>().Where(k => currentUser.HasPermission(ApprovalService.PermissionFor(k))).ToList();
        int? approvals = kinds.Count == 0
            ? null
            : await db.Approvals.CountAsync(a => kinds.Contains(a.Kind) && a.Status == ApprovalStatus.Pending, cancellationToken);

        IReadOnlyList<PlanFollowUpRow>? followUps = currentUser.HasPermission(Permissions.Opportunities.View)
            ? await OpportunityQueries.FollowUpsDueAsync(db, userId, DateOnly.FromDateTime(clock.ToLocal(now).DateTime), DashboardTodoViewModel.Take, cancellationToken)
            : null;
        return View(new DashboardTodoViewModel(reminders, remindersDue, approvals, followUps));
    }
}

/// <summary>The "my pipeline" card: the user's open opportunities, soonest close first, and — for managers — how many wait to be assigned.</summary>
public sealed record DashboardPipelineViewModel(IReadOnlyList<OpportunitySummaryRow> Mine, int? Unassigned);

public sealed class DashboardPipelineViewComponent(CrmDbContext db, ICurrentUser currentUser) : ViewComponent
{
    public const int Take = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!currentUser.HasPermission(Permissions.Opportunities.View) || currentUser.UserId is not { } userId)
            return Content(string.Empty);
        var cancellationToken = HttpContext.RequestAborted;
        var mine = await OpportunityQueries.MyOpenAsync(db, userId, Take, cancellationToken);
        int? unassigned = currentUser.HasPermission(Permissions.Opportunities.Assign)
            ? await OpportunityQueries.UnassignedCountAsync(db, cancellationToken)
            : null;
        return View(new DashboardPipelineViewModel(mine, unassigned));
    }
}

/// <summary>A customer on the churn card: the warning, the customer and how long ago it was raised.</summary>
public sealed record DashboardChurnRow(int WarningId, int CustomerId, string Customer, DateTimeOffset WarnedAt, int Measures);

/// <summary>The churn card: open churn warnings in the user's scope (the owner's own, a manager's team's), oldest first.</summary>
public sealed record DashboardChurnViewModel(IReadOnlyList<DashboardChurnRow> Rows, int Open);

public sealed class DashboardChurnViewComponent(CrmDbContext db, ICurrentUser currentUser) : ViewComponent
{
    public const int Take = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!currentUser.HasPermission(Permissions.Customers.View))
            return Content(string.Empty);
        var cancellationToken = HttpContext.RequestAborted;
        var open = db.ChurnWarnings.AsNoTracking().Where(w => w.Status == ChurnWarningStatus.Open);
        var rows = await open.OrderBy(w => w.WarnedAt).ThenBy(w => w.Id).Take(Take)
            .Select(w => new DashboardChurnRow(w.Id, w.CustomerId,
                db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).FirstOrDefault() ?? string.Empty,
                w.WarnedAt, w.Measures.Count))
            .ToListAsync(cancellationToken);
        var count = rows.Count < Take ? rows.Count : await open.CountAsync(cancellationToken);
        return View(new DashboardChurnViewModel(rows, count));
    }
}
