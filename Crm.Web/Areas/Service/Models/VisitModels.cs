using System.ComponentModel.DataAnnotations;
using Crm.Domain.Service;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Service.Models;

/// <summary>Which visits the list shows by state; Overdue = still planned and the planned day has passed.</summary>
public enum VisitState
{
    Planned,
    Overdue,
    Done,
    Cancelled,
}

public sealed class VisitListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Visits.Search")]
    public string? Q { get; set; }

    /// <summary>"all": every visit in the data scope; otherwise the user's own (as visitor).</summary>
    [Display(Name = "Visits.Scope")]
    public string? Scope { get; set; }

    [Display(Name = "Visits.State")]
    public VisitState? State { get; set; }

    [Display(Name = "Visits.From")]
    public DateOnly? From { get; set; }

    [Display(Name = "Visits.To")]
    public DateOnly? To { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool All => string.Equals(Scope, "all", StringComparison.OrdinalIgnoreCase);

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The filtered visits; the data scope applies through the context (a visit is visible with its customer).</summary>
    public IQueryable<ReturnVisit> Apply(CrmDbContext db, ICurrentUser user, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var query = db.ReturnVisits.AsNoTracking();
        if (!All)
        {
            var me = user.UserId ?? Guid.Empty;
            query = query.Where(v => v.VisitorId == me);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            query = query.Where(v => (v.Content != null && v.Content.Contains(q))
                                     || db.Customers.Any(c => c.Id == v.CustomerId && (c.Name.Contains(q) || c.Code == upper)));
        }

        query = State switch
        {
            VisitState.Planned => query.Where(v => v.Status == ReturnVisitStatus.Planned),
            VisitState.Overdue => query.Where(v => v.Status == ReturnVisitStatus.Planned && v.PlannedDate < today),
            VisitState.Done => query.Where(v => v.Status == ReturnVisitStatus.Done),
            VisitState.Cancelled => query.Where(v => v.Status == ReturnVisitStatus.Cancelled),
            _ => query,
        };
        if (From is { } from)
            query = query.Where(v => v.PlannedDate >= from);
        if (To is { } to)
            query = query.Where(v => v.PlannedDate <= to);

        return (Sort?.ToLowerInvariant(), Descending) switch
        {
            ("planned", true) => query.OrderByDescending(v => v.PlannedDate).ThenByDescending(v => v.Id),
            ("actual", false) => query.OrderBy(v => v.ActualDate).ThenBy(v => v.Id),
            ("actual", true) => query.OrderByDescending(v => v.ActualDate).ThenByDescending(v => v.Id),
            ("status", false) => query.OrderBy(v => v.Status).ThenBy(v => v.PlannedDate),
            ("status", true) => query.OrderByDescending(v => v.Status).ThenBy(v => v.PlannedDate),
            // Planned visits are worked through soonest first; a list of done visits reads the same way back.
            _ => State is VisitState.Done or VisitState.Cancelled
                ? query.OrderByDescending(v => v.PlannedDate).ThenByDescending(v => v.Id)
                : query.OrderBy(v => v.PlannedDate).ThenBy(v => v.Id),
        };
    }
}

public sealed record VisitRow(
    int Id, int CustomerId, string? Customer, DateOnly PlannedDate, DateOnly? ActualDate, string? Method, string? Visitor,
    ReturnVisitStatus Status, decimal? AverageScore, bool Overdue);

public sealed record VisitIndexViewModel(VisitListFilter Filter, Paged<VisitRow> Rows, bool CanCreate);

/// <summary>The plan form (客户回访 planned).</summary>
public sealed class VisitPlanModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ReturnVisit.Customer")]
    public int? CustomerId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ReturnVisit.PlannedDate")]
    public DateOnly? PlannedDate { get; set; }

    [Display(Name = "ReturnVisit.Method")]
    public int? MethodId { get; set; }

    [Display(Name = "ReturnVisit.Contact")]
    public int? ContactId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ReturnVisit.Visitor")]
    public Guid? VisitorId { get; set; }

    [StringLength(ReturnVisit.ContentMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ReturnVisit.Content")]
    public string? Content { get; set; }
}

public sealed record VisitPlanViewModel(
    ServiceCustomer Customer,
    VisitPlanModel Form,
    IReadOnlyList<SelectListItem> Methods,
    IReadOnlyList<SelectListItem> Contacts,
    IReadOnlyList<SelectListItem> Visitors);

/// <summary>The record form: the visit took place, with the survey (six scores 1–5, each optional) and comments.</summary>
public sealed class VisitRecordModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ReturnVisit.ActualDate")]
    public DateOnly? ActualDate { get; set; }

    [Display(Name = "ReturnVisit.Method")]
    public int? MethodId { get; set; }

    [Display(Name = "ReturnVisit.Contact")]
    public int? ContactId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ReturnVisit.ContentMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ReturnVisit.Content")]
    public string? Content { get; set; }

    [Range(1, 5, ErrorMessage = "Validation.Range")]
    [Display(Name = "ReturnVisit.ProductPriceScore")]
    public int? ProductPriceScore { get; set; }

    [Range(1, 5, ErrorMessage = "Validation.Range")]
    [Display(Name = "ReturnVisit.ServiceAttitudeScore")]
    public int? ServiceAttitudeScore { get; set; }

    [Range(1, 5, ErrorMessage = "Validation.Range")]
    [Display(Name = "ReturnVisit.ServicePriceScore")]
    public int? ServicePriceScore { get; set; }

    [Range(1, 5, ErrorMessage = "Validation.Range")]
    [Display(Name = "ReturnVisit.TimelinessScore")]
    public int? TimelinessScore { get; set; }

    [Range(1, 5, ErrorMessage = "Validation.Range")]
    [Display(Name = "ReturnVisit.ProductQualityScore")]
    public int? ProductQualityScore { get; set; }

    [Range(1, 5, ErrorMessage = "Validation.Range")]
    [Display(Name = "ReturnVisit.QualityImprovementScore")]
    public int? QualityImprovementScore { get; set; }

    [StringLength(ReturnVisit.CommentsMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ReturnVisit.Comments")]
    public string? Comments { get; set; }

    public Guid Version { get; set; }

    public SurveyScores Scores() =>
        new(ProductPriceScore, ServiceAttitudeScore, ServicePriceScore, TimelinessScore, ProductQualityScore, QualityImprovementScore);

    /// <summary>The six score fields in the survey's order: name for the form, label key.</summary>
    public static readonly IReadOnlyList<string> ScoreFields =
    [
        nameof(ProductPriceScore), nameof(ServiceAttitudeScore), nameof(ServicePriceScore),
        nameof(TimelinessScore), nameof(ProductQualityScore), nameof(QualityImprovementScore),
    ];

    public int? ScoreOf(string field) => field switch
    {
        nameof(ProductPriceScore) => ProductPriceScore,
        nameof(ServiceAttitudeScore) => ServiceAttitudeScore,
        nameof(ServicePriceScore) => ServicePriceScore,
        nameof(TimelinessScore) => TimelinessScore,
        nameof(ProductQualityScore) => ProductQualityScore,
        nameof(QualityImprovementScore) => QualityImprovementScore,
        _ => null,
    };
}

public sealed record VisitRecordViewModel(
    int Id,
    ServiceCustomer Customer,
    DateOnly PlannedDate,
    VisitRecordModel Form,
    IReadOnlyList<SelectListItem> Methods,
    IReadOnlyList<SelectListItem> Contacts)
{
    /// <summary>The organisation's day: the latest actual date the visit accepts.</summary>
    public DateOnly Today { get; init; }
}

public sealed record VisitScore(string LabelKey, int? Score);

/// <summary>The reschedule form (改期): the new planned day and why; a stale form (the visit changed since) is refused.</summary>
public sealed class VisitRescheduleModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ReturnVisit.PlannedDate")]
    public DateOnly? PlannedDate { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ReturnVisit.RescheduleReasonMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ReturnVisit.RescheduleReason")]
    public string? Reason { get; set; }

    public Guid Version { get; set; }
}

public sealed record VisitRescheduleViewModel(int Id, ServiceCustomer Customer, DateOnly PlannedDate, VisitRescheduleModel Form, DateOnly Today);

/// <summary>One visit as the export writes it.</summary>
public sealed record VisitExportRow(
    string? CustomerCode, string? Customer, DateOnly PlannedDate, DateOnly? ActualDate, string? Method, string? Contact, string? Visitor,
    ReturnVisitStatus Status, string? Content,
    int? ProductPriceScore, int? ServiceAttitudeScore, int? ServicePriceScore, int? TimelinessScore, int? ProductQualityScore, int? QualityImprovementScore,
    string? Comments, string? ServiceRequestNumber);

public sealed record VisitDetailsViewModel(
    int Id,
    ReturnVisitStatus Status,
    Guid Version,
    int CustomerId,
    string? Customer,
    string? Contact,
    int? ServiceRequestId,
    string? ServiceRequestNumber,
    string? Visitor,
    DateOnly PlannedDate,
    DateOnly? ActualDate,
    string? Method,
    string? Content,
    IReadOnlyList<VisitScore> Scores,
    decimal? AverageScore,
    string? Comments,
    bool Overdue,
    bool CanRecord,
    bool CanCancel)
{
    /// <summary>The planned day before the last reschedule, and why it moved.</summary>
    public DateOnly? RescheduledFrom { get; init; }

    public string? RescheduleReason { get; init; }
}
