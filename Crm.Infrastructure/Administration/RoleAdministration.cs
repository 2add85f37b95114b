using System.Security.Claims;
using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Administration;

/// <summary>
/// Roles and the permission matrix. Permissions are read from the database on every request, so a
/// saved change applies to every affected user on their next request.
/// </summary>
public sealed class RoleAdministration(CrmDbContext db, RoleManager<CrmRole> roles)
{
    public async Task<CrmRole> CreateAsync(string name, DataScope scope, string? description, CancellationToken cancellationToken = default)
    {
        var role = new CrmRole(ValidName(name), scope, isBuiltIn: false) { Description = Blank(description) };
        IdentityOperationException.ThrowIfFailed(await roles.CreateAsync(role));
        return role;
    }

    public async Task UpdateAsync(Guid id, string name, DataScope scope, string? description, string concurrencyStamp)
    {
        var role = await FindAsync(id);
        var newName = ValidName(name);
        if (role.IsBuiltIn && newName != role.Name)
            throw new DomainException("Role.BuiltInCannotBeRenamed", DisplayKey(role));
        if (role.Name == BuiltInRoles.Administrator && scope != DataScope.All)
            throw new DomainException("Role.AdministratorSeesAll");
        // The row must still hold the stamp the form was rendered with. EF compares the original value, and
        // Identity's store re-attaches the entity (which may accept current values as original): set both.
        var stamp = db.Entry(role).Property(r => r.ConcurrencyStamp);
        stamp.OriginalValue = concurrencyStamp;
        stamp.CurrentValue = concurrencyStamp;
        role.Name = newName;
        role.DataScope = scope;
        role.Description = Blank(description);
        IdentityOperationException.ThrowIfFailed(await roles.UpdateAsync(role));
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var role = await FindAsync(id);
        if (role.IsBuiltIn)
            throw new DomainException("Role.BuiltInCannotBeDeleted", DisplayKey(role));
        var holders = await db.UserRoles.CountAsync(ur => ur.RoleId == id, cancellationToken);
        if (holders > 0)
            throw new DomainException("Role.InUse", DisplayKey(role), holders);
        IdentityOperationException.ThrowIfFailed(await roles.DeleteAsync(role));
    }

    /// <summary>Saves the whole matrix in one transaction: for each role given, exactly these permissions.</summary>
    public async Task SavePermissionsAsync(IReadOnlyDictionary<Guid, IReadOnlySet<string>> matrix, CancellationToken cancellationToken = default)
    {
        var unknown = matrix.Values.SelectMany(p => p).Where(p => !Permissions.All.Contains(p)).ToList();
        if (unknown.Count > 0)
            throw new DomainException("Role.UnknownPermission", string.Join(", ", unknown));

        var ids = matrix.Keys.ToList();
        var affected = await db.Roles.Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        if (affected.Count != ids.Count)
            throw new DomainException("Role.NotFound");
        var admin = affected.SingleOrDefault(r => r.Name == BuiltInRoles.Administrator);
        if (admin is not null)
        {
            var missing = BuiltInRoles.AdministratorLockedPermissions.Where(p => !matrix[admin.Id].Contains(p)).ToList();
            if (missing.Count > 0)
                throw new DomainException("Role.AdministratorMustKeep", string.Join(", ", missing));
        }

        var existing = await db.RoleClaims
            .Where(c => ids.Contains(c.RoleId) && c.ClaimType == Permissions.ClaimType)
            .ToListAsync(cancellationToken);
        foreach (var (roleId, wanted) in matrix)
        {
            var held = existing.Where(c => c.RoleId == roleId).ToList();
            db.RoleClaims.RemoveRange(held.Where(c => !wanted.Contains(c.ClaimValue!)));
            var heldValues = held.Select(c => c.ClaimValue).ToHashSet();
            db.RoleClaims.AddRange(wanted.Where(p => !heldValues.Contains(p)).Select(p => new IdentityRoleClaim<Guid>
            {
                RoleId = roleId,
                ClaimType = Permissions.ClaimType,
                ClaimValue = p,
            }));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<CrmRole> FindAsync(Guid id) =>
        await roles.FindByIdAsync(id.ToString()) ?? throw new DomainException("Role.NotFound");

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException("Role.NameRequired");
        if (trimmed.Length > 50)
            throw new DomainException("Role.NameTooLong", 50);
        return trimmed;
    }

    /// <summary>A built-in role travels as its resource key ("Role.Manager") so the message names it in the user's language.</summary>
    private static string DisplayKey(CrmRole role) => role.IsBuiltIn ? "Role." + role.Name : role.Name!;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
