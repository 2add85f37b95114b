using Crm.Domain.Common;
using Crm.Domain.Service;

namespace Crm.Tests.Domain.Service;

public sealed class ReturnVisitSurvey
{
    private static readonly DateOnly Today = new(2026, 5, 10);

    private static ReturnVisit Planned() => new(1, new DateOnly(2026, 5, 1), null, Guid.NewGuid(), null, "计划回访");

    [Fact]
    public void TheAverageIsTheMeanOfTheScoresGivenRoundedToTwoPlaces()
    {
        var visit = Planned();

        visit.Complete(new DateOnly(2026, 5, 2), null, null, "回访完成", new SurveyScores(5, 4, 4, null, 3, null), "满意", Today);

        Assert.Equal(ReturnVisitStatus.Done, visit.Status);
        Assert.Equal(4.00m, visit.AverageScore);
        Assert.Equal(3.67m, ReturnVisit.Average(4, 4, 3));
        Assert.Equal(4.5m, ReturnVisit.Average(5, null, 4));
    }

    [Fact]
    public void AVisitWithoutScoresHasNoAverage()
    {
        var visit = Planned();

        visit.Complete(new DateOnly(2026, 5, 2), null, null, "客户未接受调查", new SurveyScores(), null, Today);

        Assert.Null(visit.AverageScore);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void AScoreOutsideOneToFiveIsRefusedAndTheVisitStaysPlanned(int score)
    {
        var visit = Planned();

        var refused = Assert.Throws<DomainException>(() =>
            visit.Complete(new DateOnly(2026, 5, 2), null, null, "回访", new SurveyScores(Timeliness: score), null, Today));

        Assert.Equal("ReturnVisit.ScoreOutOfRange", refused.Code);
        Assert.Equal(ReturnVisitStatus.Planned, visit.Status);
    }

    [Fact]
    public void ADoneOrCancelledVisitCannotBeRecordedOrCancelledAgain()
    {
        var done = Planned();
        done.Complete(new DateOnly(2026, 5, 2), null, null, "回访", new SurveyScores(5), null, Today);
        var cancelled = Planned();
        cancelled.Cancel();

        Assert.Equal("ReturnVisit.NotPlanned", Assert.Throws<DomainException>(() => done.Cancel()).Code);
        Assert.Equal("ReturnVisit.NotPlanned", Assert.Throws<DomainException>(() =>
            cancelled.Complete(new DateOnly(2026, 5, 2), null, null, "回访", new SurveyScores(), null, Today)).Code);
        Assert.Equal(ReturnVisitStatus.Cancelled, cancelled.Status);
    }
}
