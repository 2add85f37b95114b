using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Administration;

public sealed record UserInput(string UserName, string DisplayName, string? Email, string? PhoneNumber, int OrgUnitId, IReadOnlyCollection<string> Roles);

/// <summary>
/// Creating and maintaining accounts. The rules span users and roles, so they live here, not in an
/// entity: above all, the organisation never loses its last active administrator.
/// Refusals throw <see cref="DomainException"/> (rules) or <see cref="IdentityOperationException"/> (Identity).
/// </summary>
public sealed class UserAdministration(CrmDbContext db, UserManager<CrmUser> users, TimeProvider clock)
{
    public async Task<CrmUser> CreateAsync(UserInput input, string password, CancellationToken cancellationToken = default)
    {
        await EnsureValidAsync(input, cancellationToken);
        var user = new CrmUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = input.DisplayName.Trim(),
            Email = Blank(input.Email),
            PhoneNumber = Blank(input.PhoneNumber),
            OrgUnitId = input.OrgUnitId,
            CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityOperationException.ThrowIfFailed(await users.CreateAsync(user, password));
        if (input.Roles.Count > 0)
            IdentityOperationException.ThrowIfFailed(await users.AddToRolesAsync(user, input.Roles));
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <param name="concurrencyStamp">The stamp the edit form was rendered with; a newer one refuses the save.</param>
    public async Task UpdateAsync(Guid id, UserInput input, string concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(id);
        await EnsureValidAsync(input, cancellationToken);
        var current = await users.GetRolesAsync(user);
        var removing = current.Except(input.Roles).ToList();
        var adding = input.Roles.Except(current).ToList();
        if (removing.Contains(BuiltInRoles.Administrator) && user.IsActive)
            await EnsureAnotherActiveAdministratorAsync(user.Id, cancellationToken);

        // The row must still hold the stamp the form was rendered with. EF compares the original value, and
        // Identity's store re-attaches the entity (which may accept current values as original): set both.
        var stamp = db.Entry(user).Property(u => u.ConcurrencyStamp);
        stamp.OriginalValue = concurrencyStamp;
        stamp.CurrentValue = concurrencyStamp;
        user.UserName = input.UserName.Trim();
        user.DisplayName = input.DisplayName.Trim();
        user.Email = Blank(input.Email);
        user.PhoneNumber = Blank(input.PhoneNumber);
        user.OrgUnitId = input.OrgUnitId;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityOperationException.ThrowIfFailed(await users.UpdateAsync(user));
        if (removing.Count > 0)
            IdentityOperationException.ThrowIfFailed(await users.RemoveFromRolesAsync(user, removing));
        if (adding.Count > 0)
            IdentityOperationException.ThrowIfFailed(await users.AddToRolesAsync(user, adding));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Disabling also renews the security stamp, so every open session of the user ends.</summary>
    public async Task SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(id);
        if (user.IsActive == active)
            return;
        if (!active && await users.IsInRoleAsync(user, BuiltInRoles.Administrator))
            await EnsureAnotherActiveAdministratorAsync(user.Id, cancellationToken);
        user.IsActive = active;
        IdentityOperationException.ThrowIfFailed(await users.UpdateAsync(user));
        if (!active)
            IdentityOperationException.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
    }

    public async Task UnlockAsync(Guid id)
    {
        var user = await FindAsync(id);
        IdentityOperationException.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
        IdentityOperationException.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
    }

    /// <summary>Sets a new password chosen by the administrator; the user's other sessions end.</summary>
    public async Task ResetPasswordAsync(Guid id, string newPassword)
    {
        var user = await FindAsync(id);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        IdentityOperationException.ThrowIfFailed(await users.ResetPasswordAsync(user, token, newPassword));
        IdentityOperationException.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
        IdentityOperationException.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
    }

    private async Task<CrmUser> FindAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) ?? throw new DomainException("User.NotFound");

    private async Task EnsureValidAsync(UserInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.DisplayName))
            throw new DomainException("User.DisplayNameRequired");
        if (input.DisplayName.Trim().Length > CrmUser.DisplayNameMaxLength)
            throw new DomainException("User.DisplayNameTooLong", CrmUser.DisplayNameMaxLength);
        if (!await db.OrgUnits.AnyAsync(o => o.Id == input.OrgUnitId, cancellationToken))
            throw new DomainException("User.OrgUnitRequired");
        var known = await db.Roles.Where(r => input.Roles.Contains(r.Name!)).CountAsync(cancellationToken);
        if (known != input.Roles.Count)
            throw new DomainException("User.UnknownRole");
    }

    private async Task EnsureAnotherActiveAdministratorAsync(Guid exceptUserId, CancellationToken cancellationToken)
    {
        var others = await (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                join u in db.Users on ur.UserId equals u.Id
                where r.Name == BuiltInRoles.Administrator && u.IsActive && u.Id != exceptUserId
                select u.Id)
            .AnyAsync(cancellationToken);
        if (!others)
            throw new DomainException("User.LastAdministrator");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
