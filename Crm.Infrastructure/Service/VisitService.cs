using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Crm.Infrastructure.Service;

/// <summary>
/// 客户回访: planning a visit reminds the visitor on the planned day; recording or cancelling it closes the
/// open reminders that link to it (whoever made them — the request archive makes some too); rescheduling
/// moves them to the new day. Days are the organisation's (<see cref="ServiceCalendar"/>).
/// </summary>
public sealed class VisitService(CrmDbContext db, TimeProvider clock, IConfiguration configuration)
{
    public const string ReminderSource = "ReturnVisit";

    public static string LinkOf(int visitId) => $"/Service/Visits/Details/{visitId}";

    /// <summary>The organisation's day now.</summary>
    public DateOnly Today => ServiceCalendar.Today(clock, configuration);

    /// <summary>Saves a new planned visit and its reminder for the visitor (due at the start of the planned day, local time).</summary>
    public async Task<ReturnVisit> PlanAsync(ReturnVisit visit, string customerName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        db.ReturnVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        var due = ServiceCalendar.StartOfDay(visit.PlannedDate, configuration);
        db.Reminders.Add(new Reminder(visit.VisitorId, ReminderTitles.ReturnVisit(customerName), due, LinkOf(visit.Id),
            details: visit.Content, sourceType: ReminderSource, sourceKey: visit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(cancellationToken);
        return visit;
    }

    public Task CompleteAsync(ReturnVisit visit, DateOnly actualDate, int? methodId, int? contactId, string content, SurveyScores scores, string? comments,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        visit.Complete(actualDate, methodId, contactId, content, scores, comments, Today);
        return CloseRemindersAndSaveAsync(visit, cancellationToken);
    }

    /// <summary>改期: the visit moves to another day (not in the past) with a reason; its open reminders move with it.</summary>
    public async Task RescheduleAsync(ReturnVisit visit, DateOnly plannedDate, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        visit.Reschedule(plannedDate, reason, Today);
        var link = LinkOf(visit.Id);
        var due = ServiceCalendar.StartOfDay(plannedDate, configuration);
        foreach (var reminder in await db.Reminders.Where(r => r.Url == link && r.Status == ReminderStatus.Open).ToListAsync(cancellationToken))
            reminder.Reschedule(due);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task CancelAsync(ReturnVisit visit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        visit.Cancel();
        return CloseRemindersAndSaveAsync(visit, cancellationToken);
    }

    private async Task CloseRemindersAndSaveAsync(ReturnVisit visit, CancellationToken cancellationToken)
    {
        var link = LinkOf(visit.Id);
        var now = clock.GetUtcNow();
        // Reminders belong to their users; the visit closes them whoever records it.
        foreach (var reminder in await db.Reminders.Where(r => r.Url == link && r.Status == ReminderStatus.Open).ToListAsync(cancellationToken))
            reminder.MarkDone(now);
        await db.SaveChangesAsync(cancellationToken);
    }
}
