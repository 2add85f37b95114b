using System.ComponentModel.DataAnnotations;
using Crm.Domain.Sales;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Sales.Models;

/// <summary>A category of the tree page with its direct product count and its children.</summary>
public sealed record ProductCategoryTreeItem(int Id, string Name, int SortOrder, int ProductCount, IReadOnlyList<ProductCategoryTreeItem> Children);

public sealed record ProductCategoryIndexViewModel(IReadOnlyList<ProductCategoryTreeItem> Roots, int CategoryCount, int ProductCount);

/// <summary>The posted category form: create (with a parent) and rename (with the version it was rendered with).</summary>
public sealed class ProductCategoryEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ProductCategory.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ProductCategory.Name")]
    public string Name { get; set; } = string.Empty;

    [Range(0, 9999, ErrorMessage = "Validation.Range")]
    [Display(Name = "ProductCategories.SortOrder")]
    public int SortOrder { get; set; }

    [Display(Name = "ProductCategories.Parent")]
    public int? ParentId { get; set; }

    public Guid Version { get; set; }
}

public sealed record ProductCategoryFormViewModel(int? Id, string? CurrentName, ProductCategoryEditModel Form, IReadOnlyList<SelectListItem> Parents);

public sealed class ProductCategoryMoveModel
{
    [Display(Name = "ProductCategories.NewParent")]
    public int? NewParentId { get; set; }
}

public sealed record ProductCategoryMoveViewModel(int Id, string Name, string? CurrentParent, ProductCategoryMoveModel Form, IReadOnlyList<SelectListItem> Options);

public sealed record ProductCategoryDeleteViewModel(int Id, string Name, string Path, int ProductCount, int ChildCount);
