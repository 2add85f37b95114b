using System.ComponentModel.DataAnnotations;
using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace Crm.Web.Areas.Admin.Models;

public static class RoleText
{
    /// <summary>Built-in roles have a text in each language; roles created by an administrator show their name.</summary>
    public static string Name(IStringLocalizer l, string name)
    {
        if (!BuiltInRoles.All.Any(r => r.Name == name))
            return name;
        var text = l["Role." + name];
        return text.ResourceNotFound ? name : text.Value;
    }
}

public sealed record RoleRow(Guid Id, string Name, string? Description, DataScope Scope, bool IsBuiltIn, int UserCount);

public sealed class RoleEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(50, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Roles.Name")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "Roles.DataScope")]
    public DataScope DataScope { get; set; } = DataScope.Own;

    [StringLength(CrmRole.DescriptionMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Roles.Description")]
    public string? Description { get; set; }

    public string ConcurrencyStamp { get; set; } = string.Empty;

    /// <summary>Built-in roles keep their name; the form shows it read-only.</summary>
    [BindNever]
    [ValidateNever]
    public bool IsBuiltIn { get; set; }
}

public sealed record MatrixRole(Guid Id, string Name, DataScope Scope, bool IsAdministrator);

/// <summary>The permission matrix: <see cref="Granted"/> holds "{roleId}:{permission}" pairs, as the form posts them.</summary>
public sealed record PermissionMatrixViewModel(IReadOnlyList<MatrixRole> Roles, IReadOnlySet<string> Granted)
{
    public static string Key(Guid roleId, string permission) => $"{roleId}:{permission}";

    public bool IsLocked(MatrixRole role, string permission) =>
        role.IsAdministrator && BuiltInRoles.AdministratorLockedPermissions.Contains(permission);
}
