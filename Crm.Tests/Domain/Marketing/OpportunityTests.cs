using Crm.Domain.Common;
using Crm.Domain.Marketing;

namespace Crm.Tests.Domain.Marketing;

/// <summary>
/// The opportunity's state machine — Unassigned → Assigned (again while not developed) → Developing →
/// Won | Lost, Lost also straight from Unassigned or Assigned — who may make each move, the stage history
/// every move leaves, and the money it is worth.
/// </summary>
public sealed class OpportunityTests
{
    private const int CustomerId = 7;
    private const int CreatorUnit = 11;
    private const int Team1 = 12;
    private const int ReasonId = 31;
    private const int CompetitorId = 41;
    private static readonly Guid Zhang = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Li = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Chen = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MoveAt = Now.AddHours(5);
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static readonly (OpportunityStatus From, OpportunityStatus To)[] Allowed =
    [
        (OpportunityStatus.Unassigned, OpportunityStatus.Assigned),
        (OpportunityStatus.Unassigned, OpportunityStatus.Lost),
        (OpportunityStatus.Assigned, OpportunityStatus.Assigned),
        (OpportunityStatus.Assigned, OpportunityStatus.Developing),
        (OpportunityStatus.Assigned, OpportunityStatus.Lost),
        (OpportunityStatus.Developing, OpportunityStatus.Won),
        (OpportunityStatus.Developing, OpportunityStatus.Lost),
    ];

    // Nothing moves an opportunity back to Unassigned, so it is never a target.
    private static IEnumerable<(OpportunityStatus From, OpportunityStatus To)> AllPairsOf() =>
        Enum.GetValues<OpportunityStatus>().SelectMany(from => Enum.GetValues<OpportunityStatus>()
            .Where(to => to != OpportunityStatus.Unassigned)
            .Select(to => (from, to)));

    public static TheoryData<OpportunityStatus, OpportunityStatus> AllowedTransitions() => ToTheoryData(Allowed);

    public static TheoryData<OpportunityStatus, OpportunityStatus> RefusedTransitions() => ToTheoryData(AllPairsOf().Except(Allowed));

    private static TheoryData<OpportunityStatus, OpportunityStatus> ToTheoryData(IEnumerable<(OpportunityStatus From, OpportunityStatus To)> pairs)
    {
        var data = new TheoryData<OpportunityStatus, OpportunityStatus>();
        foreach (var (from, to) in pairs)
            data.Add(from, to);
        return data;
    }

    private static Opportunity New(OpportunityDetails? details = null) =>
        new(CustomerId, details ?? new OpportunityDetails("年度服务器采购", ExpectedAmount: 100_000m), Zhang, CreatorUnit, 10, Now);

    /// <summary>An opportunity brought to the status by the people allowed to: Chen assigns to Zhang, Zhang develops and closes.</summary>
    private static Opportunity InStatus(OpportunityStatus status)
    {
        var o = New();
        if (status is not OpportunityStatus.Unassigned)
            o.Assign(Zhang, Team1, Now);
        if (status is OpportunityStatus.Developing or OpportunityStatus.Won)
            o.StartDevelopment(Zhang, Today, "拜访采购经理", Now);
        if (status == OpportunityStatus.Won)
            o.Win(Zhang, Now);
        if (status == OpportunityStatus.Lost)
            o.Lose(Zhang, ReasonId, null, null, Now);
        Assert.Equal(status, o.Status);
        return o;
    }

    /// <summary>The move to a status, made by the one who would make it: a reassignment goes to someone new.</summary>
    private static void Move(Opportunity o, OpportunityStatus to)
    {
        var actor = o.AssignedTo ?? Zhang;
        switch (to)
        {
            case OpportunityStatus.Assigned:
                o.Assign(o.AssignedTo == Li ? Zhang : Li, Team1, MoveAt);
                break;
            case OpportunityStatus.Developing:
                o.StartDevelopment(actor, Today, "电话沟通需求", MoveAt);
                break;
            case OpportunityStatus.Won:
                o.Win(actor, MoveAt);
                break;
            case OpportunityStatus.Lost:
                o.Lose(actor, ReasonId, CompetitorId, "价格偏高", MoveAt);
                break;
        }
    }

    private static string Refusal(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void NewOpportunityIsUnassignedInTheFirstStageOwnedByItsCreatorWithOneHistoryEntry()
    {
        var o = New();

        Assert.Equal((OpportunityStatus.Unassigned, PipelineStage.Initial, 10), (o.Status, o.Stage, o.Probability));
        Assert.Equal((Zhang, (Guid?)Zhang, CreatorUnit, (Guid?)null), (o.CreatorId, o.OwnerId, o.OrgUnitId, o.AssignedTo));
        var entry = Assert.Single(o.StageChanges);
        Assert.Equal(((PipelineStage?)null, PipelineStage.Initial, Zhang, Now), (entry.FromStage, entry.ToStage, entry.ByUserId, entry.At));
        Assert.Equal(Now, o.StageChangedAt);
        Assert.True(o.IsOpen);
    }

    [Fact]
    public void AProbabilityGivenAtCreationWinsOverTheStageDefault()
    {
        Assert.Equal(25, New(new OpportunityDetails("机会", Probability: 25)).Probability);
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void AllowedTransitionMovesTheOpportunity(OpportunityStatus from, OpportunityStatus to)
    {
        var o = InStatus(from);

        Move(o, to);

        Assert.Equal(to, o.Status);
        Assert.Equal(to is OpportunityStatus.Won or OpportunityStatus.Lost, !o.IsOpen);
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void RefusedTransitionThrowsAndChangesNothing(OpportunityStatus from, OpportunityStatus to)
    {
        var o = InStatus(from);
        var before = (o.AssignedTo, o.Stage, o.Probability, o.ClosedAt, o.StageChanges.Count, o.PlanItems.Count);

        var error = Assert.Throws<DomainException>(() => Move(o, to));

        // Without an assignee nobody may develop or win it; otherwise the transition table refuses, naming both states.
        if (from == OpportunityStatus.Unassigned)
        {
            Assert.Equal("Opportunity.OnlyAssignee", error.Code);
        }
        else
        {
            Assert.Equal("Opportunity.StatusTransitionNotAllowed", error.Code);
            Assert.Equal([from, to], error.Arguments.Cast<OpportunityStatus>());
        }

        Assert.Equal(from, o.Status);
        Assert.Equal(before, (o.AssignedTo, o.Stage, o.Probability, o.ClosedAt, o.StageChanges.Count, o.PlanItems.Count));
    }

    [Theory]
    [InlineData(OpportunityStatus.Unassigned, OpportunityStatus.Assigned, true)]
    [InlineData(OpportunityStatus.Assigned, OpportunityStatus.Assigned, true)]
    [InlineData(OpportunityStatus.Developing, OpportunityStatus.Assigned, false)]
    [InlineData(OpportunityStatus.Developing, OpportunityStatus.Won, true)]
    [InlineData(OpportunityStatus.Won, OpportunityStatus.Lost, false)]
    [InlineData(OpportunityStatus.Lost, OpportunityStatus.Won, false)]
    public void CanMoveToAnswersFromTheSameTable(OpportunityStatus from, OpportunityStatus to, bool expected)
    {
        Assert.Equal(expected, InStatus(from).CanMoveTo(to));
    }

    [Fact]
    public void AssigningHandsTheOpportunityToTheSalesmanAndHisUnit()
    {
        var o = New();

        o.Assign(Li, Team1, MoveAt);

        Assert.Equal((OpportunityStatus.Assigned, (Guid?)Li, (Guid?)Li, Team1, (DateTimeOffset?)MoveAt), (o.Status, o.AssignedTo, o.OwnerId, o.OrgUnitId, o.AssignedAt));
        Assert.Equal(Zhang, o.CreatorId);
        Assert.Single(o.StageChanges);
    }

    [Fact]
    public void ReassigningToTheSameSalesmanIsRefused()
    {
        var o = InStatus(OpportunityStatus.Assigned);

        Assert.Equal("Opportunity.AlreadyAssignedTo", Refusal(() => o.Assign(Zhang, Team1, MoveAt)));
        Assert.Equal((Guid?)Zhang, o.AssignedTo);
    }

    [Fact]
    public void OnlyTheAssigneeStartsDevelopmentAndTheFirstItemStartsIt()
    {
        var o = InStatus(OpportunityStatus.Assigned);

        Assert.Equal("Opportunity.OnlyAssignee", Refusal(() => o.StartDevelopment(Li, Today, "抢着开发", MoveAt)));
        Assert.Equal("Opportunity.OnlyAssignee", Refusal(() => o.StartDevelopment(Chen, Today, "主管代劳", MoveAt)));
        Assert.Equal(OpportunityStatus.Assigned, o.Status);
        Assert.Empty(o.PlanItems);

        var item = o.StartDevelopment(Zhang, Today.AddDays(2), "上门演示方案", MoveAt);

        Assert.Equal(OpportunityStatus.Developing, o.Status);
        Assert.Equal((Today.AddDays(2), "上门演示方案", Zhang, MoveAt, (string?)null), (item.Date, item.Content, item.CreatedBy, item.CreatedAt, item.Result));
        Assert.Same(item, Assert.Single(o.PlanItems));
    }

    [Fact]
    public void PlanItemsAreAddedOnlyByTheAssigneeOnlyWhileDeveloping()
    {
        var assigned = InStatus(OpportunityStatus.Assigned);
        Assert.Equal("Opportunity.NotDeveloping", Refusal(() => assigned.AddPlanItem(Zhang, Today, "跳过开始", MoveAt)));

        var developing = InStatus(OpportunityStatus.Developing);
        Assert.Equal("Opportunity.OnlyAssignee", Refusal(() => developing.AddPlanItem(Li, Today, "不是我的", MoveAt)));
        developing.AddPlanItem(Zhang, Today.AddDays(7), "发送报价", MoveAt);
        Assert.Equal(2, developing.PlanItems.Count);

        var won = InStatus(OpportunityStatus.Won);
        Assert.Equal("Opportunity.NotDeveloping", Refusal(() => won.AddPlanItem(Zhang, Today, "成交之后", MoveAt)));
    }

    [Fact]
    public void TheAssigneeRecordsTheResultOfAPlanItemOthersCannot()
    {
        var o = InStatus(OpportunityStatus.Developing);
        var item = o.PlanItems[0];

        Assert.Equal("Opportunity.OnlyAssignee", Refusal(() => o.RecordPlanResult(Li, item.Id, "代写", MoveAt)));
        Assert.Equal("Opportunity.PlanItemNotFound", Refusal(() => o.RecordPlanResult(Zhang, item.Id + 99, "找不到", MoveAt)));
        Assert.Equal("DevelopmentPlanItem.Result", Assert.Throws<DomainException>(() => o.RecordPlanResult(Zhang, item.Id, " ", MoveAt)).Arguments[0]);
        Assert.Null(item.Result);

        o.RecordPlanResult(Zhang, item.Id, "客户认可方案，约定下周报价", MoveAt);

        Assert.Equal(("客户认可方案，约定下周报价", (DateTimeOffset?)MoveAt), (item.Result, item.ResultAt));
    }

    [Fact]
    public void EveryStageMoveIsRecordedWithFromToWhoAndWhenAndTakesTheStageDefault()
    {
        var o = InStatus(OpportunityStatus.Developing);

        o.MoveToStage(PipelineStage.NeedsConfirmed, Zhang, MoveAt, 30);
        o.MoveToStage(PipelineStage.Proposal, Chen, MoveAt.AddDays(1), 50);

        Assert.Equal((PipelineStage.Proposal, 50, MoveAt.AddDays(1)), (o.Stage, o.Probability, o.StageChangedAt));
        Assert.Equal(
            [(null, PipelineStage.Initial, Zhang, Now), (PipelineStage.Initial, PipelineStage.NeedsConfirmed, Zhang, MoveAt), (PipelineStage.NeedsConfirmed, PipelineStage.Proposal, Chen, MoveAt.AddDays(1))],
            o.StageChanges.Select(c => (c.FromStage, c.ToStage, c.ByUserId, c.At)));
    }

    [Fact]
    public void AStageMoveWithoutADefaultKeepsTheProbabilityAndADefaultIsClampedToAPercentage()
    {
        var o = New(new OpportunityDetails("机会", Probability: 42));

        o.MoveToStage(PipelineStage.Negotiation, Zhang, MoveAt);
        Assert.Equal(42, o.Probability);

        o.MoveToStage(PipelineStage.Proposal, Zhang, MoveAt, 130);
        Assert.Equal(100, o.Probability);
        o.MoveToStage(PipelineStage.Initial, Zhang, MoveAt, -5);
        Assert.Equal(0, o.Probability);
    }

    [Fact]
    public void StageMovesRefuseTheSameStageTheOutcomesAndClosedOpportunities()
    {
        var o = InStatus(OpportunityStatus.Assigned);

        Assert.Equal("Opportunity.AlreadyInStage", Refusal(() => o.MoveToStage(PipelineStage.Initial, Zhang, MoveAt)));
        Assert.Equal("Opportunity.StageClosesWithOutcome", Refusal(() => o.MoveToStage(PipelineStage.Won, Zhang, MoveAt)));
        Assert.Equal("Opportunity.StageClosesWithOutcome", Refusal(() => o.MoveToStage(PipelineStage.Lost, Zhang, MoveAt)));
        Assert.Equal("Opportunity.Closed", Refusal(() => InStatus(OpportunityStatus.Won).MoveToStage(PipelineStage.Proposal, Zhang, MoveAt)));
        Assert.Equal("Opportunity.Closed", Refusal(() => InStatus(OpportunityStatus.Lost).MoveToStage(PipelineStage.Proposal, Zhang, MoveAt)));
        Assert.Single(o.StageChanges);
    }

    [Fact]
    public void WinningIsTheAssigneesAndClosesAtOneHundredPercentInTheWonStage()
    {
        var o = InStatus(OpportunityStatus.Developing);
        o.MoveToStage(PipelineStage.Negotiation, Zhang, Now, 70);

        Assert.Equal("Opportunity.OnlyAssignee", Refusal(() => o.Win(Li, MoveAt)));
        Assert.Equal("Opportunity.OnlyAssignee", Refusal(() => o.Win(Chen, MoveAt)));
        o.Win(Zhang, MoveAt);

        Assert.Equal((OpportunityStatus.Won, PipelineStage.Won, 100, (DateTimeOffset?)MoveAt), (o.Status, o.Stage, o.Probability, o.ClosedAt));
        var last = o.StageChanges[^1];
        Assert.Equal(((PipelineStage?)PipelineStage.Negotiation, PipelineStage.Won, Zhang, MoveAt), (last.FromStage, last.ToStage, last.ByUserId, last.At));
    }

    [Fact]
    public void LosingKeepsReasonCompetitorAndNoteAtZeroPercentInTheLostStage()
    {
        var o = InStatus(OpportunityStatus.Developing);

        o.Lose(Zhang, ReasonId, CompetitorId, "对手报价低 15%", MoveAt);

        Assert.Equal((OpportunityStatus.Lost, PipelineStage.Lost, 0, (DateTimeOffset?)MoveAt), (o.Status, o.Stage, o.Probability, o.ClosedAt));
        Assert.Equal(((int?)ReasonId, (int?)CompetitorId, "对手报价低 15%"), (o.LostReasonId, o.LostToCompetitorId, o.LostNote));
        Assert.Equal(PipelineStage.Lost, o.StageChanges[^1].ToStage);
    }

    [Fact]
    public void AnUnassignedOpportunityMayBeDroppedByAnyoneAnAssignedOneOnlyByItsAssignee()
    {
        var unassigned = New();
        unassigned.Lose(Chen, ReasonId, null, null, MoveAt);
        Assert.Equal(OpportunityStatus.Lost, unassigned.Status);

        var assigned = InStatus(OpportunityStatus.Assigned);
        Assert.Equal("Opportunity.OnlyAssignee", Refusal(() => assigned.Lose(Chen, ReasonId, null, null, MoveAt)));
        Assert.Equal("Opportunity.OnlyAssignee", Refusal(() => assigned.Lose(Li, ReasonId, null, null, MoveAt)));
        Assert.Equal(OpportunityStatus.Assigned, assigned.Status);
        assigned.Lose(Zhang, ReasonId, null, null, MoveAt);
        Assert.Equal(OpportunityStatus.Lost, assigned.Status);
    }

    [Fact]
    public void ALostNoteLongerThanAllowedIsRefused()
    {
        var o = InStatus(OpportunityStatus.Developing);

        var error = Assert.Throws<DomainException>(() => o.Lose(Zhang, ReasonId, null, new string('长', Opportunity.LostNoteMaxLength + 1), MoveAt));

        Assert.Contains("Opportunity.LostNote", error.Arguments);
        Assert.Equal(OpportunityStatus.Developing, o.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void ProbabilityAcceptsTheBoundsOfAPercentage(int probability)
    {
        var o = New();

        o.Update(new OpportunityDetails("机会", Probability: probability));

        Assert.Equal(probability, o.Probability);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void ProbabilityOutsideAPercentageIsRefusedOnCreateAndUpdate(int probability)
    {
        Assert.Equal("Opportunity.ProbabilityOutOfRange", Refusal(() => New(new OpportunityDetails("机会", Probability: probability))));
        var o = New();
        Assert.Equal("Opportunity.ProbabilityOutOfRange", Refusal(() => o.Update(new OpportunityDetails("改过的机会", Probability: probability))));
        Assert.Equal(("年度服务器采购", 10), (o.Summary, o.Probability));
    }

    [Fact]
    public void AnUpdateRefusedForOneFieldChangesNoOtherField()
    {
        var o = New(new OpportunityDetails("原概要", Description: "原描述"));

        Assert.Throws<DomainException>(() => o.Update(new OpportunityDetails("新概要", Description: "新描述", ContactName: new string('名', Opportunity.ContactNameMaxLength + 1))));

        Assert.Equal(("原概要", "原描述"), (o.Summary, o.Description));
    }

    [Fact]
    public void AnUpdateWithoutProbabilityKeepsTheCurrentOne()
    {
        var o = New(new OpportunityDetails("机会", Probability: 35));

        o.Update(new OpportunityDetails("机会（更新）", ExpectedAmount: 5_000m));

        Assert.Equal(("机会（更新）", 35, (decimal?)5_000m), (o.Summary, o.Probability, o.ExpectedAmount));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1_000_000_000_000)]
    public void AnAmountOutOfRangeIsRefused(double amount)
    {
        Assert.Equal("Opportunity.AmountOutOfRange", Refusal(() => New(new OpportunityDetails("机会", ExpectedAmount: (decimal)amount))));
    }

    [Fact]
    public void AClosedOpportunityCannotBeEdited()
    {
        var o = InStatus(OpportunityStatus.Won);

        Assert.Equal("Opportunity.Closed", Refusal(() => o.Update(new OpportunityDetails("事后修改"))));
        Assert.Equal("年度服务器采购", o.Summary);
    }

    [Theory]
    [InlineData("12345.67", 35, "4320.98")]
    [InlineData("100000", 10, "10000")]
    [InlineData("0.05", 50, "0.03")]
    [InlineData("999999999999.99", 100, "999999999999.99")]
    public void WeightedAmountIsTheAmountTimesTheProbabilityRoundedToCents(string amount, int probability, string expected)
    {
        var o = New(new OpportunityDetails("机会", ExpectedAmount: decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Probability: probability));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), o.WeightedAmount);
    }

    [Fact]
    public void WeightedAmountWithoutAnAmountIsZeroAndWinningWeighsTheFullAmount()
    {
        Assert.Equal(0m, New(new OpportunityDetails("机会", Probability: 80)).WeightedAmount);

        var o = InStatus(OpportunityStatus.Developing);
        o.Win(Zhang, MoveAt);
        Assert.Equal(100_000m, o.WeightedAmount);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void AStageDefaultProbabilityOutsideAPercentageIsRefused(int probability)
    {
        var setting = new PipelineStageSetting(PipelineStage.Proposal, 50);

        Assert.Equal("Opportunity.ProbabilityOutOfRange", Refusal(() => setting.Change(probability)));
        Assert.Equal("Opportunity.ProbabilityOutOfRange", Refusal(() => _ = new PipelineStageSetting(PipelineStage.Proposal, probability)));
        Assert.Equal(50, setting.DefaultProbability);
    }
}
