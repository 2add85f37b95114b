using System.ComponentModel.DataAnnotations;
using Crm.Domain.Sales;
using Crm.Web.Infrastructure.Lists;

namespace Crm.Web.Models;

/// <summary>The tabs of the approvals page: waiting for a decision (待审批), and decided (history).</summary>
public enum ApprovalTab
{
    Pending,
    Decided,
}

public enum ApprovalDecision
{
    Approve,
    Reject,
}

/// <summary>One approval request as the approver's list shows it.</summary>
public sealed record ApprovalRow(
    int Id, ApprovalKind Kind, int SubjectId, string SubjectNumber, string? CustomerName, string Summary, decimal Amount,
    string? RequestedBy, bool IsOwn, DateTimeOffset RequestedAt, ApprovalStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt,
    string? Comment, Guid Version)
{
    public string Link => Crm.Infrastructure.Sales.ApprovalService.LinkOf(Kind, SubjectId);
}

public sealed record ApprovalsIndexViewModel(ApprovalTab Tab, Paged<ApprovalRow> Rows, int PendingCount, bool PendingCountCapped);

/// <summary>The posted decision on one request: approve or reject, with a comment (required to reject).</summary>
public sealed class ApprovalDecisionModel
{
    [Required(ErrorMessage = "Validation.Required")]
    public ApprovalDecision? Decision { get; set; }

    [StringLength(Approval.CommentMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Approval.Comment")]
    public string? Comment { get; set; }

    public Guid Version { get; set; }
}
