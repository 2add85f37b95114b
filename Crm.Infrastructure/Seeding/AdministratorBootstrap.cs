using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Crm.Infrastructure.Seeding;

/// <summary>
/// Without demo data, a new installation still needs one way in: when no user exists and
/// <c>Bootstrap:AdminPassword</c> is configured (a secret, from the environment), create the root unit and
/// an <c>admin</c> account with it.
/// </summary>
public sealed class AdministratorBootstrap(
    CrmDbContext db, UserManager<CrmUser> users, IConfiguration configuration, TimeProvider clock, ILogger<AdministratorBootstrap> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
            return;
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning("No users exist. Set Bootstrap:AdminPassword (or Demo:Seed=true) to create the first administrator.");
            return;
        }

        var root = await db.OrgUnits.FirstOrDefaultAsync(o => o.ParentId == null, cancellationToken);
        if (root is null)
        {
            root = OrgUnit.CreateRoot(configuration["Bootstrap:RootOrgUnit"] ?? "集团总部");
            db.OrgUnits.Add(root);
            await db.SaveChangesAsync(cancellationToken);
        }

        var admin = new CrmUser { UserName = "admin", DisplayName = "系统管理员", OrgUnitId = root.Id, CreatedAt = clock.GetUtcNow() };
        RoleSeeder.Check(await users.CreateAsync(admin, password));
        RoleSeeder.Check(await users.AddToRoleAsync(admin, BuiltInRoles.Administrator));
        logger.LogInformation("Created the first administrator 'admin'.");
    }
}
