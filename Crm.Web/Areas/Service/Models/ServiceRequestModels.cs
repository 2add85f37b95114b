using System.ComponentModel.DataAnnotations;
using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Service;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Service.Models;

/// <summary>The three views of the request list.</summary>
public static class ServiceRequestViews
{
    /// <summary>My queue: open requests I handle.</summary>
    public const string Mine = "mine";

    /// <summary>To assign (managers): new requests in scope.</summary>
    public const string ToAssign = "assign";

    /// <summary>Everything in scope.</summary>
    public const string All = "all";
}

/// <summary>The request list's view, filters, sort and page, bound from the query string (shared with the export).</summary>
public sealed class ServiceRequestListFilter
{
    public string? View { get; set; }

    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ServiceRequests.Search")]
    public string? Q { get; set; }

    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ServiceRequests.Customer")]
    public string? Customer { get; set; }

    [Display(Name = "ServiceRequests.Status")]
    public ServiceRequestStatus? Status { get; set; }

    [Display(Name = "ServiceRequests.Type")]
    public int? TypeId { get; set; }

    [Display(Name = "ServiceRequests.Priority")]
    public int? PriorityId { get; set; }

    [Display(Name = "ServiceRequests.OverdueOnly")]
    public bool Overdue { get; set; }

    [Display(Name = "ServiceRequests.ReceivedFrom")]
    public DateOnly? From { get; set; }

    [Display(Name = "ServiceRequests.ReceivedTo")]
    public DateOnly? To { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The view actually shown: "assign" only for managers, "all" otherwise by default.</summary>
    public string EffectiveView(bool canAssign) => View?.ToLowerInvariant() switch
    {
        ServiceRequestViews.Mine => ServiceRequestViews.Mine,
        ServiceRequestViews.ToAssign when canAssign => ServiceRequestViews.ToAssign,
        _ => ServiceRequestViews.All,
    };

    /// <summary>Most customers the customer filter looks for (their ids travel into the request query).</summary>
    public const int CustomerMatchLimit = 2000;

    /// <summary>The ids of the customers the customer filter names, or null without that filter (read as a statement of its own).</summary>
    public async Task<IReadOnlyCollection<int>?> CustomerIdsAsync(ServiceRequestQueries parties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parties);
        return string.IsNullOrWhiteSpace(Customer) ? null : await parties.CustomerIdsMatchingAsync(Customer, CustomerMatchLimit, cancellationToken);
    }

    /// <summary>The filtered and sorted requests; the data scope applies through the context's filter on requests.</summary>
    public IQueryable<ServiceRequest> Apply(CrmDbContext db, UserClock clock, Guid? me, bool canAssign, DateTimeOffset now, IReadOnlyCollection<int>? customerIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var query = db.ServiceRequests.AsNoTracking();
        switch (EffectiveView(canAssign))
        {
            case ServiceRequestViews.Mine:
                query = query.Where(r => r.HandlerId == me && r.Status == ServiceRequestStatus.Assigned);
                break;
            case ServiceRequestViews.ToAssign:
                query = query.Where(r => r.Status == ServiceRequestStatus.New);
                break;
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            query = query.Where(r => r.Number == upper || r.Summary.Contains(q));
        }

        if (customerIds is not null)
            query = query.Where(r => customerIds.Contains(r.CustomerId));

        if (Status is { } status)
            query = query.Where(r => r.Status == status);
        if (TypeId is { } type)
            query = query.Where(r => r.TypeId == type);
        if (PriorityId is { } priority)
            query = query.Where(r => r.PriorityId == priority);
        if (Overdue)
            query = query.Where(r => (r.Status == ServiceRequestStatus.New || r.Status == ServiceRequestStatus.Assigned) && r.DueAt < now);
        if (From is { } from)
        {
            var start = clock.StartOfDay(from);
            query = query.Where(r => r.ReceivedAt >= start);
        }

        if (To is { } to)
        {
            var end = clock.StartOfDay(to.AddDays(1));
            query = query.Where(r => r.ReceivedAt < end);
        }

        return (Sort?.ToLowerInvariant(), Descending) switch
        {
            ("number", false) => query.OrderBy(r => r.Number),
            ("number", true) => query.OrderByDescending(r => r.Number),
            ("status", false) => query.OrderBy(r => r.Status).ThenByDescending(r => r.Id),
            ("status", true) => query.OrderByDescending(r => r.Status).ThenByDescending(r => r.Id),
            ("due", false) => query.OrderBy(r => r.DueAt).ThenBy(r => r.Id),
            ("due", true) => query.OrderByDescending(r => r.DueAt).ThenByDescending(r => r.Id),
            ("received", false) => query.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id),
            _ => query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id),
        };
    }
}

public sealed record ServiceRequestRow(
    int Id, string Number, int CustomerId, string? Customer, string? Type, string? Priority, string Summary,
    ServiceRequestStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, string? Handler, bool IsOverdue);

public sealed record ServiceRequestIndexViewModel(
    ServiceRequestListFilter Filter,
    string View,
    Paged<ServiceRequestRow> Rows,
    IReadOnlyList<SelectListItem> Types,
    IReadOnlyList<SelectListItem> Priorities,
    bool CanCreate,
    bool CanAssign);

/// <summary>One exported request, projected in the database query.</summary>
public sealed record ServiceRequestExportRow(
    string Number, int CustomerId, string? Type, string? Priority, string Summary, ServiceRequestStatus Status,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, string? Creator, string? Handler, DateTimeOffset? HandledAt, int? MinutesSpent,
    int? Satisfaction, DateTimeOffset? ArchivedAt);

/// <summary>The posted new request (and its edit).</summary>
public sealed class ServiceRequestFormModel
{
    public int CustomerId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ServiceRequests.Type")]
    public int? TypeId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ServiceRequests.Priority")]
    public int? PriorityId { get; set; }

    [Display(Name = "ServiceRequests.Contact")]
    public int? ContactId { get; set; }

    [Display(Name = "ServiceRequests.Product")]
    public int? ProductId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ServiceRequest.SummaryMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ServiceRequest.Summary")]
    public string? Summary { get; set; }

    [StringLength(ServiceRequest.DetailsMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ServiceRequest.Details")]
    public string? Details { get; set; }

    public Guid Version { get; set; }
}


public sealed record ServiceRequestFormViewModel(
    int? Id,
    string? Number,
    int? CustomerId,
    string? CustomerName,
    string? CustomerSearch,
    IReadOnlyList<SelectListItem> CustomerOptions,
    ServiceRequestFormModel Form,
    IReadOnlyList<SelectListItem> Types,
    IReadOnlyList<SelectListItem> Priorities,
    IReadOnlyList<SelectListItem> Contacts,
    IReadOnlyList<SelectListItem> Products);

/// <summary>One event of the request's timeline.</summary>
/// <summary>One move in the request's history; a feedback shows the satisfaction it gave.</summary>
public sealed record ServiceRequestStep(ServiceRequestStatus? From, ServiceRequestStatus To, DateTimeOffset At, string? By, string? Note, int? Satisfaction = null);

public sealed record ServiceArticleLink(int Id, string Title, string? Tags, int ViewCount);

/// <summary>The customer's active contract as the request page shows it.</summary>
public sealed record ServiceContractBadge(int Id, string Number, DateOnly EndDate, ServiceLevel Level, int? CasesLeft, bool IsThisRequests);

public sealed record ServiceRequestDetailsViewModel(
    int Id,
    string Number,
    Guid Version,
    ServiceRequestStatus Status,
    bool IsOverdue,
    int CustomerId,
    string? CustomerName,
    bool CustomerVisible,
    string? Contact,
    string? Type,
    string? Priority,
    string? Product,
    string Summary,
    string? Details,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    string? Creator,
    string? Handler,
    string? Handling,
    int? MinutesSpent,
    DateTimeOffset? HandledAt,
    string? FeedbackResult,
    int? Satisfaction,
    DateTimeOffset? ArchivedAt,
    ServiceContractBadge? Contract,
    IReadOnlyList<ServiceRequestStep> Timeline,
    IReadOnlyList<ServiceArticleLink> Articles,
    IReadOnlyList<ServiceArticleLink> Suggested,
    IReadOnlyList<SelectListItem> Handlers,
    bool CanAssign,
    bool CanHandle,
    bool CanFeedback,
    bool CanArchive,
    bool CanLinkArticles)
{
    /// <summary>The return visits (回访) planned for this request that the user sees (with the customer).</summary>
    public IReadOnlyList<ServiceRequestVisit> Visits { get; init; } = [];
}

/// <summary>A return visit of a request as its page links it.</summary>
public sealed record ServiceRequestVisit(int Id, DateOnly PlannedDate, DateOnly? ActualDate, ReturnVisitStatus Status, string? Visitor);

public sealed class ServiceRequestAssignModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ServiceRequests.Handler")]
    public Guid? HandlerId { get; set; }

    public Guid Version { get; set; }
}

public sealed class ServiceRequestHandleModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ServiceRequest.HandlingMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ServiceRequest.Handling")]
    public string? Handling { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(0, ServiceRequest.MaxMinutesSpent, ErrorMessage = "Validation.Range")]
    [Display(Name = "ServiceRequests.MinutesSpent")]
    public int? MinutesSpent { get; set; }

    public Guid Version { get; set; }
}

public sealed class ServiceRequestFeedbackModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ServiceRequest.FeedbackMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ServiceRequest.FeedbackResult")]
    public string? Result { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, 5, ErrorMessage = "Validation.Range")]
    [Display(Name = "ServiceRequests.Satisfaction")]
    public int? Satisfaction { get; set; }

    public Guid Version { get; set; }
}

/// <summary>The service tab of the customer 360: the customer's requests, newest first.</summary>
public sealed record CustomerServiceRow(int Id, string Number, string Summary, string? Type, ServiceRequestStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool IsOverdue);

public sealed record CustomerServiceViewModel(int CustomerId, IReadOnlyList<CustomerServiceRow> Rows, bool CanCreate, int Limit);

/// <summary>A dashboard list of requests.</summary>
public sealed record ServiceQueueWidgetModel(string TitleKey, string View, bool OverdueOnly, IReadOnlyList<ServiceRequestRow> Rows, int Total, string TestId);

/// <summary>Helpers shared by the request pages.</summary>
public static class ServiceRequestLookups
{
    public const int CustomerPickerLimit = 50;

    public static Task<List<SelectListItem>> ProductOptionsAsync(CrmDbContext db, int? selected, CancellationToken cancellationToken) =>
        db.Products.AsNoTracking()
            .Where(p => p.Status == Crm.Domain.Sales.ProductStatus.Active || p.Id == selected)
            .OrderBy(p => p.Code).Take(1000)
            .Select(p => new SelectListItem(p.Name + " (" + p.Code + ")", p.Id.ToString(), p.Id == selected))
            .ToListAsync(cancellationToken);
}
