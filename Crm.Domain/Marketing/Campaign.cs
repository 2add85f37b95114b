using Crm.Domain.Common;

namespace Crm.Domain.Marketing;

/// <summary>
/// 市场活动: an exhibition, seminar, mailing… with dates, budget and actual cost, the segment it targets,
/// and the responses it drew. Its evaluation (responses, opportunities, revenue won, ROI) is computed
/// from the responses and the opportunities that name it.
/// </summary>
public sealed class Campaign : AuditableEntity
{
    public const int NameMaxLength = 100;
    public const int SegmentMaxLength = 500;
    public const int DescriptionMaxLength = 2000;
    public const decimal MaxMoney = 999_999_999.99m;

    private static readonly Dictionary<CampaignStatus, CampaignStatus[]> AllowedTransitions = new()
    {
        [CampaignStatus.Planned] = [CampaignStatus.Running, CampaignStatus.Cancelled],
        [CampaignStatus.Running] = [CampaignStatus.Completed, CampaignStatus.Cancelled],
        [CampaignStatus.Completed] = [],
        [CampaignStatus.Cancelled] = [],
    };

    private readonly List<CampaignResponse> _responses = [];

    private Campaign()
    {
        Name = string.Empty;
    }

    public Campaign(string name, int typeId, DateOnly startDate, DateOnly endDate, decimal budget)
        : this()
    {
        Status = CampaignStatus.Planned;
        Update(name, typeId, startDate, endDate, budget, null, null, null);
    }

    public string Name { get; private set; }

    /// <summary>活动类型 from the dictionary (exhibition, seminar, email, phone, advertising).</summary>
    public int TypeId { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    public decimal Budget { get; private set; }

    public decimal? ActualCost { get; private set; }

    /// <summary>目标客户群.</summary>
    public string? TargetSegment { get; private set; }

    public string? Description { get; private set; }

    public CampaignStatus Status { get; private set; }

    public IReadOnlyList<CampaignResponse> Responses => _responses;

    public void Update(string name, int typeId, DateOnly startDate, DateOnly endDate, decimal budget, decimal? actualCost, string? targetSegment, string? description)
    {
        if (endDate < startDate)
            throw new DomainException("Campaign.DatesReversed");
        // Every value is checked before any is assigned: a refused update changes nothing.
        var validName = Text.Required(name, NameMaxLength, "Campaign.Name");
        var validBudget = Money(budget, "Campaign.Budget");
        var validCost = actualCost is null ? (decimal?)null : Money(actualCost.Value, "Campaign.ActualCost");
        var validSegment = Text.Optional(targetSegment, SegmentMaxLength, "Campaign.TargetSegment");
        var validDescription = Text.Optional(description, DescriptionMaxLength, "Campaign.Description");
        Name = validName;
        TypeId = typeId;
        StartDate = startDate;
        EndDate = endDate;
        Budget = validBudget;
        ActualCost = validCost;
        TargetSegment = validSegment;
        Description = validDescription;
    }

    public void Start() => MoveTo(CampaignStatus.Running);

    public void Complete() => MoveTo(CampaignStatus.Completed);

    public void Cancel() => MoveTo(CampaignStatus.Cancelled);

    public CampaignResponse AddResponse(DateOnly date, int? customerId, string? contactName, int? channelId, string content, Guid by)
    {
        if (Status is CampaignStatus.Planned or CampaignStatus.Cancelled)
            throw new DomainException("Campaign.NotTakingResponses", Status);
        var response = new CampaignResponse(date, customerId, contactName, channelId, content, by);
        _responses.Add(response);
        return response;
    }

    public bool CanMoveTo(CampaignStatus status) => AllowedTransitions[Status].Contains(status);

    /// <summary>ROI = (revenue won − cost) / cost; null while there is no cost to measure against.</summary>
    public static decimal? ReturnOnInvestment(decimal revenueWon, decimal? cost) =>
        cost is > 0 ? decimal.Round((revenueWon - cost.Value) / cost.Value, 4, MidpointRounding.AwayFromZero) : null;

    private void MoveTo(CampaignStatus status)
    {
        if (!CanMoveTo(status))
            throw new DomainException("Campaign.StatusTransitionNotAllowed", Status, status);
        Status = status;
    }

    private static decimal Money(decimal value, string field) =>
        value >= 0 && value <= MaxMoney && decimal.Round(value, 2) == value ? value : throw new DomainException("Campaign.MoneyOutOfRange", field);
}

/// <summary>A response to a campaign (活动反馈): who answered, how, and what they said.</summary>
public sealed class CampaignResponse : Entity
{
    public const int ContactNameMaxLength = 50;
    public const int ContentMaxLength = 1000;

    private CampaignResponse()
    {
        Content = string.Empty;
    }

    internal CampaignResponse(DateOnly date, int? customerId, string? contactName, int? channelId, string content, Guid by)
    {
        Date = date;
        CustomerId = customerId;
        ContactName = Text.Optional(contactName, ContactNameMaxLength, "CampaignResponse.ContactName");
        ChannelId = channelId;
        Content = Text.Required(content, ContentMaxLength, "CampaignResponse.Content");
        RecordedBy = by;
    }

    public int CampaignId { get; private set; }

    public DateOnly Date { get; private set; }

    public int? CustomerId { get; private set; }

    public string? ContactName { get; private set; }

    public int? ChannelId { get; private set; }

    public string Content { get; private set; }

    public Guid RecordedBy { get; private set; }
}
