using Crm.Domain.Common;
using Crm.Domain.Marketing;

namespace Crm.Tests.Domain.Marketing;

/// <summary>
/// The campaign's state machine (Planned → Running → Completed, Planned/Running → Cancelled), its dates and
/// money, the responses it takes only while running or completed, and ROI.
/// </summary>
public sealed class CampaignTests
{
    private static readonly DateOnly Start = new(2026, 3, 1);
    private static readonly Guid Recorder = Guid.NewGuid();

    private static readonly (CampaignStatus From, CampaignStatus To)[] Allowed =
    [
        (CampaignStatus.Planned, CampaignStatus.Running),
        (CampaignStatus.Planned, CampaignStatus.Cancelled),
        (CampaignStatus.Running, CampaignStatus.Completed),
        (CampaignStatus.Running, CampaignStatus.Cancelled),
    ];

    public static TheoryData<CampaignStatus, CampaignStatus> AllowedTransitions() => ToTheoryData(Allowed);

    public static TheoryData<CampaignStatus, CampaignStatus> RefusedTransitions() =>
        ToTheoryData(Enum.GetValues<CampaignStatus>().SelectMany(f => Enum.GetValues<CampaignStatus>().Select(t => (f, t))).Except(Allowed));

    private static TheoryData<CampaignStatus, CampaignStatus> ToTheoryData(IEnumerable<(CampaignStatus From, CampaignStatus To)> pairs)
    {
        var data = new TheoryData<CampaignStatus, CampaignStatus>();
        foreach (var (from, to) in pairs)
            data.Add(from, to);
        return data;
    }

    private static Campaign NewCampaign() => new("上海工博会", 7, Start, Start.AddDays(4), 180_000m);

    private static Campaign InStatus(CampaignStatus status)
    {
        var campaign = NewCampaign();
        if (status is CampaignStatus.Running or CampaignStatus.Completed)
            campaign.Start();
        if (status == CampaignStatus.Completed)
            campaign.Complete();
        if (status == CampaignStatus.Cancelled)
            campaign.Cancel();
        Assert.Equal(status, campaign.Status);
        return campaign;
    }

    private static void Move(Campaign campaign, CampaignStatus to)
    {
        switch (to)
        {
            case CampaignStatus.Running: campaign.Start(); break;
            case CampaignStatus.Completed: campaign.Complete(); break;
            case CampaignStatus.Cancelled: campaign.Cancel(); break;
            default: throw new DomainException("Campaign.StatusTransitionNotAllowed", campaign.Status, to);
        }
    }

    [Fact]
    public void NewCampaignIsPlannedWithItsFields()
    {
        var campaign = NewCampaign();

        Assert.Equal(CampaignStatus.Planned, campaign.Status);
        Assert.Equal("上海工博会", campaign.Name);
        Assert.Equal(7, campaign.TypeId);
        Assert.Equal(Start.AddDays(4), campaign.EndDate);
        Assert.Equal(180_000m, campaign.Budget);
        Assert.Null(campaign.ActualCost);
        Assert.Empty(campaign.Responses);
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void AllowedTransitionMovesTheStatus(CampaignStatus from, CampaignStatus to)
    {
        var campaign = InStatus(from);

        Assert.True(campaign.CanMoveTo(to));
        Move(campaign, to);

        Assert.Equal(to, campaign.Status);
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void RefusedTransitionThrowsAndKeepsTheStatus(CampaignStatus from, CampaignStatus to)
    {
        var campaign = InStatus(from);

        Assert.False(campaign.CanMoveTo(to));
        var error = Assert.Throws<DomainException>(() => Move(campaign, to));

        Assert.Equal("Campaign.StatusTransitionNotAllowed", error.Code);
        Assert.Equal(from, campaign.Status);
    }

    [Fact]
    public void EndBeforeStartIsRefused()
    {
        var error = Assert.Throws<DomainException>(() => new Campaign("研讨会", 1, Start, Start.AddDays(-1), 0m));
        Assert.Equal("Campaign.DatesReversed", error.Code);
    }

    [Fact]
    public void OneDayCampaignIsAccepted()
    {
        var campaign = new Campaign("一日研讨会", 1, Start, Start, 0m);
        Assert.Equal(campaign.StartDate, campaign.EndDate);
    }

    [Fact]
    public void UpdateChangesEveryFieldAndTrimsText()
    {
        var campaign = NewCampaign();

        campaign.Update("  春季新品发布会 ", 9, Start.AddDays(10), Start.AddDays(12), 80_000.50m, 79_999.99m, " 华东制造业客户 ", " 发布 3 款新品 ");

        Assert.Equal("春季新品发布会", campaign.Name);
        Assert.Equal(9, campaign.TypeId);
        Assert.Equal(Start.AddDays(10), campaign.StartDate);
        Assert.Equal(80_000.50m, campaign.Budget);
        Assert.Equal(79_999.99m, campaign.ActualCost);
        Assert.Equal("华东制造业客户", campaign.TargetSegment);
        Assert.Equal("发布 3 款新品", campaign.Description);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1_000_000_000)]
    [InlineData(10.001)]
    public void BudgetOutOfRangeOrWithFractionsOfAFenIsRefused(double budget)
    {
        var error = Assert.Throws<DomainException>(() => new Campaign("活动", 1, Start, Start, (decimal)budget));
        Assert.Equal("Campaign.MoneyOutOfRange", error.Code);
        Assert.Equal("Campaign.Budget", error.Arguments[0]);
    }

    [Fact]
    public void NegativeActualCostIsRefused()
    {
        var error = Assert.Throws<DomainException>(() => NewCampaign().Update("改名", 1, Start, Start, 10m, -1m, null, null));

        Assert.Equal("Campaign.MoneyOutOfRange", error.Code);
        Assert.Equal("Campaign.ActualCost", error.Arguments[0]);
    }

    [Fact]
    public void RefusedUpdateChangesNothing()
    {
        var campaign = NewCampaign();

        Assert.Throws<DomainException>(() => campaign.Update("改名", 1, Start, Start, 10m, -1m, null, null));

        Assert.Equal(("上海工博会", 7, Start.AddDays(4), 180_000m), (campaign.Name, campaign.TypeId, campaign.EndDate, campaign.Budget));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void NameIsRequired(string name)
    {
        var error = Assert.Throws<DomainException>(() => new Campaign(name, 1, Start, Start, 0m));
        Assert.Equal("Field.Required", error.Code);
        Assert.Equal("Campaign.Name", error.Arguments[0]);
    }

    [Fact]
    public void TooLongSegmentIsRefused()
    {
        var error = Assert.Throws<DomainException>(() => NewCampaign().Update("活动", 1, Start, Start, 0m, null, new string('客', Campaign.SegmentMaxLength + 1), null));
        Assert.Equal("Field.TooLong", error.Code);
    }

    [Theory]
    [InlineData(CampaignStatus.Running)]
    [InlineData(CampaignStatus.Completed)]
    public void RunningOrCompletedCampaignTakesResponses(CampaignStatus status)
    {
        var campaign = InStatus(status);

        var response = campaign.AddResponse(Start.AddDays(1), 42, " 王建华 ", 3, " 索取产品资料 ", Recorder);

        Assert.Same(response, Assert.Single(campaign.Responses));
        Assert.Equal(42, response.CustomerId);
        Assert.Equal("王建华", response.ContactName);
        Assert.Equal(3, response.ChannelId);
        Assert.Equal("索取产品资料", response.Content);
        Assert.Equal(Recorder, response.RecordedBy);
    }

    [Theory]
    [InlineData(CampaignStatus.Planned)]
    [InlineData(CampaignStatus.Cancelled)]
    public void PlannedOrCancelledCampaignRefusesResponses(CampaignStatus status)
    {
        var campaign = InStatus(status);

        var error = Assert.Throws<DomainException>(() => campaign.AddResponse(Start, null, "李明", null, "咨询", Recorder));

        Assert.Equal("Campaign.NotTakingResponses", error.Code);
        Assert.Empty(campaign.Responses);
    }

    [Fact]
    public void ResponseNeedsContent()
    {
        var campaign = InStatus(CampaignStatus.Running);

        var error = Assert.Throws<DomainException>(() => campaign.AddResponse(Start, null, null, null, " ", Recorder));

        Assert.Equal("CampaignResponse.Content", error.Arguments[0]);
        Assert.Empty(campaign.Responses);
    }

    [Theory]
    [InlineData(300_000, 100_000, 2)]
    [InlineData(50_000, 100_000, -0.5)]
    [InlineData(0, 100_000, -1)]
    [InlineData(100_000, 30_000, 2.3333)]
    public void RoiIsRevenueMinusCostOverCostRoundedToFourPlaces(double revenue, double cost, double expected) =>
        Assert.Equal((decimal)expected, Campaign.ReturnOnInvestment((decimal)revenue, (decimal)cost));

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void RoiIsUnknownWithoutACost(int? cost) =>
        Assert.Null(Campaign.ReturnOnInvestment(10_000m, cost));
}
