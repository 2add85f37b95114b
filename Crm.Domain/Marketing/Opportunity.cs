using Crm.Domain.Common;

namespace Crm.Domain.Marketing;

/// <summary>
/// 销售机会 (SPEC §2.1). Created by any salesperson or manager for a customer (a prospect customer is
/// created for a new name); a manager assigns it to a salesperson; the assignee develops it with a plan
/// and moves it through the pipeline stages, each change kept in <see cref="StageChanges"/>; it ends won
/// or lost. Visible to its creator, its assignee, and managers of its org unit.
/// </summary>
public sealed class Opportunity : AuditableEntity, IDataScoped, ICreatorScoped
{
    public const int SummaryMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int ContactNameMaxLength = 50;
    public const int ContactPhoneMaxLength = 32;
    public const int LostNoteMaxLength = 500;
    public const decimal MaxAmount = 999_999_999_999.99m;

    private static readonly Dictionary<OpportunityStatus, OpportunityStatus[]> AllowedTransitions = new()
    {
        [OpportunityStatus.Unassigned] = [OpportunityStatus.Assigned, OpportunityStatus.Lost],
        [OpportunityStatus.Assigned] = [OpportunityStatus.Assigned, OpportunityStatus.Developing, OpportunityStatus.Lost],
        [OpportunityStatus.Developing] = [OpportunityStatus.Won, OpportunityStatus.Lost],
        [OpportunityStatus.Won] = [],
        [OpportunityStatus.Lost] = [],
    };

    private readonly List<OpportunityStageChange> _stageChanges = [];
    private readonly List<DevelopmentPlanItem> _planItems = [];

    private Opportunity()
    {
        Summary = string.Empty;
    }

    public Opportunity(int customerId, OpportunityDetails details, Guid creatorId, int orgUnitId, int initialProbability, DateTimeOffset at)
        : this()
    {
        CustomerId = customerId;
        CreatorId = creatorId;
        OwnerId = creatorId;
        OrgUnitId = orgUnitId;
        Status = OpportunityStatus.Unassigned;
        Stage = PipelineStage.Initial;
        StageChangedAt = at;
        Update(details with { Probability = details.Probability ?? initialProbability });
        _stageChanges.Add(new OpportunityStageChange(null, PipelineStage.Initial, creatorId, at));
    }

    public int CustomerId { get; private set; }

    public int? SourceId { get; private set; }

    public int? ContactId { get; private set; }

    public string? ContactName { get; private set; }

    public string? ContactPhone { get; private set; }

    public string Summary { get; private set; }

    public string? Description { get; private set; }

    /// <summary>成功几率, 0–100.</summary>
    public int Probability { get; private set; }

    public decimal? ExpectedAmount { get; private set; }

    public DateOnly? ExpectedCloseDate { get; private set; }

    public int? CampaignId { get; private set; }

    /// <summary>Who created it; they keep seeing it after it is assigned to someone else.</summary>
    public Guid CreatorId { get; private set; }

    /// <summary>The assignee, or the creator while unassigned: the user the opportunity belongs to now.</summary>
    public Guid? OwnerId { get; private set; }

    public int OrgUnitId { get; private set; }

    public Guid? AssignedTo { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    public OpportunityStatus Status { get; private set; }

    public PipelineStage Stage { get; private set; }

    public DateTimeOffset StageChangedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public int? LostReasonId { get; private set; }

    public int? LostToCompetitorId { get; private set; }

    public string? LostNote { get; private set; }

    public IReadOnlyList<OpportunityStageChange> StageChanges => _stageChanges;

    public IReadOnlyList<DevelopmentPlanItem> PlanItems => _planItems;

    public bool IsOpen => Status is not (OpportunityStatus.Won or OpportunityStatus.Lost);

    /// <summary>Expected amount × probability, what the pipeline is worth weighted by its chances.</summary>
    public decimal WeightedAmount => decimal.Round((ExpectedAmount ?? 0) * Probability / 100m, 2, MidpointRounding.AwayFromZero);

    public void Update(OpportunityDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureOpen();
        var probability = details.Probability ?? Probability;
        if (probability is < 0 or > 100)
            throw new DomainException("Opportunity.ProbabilityOutOfRange");
        if (details.ExpectedAmount is < 0 or > MaxAmount)
            throw new DomainException("Opportunity.AmountOutOfRange");
        // Every value is checked before any is assigned: a refused update changes nothing.
        var summary = Text.Required(details.Summary, SummaryMaxLength, "Opportunity.Summary");
        var description = Text.Optional(details.Description, DescriptionMaxLength, "Opportunity.Description");
        var contactName = Text.Optional(details.ContactName, ContactNameMaxLength, "Opportunity.ContactName");
        var contactPhone = Text.Optional(details.ContactPhone, ContactPhoneMaxLength, "Opportunity.ContactPhone");
        Summary = summary;
        Description = description;
        ContactName = contactName;
        ContactPhone = contactPhone;
        ContactId = details.ContactId;
        SourceId = details.SourceId;
        Probability = probability;
        ExpectedAmount = details.ExpectedAmount;
        ExpectedCloseDate = details.ExpectedCloseDate;
        CampaignId = details.CampaignId;
    }

    /// <summary>
    /// 指派 by a manager to a salesperson of their subtree (the caller checks the subtree: it knows the
    /// org tree); reassigning an assigned opportunity is allowed until development starts.
    /// </summary>
    public void Assign(Guid salesmanId, int salesmanOrgUnitId, DateTimeOffset at)
    {
        EnsureCanMoveTo(OpportunityStatus.Assigned);
        if (AssignedTo == salesmanId)
            throw new DomainException("Opportunity.AlreadyAssignedTo");
        AssignedTo = salesmanId;
        AssignedAt = at;
        OwnerId = salesmanId;
        OrgUnitId = salesmanOrgUnitId;
        Status = OpportunityStatus.Assigned;
    }

    /// <summary>The assignee starts the development plan (开发中) with its first item.</summary>
    public DevelopmentPlanItem StartDevelopment(Guid by, DateOnly date, string content, DateTimeOffset at)
    {
        EnsureAssignee(by);
        EnsureCanMoveTo(OpportunityStatus.Developing);
        Status = OpportunityStatus.Developing;
        return AddPlanItem(by, date, content, at);
    }

    public DevelopmentPlanItem AddPlanItem(Guid by, DateOnly date, string content, DateTimeOffset at)
    {
        EnsureAssignee(by);
        if (Status != OpportunityStatus.Developing)
            throw new DomainException("Opportunity.NotDeveloping");
        var item = new DevelopmentPlanItem(date, content, by, at);
        _planItems.Add(item);
        return item;
    }

    /// <summary>执行效果 of a plan item, by the assignee.</summary>
    public void RecordPlanResult(Guid by, int itemId, string result, DateTimeOffset at)
    {
        EnsureAssignee(by);
        if (Status != OpportunityStatus.Developing)
            throw new DomainException("Opportunity.NotDeveloping");
        var item = _planItems.FirstOrDefault(i => i.Id == itemId) ?? throw new DomainException("Opportunity.PlanItemNotFound");
        item.RecordResult(result, at);
    }

    /// <summary>Moves along the pipeline (初步接触 … 商务谈判); won and lost are reached by <see cref="Win"/> and <see cref="Lose"/>.</summary>
    public void MoveToStage(PipelineStage stage, Guid by, DateTimeOffset at, int? defaultProbability = null)
    {
        EnsureOpen();
        if (stage is PipelineStage.Won or PipelineStage.Lost)
            throw new DomainException("Opportunity.StageClosesWithOutcome");
        if (stage == Stage)
            throw new DomainException("Opportunity.AlreadyInStage");
        ChangeStage(stage, by, at);
        if (defaultProbability is { } p)
            Probability = Math.Clamp(p, 0, 100);
    }

    /// <summary>开发成功: the caller makes the prospect an active customer owned by the assignee.</summary>
    public void Win(Guid by, DateTimeOffset at)
    {
        EnsureAssignee(by);
        EnsureCanMoveTo(OpportunityStatus.Won);
        Status = OpportunityStatus.Won;
        Probability = 100;
        ClosedAt = at;
        ChangeStage(PipelineStage.Won, by, at);
    }

    /// <summary>开发失败 (also 终止开发) with a reason and optionally the competitor lost to.</summary>
    public void Lose(Guid by, int reasonId, int? competitorId, string? note, DateTimeOffset at)
    {
        EnsureCanMoveTo(OpportunityStatus.Lost);
        if (Status != OpportunityStatus.Unassigned)
            EnsureAssignee(by);
        var lostNote = Text.Optional(note, LostNoteMaxLength, "Opportunity.LostNote");
        Status = OpportunityStatus.Lost;
        LostReasonId = reasonId;
        LostToCompetitorId = competitorId;
        LostNote = lostNote;
        Probability = 0;
        ClosedAt = at;
        ChangeStage(PipelineStage.Lost, by, at);
    }

    public bool CanMoveTo(OpportunityStatus status) => AllowedTransitions[Status].Contains(status);

    private void ChangeStage(PipelineStage stage, Guid by, DateTimeOffset at)
    {
        _stageChanges.Add(new OpportunityStageChange(Stage, stage, by, at));
        Stage = stage;
        StageChangedAt = at;
    }

    private void EnsureCanMoveTo(OpportunityStatus status)
    {
        if (!CanMoveTo(status))
            throw new DomainException("Opportunity.StatusTransitionNotAllowed", Status, status);
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
            throw new DomainException("Opportunity.Closed", Status);
    }

    /// <summary>Only the assignee develops the opportunity; managers see it.</summary>
    private void EnsureAssignee(Guid by)
    {
        if (AssignedTo != by)
            throw new DomainException("Opportunity.OnlyAssignee");
    }
}

/// <summary>What a user fills in on an opportunity.</summary>
public sealed record OpportunityDetails(
    string Summary,
    string? Description = null,
    int? SourceId = null,
    int? ContactId = null,
    string? ContactName = null,
    string? ContactPhone = null,
    int? Probability = null,
    decimal? ExpectedAmount = null,
    DateOnly? ExpectedCloseDate = null,
    int? CampaignId = null);

/// <summary>One stage change of an opportunity (from, to, when, who): the data of the stage-evolution analysis.</summary>
public sealed class OpportunityStageChange : Entity
{
    private OpportunityStageChange()
    {
    }

    internal OpportunityStageChange(PipelineStage? from, PipelineStage to, Guid by, DateTimeOffset at)
    {
        FromStage = from;
        ToStage = to;
        ByUserId = by;
        At = at;
    }

    public int OpportunityId { get; private set; }

    public PipelineStage? FromStage { get; private set; }

    public PipelineStage ToStage { get; private set; }

    public Guid ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>客户开发计划 item: what to do on a date, and later its execution result (执行效果).</summary>
public sealed class DevelopmentPlanItem : Entity
{
    public const int ContentMaxLength = 1000;
    public const int ResultMaxLength = 1000;

    private DevelopmentPlanItem()
    {
        Content = string.Empty;
    }

    internal DevelopmentPlanItem(DateOnly date, string content, Guid by, DateTimeOffset at)
    {
        Date = date;
        Content = Text.Required(content, ContentMaxLength, "DevelopmentPlanItem.Content");
        CreatedBy = by;
        CreatedAt = at;
    }

    public int OpportunityId { get; private set; }

    public DateOnly Date { get; private set; }

    public string Content { get; private set; }

    public string? Result { get; private set; }

    public DateTimeOffset? ResultAt { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    internal void RecordResult(string result, DateTimeOffset at)
    {
        Result = Text.Required(result, ResultMaxLength, "DevelopmentPlanItem.Result");
        ResultAt = at;
    }
}

/// <summary>The default probability of a pipeline stage (a setting), applied when an opportunity enters it.</summary>
public sealed class PipelineStageSetting : Entity
{
    private PipelineStageSetting()
    {
    }

    public PipelineStageSetting(PipelineStage stage, int defaultProbability)
    {
        Stage = stage;
        Change(defaultProbability);
    }

    public PipelineStage Stage { get; private set; }

    public int DefaultProbability { get; private set; }

    public void Change(int defaultProbability) =>
        DefaultProbability = defaultProbability is >= 0 and <= 100 ? defaultProbability : throw new DomainException("Opportunity.ProbabilityOutOfRange");
}
