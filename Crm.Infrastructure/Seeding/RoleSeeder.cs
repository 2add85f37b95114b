using System.Security.Claims;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Seeding;

/// <summary>
/// Creates the built-in roles with their starting permissions once. Later edits made in the permission
/// matrix are kept; only the administrator's locked permissions are restored if missing.
/// </summary>
public sealed class RoleSeeder(RoleManager<CrmRole> roles)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var builtIn in BuiltInRoles.All)
        {
            var role = await roles.FindByNameAsync(builtIn.Name);
            if (role is null)
            {
                role = new CrmRole(builtIn.Name, builtIn.Scope, isBuiltIn: true);
                Check(await roles.CreateAsync(role));
                foreach (var permission in builtIn.Permissions)
                    Check(await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission)));
            }
            else if (builtIn.Name == BuiltInRoles.Administrator)
            {
                var held = (await roles.GetClaimsAsync(role)).Where(c => c.Type == Permissions.ClaimType).Select(c => c.Value).ToHashSet();
                foreach (var locked in BuiltInRoles.AdministratorLockedPermissions.Where(p => !held.Contains(p)))
                    Check(await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, locked)));
            }
        }
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
