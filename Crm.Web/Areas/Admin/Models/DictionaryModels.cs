using System.ComponentModel.DataAnnotations;
using Crm.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Crm.Web.Areas.Admin.Models;

public sealed record DictionaryCategoryRow(string Code, int ItemCount, int ActiveCount);

public sealed record DictionaryItemRow(int Id, string Code, string NameZh, string NameEn, int SortOrder, bool IsActive, bool IsSystem);

public sealed record DictionaryIndexViewModel(
    IReadOnlyList<DictionaryCategoryRow> Categories, string Category, IReadOnlyList<DictionaryItemRow> Items);

/// <summary>The fields an administrator may edit; <see cref="DictionaryItem.Value"/> belongs to the settings page.</summary>
public abstract class DictionaryItemFormModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(DictionaryItem.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Dictionary.NameZh")]
    public string NameZh { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(DictionaryItem.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Dictionary.NameEn")]
    public string NameEn { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Range(0, 99999, ErrorMessage = "Dictionary.SortOrderRange")]
    [Display(Name = "Dictionary.SortOrder")]
    public int? SortOrder { get; set; }
}

public sealed class DictionaryItemCreateModel : DictionaryItemFormModel
{
    public string Category { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(DictionaryItem.CodeMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Dictionary.Code")]
    public string Code { get; set; } = string.Empty;
}

public sealed class DictionaryItemEditModel : DictionaryItemFormModel
{
    public int Id { get; set; }

    /// <summary>The version the form was rendered with; a save against a newer one is a conflict.</summary>
    public Guid Version { get; set; }

    [BindNever]
    public string Category { get; set; } = string.Empty;

    [BindNever]
    public string Code { get; set; } = string.Empty;

    [BindNever]
    public bool IsSystem { get; set; }
}

public sealed record DictionaryItemDeleteViewModel(int Id, string Category, string Code, string NameZh, string NameEn, bool IsSystem, bool IsActive);
