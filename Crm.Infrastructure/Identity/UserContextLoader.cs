using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Identity;

public sealed record LoadedUser(UserContext Context, bool IsActive, string? SecurityStamp);

/// <summary>
/// Reads a user's context (org unit, roles, permissions, widest data scope) in one statement: the user row
/// joined to its roles and their permission claims. It runs on every request by design — a permission an
/// administrator revokes applies to the user's next request — so it is kept to a single round trip.
/// </summary>
public sealed class UserContextLoader(CrmDbContext db)
{
    // Compiled once: the query runs on every request, and EF's per-execution work for a query with a nested
    // collection (parameter extraction, cache look-up) cost more than SQLite executing it (bench/results).
    private static readonly Func<CrmDbContext, Guid, CancellationToken, Task<UserRow?>> Query = EF.CompileAsyncQuery(
        (CrmDbContext db, Guid userId, CancellationToken _) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserRow(
                u.Id,
                u.UserName,
                u.DisplayName,
                u.OrgUnitId,
                u.OrgUnit!.Name,
                u.OrgUnit.Path,
                u.IsActive,
                u.SecurityStamp,
                (
                        from ur in db.UserRoles
                        join r in db.Roles on ur.RoleId equals r.Id
                        join c in db.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType)
                            on r.Id equals c.RoleId into claims
                        from c in claims.DefaultIfEmpty()
                        // The parameter as well as the correlation: EF joins the grants as a derived table, and
                        // SQLite materialises that table before the join — without the parameter inside it, the
                        // roles and permissions of every user (8–10 ms per request with 200 salespeople).
                        where ur.UserId == u.Id && ur.UserId == userId
                        select new Grant(r.Name, r.DataScope, c == null ? null : c.ClaimValue))
                    .ToList()))
            .SingleOrDefault());

    private sealed record Grant(string? Name, DataScope DataScope, string? Permission);

    private sealed record UserRow(
        Guid Id, string? UserName, string DisplayName, int OrgUnitId, string OrgUnitName, string OrgUnitPath, bool IsActive,
        string? SecurityStamp, List<Grant> Grants);

    public async Task<LoadedUser?> LoadAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await Query(db, userId, cancellationToken);
        if (user is null)
            return null;

        var grants = user.Grants;
        var roles = grants.Select(g => g.Name!).Distinct().Order(StringComparer.Ordinal).ToList();
        var permissions = grants.Where(g => g.Permission != null).Select(g => g.Permission!).ToHashSet(StringComparer.Ordinal);
        var scope = grants.Count == 0 ? DataScope.Own : grants.Max(g => g.DataScope);

        var context = new UserContext(
            user.Id, user.UserName ?? string.Empty, user.DisplayName, user.OrgUnitId, user.OrgUnitName,
            user.OrgUnitPath, roles, permissions, scope);
        return new LoadedUser(context, user.IsActive, user.SecurityStamp);
    }
}
