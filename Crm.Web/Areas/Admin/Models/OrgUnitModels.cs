using System.ComponentModel.DataAnnotations;
using Crm.Domain.Organization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Crm.Web.Areas.Admin.Models;

/// <summary>One unit of the displayed tree, with the number of users that belong directly to it.</summary>
public sealed record OrgUnitNode(int Id, string Name, OrgUnitKind Kind, int Depth, int UserCount, IReadOnlyList<OrgUnitNode> Children)
{
    public bool IsRoot => Depth == 1;

    /// <summary>Whether some kind exists below this unit's, so that it can have sub-units at all.</summary>
    public bool CanHaveChildren => Kind < Enum.GetValues<OrgUnitKind>().Max();
}

public sealed record OrgUnitIndexViewModel(IReadOnlyList<OrgUnitNode> Roots, int UnitCount, int UserCount);

/// <summary>A unit as an entry of the "new parent" dropdown: indented by depth, disabled where the rules forbid it.</summary>
public sealed record OrgUnitChoice(int Id, string Name, OrgUnitKind Kind, int Depth, bool Allowed);

public sealed class OrgUnitCreateModel
{
    public int ParentId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(OrgUnit.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "OrgUnits.Name")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "OrgUnits.Kind")]
    public OrgUnitKind? Kind { get; set; }

    [BindNever]
    public string ParentName { get; set; } = string.Empty;

    /// <summary>The kinds below the parent's, the only ones the tree accepts there.</summary>
    [BindNever]
    public IReadOnlyList<OrgUnitKind> Kinds { get; set; } = [];
}

public sealed class OrgUnitRenameModel
{
    public int Id { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(OrgUnit.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "OrgUnits.Name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The version the form was rendered with; a save against a newer one is a conflict.</summary>
    public Guid Version { get; set; }

    [BindNever]
    public string CurrentName { get; set; } = string.Empty;

    [BindNever]
    public OrgUnitKind Kind { get; set; }
}

public sealed class OrgUnitMoveModel
{
    public int Id { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "OrgUnits.NewParent")]
    public int? NewParentId { get; set; }

    [BindNever]
    public string Name { get; set; } = string.Empty;

    [BindNever]
    public OrgUnitKind Kind { get; set; }

    [BindNever]
    public bool IsRoot { get; set; }

    [BindNever]
    public string? ParentName { get; set; }

    [BindNever]
    public IReadOnlyList<OrgUnitChoice> Options { get; set; } = [];
}

public sealed record OrgUnitDeleteViewModel(int Id, string Name, OrgUnitKind Kind, bool IsRoot, int UserCount, int ChildCount);
