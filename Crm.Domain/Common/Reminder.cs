namespace Crm.Domain.Common;

public enum ReminderStatus
{
    Open,
    Done,
}

/// <summary>
/// Something a user must do at a time (提醒): a follow-up, a due task, a contract renewal. Modules create
/// them; only the user they are for sees them, marks them done or snoozes them.
/// </summary>
public sealed class Reminder : AuditableEntity
{
    public const int TitleMaxLength = 200;
    public const int DetailsMaxLength = 1000;
    public const int UrlMaxLength = 300;
    public const int SourceMaxLength = 50;

    private Reminder()
    {
        Title = string.Empty;
    }

    public Reminder(Guid userId, string title, DateTimeOffset dueAt, string? url = null, string? details = null, string? sourceType = null, string? sourceKey = null)
    {
        var trimmed = title?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException("Reminder.TitleRequired");
        if (url is not null && !(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)))
            throw new DomainException("Reminder.UrlMustBeLocal");
        UserId = userId;
        Title = trimmed.Length > TitleMaxLength ? trimmed[..TitleMaxLength] : trimmed;
        Details = details is { Length: > DetailsMaxLength } ? details[..DetailsMaxLength] : details;
        DueAt = dueAt;
        Url = url;
        SourceType = sourceType;
        SourceKey = sourceKey;
        Status = ReminderStatus.Open;
    }

    public Guid UserId { get; private set; }

    public string Title { get; private set; }

    public string? Details { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    /// <summary>A local link to the record the reminder is about.</summary>
    public string? Url { get; private set; }

    /// <summary>What created it (e.g. "Interaction", "CustomerTask") and which record, so a module can update or close it.</summary>
    public string? SourceType { get; private set; }

    public string? SourceKey { get; private set; }

    public ReminderStatus Status { get; private set; }

    public DateTimeOffset? SnoozedUntil { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    /// <summary>When it next asks for attention: the due time, or the end of a snooze.</summary>
    public DateTimeOffset AttentionAt => SnoozedUntil is { } until && until > DueAt ? until : DueAt;

    public bool IsDue(DateTimeOffset now) => Status == ReminderStatus.Open && AttentionAt <= now;

    public void MarkDone(DateTimeOffset now)
    {
        if (Status == ReminderStatus.Done)
            throw new DomainException("Reminder.AlreadyDone");
        Status = ReminderStatus.Done;
        DoneAt = now;
    }

    public void Reopen()
    {
        if (Status != ReminderStatus.Done)
            throw new DomainException("Reminder.NotDone");
        Status = ReminderStatus.Open;
        DoneAt = null;
    }

    public void Snooze(DateTimeOffset until, DateTimeOffset now)
    {
        if (Status == ReminderStatus.Done)
            throw new DomainException("Reminder.AlreadyDone");
        if (until <= now)
            throw new DomainException("Reminder.SnoozeMustBeLater");
        SnoozedUntil = until;
    }

    /// <summary>Moves the due time, as when the follow-up date of the source record changes.</summary>
    public void Reschedule(DateTimeOffset dueAt)
    {
        DueAt = dueAt;
        SnoozedUntil = null;
    }
}
