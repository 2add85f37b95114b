using System.ComponentModel.DataAnnotations;
using Crm.Domain.Sales;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Sales.Models;

public sealed class OrderListFilter : SalesListFilter
{
    [Display(Name = "Orders.Status")]
    public OrderStatus? Status { get; set; }
}

/// <summary>One order of the list.</summary>
public sealed record OrderRow(
    int Id, string Number, DateOnly Date, int CustomerId, string? CustomerName, OrderStatus Status, PriceApprovalState ApprovalState,
    decimal Total, string? Salesman, string? Warehouse);

public sealed record OrderIndexViewModel(
    OrderListFilter Filter, Paged<OrderRow> Rows, IReadOnlyList<SelectListItem>? Salesmen, string? CustomerName, bool CanCreate);

/// <summary>One exported order, projected in the database query.</summary>
public sealed record OrderExportRow(
    string Number, DateOnly Date, string? CustomerCode, string? CustomerName, OrderStatus Status, PriceApprovalState ApprovalState,
    decimal Total, string? Salesman, string? OrgUnit, string? Warehouse, string? DeliveryAddress, string? Remarks);

/// <summary>The posted header of an order (create and edit; the customer is chosen once, at creation).</summary>
public sealed class OrderHeaderModel
{
    [Display(Name = "SalesDocument.Customer")]
    public int CustomerId { get; set; }

    [Display(Name = "SalesDocument.Contact")]
    public int? ContactId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "SalesDocument.Date")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Order.Warehouse")]
    public int? WarehouseId { get; set; }

    [StringLength(SalesDocument<OrderLine>.AddressMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Order.DeliveryAddress")]
    public string? DeliveryAddress { get; set; }

    [StringLength(SalesDocument<OrderLine>.RemarksMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "SalesDocument.Remarks")]
    public string? Remarks { get; set; }

    public Guid Version { get; set; }

    public static OrderHeaderModel From(Order o) => new()
    {
        CustomerId = o.CustomerId,
        ContactId = o.ContactId,
        Date = o.Date,
        WarehouseId = o.WarehouseId,
        DeliveryAddress = o.DeliveryAddress,
        Remarks = o.Remarks,
        Version = o.Version,
    };
}

/// <summary>
/// The order form. Without a customer it first offers a picker (customers in scope, searchable); with one,
/// the header fields.
/// </summary>
public sealed record OrderFormViewModel(
    int? Id, string? Number, SalesCustomer? Customer, OrderHeaderModel Form, string? CustomerSearch,
    IReadOnlyList<SelectListItem> CustomerOptions, IReadOnlyList<SelectListItem> Contacts, IReadOnlyList<SelectListItem> Warehouses);

public sealed class OrderDetailsViewModel
{
    public required SalesDocumentHeader Header { get; init; }

    public required OrderStatus Status { get; init; }

    public required string? Warehouse { get; init; }

    public required string? DeliveryAddress { get; init; }

    public required int? QuoteId { get; init; }

    public required string? QuoteNumber { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset? ConfirmedAt { get; init; }

    public required DateTimeOffset? ShippedAt { get; init; }

    public required DateTimeOffset? CompletedAt { get; init; }

    public required DateTimeOffset? CancelledAt { get; init; }

    public required string? CancelReason { get; init; }

    public required SalesLinesViewModel Lines { get; init; }

    /// <summary>Null when lines cannot be added (not a draft, or no permission).</summary>
    public required SalesLineFormViewModel? LineForm { get; init; }

    public required SalesApprovalPanel Approval { get; init; }

    public required bool CanEdit { get; init; }

    public required bool CanConfirm { get; init; }

    public required bool CanShip { get; init; }

    public required bool CanComplete { get; init; }

    public required bool CanCancel { get; init; }
}

/// <summary>One order of a customer, for the customer 360's orders tab.</summary>
public sealed record CustomerOrderRow(int Id, string Number, DateOnly Date, OrderStatus Status, PriceApprovalState ApprovalState, decimal Total);

/// <summary>The customer 360's orders tab: the latest orders, whether there are more, and whether the user may add one.</summary>
public sealed record CustomerOrdersViewModel(int CustomerId, IReadOnlyList<CustomerOrderRow> Orders, bool HasMore, bool CanCreate);
