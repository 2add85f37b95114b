using Crm.Domain.Common;
using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>An approval request (审批) is decided once, by someone other than the requester; a rejection says why.</summary>
public sealed class ApprovalTests
{
    private static readonly DateTimeOffset Later = Now.AddHours(3);

    private static Approval Pending(string summary = "华为 MateBook X 70.00 低于最低限价 80.00") =>
        new(ApprovalKind.OrderPrice, subjectId: 42, "SO202603100001", CustomerId, summary, 140m, requestedBy: Zhang, OrgUnitId, Now);

    private static Approval InStatus(ApprovalStatus status)
    {
        var approval = Pending();
        switch (status)
        {
            case ApprovalStatus.Approved:
                approval.Approve(Manager, null, Now);
                break;
            case ApprovalStatus.Rejected:
                approval.Reject(Manager, "价格太低", Now);
                break;
            case ApprovalStatus.Withdrawn:
                approval.Withdraw(Now);
                break;
        }

        return approval;
    }

    [Fact]
    public void NewRequestIsPendingInTheRequestersNameAndUnit()
    {
        var approval = Pending("  华为 MateBook X 低于最低限价  ");

        Assert.Equal((ApprovalStatus.Pending, (Guid?)Zhang, OrgUnitId, Now), (approval.Status, approval.OwnerId, approval.OrgUnitId, approval.RequestedAt));
        Assert.Equal((ApprovalKind.OrderPrice, 42, "SO202603100001", CustomerId, 140m), (approval.Kind, approval.SubjectId, approval.SubjectNumber, approval.CustomerId, approval.Amount));
        Assert.Equal("华为 MateBook X 低于最低限价", approval.Summary);
        Assert.Null(approval.DecidedBy);
    }

    [Fact]
    public void LongSummaryIsCutToItsMaximum()
    {
        var approval = Pending(new string('价', Approval.SummaryMaxLength + 20));

        Assert.Equal(Approval.SummaryMaxLength, approval.Summary.Length);
    }

    [Fact]
    public void SubjectNumberIsRequired()
    {
        Assert.Equal("Field.Required", Refusal(() => _ = new Approval(ApprovalKind.Return, 9, " ", CustomerId, "退货", 100m, Zhang, OrgUnitId, Now)));
    }

    [Fact]
    public void ApprovalRecordsWhoDecidedWhenAndTheOptionalComment()
    {
        var approval = Pending();

        approval.Approve(Manager, " 战略客户 ", Later);

        Assert.Equal((ApprovalStatus.Approved, (Guid?)Manager, (DateTimeOffset?)Later, "战略客户"),
            (approval.Status, approval.DecidedBy, approval.DecidedAt, approval.Comment));
    }

    [Fact]
    public void ApprovalWithoutCommentKeepsNone()
    {
        var approval = Pending();

        approval.Approve(Manager, "   ", Later);

        Assert.Null(approval.Comment);
    }

    [Fact]
    public void RejectionRecordsTheReason()
    {
        var approval = Pending();

        approval.Reject(Manager, "低于成本价", Later);

        Assert.Equal((ApprovalStatus.Rejected, (Guid?)Manager, (DateTimeOffset?)Later, "低于成本价"),
            (approval.Status, approval.DecidedBy, approval.DecidedAt, approval.Comment));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void RejectionWithoutCommentIsRefused(string? comment)
    {
        var approval = Pending();

        Assert.Equal("Approval.RejectionNeedsComment", Refusal(() => approval.Reject(Manager, comment, Later)));
        Assert.Equal((ApprovalStatus.Pending, (Guid?)null), (approval.Status, approval.DecidedBy));
    }

    [Fact]
    public void NobodyDecidesTheirOwnRequest()
    {
        var approval = Pending();

        Assert.Equal("Approval.OwnRequest", Refusal(() => approval.Approve(Zhang, null, Later)));
        Assert.Equal("Approval.OwnRequest", Refusal(() => approval.Reject(Zhang, "算了", Later)));
        Assert.Equal((ApprovalStatus.Pending, (Guid?)null, (DateTimeOffset?)null), (approval.Status, approval.DecidedBy, approval.DecidedAt));
    }

    [Fact]
    public void WithdrawnRequestIsClosedWithoutADecider()
    {
        var approval = Pending();

        approval.Withdraw(Later);

        Assert.Equal((ApprovalStatus.Withdrawn, (Guid?)null, (DateTimeOffset?)Later), (approval.Status, approval.DecidedBy, approval.DecidedAt));
    }

    [Theory]
    [InlineData(ApprovalStatus.Approved)]
    [InlineData(ApprovalStatus.Rejected)]
    [InlineData(ApprovalStatus.Withdrawn)]
    public void OnlyAPendingRequestCanBeApprovedRejectedOrWithdrawn(ApprovalStatus status)
    {
        var approval = InStatus(status);
        var before = (approval.DecidedBy, approval.DecidedAt, approval.Comment);

        var errors = new[]
        {
            Assert.Throws<DomainException>(() => approval.Approve(Manager, "再批", Later)),
            Assert.Throws<DomainException>(() => approval.Reject(Manager, "再驳", Later)),
            Assert.Throws<DomainException>(() => approval.Withdraw(Later)),
        };

        Assert.All(errors, e => Assert.Equal(("Approval.NotPending", (object)status), (e.Code, e.Arguments[0])));
        Assert.Equal(status, approval.Status);
        Assert.Equal(before, (approval.DecidedBy, approval.DecidedAt, approval.Comment));
    }

    [Fact]
    public void TooLongCommentIsRefused()
    {
        var approval = Pending();

        Assert.Equal("Field.TooLong", Refusal(() => approval.Approve(Manager, new string('批', Approval.CommentMaxLength + 1), Later)));
        Assert.Equal(ApprovalStatus.Pending, approval.Status);
    }
}
