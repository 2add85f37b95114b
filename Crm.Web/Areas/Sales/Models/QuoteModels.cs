using System.ComponentModel.DataAnnotations;
using Crm.Domain.Sales;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Sales.Models;

public sealed class QuoteListFilter : SalesListFilter
{
    [Display(Name = "Quotes.Status")]
    public QuoteStatus? Status { get; set; }
}

/// <summary>One quote of the list.</summary>
public sealed record QuoteRow(
    int Id, string Number, DateOnly Date, DateOnly? ValidUntil, int CustomerId, string? CustomerName, QuoteStatus Status,
    PriceApprovalState ApprovalState, decimal Total, string? Salesman);

public sealed record QuoteIndexViewModel(
    QuoteListFilter Filter, Paged<QuoteRow> Rows, IReadOnlyList<SelectListItem>? Salesmen, string? CustomerName, bool CanCreate);

/// <summary>One exported quote, projected in the database query.</summary>
public sealed record QuoteExportRow(
    string Number, DateOnly Date, DateOnly? ValidUntil, string? CustomerCode, string? CustomerName, QuoteStatus Status,
    PriceApprovalState ApprovalState, decimal Total, string? Salesman, string? OrgUnit, string? Remarks);

/// <summary>The posted header of a quote (create and edit; the customer is chosen once, at creation).</summary>
public sealed class QuoteHeaderModel
{
    [Display(Name = "SalesDocument.Customer")]
    public int CustomerId { get; set; }

    [Display(Name = "SalesDocument.Contact")]
    public int? ContactId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "SalesDocument.Date")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Quote.ValidUntil")]
    public DateOnly? ValidUntil { get; set; }

    [StringLength(SalesDocument<QuoteLine>.RemarksMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "SalesDocument.Remarks")]
    public string? Remarks { get; set; }

    public Guid Version { get; set; }

    public static QuoteHeaderModel From(Quote q) => new()
    {
        CustomerId = q.CustomerId,
        ContactId = q.ContactId,
        Date = q.Date,
        ValidUntil = q.ValidUntil,
        Remarks = q.Remarks,
        Version = q.Version,
    };
}

public sealed record QuoteFormViewModel(
    int? Id, string? Number, SalesCustomer? Customer, QuoteHeaderModel Form, string? CustomerSearch,
    IReadOnlyList<SelectListItem> CustomerOptions, IReadOnlyList<SelectListItem> Contacts);

/// <summary>The posted conversion of an accepted quote into a draft order.</summary>
public sealed class QuoteConvertModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Order.Warehouse")]
    public int? WarehouseId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Quotes.OrderDate")]
    public DateOnly? Date { get; set; }

    [StringLength(SalesDocument<OrderLine>.AddressMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Order.DeliveryAddress")]
    public string? DeliveryAddress { get; set; }

    public Guid Version { get; set; }
}

public sealed record QuoteConvertViewModel(SalesDocumentHeader Header, QuoteConvertModel Form, IReadOnlyList<SelectListItem> Warehouses);

public sealed class QuoteDetailsViewModel
{
    public required SalesDocumentHeader Header { get; init; }

    public required QuoteStatus Status { get; init; }

    public required DateOnly? ValidUntil { get; init; }

    public required DateTimeOffset? SentAt { get; init; }

    public required DateTimeOffset? DecidedAt { get; init; }

    public required int? OrderId { get; init; }

    public required string? OrderNumber { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required SalesLinesViewModel Lines { get; init; }

    public required SalesLineFormViewModel? LineForm { get; init; }

    public required SalesApprovalPanel Approval { get; init; }

    public required bool CanEdit { get; init; }

    public required bool CanSend { get; init; }

    public required bool CanAccept { get; init; }

    public required bool CanReject { get; init; }

    public required bool CanRevise { get; init; }

    public required bool CanConvert { get; init; }
}
