using Crm.Domain.Common;

namespace Crm.Domain.Customers;

public enum ChurnWarningStatus
{
    /// <summary>流失预警: the owner works on keeping the customer.</summary>
    Open,

    /// <summary>A new order came; the customer is active again.</summary>
    Recovered,

    /// <summary>确认流失 by a manager.</summary>
    Confirmed,
}

/// <summary>
/// One churn warning of a customer (SPEC §2.2): raised when no order came for the configured months,
/// worked on with retention measures (暂缓措施, append-only), and closed either by a new order or by a
/// manager confirming the churn with a reason. Closed warnings stay as the customer's churn history.
/// </summary>
public sealed class ChurnWarning : AuditableEntity, ICustomerOwned
{
    public const int NoteMaxLength = 500;

    private readonly List<RetentionMeasure> _measures = [];

    private ChurnWarning()
    {
    }

    public ChurnWarning(int customerId, DateTimeOffset? lastOrderAt, int thresholdMonths, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(thresholdMonths, 1);
        CustomerId = customerId;
        LastOrderAt = lastOrderAt;
        ThresholdMonths = thresholdMonths;
        WarnedAt = at;
        Status = ChurnWarningStatus.Open;
    }

    public int CustomerId { get; private set; }

    public DateTimeOffset WarnedAt { get; private set; }

    /// <summary>The customer's last order when the warning was raised.</summary>
    public DateTimeOffset? LastOrderAt { get; private set; }

    /// <summary>The setting in force when the warning was raised.</summary>
    public int ThresholdMonths { get; private set; }

    public ChurnWarningStatus Status { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The order that recovered the customer.</summary>
    public int? RecoveredByOrderId { get; private set; }

    public Guid? ConfirmedBy { get; private set; }

    /// <summary>流失原因, from the dictionary.</summary>
    public int? ReasonId { get; private set; }

    public string? ConfirmationNote { get; private set; }

    public IReadOnlyList<RetentionMeasure> Measures => _measures;

    /// <summary>
    /// Whether a customer whose last order was at <paramref name="lastOrderAt"/> is due for a warning at
    /// <paramref name="now"/>: exactly <paramref name="months"/> months without an order is enough.
    /// </summary>
    public static bool IsDue(DateTimeOffset? lastOrderAt, int months, DateTimeOffset now) =>
        lastOrderAt is { } last && last.AddMonths(months) <= now;

    public RetentionMeasure AddMeasure(DateOnly date, string content, Guid by, DateTimeOffset at)
    {
        EnsureOpen();
        var measure = new RetentionMeasure(date, content, by, at);
        _measures.Add(measure);
        return measure;
    }

    public void Recover(int orderId, DateTimeOffset at)
    {
        EnsureOpen();
        Status = ChurnWarningStatus.Recovered;
        RecoveredByOrderId = orderId;
        ClosedAt = at;
    }

    public void Confirm(int reasonId, string? note, Guid by, DateTimeOffset at)
    {
        EnsureOpen();
        Status = ChurnWarningStatus.Confirmed;
        ReasonId = reasonId;
        ConfirmationNote = Text.Optional(note, NoteMaxLength, "ChurnWarning.ConfirmationNote");
        ConfirmedBy = by;
        ClosedAt = at;
    }

    private void EnsureOpen()
    {
        if (Status != ChurnWarningStatus.Open)
            throw new DomainException("ChurnWarning.NotOpen", Status);
    }
}

/// <summary>暂缓流失措施: what the owner did, and when, to keep the customer. Never changed or deleted.</summary>
public sealed class RetentionMeasure : Entity
{
    public const int ContentMaxLength = 1000;

    private RetentionMeasure()
    {
        Content = string.Empty;
    }

    internal RetentionMeasure(DateOnly date, string content, Guid by, DateTimeOffset at)
    {
        Date = date;
        Content = Text.Required(content, ContentMaxLength, "RetentionMeasure.Content");
        RecordedBy = by;
        RecordedAt = at;
    }

    public int ChurnWarningId { get; private set; }

    public DateOnly Date { get; private set; }

    public string Content { get; private set; }

    public Guid RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }
}
