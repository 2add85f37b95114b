using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Infrastructure.Administration;
using Crm.Infrastructure.Identity;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Web.Customers;

/// <summary>
/// A manager of a small subtree (a team lead in an org of many units): the list repeats the scope as an
/// index-friendly "unit in the subtree, or mine" and still shows exactly the customers of that scope.
/// </summary>
public sealed class SubtreeScopeListTests(StatementCountingWebFactory factory) : IClassFixture<StatementCountingWebFactory>
{
    private const string Password = "Lead@123456x";

    private async Task<(Guid Lead, int Team)> ArrangeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var db = scope.ServiceProvider.GetRequiredService<Crm.Infrastructure.Persistence.CrmDbContext>();
        var units = scope.ServiceProvider.GetRequiredService<OrgUnitAdministration>();
        var root = await db.OrgUnits.Where(o => o.ParentId == null).Select(o => o.Id).SingleAsync();
        // Enough units that one team is a small part of the tree.
        for (var i = 0; i < 12; i++)
            await units.AddChildAsync(root, $"测试公司{i}", OrgUnitKind.Company);
        var team = await db.OrgUnits.Where(o => o.Name == "销售一组").Select(o => o.Id).SingleAsync();
        var lead = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync(new UserInput("team.lead", "组长", null, null, team, [BuiltInRoles.Manager]), Password);
        return (lead.Id, team);
    }

    [Fact]
    public async Task ATeamLeadSeesExactlyTheCustomersOfTheTeamThroughTheUnitIndex()
    {
        var (_, team) = await ArrangeAsync();
        var expected = await factory.WithDbAsync(db => db.Customers
            .Where(c => c.OrgUnitId == team && c.Status != CustomerStatus.Archived)
            .OrderByDescending(c => c.Id).Select(c => c.Id).Take(20).ToListAsync());
        Assert.NotEmpty(expected);
        var client = await factory.SignInAsync("team.lead", Password);

        var statements = await factory.StatementsOfAsync(client, "/Customers/Customers?page=1");
        var page = await client.GetDocumentAsync("/Customers/Customers?page=1");

        var shown = page.QuerySelectorAll("[data-testid=customer-table] tbody tr a[href^='/Customers/Customers/Details/']")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, shown);
        // One unit in the subtree: EF writes the list as "= @units1" (several: "IN (@units1, …)").
        Assert.Contains(statements, s => s.Contains("(\"c\".\"OrgUnitId\" = @units1 OR \"c\".\"OwnerId\" = @me)", StringComparison.Ordinal));
    }
}
