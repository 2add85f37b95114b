using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Crm.Domain.Common;

public enum ReminderStatus
{
    Open,
    Done,
}

/// <summary>
/// A title written by the system: a resource key, its arguments (record numbers, names, counts — never
/// texts to translate) and the zh-CN rendering, which is what <see cref="Reminder.Title"/> stores.
/// </summary>
public sealed record ReminderTitle
{
    private ReminderTitle(string key, IReadOnlyList<string> arguments, string text)
    {
        Key = key;
        Arguments = arguments;
        Text = text;
    }

    public string Key { get; }

    public IReadOnlyList<string> Arguments { get; }

    public string Text { get; }

    /// <param name="key">The resource key whose texts take the arguments as {0}, {1}, ….</param>
    /// <param name="chineseFormat">The zh-CN text of that key, so that the stored title reads as before.</param>
    public static ReminderTitle Of(string key, string chineseFormat, params string[] arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(chineseFormat);
        ArgumentNullException.ThrowIfNull(arguments);
        if (key.Length > Reminder.TitleKeyMaxLength)
            throw new ArgumentException("The key is longer than a reminder keeps.", nameof(key));
        var kept = arguments.Select(a => a ?? string.Empty).ToArray();
        return new ReminderTitle(key, kept, string.Format(CultureInfo.InvariantCulture, chineseFormat, kept));
    }
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
    public const int TitleKeyMaxLength = 100;
    public const int TitleArgsMaxLength = 1000;

    // Readable JSON: Chinese names stay characters, not \uXXXX escapes that would eat the length.
    private static readonly JsonSerializerOptions ArgsJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    /// <summary>A reminder the system writes: shown in the reader's language, stored with its zh-CN text as the title.</summary>
    public Reminder(Guid userId, ReminderTitle title, DateTimeOffset dueAt, string? url = null, string? details = null, string? sourceType = null, string? sourceKey = null)
        : this(userId, (title ?? throw new ArgumentNullException(nameof(title))).Text, dueAt, url, details, sourceType, sourceKey)
    {
        // An argument is never longer than the title it renders into; a title that still does not fit
        // its column keeps only the zh-CN text rather than refusing the reminder.
        var json = JsonSerializer.Serialize(title.Arguments.Select(a => a.Length > TitleMaxLength ? a[..TitleMaxLength] : a), ArgsJson);
        if (json.Length > TitleArgsMaxLength)
            return;
        TitleKey = title.Key;
        TitleArgs = title.Arguments.Count == 0 ? null : json;
    }

    public Guid UserId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The resource key of a system-written title; null for titles a user wrote (and for reminders older than keys).</summary>
    public string? TitleKey { get; private set; }

    /// <summary>The arguments of <see cref="TitleKey"/> as a JSON array of strings.</summary>
    public string? TitleArgs { get; private set; }

    public string? Details { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    /// <summary>A local link to the record the reminder is about.</summary>
    public string? Url { get; private set; }

    /// <summary>What created it (e.g. "Interaction", "CustomerTask") and which record, so a module can update or close it.</summary>
    public string? SourceType { get; private set; }

    public string? SourceKey { get; private set; }

    public ReminderStatus Status { get; private set; }

    /// <summary>The arguments of <see cref="TitleKey"/>, empty when there are none.</summary>
    public static IReadOnlyList<string> ArgumentsOf(string? titleArgs)
    {
        if (string.IsNullOrEmpty(titleArgs))
            return [];
        try
        {
            return JsonSerializer.Deserialize<string[]>(titleArgs) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

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
