using System.ComponentModel.DataAnnotations;
using Crm.Domain.Sales;
using Crm.Infrastructure.Sales;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Sales.Models;

/// <summary>The stock overview's filters, sort and page.</summary>
public sealed class InventoryFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Products.Search")]
    public string? Q { get; set; }

    [Display(Name = "Inventory.Warehouse")]
    public int? WarehouseId { get; set; }

    [Display(Name = "Products.Category")]
    public int? CategoryId { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One product in one warehouse: a stock level, or zeros where none exists yet.</summary>
public sealed record InventoryRow(
    int ProductId, string Code, string Name, string? Specification, int CategoryId, ProductStatus Status, int SafetyStock,
    int WarehouseId, string WarehouseCode, string WarehouseName, bool WarehouseActive, int OnHand, int Reserved)
{
    public int Available => OnHand - Reserved;

    public bool IsLow => Status == ProductStatus.Active && Available < SafetyStock;

    public int Shortfall => Math.Max(0, SafetyStock - Available);
}

public sealed record InventoryIndexViewModel(
    InventoryFilter Filter,
    Paged<InventoryRow> Rows,
    ProductCategoryTree Categories,
    IReadOnlyList<SelectListItem> Warehouses,
    bool CanManage,
    bool AnyWarehouses,
    bool AnyProducts)
{
    public IReadOnlyList<SelectListItem> CategoryOptions => ProductCategoryOptions.For(Categories, Filter.CategoryId);
}

public sealed class LowStockFilter
{
    [Display(Name = "Inventory.Warehouse")]
    public int? WarehouseId { get; set; }

    [Display(Name = "Products.Category")]
    public int? CategoryId { get; set; }

    public int? Page { get; set; }
}

public sealed record LowStockViewModel(
    LowStockFilter Filter,
    Paged<InventoryRow> Rows,
    ProductCategoryTree Categories,
    IReadOnlyList<SelectListItem> Warehouses,
    bool CanManage)
{
    public IReadOnlyList<SelectListItem> CategoryOptions => ProductCategoryOptions.For(Categories, Filter.CategoryId);
}

/// <summary>The movements list's filters: a product, a warehouse, a kind and a date range (local days, both included).</summary>
public sealed class MovementFilter
{
    public int? ProductId { get; set; }

    [Display(Name = "Inventory.Warehouse")]
    public int? WarehouseId { get; set; }

    [Display(Name = "Inventory.Kind")]
    public StockMovementKind? Kind { get; set; }

    [Display(Name = "Inventory.From")]
    public DateOnly? From { get; set; }

    [Display(Name = "Inventory.To")]
    public DateOnly? To { get; set; }

    public int? Page { get; set; }
}

public sealed record MovementRow(
    int Id, DateTimeOffset OccurredAt, int ProductId, string ProductCode, string ProductName, string WarehouseCode, string WarehouseName,
    StockMovementKind Kind, int Quantity, int OnHandDelta, int ReservedDelta, int? OrderId, string? OrderNumber, int? ReturnId, string? ReturnNumber,
    string? Note, string? By);

public sealed record MovementsViewModel(
    MovementFilter Filter,
    Paged<MovementRow> Rows,
    string? ProductTitle,
    IReadOnlyList<SelectListItem> Warehouses,
    bool CanManage);

/// <summary>The posted receipt (入库) form.</summary>
public sealed class ReceiptModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Inventory.Product")]
    public int? ProductId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Inventory.Warehouse")]
    public int? WarehouseId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, SalesLine.MaxQuantity, ErrorMessage = "Validation.Range")]
    [Display(Name = "Inventory.Quantity")]
    public int? Quantity { get; set; }

    [StringLength(StockMovement.NoteMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Inventory.Note")]
    public string? Note { get; set; }
}

/// <summary>The posted adjustment (盘点调整) form: a signed delta against the level's version the user saw.</summary>
public sealed class AdjustmentModel
{
    [Required(ErrorMessage = "Validation.Required")]
    public int? ProductId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public int? WarehouseId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(-SalesLine.MaxQuantity, SalesLine.MaxQuantity, ErrorMessage = "Validation.Range")]
    [Display(Name = "Inventory.Delta")]
    public int? Delta { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(StockMovement.NoteMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Inventory.AdjustmentNote")]
    public string? Note { get; set; }

    /// <summary>The version of the stock level shown on the form; none when the product had no stock there.</summary>
    public Guid? Version { get; set; }
}

public sealed record ReceiptViewModel(ReceiptModel Form, IReadOnlyList<SelectListItem> Products, IReadOnlyList<SelectListItem> Warehouses);

public sealed record StockSnapshot(int OnHand, int Reserved, Guid? Version)
{
    public int Available => OnHand - Reserved;
}

public sealed record AdjustmentViewModel(
    AdjustmentModel Form,
    IReadOnlyList<SelectListItem> Products,
    IReadOnlyList<SelectListItem> Warehouses,
    string? ProductName,
    string? ProductCode,
    string? WarehouseName,
    StockSnapshot? Current)
{
    public bool Chosen => ProductName is not null && WarehouseName is not null;
}
