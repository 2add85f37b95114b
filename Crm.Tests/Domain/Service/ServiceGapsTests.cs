using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Infrastructure.Service;

namespace Crm.Tests.Domain.Service;

/// <summary>
/// The service gaps of issue #8: feedback events keep their satisfaction, a contract gives a case back, assigning
/// keeps the request's org unit, handling an unassigned request says so, visits are rescheduled and never recorded
/// in the future, and the organisation's day is the local one.
/// </summary>
public sealed class ServiceGapsTests
{
    private static readonly Guid Creator = Guid.NewGuid();
    private static readonly Guid Manager = Guid.NewGuid();
    private static readonly Guid Handler = Guid.NewGuid();
    private static readonly DateTimeOffset Received = new(2026, 3, 10, 1, 30, 0, TimeSpan.Zero);

    private static ServiceRequest New() => new("FW00000001", 1, 10, 20, 24, "打印机卡纸", null, Creator, 5, Received);

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void EveryFeedbackEventKeepsItsSatisfactionAndOtherMovesNone()
    {
        var request = New();
        request.Assign(Handler, Manager, Received.AddHours(1));
        request.Handle(Handler, "远程指导", 10, Received.AddHours(2));
        request.RecordFeedback(Creator, "没修好", 2, Received.AddHours(3));
        request.Handle(Handler, "上门维修", 30, Received.AddHours(4));
        request.RecordFeedback(Creator, "满意", 5, Received.AddHours(5));

        var given = request.Events.Where(e => e.Satisfaction is not null).Select(e => (e.ToStatus, e.Satisfaction)).ToList();
        Assert.Equal([(ServiceRequestStatus.FeedbackGiven, (int?)2), (ServiceRequestStatus.FeedbackGiven, (int?)5)], given);
        Assert.Equal(5, request.Satisfaction);
        Assert.All(request.Events.Where(e => e.ToStatus != ServiceRequestStatus.FeedbackGiven), e => Assert.Null(e.Satisfaction));
    }

    [Fact]
    public void AssigningKeepsTheRequestsOrgUnitAndMakesTheHandlerItsOwner()
    {
        var request = New();

        request.Assign(Handler, Manager, Received.AddHours(1));
        request.Assign(Guid.NewGuid(), Manager, Received.AddHours(2));

        Assert.Equal(5, request.OrgUnitId);
        Assert.Equal(request.HandlerId, request.OwnerId);
    }

    [Fact]
    public void HandlingAnUnassignedRequestAsksToAssignItFirst()
    {
        var request = New();

        Assert.Equal("ServiceRequest.NotAssigned", Code(() => request.Handle(Creator, "我来", 5, Received.AddHours(1))));
        request.Assign(Handler, Manager, Received.AddHours(1));
        Assert.Equal("ServiceRequest.OnlyHandler", Code(() => request.Handle(Creator, "我来", 5, Received.AddHours(2))));
    }

    [Fact]
    public void AReleasedCaseIsGivenBackAndCanBeUsedAgain()
    {
        var contract = new ServiceContract("HT00000001", 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), ServiceLevel.Standard, 1);
        contract.UseCase(new DateOnly(2026, 3, 1));
        Assert.Equal(0, contract.CasesLeft);

        contract.ReleaseCase();

        Assert.Equal((0, (int?)1), (contract.CasesUsed, contract.CasesLeft));
        contract.UseCase(new DateOnly(2026, 3, 2));
        Assert.Equal(1, contract.CasesUsed);
    }

    [Fact]
    public void ACaseIsReleasedEvenAfterTheTermAndForAnUnlimitedContract()
    {
        var contract = new ServiceContract("HT00000002", 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), ServiceLevel.Basic, null);
        contract.UseCase(new DateOnly(2026, 1, 31));

        contract.ReleaseCase();

        Assert.Equal(0, contract.CasesUsed);
    }

    [Fact]
    public void NothingUsedNothingToReleaseAndTheCountNeverGoesBelowZero()
    {
        var contract = new ServiceContract("HT00000003", 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), ServiceLevel.Standard, 3);

        Assert.Equal("ServiceContract.NoCaseUsed", Code(contract.ReleaseCase));
        contract.UseCase(new DateOnly(2026, 2, 1));
        contract.ReleaseCase();
        Assert.Equal("ServiceContract.NoCaseUsed", Code(contract.ReleaseCase));
        Assert.Equal(0, contract.CasesUsed);
    }

    private static readonly DateOnly Today = new(2026, 7, 1);

    private static ReturnVisit Visit() => new(1, new DateOnly(2026, 7, 3), null, Guid.NewGuid(), 9, "回访");

    [Fact]
    public void APlannedVisitIsRescheduledWithItsReasonAndTheDayItMovedFrom()
    {
        var visit = Visit();

        visit.Reschedule(new DateOnly(2026, 7, 10), "客户出差", Today);

        Assert.Equal((new DateOnly(2026, 7, 10), (DateOnly?)new DateOnly(2026, 7, 3), "客户出差"), (visit.PlannedDate, visit.RescheduledFrom, visit.RescheduleReason));
        Assert.Equal(ReturnVisitStatus.Planned, visit.Status);
    }

    [Fact]
    public void ReschedulingIsRefusedIntoThePastToTheSameDayWithoutAReasonAndOnceDone()
    {
        var visit = Visit();

        Assert.Equal("ReturnVisit.PlannedInPast", Code(() => visit.Reschedule(Today.AddDays(-1), "晚了", Today)));
        Assert.Equal("ReturnVisit.SamePlannedDate", Code(() => visit.Reschedule(visit.PlannedDate, "同一天", Today)));
        Assert.Throws<DomainException>(() => visit.Reschedule(Today.AddDays(5), " ", Today));
        visit.Reschedule(Today, "提前到今天", Today);
        visit.Complete(Today, null, null, "已回访", new SurveyScores(5), null, Today);
        Assert.Equal("ReturnVisit.NotPlanned", Code(() => visit.Reschedule(Today.AddDays(3), "再改", Today)));
        Assert.Equal(Today, visit.PlannedDate);
    }

    [Fact]
    public void AVisitIsNotRecordedAsDoneInTheFutureButMayBeDoneBeforeItsPlannedDay()
    {
        var visit = Visit();

        Assert.Equal("ReturnVisit.ActualInFuture", Code(() => visit.Complete(Today.AddDays(1), null, null, "回访", new SurveyScores(), null, Today)));
        Assert.Equal(ReturnVisitStatus.Planned, visit.Status);
        visit.Complete(Today, null, null, "提前回访", new SurveyScores(4), null, Today);
        Assert.Equal((ReturnVisitStatus.Done, (DateOnly?)Today), (visit.Status, visit.ActualDate));
    }

    [Theory]
    [InlineData("2026-06-30T15:59:59Z", "2026-06-30")]
    [InlineData("2026-06-30T16:00:00Z", "2026-07-01")]
    [InlineData("2026-06-30T17:00:00Z", "2026-07-01")]
    public void TheOrganisationsDayIsTheLocalDayInShanghai(string instant, string day)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            ServiceCalendar.DayOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), zone));
    }

    [Fact]
    public void AtFiveInTheAfternoonUtcOnJuneThirtiethAContractEndingJuneThirtiethIsAlreadyExpiredInShanghai()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var contract = new ServiceContract("HT00000004", 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), ServiceLevel.Standard, null);
        var now = new DateTimeOffset(2026, 6, 30, 17, 0, 0, TimeSpan.Zero);

        Assert.False(contract.IsExpiredOn(DateOnly.FromDateTime(now.UtcDateTime)));
        Assert.True(contract.IsExpiredOn(ServiceCalendar.DayOf(now, zone)));
        // A renewal window of 30 days before a July 31st end opens on July 1st: already open in Shanghai.
        var renewing = new ServiceContract("HT00000005", 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 31), ServiceLevel.Standard, null);
        Assert.False(renewing.RenewalReminderDue(DateOnly.FromDateTime(now.UtcDateTime), 30));
        Assert.True(renewing.RenewalReminderDue(ServiceCalendar.DayOf(now, zone), 30));
    }
}
