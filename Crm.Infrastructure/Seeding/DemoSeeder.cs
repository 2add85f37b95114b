using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Seeding;

/// <summary>
/// The demo organisation and accounts of the README (all with password <see cref="Password"/>). Runs only
/// on an empty database, so a restart never duplicates or resets anything.
/// </summary>
public sealed class DemoSeeder(CrmDbContext db, UserManager<CrmUser> users, CodeGenerator codes, TimeProvider clock)
{
    public const string Password = "Demo@123456";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.OrgUnits.AnyAsync(cancellationToken))
            return;

        var group = OrgUnit.CreateRoot("集团总部");
        var east = group.AddChild("华东公司", OrgUnitKind.Company);
        var shanghai = east.AddChild("上海分公司", OrgUnitKind.Branch);
        var team1 = shanghai.AddChild("销售一组", OrgUnitKind.Team);
        var team2 = shanghai.AddChild("销售二组", OrgUnitKind.Team);
        var north = group.AddChild("华北公司", OrgUnitKind.Company);
        var beijing = north.AddChild("北京分公司", OrgUnitKind.Branch);
        var team3 = beijing.AddChild("销售三组", OrgUnitKind.Team);
        db.OrgUnits.Add(group);
        await db.SaveChangesAsync(cancellationToken);

        await CreateAsync("admin", "系统管理员", group, BuiltInRoles.Administrator);
        await CreateAsync("manager.east", "陈静", east, BuiltInRoles.Manager);
        var zhang = await CreateAsync("zhang.wei", "张伟", team1, BuiltInRoles.Salesman);
        var li = await CreateAsync("li.na", "李娜", team1, BuiltInRoles.Salesman);
        var zhao = await CreateAsync("zhao.lei", "赵磊", team2, BuiltInRoles.Salesman);
        await CreateAsync("manager.north", "刘强", north, BuiltInRoles.Manager);
        var wang = await CreateAsync("wang.fang", "王芳", team3, BuiltInRoles.Salesman);

        await new DemoCustomers(db, codes, clock).SeedAsync(
            new Dictionary<string, (Guid, int)>
            {
                ["zhang.wei"] = (zhang.Id, team1.Id),
                ["li.na"] = (li.Id, team1.Id),
                ["zhao.lei"] = (zhao.Id, team2.Id),
                ["wang.fang"] = (wang.Id, team3.Id),
            },
            new Dictionary<string, int> { ["zhang.wei"] = east.Id, ["li.na"] = east.Id, ["zhao.lei"] = east.Id, ["wang.fang"] = north.Id },
            cancellationToken);
    }

    private async Task<CrmUser> CreateAsync(string userName, string displayName, OrgUnit unit, string role)
    {
        var user = new CrmUser
        {
            UserName = userName,
            DisplayName = displayName,
            Email = $"{userName}@demo.crm.local",
            EmailConfirmed = true,
            OrgUnitId = unit.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        RoleSeeder.Check(await users.CreateAsync(user, Password));
        RoleSeeder.Check(await users.AddToRoleAsync(user, role));
        return user;
    }
}
