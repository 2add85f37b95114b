using Crm.Domain.Common;
using Crm.Domain.Service;

namespace Crm.Tests.Domain.Service;

public sealed class QualityComplaintTransitions
{
    private static QualityComplaint Open() =>
        new("ZL00000001", 1, new QualityComplaintDetails(new DateOnly(2026, 4, 10), "外壳开裂", ProblemFoundDate: new DateOnly(2026, 4, 8), ProblemQuantity: 3));

    private static QualityComplaint In(QualityComplaintStatus status)
    {
        var complaint = Open();
        if (status is QualityComplaintStatus.Investigating)
            complaint.StartInvestigation();
        if (status is QualityComplaintStatus.Resolved or QualityComplaintStatus.Closed)
            complaint.Resolve("更换产品");
        if (status is QualityComplaintStatus.Closed)
            complaint.Close();
        return complaint;
    }

    private static void Move(QualityComplaint complaint, QualityComplaintStatus to)
    {
        switch (to)
        {
            case QualityComplaintStatus.Investigating:
                complaint.StartInvestigation();
                break;
            case QualityComplaintStatus.Resolved:
                complaint.Resolve("处理完毕");
                break;
            case QualityComplaintStatus.Closed:
                complaint.Close();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(to));
        }
    }

    [Theory]
    [InlineData(QualityComplaintStatus.Open, QualityComplaintStatus.Investigating)]
    [InlineData(QualityComplaintStatus.Open, QualityComplaintStatus.Resolved)]
    [InlineData(QualityComplaintStatus.Investigating, QualityComplaintStatus.Resolved)]
    [InlineData(QualityComplaintStatus.Resolved, QualityComplaintStatus.Closed)]
    [InlineData(QualityComplaintStatus.Resolved, QualityComplaintStatus.Investigating)]
    public void AnAllowedMoveChangesTheStatus(QualityComplaintStatus from, QualityComplaintStatus to)
    {
        var complaint = In(from);

        Move(complaint, to);

        Assert.Equal(to, complaint.Status);
    }

    [Theory]
    [InlineData(QualityComplaintStatus.Open, QualityComplaintStatus.Closed)]
    [InlineData(QualityComplaintStatus.Investigating, QualityComplaintStatus.Investigating)]
    [InlineData(QualityComplaintStatus.Investigating, QualityComplaintStatus.Closed)]
    [InlineData(QualityComplaintStatus.Resolved, QualityComplaintStatus.Resolved)]
    [InlineData(QualityComplaintStatus.Closed, QualityComplaintStatus.Investigating)]
    [InlineData(QualityComplaintStatus.Closed, QualityComplaintStatus.Resolved)]
    [InlineData(QualityComplaintStatus.Closed, QualityComplaintStatus.Closed)]
    public void ARefusedMoveThrowsAndKeepsTheStatus(QualityComplaintStatus from, QualityComplaintStatus to)
    {
        var complaint = In(from);

        var refused = Assert.Throws<DomainException>(() => Move(complaint, to));

        Assert.Equal("QualityComplaint.StatusTransitionNotAllowed", refused.Code);
        Assert.Equal(from, complaint.Status);
    }

    [Fact]
    public void ResolvingNeedsTheHandlingResult()
    {
        var complaint = Open();

        Assert.Throws<DomainException>(() => complaint.Resolve("  "));

        Assert.Equal(QualityComplaintStatus.Open, complaint.Status);
        Assert.Null(complaint.HandlingResult);
    }

    [Fact]
    public void AClosedComplaintCannotBeEdited()
    {
        var complaint = In(QualityComplaintStatus.Closed);

        var refused = Assert.Throws<DomainException>(() => complaint.Update(new QualityComplaintDetails(new DateOnly(2026, 4, 10), "改写")));

        Assert.Equal("QualityComplaint.Closed", refused.Code);
        Assert.Equal("外壳开裂", complaint.Details);
    }

    [Fact]
    public void AProblemFoundAfterTheFeedbackDateIsRefused()
    {
        var refused = Assert.Throws<DomainException>(() =>
            new QualityComplaint("ZL00000002", 1, new QualityComplaintDetails(new DateOnly(2026, 4, 10), "开裂", ProblemFoundDate: new DateOnly(2026, 4, 11))));

        Assert.Equal("QualityComplaint.FoundAfterFeedback", refused.Code);
    }
}
