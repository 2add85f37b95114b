using System.ComponentModel.DataAnnotations;
using Crm.Domain.Sales;

namespace Crm.Web.Areas.Sales.Models;

public sealed record WarehouseRow(int Id, string Code, string Name, string? Address, bool IsActive, int ProductsInStock, int OnHand, int Reserved);

public sealed record WarehouseIndexViewModel(IReadOnlyList<WarehouseRow> Rows, bool CanManage);

/// <summary>The posted warehouse form. The code is set once, at creation.</summary>
public sealed class WarehouseEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Warehouse.CodeMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Warehouse.Code")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Warehouse.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Warehouse.Name")]
    public string Name { get; set; } = string.Empty;

    [StringLength(Warehouse.AddressMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Warehouse.Address")]
    public string? Address { get; set; }

    public Guid Version { get; set; }
}

public sealed record WarehouseFormViewModel(int? Id, string? Code, WarehouseEditModel Form);
