using System.ComponentModel.DataAnnotations;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Marketing.Models;

/// <summary>The three lists of the opportunities page; each is further narrowed by the data scope.</summary>
public enum OpportunityListView
{
    /// <summary>Created by me or assigned to me.</summary>
    Mine,

    /// <summary>Waiting for a manager to assign them.</summary>
    Unassigned,

    /// <summary>Everything the user may see.</summary>
    All,
}

/// <summary>The opportunity list's view, search, filters, sort and page, bound from the query string.</summary>
public sealed class OpportunityListFilter
{
    public OpportunityListView View { get; set; } = OpportunityListView.Mine;

    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Opportunities.Search")]
    public string? Q { get; set; }

    [Display(Name = "Opportunities.Status")]
    public OpportunityStatus? Status { get; set; }

    [Display(Name = "Opportunities.Stage")]
    public PipelineStage? Stage { get; set; }

    [Display(Name = "Opportunities.Source")]
    public int? SourceId { get; set; }

    [Display(Name = "Opportunities.Campaign")]
    public int? CampaignId { get; set; }

    [Display(Name = "Opportunities.Owner")]
    public Guid? OwnerId { get; set; }

    [Display(Name = "Opportunities.CloseFrom")]
    public DateOnly? CloseFrom { get; set; }

    [Display(Name = "Opportunities.CloseTo")]
    public DateOnly? CloseTo { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
}

public sealed record OpportunityRow(
    int Id, string Summary, int CustomerId, string? Customer, OpportunityStatus Status, PipelineStage Stage, int Probability,
    decimal? ExpectedAmount, DateOnly? ExpectedCloseDate, string? Source, string? Campaign, string? Owner, string? Creator,
    DateTimeOffset CreatedAt, Guid Version)
{
    public decimal WeightedAmount => decimal.Round((ExpectedAmount ?? 0) * Probability / 100m, 2, MidpointRounding.AwayFromZero);
}

public sealed record OpportunityIndexViewModel(
    OpportunityListFilter Filter,
    Paged<OpportunityRow> Rows,
    IReadOnlyList<SelectListItem> Sources,
    IReadOnlyList<SelectListItem> Campaigns,
    IReadOnlyList<SelectListItem>? Owners,
    IReadOnlyList<SelectListItem>? AssignableSalesmen,
    bool CanCreate,
    bool CanExport,
    bool CanAssign);

/// <summary>The posted opportunity form (create and edit).</summary>
public sealed class OpportunityEditModel
{
    /// <summary>An existing customer the user sees (create only; an opportunity keeps its customer).</summary>
    [Display(Name = "Opportunities.Customer")]
    public int? CustomerId { get; set; }

    /// <summary>The customer search the form was shown with (a GET of the create page), kept for the next render.</summary>
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Opportunities.CustomerSearch")]
    public string? CustomerQ { get; set; }

    /// <summary>Or the name of a new prospect customer, made when the opportunity is saved.</summary>
    [StringLength(Customer.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Opportunity.ProspectName")]
    public string? ProspectName { get; set; }

    [Display(Name = "Opportunities.Source")]
    public int? SourceId { get; set; }

    [Display(Name = "Opportunities.Contact")]
    public int? ContactId { get; set; }

    [StringLength(Opportunity.ContactNameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Opportunity.ContactName")]
    public string? ContactName { get; set; }

    [StringLength(Opportunity.ContactPhoneMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Opportunity.ContactPhone")]
    public string? ContactPhone { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Opportunity.SummaryMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Opportunity.Summary")]
    public string Summary { get; set; } = string.Empty;

    [StringLength(Opportunity.DescriptionMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Opportunity.Description")]
    public string? Description { get; set; }

    [Range(0, 100, ErrorMessage = "Validation.Range")]
    [Display(Name = "Opportunities.Probability")]
    public int? Probability { get; set; }

    [Range(0, 999_999_999_999.99, ErrorMessage = "Validation.Range")]
    [Display(Name = "Opportunities.ExpectedAmount")]
    public decimal? ExpectedAmount { get; set; }

    [Display(Name = "Opportunities.ExpectedCloseDate")]
    public DateOnly? ExpectedCloseDate { get; set; }

    [Display(Name = "Opportunities.Campaign")]
    public int? CampaignId { get; set; }

    /// <summary>The version the form was rendered with (edit only).</summary>
    public Guid Version { get; set; }

    public OpportunityDetails ToDetails() => new(
        Summary, Description, SourceId, ContactId, ContactName, ContactPhone, Probability, ExpectedAmount, ExpectedCloseDate, CampaignId);

    public static OpportunityEditModel From(Opportunity o) => new()
    {
        CustomerId = o.CustomerId,
        SourceId = o.SourceId,
        ContactId = o.ContactId,
        ContactName = o.ContactName,
        ContactPhone = o.ContactPhone,
        Summary = o.Summary,
        Description = o.Description,
        Probability = o.Probability,
        ExpectedAmount = o.ExpectedAmount,
        ExpectedCloseDate = o.ExpectedCloseDate,
        CampaignId = o.CampaignId,
        Version = o.Version,
    };
}

public sealed record OpportunityFormViewModel(
    int? Id,
    OpportunityEditModel Form,
    string? CustomerName,
    IReadOnlyList<SelectListItem> Customers,
    bool Searched,
    IReadOnlyList<SelectListItem> Contacts,
    IReadOnlyList<SelectListItem> Sources,
    IReadOnlyList<SelectListItem> Campaigns);

public sealed record StageChangeRow(PipelineStage? From, PipelineStage To, DateTimeOffset At, string? By);

public sealed record PlanItemRow(int Id, DateOnly Date, string Content, string? Result, DateTimeOffset? ResultAt, string? By);

public sealed record OpportunityDetailsViewModel(
    int Id,
    string Summary,
    string? Description,
    int CustomerId,
    string? CustomerName,
    string? CustomerCode,
    CustomerStatus? CustomerStatus,
    bool CustomerVisible,
    string? ContactName,
    string? ContactPhone,
    string? Source,
    string? Campaign,
    int Probability,
    decimal? ExpectedAmount,
    decimal WeightedAmount,
    DateOnly? ExpectedCloseDate,
    bool Overdue,
    OpportunityStatus Status,
    PipelineStage Stage,
    DateTimeOffset StageChangedAt,
    string? Creator,
    DateTimeOffset CreatedAt,
    string? Assignee,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? ClosedAt,
    string? LostReason,
    string? LostToCompetitor,
    string? LostNote,
    Guid Version,
    IReadOnlyList<StageChangeRow> StageHistory,
    IReadOnlyList<PlanItemRow> PlanItems,
    OpportunityPermissions Can,
    IReadOnlyList<SelectListItem> AssignableSalesmen,
    IReadOnlyList<SelectListItem> LostReasons,
    IReadOnlyList<SelectListItem> Competitors,
    DateOnly Today);

/// <summary>What the current user may do to one opportunity, as the page offers it (the server checks again on post).</summary>
public sealed record OpportunityPermissions(bool Edit, bool Assign, bool Plan, bool Win, bool Lose, bool MoveStage);
