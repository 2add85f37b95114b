using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Service;

/// <summary>
/// 客户回访: planning a visit reminds the visitor on the planned day; recording or cancelling it closes the
/// open reminders that link to it (whoever made them — the request archive makes some too).
/// </summary>
public sealed class VisitService(CrmDbContext db, TimeProvider clock)
{
    public const string ReminderSource = "ReturnVisit";

    public static string LinkOf(int visitId) => $"/Service/Visits/Details/{visitId}";

    /// <summary>Saves a new planned visit and its reminder for the visitor (due at the start of the planned day, UTC).</summary>
    public async Task<ReturnVisit> PlanAsync(ReturnVisit visit, string customerName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        db.ReturnVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        var due = new DateTimeOffset(visit.PlannedDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        db.Reminders.Add(new Reminder(visit.VisitorId, ReminderTitles.ReturnVisit(customerName), due, LinkOf(visit.Id),
            details: visit.Content, sourceType: ReminderSource, sourceKey: visit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(cancellationToken);
        return visit;
    }

    public Task CompleteAsync(ReturnVisit visit, DateOnly actualDate, int? methodId, int? contactId, string content, SurveyScores scores, string? comments,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        visit.Complete(actualDate, methodId, contactId, content, scores, comments);
        return CloseRemindersAndSaveAsync(visit, cancellationToken);
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
