using System.ComponentModel.DataAnnotations;
using Crm.Domain.Sales;
using Crm.Infrastructure.Sales;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Sales.Models;

/// <summary>The product list's search, filters, sort and page, bound from the query string.</summary>
public sealed class ProductListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Products.Search")]
    public string? Q { get; set; }

    [Display(Name = "Products.Category")]
    public int? CategoryId { get; set; }

    [Display(Name = "Products.Status")]
    public ProductStatus? Status { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
}

public sealed record ProductRow(
    int Id, string Code, string Name, string? Specification, int CategoryId, string? Unit,
    decimal ListPrice, decimal FloorPrice, ProductStatus Status, int SafetyStock, int OnHand, int Available);

public sealed record ProductIndexViewModel(
    ProductListFilter Filter,
    Paged<ProductRow> Rows,
    ProductCategoryTree Categories,
    bool CanManage,
    bool AnyProducts)
{
    public IReadOnlyList<SelectListItem> CategoryOptions => ProductCategoryOptions.For(Categories, Filter.CategoryId);
}

/// <summary>The category tree as dropdown options, indented by depth.</summary>
public static class ProductCategoryOptions
{
    public static IReadOnlyList<SelectListItem> For(ProductCategoryTree tree, int? selected, Func<ProductCategoryNode, bool>? enabled = null) =>
        tree.Nodes.Select(n => new SelectListItem(
                new string('\u3000', n.Depth) + n.Name,
                n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                n.Id == selected,
                enabled is not null && !enabled(n)))
            .ToList();
}

/// <summary>The posted product form (create and edit). The code is set once, at creation.</summary>
public sealed class ProductEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Product.CodeMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Product.Code")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Product.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Product.Name")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Products.Category")]
    public int? CategoryId { get; set; }

    [StringLength(Product.SpecificationMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Product.Specification")]
    public string? Specification { get; set; }

    [Display(Name = "Product.Unit")]
    public int? UnitId { get; set; }

    [StringLength(Product.DescriptionMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Product.Description")]
    public string? Description { get; set; }

    [Range(0, SalesLine.MaxQuantity, ErrorMessage = "Validation.Range")]
    [Display(Name = "Product.SafetyStock")]
    public int SafetyStock { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(typeof(decimal), "0", "99999999.99", ErrorMessage = "Validation.Range")]
    [Display(Name = "Product.ListPrice")]
    public decimal? ListPrice { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(typeof(decimal), "0", "99999999.99", ErrorMessage = "Validation.Range")]
    [Display(Name = "Product.FloorPrice")]
    public decimal? FloorPrice { get; set; }

    /// <summary>The version the form was rendered with (edit only).</summary>
    public Guid Version { get; set; }

    public static ProductEditModel From(Product p) => new()
    {
        Code = p.Code,
        Name = p.Name,
        CategoryId = p.CategoryId,
        Specification = p.Specification,
        UnitId = p.UnitId,
        Description = p.Description,
        SafetyStock = p.SafetyStock,
        ListPrice = p.ListPrice,
        FloorPrice = p.FloorPrice,
        Version = p.Version,
    };
}

public sealed record ProductFormViewModel(
    int? Id,
    string? Code,
    ProductEditModel Form,
    IReadOnlyList<SelectListItem> Categories,
    IReadOnlyList<SelectListItem> Units);

/// <summary>One of the five special prices on the prices form; an empty amount removes the price.</summary>
public sealed class ProductPriceInput
{
    public PriceType Type { get; set; }

    [Range(typeof(decimal), "0", "99999999.99", ErrorMessage = "Validation.Range")]
    [Display(Name = "Products.Amount")]
    public decimal? Amount { get; set; }

    [Display(Name = "Products.ValidFrom")]
    public DateOnly? ValidFrom { get; set; }

    [Display(Name = "Products.ValidTo")]
    public DateOnly? ValidTo { get; set; }
}

/// <summary>The posted special-prices form: the five types in a fixed order.</summary>
public sealed class ProductPricesModel
{
    public static readonly PriceType[] SpecialTypes = [PriceType.Partner, PriceType.Member, PriceType.Cash, PriceType.Promotion, PriceType.Employee];

    public List<ProductPriceInput> Prices { get; set; } = [];

    public Guid Version { get; set; }

    public static ProductPricesModel From(Product p) => new()
    {
        Version = p.Version,
        Prices = SpecialTypes.Select(t => p.Prices.FirstOrDefault(x => x.Type == t) is { } price
                ? new ProductPriceInput { Type = t, Amount = price.Amount, ValidFrom = price.ValidFrom, ValidTo = price.ValidTo }
                : new ProductPriceInput { Type = t })
            .ToList(),
    };
}

public sealed record ProductPricesViewModel(int Id, string Code, string Name, decimal ListPrice, decimal FloorPrice, ProductPricesModel Form);

public sealed record ProductPriceRow(PriceType Type, decimal? Amount, DateOnly? ValidFrom, DateOnly? ValidTo, bool ValidToday);

public sealed record ProductPriceChangeRow(ProductPriceKind Kind, decimal? OldAmount, decimal? NewAmount, DateOnly? ValidFrom, DateOnly? ValidTo, string? By, DateTimeOffset At);

public sealed record ProductStockRow(int WarehouseId, string WarehouseCode, string WarehouseName, bool WarehouseActive, int OnHand, int Reserved, int Available)
{
    public bool IsLow(int safetyStock) => Available < safetyStock;
}

public sealed record ProductDetailsViewModel(
    int Id,
    string Code,
    string Name,
    ProductStatus Status,
    string CategoryPath,
    string? Specification,
    string? Unit,
    string? Description,
    int SafetyStock,
    decimal ListPrice,
    decimal FloorPrice,
    IReadOnlyList<ProductPriceRow> Prices,
    IReadOnlyList<ProductPriceChangeRow> PriceHistory,
    int PriceHistoryCount,
    IReadOnlyList<ProductStockRow> Stock,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool CanManage)
{
    /// <summary>The details page shows this many of the newest price changes.</summary>
    public const int HistoryLimit = 100;
}

/// <summary>One exported product, projected in the database query.</summary>
public sealed record ProductExportRow(
    string Code, string Name, int CategoryId, string? Specification, string? Unit, decimal ListPrice, decimal FloorPrice,
    decimal? Partner, decimal? Member, decimal? Cash, decimal? Promotion, DateOnly? PromotionFrom, DateOnly? PromotionTo,
    decimal? Employee, int SafetyStock, int OnHand, int Available, ProductStatus Status);

/// <summary>Money as both languages show it: ¥1,234.56.</summary>
public static class Money
{
    public static string Format(decimal? amount) =>
        amount is { } v ? "¥" + v.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
