using System.ComponentModel.DataAnnotations;
using Crm.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Crm.Web.Areas.Admin.Models;

public enum UserStatus
{
    Active,
    Disabled,
    Locked,
}

public enum UserSort
{
    UserName,
    DisplayName,
}

/// <summary>The user list's search, filters, sort and page, bound from the query string.</summary>
public sealed class UserFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Users.Search")]
    public string? Q { get; set; }

    [Display(Name = "Users.OrgUnit")]
    public int? OrgUnitId { get; set; }

    [Display(Name = "Users.Role")]
    public Guid? RoleId { get; set; }

    [Display(Name = "Users.Status")]
    public UserStatus? Status { get; set; }

    public UserSort Sort { get; set; }

    public bool Desc { get; set; }

    [Range(1, int.MaxValue)]
    public int Page { get; set; } = 1;
}

public sealed record UserRow(
    Guid Id, string UserName, string DisplayName, string? Email, string OrgUnitName, IReadOnlyList<string> Roles,
    bool IsActive, DateTimeOffset? LockedUntil);

public sealed record OrgUnitOption(int Id, string Name, int Depth)
{
    /// <summary>The name indented by its depth in the tree (options cannot be padded with CSS everywhere).</summary>
    public string IndentedName => new string('\u00A0', Math.Max(0, Depth - 1) * 3) + Name;
}

public sealed record RoleOption(Guid Id, string Name);

public sealed record UserIndexViewModel(
    UserFilter Filter, IReadOnlyList<UserRow> Rows, int Total, int PageCount,
    IReadOnlyList<OrgUnitOption> OrgUnits, IReadOnlyList<RoleOption> Roles);

/// <summary>The posted user form (edit); <see cref="UserCreateModel"/> adds the initial password.</summary>
public class UserEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Users.UserName")]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(CrmUser.DisplayNameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Users.DisplayName")]
    public string DisplayName { get; set; } = string.Empty;

    [StringLength(256, ErrorMessage = "Validation.StringLength")]
    [EmailAddress(ErrorMessage = "Users.EmailInvalid")]
    [Display(Name = "Users.Email")]
    public string? Email { get; set; }

    [StringLength(32, ErrorMessage = "Validation.StringLength")]
    [Phone(ErrorMessage = "Users.PhoneInvalid")]
    [Display(Name = "Users.Phone")]
    public string? PhoneNumber { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Users.OrgUnit")]
    public int? OrgUnitId { get; set; }

    [Display(Name = "Users.Roles")]
    public List<string> Roles { get; set; } = [];

    public string ConcurrencyStamp { get; set; } = string.Empty;

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<OrgUnitOption> OrgUnitOptions { get; set; } = [];

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<RoleOption> RoleOptions { get; set; } = [];

    /// <summary>On the edit page: the account's state for the status panel.</summary>
    [BindNever]
    [ValidateNever]
    public UserAccountState? Account { get; set; }
}

public sealed class UserCreateModel : UserEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(128, ErrorMessage = "Validation.StringLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Users.InitialPassword")]
    public string Password { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
    [Display(Name = "Users.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

/// <summary>The edit page's status panel (disable, enable, unlock, reset password).</summary>
public sealed record UserAccountState(Guid Id, string UserName, bool IsActive, DateTimeOffset? LockedUntil);

public sealed class UserResetPasswordModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(128, ErrorMessage = "Validation.StringLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.NewPassword")]
    public string NewPassword { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
    [Display(Name = "Account.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = string.Empty;

    [BindNever]
    [ValidateNever]
    public string UserName { get; set; } = string.Empty;

    [BindNever]
    [ValidateNever]
    public string DisplayName { get; set; } = string.Empty;
}
