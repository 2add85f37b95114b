using Crm.Domain.Marketing;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Crm.Web.Areas.Marketing.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Web.Marketing;

/// <summary>The queries the customer 360 and the dashboard reuse, each read as a signed-in user sees it.</summary>
public sealed class OpportunityQueriesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    /// <summary>Runs <paramref name="action"/> on a context scoped to the demo user, as a request of theirs would.</summary>
    private async Task<T> AsAsync<T>(string userName, Func<CrmDbContext, Guid, Task<T>> action)
    {
        var id = (await factory.UserAsync(userName)).Id;
        await using var scope = factory.Services.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        user.Set((await scope.ServiceProvider.GetRequiredService<UserContextLoader>().LoadAsync(id))!.Context);
        return await action(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), id);
    }

    [Fact]
    public async Task MyOpenOpportunitiesAreTheOnesIOwnNowClosingSoonestFirst()
    {
        await factory.AddOpportunityAsync("zhao.lei", "我的 晚", close: new DateOnly(2032, 5, 1));
        await factory.AddOpportunityAsync("zhao.lei", "我的 早", close: new DateOnly(2032, 1, 1));
        await factory.AddOpportunityAsync("zhao.lei", "我的 已指派给李娜", assignee: "li.na");
        await factory.AddOpportunityAsync("manager.east", "我的 指派给赵磊", customerOf: "zhao.lei", assignee: "zhao.lei", develop: true);
        await factory.AddOpportunityAsync("zhao.lei", "我的 已成交", assignee: "zhao.lei", closeAs: OpportunityStatus.Won);

        var rows = await AsAsync("zhao.lei", (db, me) => OpportunityQueries.MyOpenAsync(db, me, 1000));

        var mine = rows.Where(r => r.Summary.StartsWith("我的", StringComparison.Ordinal)).Select(r => r.Summary).ToList();
        Assert.Equal(["我的 早", "我的 晚", "我的 指派给赵磊"], mine);
        Assert.All(rows, r => Assert.NotNull(r.Customer));
    }

    [Fact]
    public async Task FollowUpsDueAreTheAssigneesPlanItemsWithoutResultUpToTheDate()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "跟进 到期", assignee: "li.na", develop: true);

        var due = await AsAsync("li.na", (db, me) => OpportunityQueries.FollowUpsDueAsync(db, me, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1), 50));
        var notYet = await AsAsync("li.na", (db, me) => OpportunityQueries.FollowUpsDueAsync(db, me, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2), 50));
        var creator = await AsAsync("zhang.wei", (db, me) => OpportunityQueries.FollowUpsDueAsync(db, me, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1), 50));

        var row = Assert.Single(due, r => r.OpportunityId == o.Id);
        Assert.Equal("首次拜访", row.Content);
        // The customer is zhang.wei's, out of li.na's scope: named all the same.
        Assert.False(string.IsNullOrEmpty(row.Customer));
        Assert.DoesNotContain(notYet, r => r.OpportunityId == o.Id);
        Assert.DoesNotContain(creator, r => r.OpportunityId == o.Id);
    }

    [Fact]
    public async Task ACustomersOpportunitiesAndTheUnassignedCountFollowTheScope()
    {
        var o = await factory.AddOpportunityAsync("wang.fang", "客户页 华北机会");

        var north = await AsAsync("manager.north", (db, _) => OpportunityQueries.ForCustomerAsync(db, o.CustomerId, 20));
        var east = await AsAsync("manager.east", (db, _) => OpportunityQueries.ForCustomerAsync(db, o.CustomerId, 20));
        var northCount = await AsAsync("manager.north", (db, _) => OpportunityQueries.UnassignedCountAsync(db));
        var expected = await factory.WithDbAsync(db => db.Opportunities.CountAsync(x => x.Status == OpportunityStatus.Unassigned
            && db.OrgUnits.Any(u => u.Id == x.OrgUnitId && u.Name == "销售三组")));

        Assert.Contains(north, r => r.Id == o.Id);
        Assert.Empty(east);
        Assert.Equal(expected, northCount);
    }
}
