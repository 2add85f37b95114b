using Crm.Domain.Common;

namespace Crm.Domain.Sales;

/// <summary>
/// 审批: a request for a manager's decision — prices below the floor on a quote or order, or a return.
/// It sits in the requester's org unit, so the managers whose scope covers that unit see it in their
/// to-do list; nobody decides their own request.
/// </summary>
public sealed class Approval : AuditableEntity, IDataScoped
{
    public const int SubjectNumberMaxLength = 20;
    public const int SummaryMaxLength = 300;
    public const int CommentMaxLength = 500;

    private Approval()
    {
        SubjectNumber = string.Empty;
        Summary = string.Empty;
    }

    public Approval(ApprovalKind kind, int subjectId, string subjectNumber, int customerId, string summary, decimal amount, Guid requestedBy, int orgUnitId, DateTimeOffset at)
        : this()
    {
        Kind = kind;
        SubjectId = subjectId;
        SubjectNumber = Text.Required(subjectNumber, SubjectNumberMaxLength, "Approval.SubjectNumber");
        CustomerId = customerId;
        var text = summary?.Trim() ?? string.Empty;
        Summary = text.Length > SummaryMaxLength ? text[..SummaryMaxLength] : text;
        Amount = amount;
        OwnerId = requestedBy;
        OrgUnitId = orgUnitId;
        RequestedAt = at;
        Status = ApprovalStatus.Pending;
    }

    public ApprovalKind Kind { get; private set; }

    /// <summary>The quote, order or return (by <see cref="Kind"/>).</summary>
    public int SubjectId { get; private set; }

    public string SubjectNumber { get; private set; }

    public int CustomerId { get; private set; }

    public string Summary { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The requester.</summary>
    public Guid? OwnerId { get; private set; }

    public int OrgUnitId { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public ApprovalStatus Status { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? Comment { get; private set; }

    public void Approve(Guid by, string? comment, DateTimeOffset at) => Decide(ApprovalStatus.Approved, by, comment, at);

    /// <summary>A rejection says why, so the requester can act on it.</summary>
    public void Reject(Guid by, string? comment, DateTimeOffset at)
    {
        EnsurePending();
        if (string.IsNullOrWhiteSpace(comment))
            throw new DomainException("Approval.RejectionNeedsComment");
        Decide(ApprovalStatus.Rejected, by, comment, at);
    }

    /// <summary>The document changed, so this request no longer describes it.</summary>
    public void Withdraw(DateTimeOffset at)
    {
        EnsurePending();
        Status = ApprovalStatus.Withdrawn;
        DecidedAt = at;
    }

    private void Decide(ApprovalStatus outcome, Guid by, string? comment, DateTimeOffset at)
    {
        EnsurePending();
        if (OwnerId == by)
            throw new DomainException("Approval.OwnRequest");
        Comment = Text.Optional(comment, CommentMaxLength, "Approval.Comment");
        Status = outcome;
        DecidedBy = by;
        DecidedAt = at;
    }

    private void EnsurePending()
    {
        if (Status != ApprovalStatus.Pending)
            throw new DomainException("Approval.NotPending", Status);
    }
}
