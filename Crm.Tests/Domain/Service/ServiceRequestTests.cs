using Crm.Domain.Common;
using Crm.Domain.Service;

namespace Crm.Tests.Domain.Service;

/// <summary>The service request's flow New → Assigned → Handled → FeedbackGiven → Archived, its SLA and its history.</summary>
public sealed class ServiceRequestTests
{
    private static readonly Guid Creator = Guid.NewGuid();
    private static readonly Guid Manager = Guid.NewGuid();
    private static readonly Guid Handler = Guid.NewGuid();
    private static readonly DateTimeOffset Received = new(2026, 3, 10, 1, 30, 0, TimeSpan.Zero);

    private static ServiceRequest New(int slaHours = 24, DateTimeOffset? at = null) =>
        new("FW00000001", 1, 10, 20, slaHours, "打印机卡纸", "三楼打印机", Creator, 5, at ?? Received);

    private static ServiceRequest Assigned()
    {
        var request = New();
        request.Assign(Handler, Manager, Received.AddHours(1));
        return request;
    }

    private static ServiceRequest Handled()
    {
        var request = Assigned();
        request.Handle(Handler, "更换搓纸轮", 45, Received.AddHours(2));
        return request;
    }

    private static ServiceRequest WithFeedback(int satisfaction = 5)
    {
        var request = Handled();
        request.RecordFeedback(Creator, "客户确认已修好", satisfaction, Received.AddHours(3));
        return request;
    }

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void ANewRequestIsDueAfterThePrioritysHoursAndRecordsItsCreation()
    {
        var request = New(slaHours: 4);

        Assert.Equal((ServiceRequestStatus.New, Received.AddHours(4), Creator), (request.Status, request.DueAt, request.OwnerId));
        var created = Assert.Single(request.Events);
        Assert.Equal(((ServiceRequestStatus?)null, ServiceRequestStatus.New, Creator), (created.FromStatus, created.ToStatus, created.ByUserId));
    }

    [Fact]
    public void AssigningMakesTheHandlerItsOwnerAndKeepsTheRequestsUnit()
    {
        var request = Assigned();

        Assert.Equal((ServiceRequestStatus.Assigned, Handler, Handler, 5), (request.Status, request.HandlerId, request.OwnerId, request.OrgUnitId));
        Assert.Equal(ServiceRequestStatus.Assigned, request.Events[^1].ToStatus);
    }

    [Fact]
    public void ReassigningToAnotherHandlerIsAllowedButNotToTheSameOne()
    {
        var request = Assigned();
        var other = Guid.NewGuid();

        request.Assign(other, Manager, Received.AddHours(2));

        Assert.Equal(other, request.HandlerId);
        Assert.Equal("ServiceRequest.AlreadyAssignedTo", Code(() => request.Assign(other, Manager, Received.AddHours(3))));
    }

    [Fact]
    public void OnlyTheHandlerRecordsTheHandling()
    {
        var request = Assigned();

        Assert.Equal("ServiceRequest.OnlyHandler", Code(() => request.Handle(Creator, "看过了", 5, Received.AddHours(2))));
        Assert.Equal(ServiceRequestStatus.Assigned, request.Status);
    }

    [Fact]
    public void ANewRequestCannotBeHandledBeforeItIsAssigned()
    {
        var request = New();

        Assert.Equal("ServiceRequest.NotAssigned", Code(() => request.Handle(Handler, "处理", 5, Received)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ServiceRequest.MaxMinutesSpent + 1)]
    public void MinutesOutOfRangeAreRefused(int minutes)
    {
        var request = Assigned();

        Assert.Equal("ServiceRequest.MinutesOutOfRange", Code(() => request.Handle(Handler, "处理", minutes, Received.AddHours(2))));
    }

    [Fact]
    public void FeedbackIsOnlyTakenOnAHandledRequest()
    {
        Assert.Equal("ServiceRequest.StatusTransitionNotAllowed", Code(() => New().RecordFeedback(Creator, "好", 5, Received)));
        Assert.Equal("ServiceRequest.StatusTransitionNotAllowed", Code(() => Assigned().RecordFeedback(Creator, "好", 5, Received)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void SatisfactionOutsideOneToFiveIsRefused(int satisfaction)
    {
        var request = Handled();

        Assert.Equal("ServiceRequest.SatisfactionOutOfRange", Code(() => request.RecordFeedback(Creator, "好", satisfaction, Received.AddHours(3))));
        Assert.Equal(ServiceRequestStatus.Handled, request.Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SatisfactionBelowThreeSendsTheRequestBackToItsHandlerKeepingBothSteps(int satisfaction)
    {
        var request = WithFeedback(satisfaction);

        Assert.Equal((ServiceRequestStatus.Assigned, Handler, satisfaction), (request.Status, request.HandlerId, request.Satisfaction));
        Assert.Equal(
            [ServiceRequestStatus.New, ServiceRequestStatus.Assigned, ServiceRequestStatus.Handled, ServiceRequestStatus.FeedbackGiven, ServiceRequestStatus.Assigned],
            request.Events.Select(e => e.ToStatus));
        Assert.Equal(ServiceRequestStatus.FeedbackGiven, request.Events[^1].FromStatus);
        Assert.Equal("ServiceRequest.StatusTransitionNotAllowed", Code(() => request.Archive(Creator, Received.AddHours(4))));
    }

    [Fact]
    public void AfterTheLoopTheHandlerHandlesAgainAndGoodFeedbackLetsItBeArchived()
    {
        var request = WithFeedback(2);

        request.Handle(Handler, "上门更换硒鼓", 30, Received.AddHours(5));
        request.RecordFeedback(Creator, "满意", 5, Received.AddHours(6));
        request.Archive(Creator, Received.AddHours(7));

        Assert.Equal((ServiceRequestStatus.Archived, 75, 5), (request.Status, request.MinutesSpent, request.Satisfaction));
        Assert.Equal(Received.AddHours(7), request.ArchivedAt);
        Assert.Equal(8, request.Events.Count);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void SatisfactionOfThreeOrMoreClosesTheLoop(int satisfaction)
    {
        var request = WithFeedback(satisfaction);

        Assert.Equal(ServiceRequestStatus.FeedbackGiven, request.Status);
        Assert.True(request.CanMoveTo(ServiceRequestStatus.Archived));
    }

    [Fact]
    public void AnArchivedRequestRefusesEveryMoveAndEdit()
    {
        var request = WithFeedback();
        request.Archive(Creator, Received.AddHours(4));

        Assert.Equal("ServiceRequest.StatusTransitionNotAllowed", Code(() => request.Archive(Creator, Received.AddHours(5))));
        Assert.Equal("ServiceRequest.StatusTransitionNotAllowed", Code(() => request.Assign(Guid.NewGuid(), Manager, Received.AddHours(5))));
        Assert.Equal("ServiceRequest.Closed", Code(() => request.Update(10, 20, 24, "新摘要", null, null, null)));
    }

    [Fact]
    public void ANewRequestCannotBeArchived()
    {
        Assert.Equal("ServiceRequest.StatusTransitionNotAllowed", Code(() => New().Archive(Creator, Received)));
    }

    [Fact]
    public void ANewPriorityMovesTheDueTimeFromWhenItWasReceived()
    {
        var request = New(slaHours: 72);

        request.Update(10, 21, 8, "打印机卡纸", null, null, null);

        Assert.Equal(Received.AddHours(8), request.DueAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(24 * 365 + 1)]
    public void SlaHoursOutOfRangeAreRefused(int hours)
    {
        Assert.Equal("ServiceRequest.SlaHoursOutOfRange", Code(() => New(slaHours: hours)));
    }

    [Fact]
    public void AnOpenRequestIsOverdueOnlyAfterItsDueTime()
    {
        var request = New(slaHours: 4);

        Assert.False(request.IsOverdueAt(Received.AddHours(4)));
        Assert.True(request.IsOverdueAt(Received.AddHours(4).AddSeconds(1)));
        request.Assign(Handler, Manager, Received.AddHours(1));
        Assert.True(request.IsOverdueAt(Received.AddHours(5)));
    }

    [Fact]
    public void AHandledRequestIsNeverOverdue()
    {
        var request = Handled();

        Assert.False(request.IsOverdueAt(Received.AddYears(1)));
        Assert.False(ServiceRequest.IsOverdue(ServiceRequestStatus.FeedbackGiven, Received, Received.AddDays(1)));
        Assert.False(ServiceRequest.IsOverdue(ServiceRequestStatus.Archived, Received, Received.AddDays(1)));
    }

    /// <summary>
    /// The SLA is counted in hours on the instant, not on local clock time: a request received late in the
    /// evening in Shanghai (UTC+8) and one at the same instant written with another offset fall due at the
    /// same instant, and overdue compares instants whatever offset "now" carries.
    /// </summary>
    [Fact]
    public void DueAndOverdueAreTheSameInstantWhateverTheTimeZone()
    {
        var shanghai = new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.FromHours(8));
        var newYork = shanghai.ToOffset(TimeSpan.FromHours(-4));
        var fromShanghai = New(slaHours: 8, at: shanghai);
        var fromNewYork = New(slaHours: 8, at: newYork);

        Assert.Equal(fromShanghai.DueAt.UtcDateTime, fromNewYork.DueAt.UtcDateTime);
        Assert.Equal(new DateTime(2026, 3, 10, 23, 30, 0, DateTimeKind.Utc), fromShanghai.DueAt.UtcDateTime);

        var justBeforeInLondon = fromShanghai.DueAt.ToOffset(TimeSpan.Zero).AddMinutes(-1);
        var justAfterInTokyo = fromShanghai.DueAt.ToOffset(TimeSpan.FromHours(9)).AddMinutes(1);
        Assert.False(fromShanghai.IsOverdueAt(justBeforeInLondon));
        Assert.True(fromShanghai.IsOverdueAt(justAfterInTokyo));
        Assert.True(fromNewYork.IsOverdueAt(justAfterInTokyo));
    }

    [Fact]
    public void TheSummaryIsRequired()
    {
        Assert.Equal("Field.Required", Code(() => new ServiceRequest("FW1", 1, 1, 1, 4, " ", null, Creator, 1, Received)));
    }
}
