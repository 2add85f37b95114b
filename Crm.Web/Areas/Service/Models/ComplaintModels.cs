using System.ComponentModel.DataAnnotations;
using Crm.Domain.Service;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Service;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Service.Models;

/// <summary>The quality complaints list's search, filters, sort and page (shared with the export).</summary>
public sealed class ComplaintListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Complaints.Search")]
    public string? Q { get; set; }

    [Display(Name = "Complaints.Status")]
    public QualityComplaintStatus? Status { get; set; }

    [Display(Name = "QualityComplaint.Product")]
    public int? ProductId { get; set; }

    [Display(Name = "QualityComplaint.Urgency")]
    public int? UrgencyId { get; set; }

    /// <summary>Only complaints the user handles.</summary>
    [Display(Name = "Complaints.Mine")]
    public bool Mine { get; set; }

    [Display(Name = "Complaints.From")]
    public DateOnly? From { get; set; }

    [Display(Name = "Complaints.To")]
    public DateOnly? To { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The filtered, sorted complaints; the data scope applies through the context (a complaint is visible with its customer).</summary>
    public IQueryable<QualityComplaint> Apply(CrmDbContext db, ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var query = db.QualityComplaints.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            query = query.Where(c => c.Number == upper || (c.ProjectName != null && c.ProjectName.Contains(q)) || c.Details.Contains(q)
                                     || db.Customers.Any(k => k.Id == c.CustomerId && (k.Name.Contains(q) || k.Code == upper)));
        }

        if (Status is { } status)
            query = query.Where(c => c.Status == status);
        if (ProductId is { } product)
            query = query.Where(c => c.ProductId == product);
        if (UrgencyId is { } urgency)
            query = query.Where(c => c.UrgencyId == urgency);
        if (Mine)
        {
            var me = user.UserId;
            query = query.Where(c => c.HandlerId == me);
        }

        if (From is { } from)
            query = query.Where(c => c.FeedbackDate >= from);
        if (To is { } to)
            query = query.Where(c => c.FeedbackDate <= to);

        return (Sort?.ToLowerInvariant(), Descending) switch
        {
            ("number", false) => query.OrderBy(c => c.Number),
            ("number", true) => query.OrderByDescending(c => c.Number),
            ("status", false) => query.OrderBy(c => c.Status).ThenByDescending(c => c.Id),
            ("status", true) => query.OrderByDescending(c => c.Status).ThenByDescending(c => c.Id),
            ("problems", false) => query.OrderBy(c => c.ProblemQuantity).ThenBy(c => c.Id),
            ("problems", true) => query.OrderByDescending(c => c.ProblemQuantity).ThenByDescending(c => c.Id),
            ("feedback", false) => query.OrderBy(c => c.FeedbackDate).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.FeedbackDate).ThenByDescending(c => c.Id),
        };
    }
}

public sealed record ComplaintRow(
    int Id, string Number, int CustomerId, string? Customer, DateOnly FeedbackDate, string? Product, int? ProblemQuantity,
    string? Urgency, string? Handler, QualityComplaintStatus Status);

public sealed record ComplaintIndexViewModel(
    ComplaintListFilter Filter,
    Paged<ComplaintRow> Rows,
    IReadOnlyList<SelectListItem> Products,
    IReadOnlyList<SelectListItem> Urgencies,
    bool CanCreate);

public sealed record ComplaintExportRow(
    string Number, string? CustomerCode, string? Customer, string? Contact, DateOnly FeedbackDate, string? ProjectName, int? ProjectQuantity,
    string? Product, DateOnly? ProblemFoundDate, int? ProblemQuantity, string? Urgency, string? Site, string Details, string? InitialIntent,
    string? AppraisalOpinion, string? Handler, string? HandlingResult, QualityComplaintStatus Status);

/// <summary>The posted complaint form: every field of the quality complaint form (seed 004).</summary>
public sealed class ComplaintEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "QualityComplaint.Customer")]
    public int? CustomerId { get; set; }

    [Display(Name = "QualityComplaint.Contact")]
    public int? ContactId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "QualityComplaint.FeedbackDate")]
    public DateOnly? FeedbackDate { get; set; }

    [StringLength(QualityComplaint.ProjectNameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "QualityComplaint.ProjectName")]
    public string? ProjectName { get; set; }

    [Range(0, QualityComplaint.MaxQuantity, ErrorMessage = "Validation.Range")]
    [Display(Name = "QualityComplaint.ProjectQuantity")]
    public int? ProjectQuantity { get; set; }

    [Display(Name = "QualityComplaint.Product")]
    public int? ProductId { get; set; }

    [Display(Name = "QualityComplaint.ProblemFoundDate")]
    public DateOnly? ProblemFoundDate { get; set; }

    [Range(0, QualityComplaint.MaxQuantity, ErrorMessage = "Validation.Range")]
    [Display(Name = "QualityComplaint.ProblemQuantity")]
    public int? ProblemQuantity { get; set; }

    [Display(Name = "QualityComplaint.Urgency")]
    public int? UrgencyId { get; set; }

    [StringLength(QualityComplaint.SiteMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "QualityComplaint.Site")]
    public string? Site { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(QualityComplaint.TextMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "QualityComplaint.Details")]
    public string? Details { get; set; }

    [StringLength(QualityComplaint.TextMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "QualityComplaint.InitialIntent")]
    public string? InitialIntent { get; set; }

    [StringLength(QualityComplaint.TextMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "QualityComplaint.AppraisalOpinion")]
    public string? AppraisalOpinion { get; set; }

    [Display(Name = "QualityComplaint.Handler")]
    public Guid? HandlerId { get; set; }

    public Guid Version { get; set; }

    public static ComplaintEditModel From(QualityComplaint c) => new()
    {
        CustomerId = c.CustomerId, ContactId = c.ContactId, FeedbackDate = c.FeedbackDate, ProjectName = c.ProjectName,
        ProjectQuantity = c.ProjectQuantity, ProductId = c.ProductId, ProblemFoundDate = c.ProblemFoundDate,
        ProblemQuantity = c.ProblemQuantity, UrgencyId = c.UrgencyId, Site = c.Site, Details = c.Details,
        InitialIntent = c.InitialIntent, AppraisalOpinion = c.AppraisalOpinion, HandlerId = c.HandlerId, Version = c.Version,
    };

    public QualityComplaintDetails ToDetails() => new(
        FeedbackDate!.Value, Details ?? string.Empty, ContactId, ProjectName, ProjectQuantity, ProductId, ProblemFoundDate,
        ProblemQuantity, UrgencyId, Site, InitialIntent, AppraisalOpinion, HandlerId);
}

public sealed record ComplaintFormViewModel(
    int? Id,
    string? Number,
    ServiceCustomer Customer,
    ComplaintEditModel Form,
    IReadOnlyList<SelectListItem> Contacts,
    IReadOnlyList<SelectListItem> Products,
    IReadOnlyList<SelectListItem> Urgencies,
    IReadOnlyList<SelectListItem> Handlers);

public sealed record ComplaintCreateViewModel(ServiceCustomerPicker Picker);

public sealed record ComplaintDetailsViewModel(
    int Id,
    string Number,
    QualityComplaintStatus Status,
    Guid Version,
    int CustomerId,
    string? Customer,
    string? Contact,
    DateOnly FeedbackDate,
    string? ProjectName,
    int? ProjectQuantity,
    int? ProductId,
    string? Product,
    DateOnly? ProblemFoundDate,
    int? ProblemQuantity,
    string? Urgency,
    string? Site,
    string Details,
    string? InitialIntent,
    string? AppraisalOpinion,
    string? Handler,
    string? HandlingResult,
    bool CanEdit,
    bool CanInvestigate,
    bool CanResolve,
    bool CanClose);

public sealed class ComplaintsByProductFilter
{
    [Display(Name = "Complaints.From")]
    public DateOnly? From { get; set; }

    [Display(Name = "Complaints.To")]
    public DateOnly? To { get; set; }
}

public sealed record ComplaintsByProductViewModel(ComplaintsByProductFilter Filter, IReadOnlyList<ComplaintsByProduct> Rows);
