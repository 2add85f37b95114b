using System.ComponentModel.DataAnnotations;
using Crm.Domain.Sales;
using Crm.Infrastructure.Persistence;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Sales.Models;

/// <summary>The returns list's search, filters, sort and page, bound from the query string (shared with the export).</summary>
public sealed class ReturnListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Returns.Search")]
    public string? Q { get; set; }

    [Display(Name = "Returns.Status")]
    public ReturnStatus? Status { get; set; }

    [Display(Name = "Returns.Reason")]
    public int? ReasonId { get; set; }

    [Display(Name = "Returns.RequestedFrom")]
    public DateOnly? From { get; set; }

    [Display(Name = "Returns.RequestedTo")]
    public DateOnly? To { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The filtered and sorted returns; the data scope applies through the context (a return is visible with its customer).</summary>
    public IQueryable<Return> Apply(CrmDbContext db, UserClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var query = db.Returns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            // A document number is looked up on its unique index; anything else also matches the customer's name or code.
            query = upper.StartsWith("TH", StringComparison.Ordinal) || upper.StartsWith("DD", StringComparison.Ordinal)
                ? query.Where(r => r.Number.StartsWith(upper) || r.OrderNumber.StartsWith(upper))
                : query.Where(r => r.Number == upper || r.OrderNumber == upper
                                   || db.Customers.Any(c => c.Id == r.CustomerId && (c.Name.Contains(q) || c.Code == upper)));
        }

        if (Status is { } status)
            query = query.Where(r => r.Status == status);
        if (ReasonId is { } reason)
            query = query.Where(r => r.ReasonId == reason);
        if (From is { } from)
        {
            var start = clock.StartOfDay(from);
            query = query.Where(r => r.RequestedAt >= start);
        }

        if (To is { } to)
        {
            var end = clock.StartOfDay(to.AddDays(1));
            query = query.Where(r => r.RequestedAt < end);
        }

        return (Sort?.ToLowerInvariant(), Descending) switch
        {
            ("number", false) => query.OrderBy(r => r.Number),
            ("number", true) => query.OrderByDescending(r => r.Number),
            ("amount", false) => query.OrderBy(r => r.Amount).ThenBy(r => r.Id),
            ("amount", true) => query.OrderByDescending(r => r.Amount).ThenByDescending(r => r.Id),
            ("status", false) => query.OrderBy(r => r.Status).ThenByDescending(r => r.Id),
            ("status", true) => query.OrderByDescending(r => r.Status).ThenByDescending(r => r.Id),
            ("requested", false) => query.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id),
            _ => query.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id),
        };
    }
}

public sealed record ReturnRow(
    int Id, string Number, int OrderId, string OrderNumber, int CustomerId, string? Customer, ReturnStatus Status,
    string? Reason, decimal Amount, DateTimeOffset RequestedAt, string? RequestedBy);

public sealed record ReturnIndexViewModel(
    ReturnListFilter Filter,
    Paged<ReturnRow> Rows,
    IReadOnlyList<SelectListItem> Reasons,
    bool CanCreate);

public sealed record ReturnLineRow(int LineNo, string ProductName, int Quantity, decimal UnitPrice, decimal Amount);

/// <summary>One step of a return's timeline: what happened, when, by whom, with the decision's comment.</summary>
public sealed record ReturnStep(string TextKey, DateTimeOffset At, string? By, string? Comment, string Icon);

public sealed record ReturnDetailsViewModel(
    int Id,
    string Number,
    ReturnStatus Status,
    Guid Version,
    int OrderId,
    string OrderNumber,
    int CustomerId,
    string? CustomerName,
    string? Warehouse,
    string? Reason,
    string? Description,
    decimal Amount,
    IReadOnlyList<ReturnLineRow> Lines,
    IReadOnlyList<ReturnStep> Timeline,
    string? DecisionComment,
    bool CanReceive,
    bool CanRefund,
    bool CanApprove);

/// <summary>One order line as the return form offers it.</summary>
public sealed record ReturnableLine(int LineNo, string ProductCode, string ProductName, int Ordered, int Shipped, int Returned, decimal UnitPrice)
{
    public int Returnable => Shipped - Returned;
}

/// <summary>One posted line of the return form (<c>Lines[i].LineNo</c>, <c>Lines[i].Quantity</c>).</summary>
public sealed class ReturnLineInput
{
    public int LineNo { get; set; }

    [Range(0, SalesLine.MaxQuantity, ErrorMessage = "Validation.Range")]
    [Display(Name = "Returns.Quantity")]
    public int? Quantity { get; set; }
}

/// <summary>The posted return request. <see cref="Version"/> is the order's, as the form was rendered.</summary>
public sealed class ReturnCreateModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Returns.Reason")]
    public int? ReasonId { get; set; }

    [StringLength(Return.DescriptionMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Return.Description")]
    public string? Description { get; set; }

    public Guid Version { get; set; }

    public List<ReturnLineInput> Lines { get; set; } = [];

    public int? QuantityOf(int lineNo) => Lines.FirstOrDefault(l => l.LineNo == lineNo)?.Quantity;
}

public sealed record ReturnCreateViewModel(
    int OrderId,
    string OrderNumber,
    OrderStatus OrderStatus,
    int CustomerId,
    string? CustomerName,
    DateOnly OrderDate,
    IReadOnlyList<ReturnableLine> Lines,
    ReturnCreateModel Form,
    IReadOnlyList<SelectListItem> Reasons)
{
    public bool CanReturn => OrderStatus is OrderStatus.Shipped or OrderStatus.Completed && Lines.Any(l => l.Returnable > 0);
}

/// <summary>One exported return, projected in the database query.</summary>
public sealed record ReturnExportRow(
    string Number, string OrderNumber, string? CustomerCode, string? Customer, ReturnStatus Status, string? Reason,
    decimal Amount, DateTimeOffset RequestedAt, string? RequestedBy, DateTimeOffset? DecidedAt, string? DecisionComment,
    DateTimeOffset? ReceivedAt, DateTimeOffset? RefundedAt, string? Description);
