using Crm.Domain.Common;

namespace Crm.Web.Models;

/// <summary>The tabs of the reminders page: open and asking for attention, open and later, done.</summary>
public enum ReminderTab
{
    Due,
    Upcoming,
    Done,
}

/// <summary>How long to snooze: an hour, until 09:00 tomorrow, until 09:00 next Monday, or until a chosen time.</summary>
public enum SnoozeChoice
{
    Hour,
    Tomorrow,
    NextWeek,
    Custom,
}

public sealed record ReminderRow(
    int Id, string Title, string? TitleKey, string? TitleArgs, string? Details, DateTimeOffset DueAt, DateTimeOffset? SnoozedUntil, string? Url,
    ReminderStatus Status, DateTimeOffset? DoneAt)
{
    public DateTimeOffset AttentionAt => SnoozedUntil is { } until && until > DueAt ? until : DueAt;

    public bool IsSnoozed => SnoozedUntil is { } until && until > DueAt;
}

public sealed record RemindersIndexViewModel(
    ReminderTab Tab, IReadOnlyList<ReminderRow> Rows, bool HasMore, int DueCount, int UpcomingCount,
    string SnoozeMinimum, string SnoozeSuggestion);

/// <summary>
/// <see cref="Reminder.IsDue"/> as SQL: AttentionAt (the later of the due time and the snooze) is not a
/// column, so "AttentionAt ≤ now" is written as "both ≤ now", which the (UserId, Status, DueAt) index serves.
/// </summary>
public static class ReminderQueries
{
    public static IQueryable<Reminder> DueAt(this IQueryable<Reminder> reminders, DateTimeOffset now) =>
        reminders.Where(r => r.Status == ReminderStatus.Open && r.DueAt <= now && (r.SnoozedUntil == null || r.SnoozedUntil <= now));

    public static IQueryable<Reminder> UpcomingAt(this IQueryable<Reminder> reminders, DateTimeOffset now) =>
        reminders.Where(r => r.Status == ReminderStatus.Open && (r.DueAt > now || r.SnoozedUntil > now));
}
