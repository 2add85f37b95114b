using System.ComponentModel.DataAnnotations;
using Crm.Domain.Common;
using Crm.Domain.Sales;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Crm.Web.Areas.Sales.Models;

/// <summary>The posted "add a line" form of a quote or order (field names carry the prefix <see cref="Prefix"/>).</summary>
public sealed class SalesLineAddModel
{
    public const string Prefix = "Line";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "SalesLine.Product")]
    public int? ProductId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, SalesLine.MaxQuantity, ErrorMessage = "Validation.Range")]
    [Display(Name = "SalesLine.Quantity")]
    public int? Quantity { get; set; } = 1;

    [Display(Name = "SalesLine.PriceType")]
    public PriceType? PriceType { get; set; }

    /// <summary>A typed unit price; empty takes the price of the price type on the document's date.</summary>
    [Range(typeof(decimal), "0", "99999999.99", ErrorMessage = "Validation.Range", ParseLimitsInInvariantCulture = true)]
    [Display(Name = "SalesLine.UnitPrice")]
    public decimal? UnitPrice { get; set; }

    [Range(typeof(decimal), "0", "100", ErrorMessage = "Validation.Range", ParseLimitsInInvariantCulture = true)]
    [Display(Name = "SalesLine.DiscountPercent")]
    public decimal? DiscountPercent { get; set; }

    /// <summary>The document's version the form was rendered with.</summary>
    public Guid Version { get; set; }

    /// <summary>Puts a refusal of the domain under the field it concerns.</summary>
    public static void AddError(ModelStateDictionary modelState, IStringLocalizer l, DomainException e)
    {
        var field = e.Code switch
        {
            "SalesLine.QuantityOutOfRange" => nameof(Quantity),
            "SalesLine.DiscountOutOfRange" => nameof(DiscountPercent),
            "SalesLine.UnitPriceOutOfRange" => nameof(UnitPrice),
            "Product.Discontinued" => nameof(ProductId),
            _ => null,
        };
        modelState.AddModelError(field is null ? string.Empty : $"{Prefix}.{field}", Crm.Web.Infrastructure.DomainErrors.Message(l, e));
    }
}

/// <summary>One line as the document pages and the printout show it.</summary>
public sealed record SalesLineRow(
    int LineNo, int ProductId, string ProductCode, string ProductName, int Quantity, PriceType PriceType, PriceType AppliedPriceType,
    decimal UnitPrice, bool IsPriceOverridden, decimal DiscountPercent, decimal NetUnitPrice, decimal FloorPrice, decimal Amount,
    bool IsBelowFloor, int? ShippedQuantity = null, int? ReturnedQuantity = null)
{
    public static SalesLineRow From(SalesLine l) => new(
        l.LineNo, l.ProductId, l.ProductCode, l.ProductName, l.Quantity, l.PriceType, l.AppliedPriceType, l.UnitPrice, l.IsPriceOverridden,
        l.DiscountPercent, l.NetUnitPrice, l.FloorPrice, l.Amount, l.IsBelowFloor,
        l is OrderLine o ? o.ShippedQuantity : null, l is OrderLine r ? r.ReturnedQuantity : null);
}

/// <summary>The lines table of a document page: the lines, the total, and whether lines may be removed.</summary>
public sealed record SalesLinesViewModel(int DocumentId, Guid Version, IReadOnlyList<SalesLineRow> Lines, decimal Total, bool CanEdit, bool ShowShipped);

/// <summary>The "add a line" form: sellable products, the posted or default values, the customer's default price type.</summary>
public sealed record SalesLineFormViewModel(int DocumentId, Guid Version, IReadOnlyList<ProductOption> Products, SalesLineAddModel Line, PriceType DefaultPriceType);
