namespace Crm.Domain.Customers;

/// <summary>One claim, release, recycle or assignment of a customer, kept for its history (SPEC §2.2 公海).</summary>
public sealed class CustomerPoolEvent
{
    public const int ReasonMaxLength = 200;

    private CustomerPoolEvent()
    {
    }

    internal CustomerPoolEvent(PoolEventKind kind, Guid? fromUserId, Guid? toUserId, Guid? byUserId, DateTimeOffset at, string? reason)
    {
        Kind = kind;
        FromUserId = fromUserId;
        ToUserId = toUserId;
        ByUserId = byUserId;
        At = at;
        Reason = reason is { Length: > ReasonMaxLength } ? reason[..ReasonMaxLength] : reason;
    }

    public long Id { get; private set; }

    public int CustomerId { get; private set; }

    public PoolEventKind Kind { get; private set; }

    public Guid? FromUserId { get; private set; }

    public Guid? ToUserId { get; private set; }

    /// <summary>Who did it; null for the recycling job.</summary>
    public Guid? ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Reason { get; private set; }
}
