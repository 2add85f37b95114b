using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure.Customers;

public sealed class PoolRecyclerTests : IAsyncLifetime
{
    private PoolWorld _world = null!;

    public async Task InitializeAsync() => _world = await PoolWorld.CreateAsync(recycleDays: 30, recycleMonths: 6);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    /// <summary>Customers created 100 days before "now", in 销售一组, owned by 张伟 unless said otherwise.</summary>
    private async Task<Dictionary<string, int>> ArrangeAsync()
    {
        // Created "100 days ago": the fake clock only moves forward, so create first, then advance.
        var now = _world.Clock.GetUtcNow().AddDays(100);
        var team = _world.Team1.Id;
        var ids = new Dictionary<string, int>
        {
            ["quiet"] = await _world.AddCustomerAsync("四十天未联系", team, _world.Zhang, c => c.RecordInteraction(now.AddDays(-40))),
            ["recent"] = await _world.AddCustomerAsync("最近联系无订单", team, _world.Zhang, c => c.RecordInteraction(now.AddDays(-5))),
            ["noOrders"] = await _world.AddCustomerAsync("八个月未下单", team, _world.Li, c =>
            {
                c.RecordInteraction(now.AddDays(-5));
                c.RecordOrder(now.AddMonths(-8));
            }),
            ["ordering"] = await _world.AddCustomerAsync("上月刚下单", team, _world.Zhang, c =>
            {
                c.RecordInteraction(now.AddDays(-5));
                c.RecordOrder(now.AddMonths(-1));
            }),
            ["never"] = await _world.AddCustomerAsync("从未联系", team, _world.Zhang),
            ["archived"] = await _world.AddCustomerAsync("已归档", team, _world.Zhang, c =>
            {
                c.RecordInteraction(now.AddDays(-40));
                c.Archive();
            }),
            ["pool"] = await _world.AddCustomerAsync("公海客户", _world.East.Id, null, c => c.RecordInteraction(now.AddDays(-40))),
        };
        _world.Clock.SetUtcNow(now);
        return ids;
    }

    private async Task<int> RecycleAsync()
    {
        await using var db = _world.SystemContext();
        return await new PoolRecycler(db, _world.Clock, _world.Configuration).RecycleAsync();
    }

    private async Task<HashSet<string>> RecycledNamesAsync()
    {
        await using var db = _world.SystemContext();
        return (await db.Customers.AsNoTracking().Where(c => c.PoolEvents.Any(e => e.Kind == PoolEventKind.Recycle)).Select(c => c.Name).ToListAsync()).ToHashSet();
    }

    private async Task UpdateRulesAsync(int days, int months)
    {
        await using var db = _world.SystemContext();
        var settings = await db.SystemSettings.SingleAsync();
        settings.UpdateCustomerRules(6, days, months, 200, 20);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task RecyclesQuietCustomersAndThoseWithOrdersButNoneForMonths()
    {
        await ArrangeAsync();

        Assert.Equal(3, await RecycleAsync());

        Assert.Equal(new HashSet<string> { "四十天未联系", "八个月未下单", "从未联系" }, await RecycledNamesAsync());
    }

    [Fact]
    public async Task KeepsTheHistoryAndRemindsTheFormerOwner()
    {
        var ids = await ArrangeAsync();

        await RecycleAsync();

        var quiet = await _world.LoadAsync(ids["quiet"]);
        Assert.Null(quiet.OwnerId);
        var recycle = Assert.Single(quiet.PoolEvents);
        Assert.Equal((PoolEventKind.Recycle, (Guid?)_world.Zhang, (Guid?)null, "30 天无交往记录"), (recycle.Kind, recycle.FromUserId, recycle.ByUserId, recycle.Reason));
        await using var db = _world.SystemContext();
        var reminders = await db.Reminders.AsNoTracking().Where(r => r.SourceType == PoolRecycler.ReminderSource).ToListAsync();
        Assert.Equal(3, reminders.Count);
        Assert.Contains(reminders, r => r.UserId == _world.Zhang && r.Title == "客户 四十天未联系 已被收回公海：30 天无交往记录");
        Assert.Contains(reminders, r => r.UserId == _world.Li && r.Title == "客户 八个月未下单 已被收回公海：6 个月无订单");
    }

    [Fact]
    public async Task ArchivedCustomersAndPoolCustomersAreLeftAlone()
    {
        var ids = await ArrangeAsync();

        await RecycleAsync();

        var archived = await _world.LoadAsync(ids["archived"]);
        Assert.Equal((_world.Zhang, CustomerStatus.Archived), (archived.OwnerId!.Value, archived.Status));
        Assert.Empty(archived.PoolEvents);
        Assert.Empty((await _world.LoadAsync(ids["pool"])).PoolEvents);
        Assert.Equal(_world.Zhang, (await _world.LoadAsync(ids["ordering"])).OwnerId);
        Assert.Equal(_world.Zhang, (await _world.LoadAsync(ids["recent"])).OwnerId);
    }

    [Fact]
    public async Task ZeroTurnsARuleOff()
    {
        await ArrangeAsync();
        await UpdateRulesAsync(days: 0, months: 6);

        Assert.Equal(1, await RecycleAsync());
        Assert.Equal(new HashSet<string> { "八个月未下单" }, await RecycledNamesAsync());

        await UpdateRulesAsync(days: 0, months: 0);
        _world.Clock.Advance(TimeSpan.FromDays(400));
        Assert.Equal(0, await RecycleAsync());
    }

    [Fact]
    public async Task OfTwoRecyclersOnTheSameDatabaseOnlyOneTakesTheLease()
    {
        await using var first = _world.SystemContext();
        await using var second = _world.SystemContext();
        var a = new PoolRecycler(first, _world.Clock, _world.Configuration);
        var b = new PoolRecycler(second, _world.Clock, _world.Configuration);

        Assert.True(await a.TryAcquireLeaseAsync("instance-a"));
        Assert.False(await b.TryAcquireLeaseAsync("instance-b"));
        Assert.False(await a.TryAcquireLeaseAsync("instance-a"));

        _world.Clock.Advance(Crm.Infrastructure.Jobs.JobLeaseStore.LeaseDuration + TimeSpan.FromSeconds(1));
        Assert.True(await b.TryAcquireLeaseAsync("instance-b"));
    }

    [Fact]
    public async Task OfTwoRecyclersRunningAtOnceOnlyOneRunsAndTheDayIsThenDone()
    {
        await ArrangeAsync();
        await using var first = _world.SystemContext();
        await using var second = _world.SystemContext();
        var a = new PoolRecycler(first, _world.Clock, _world.Configuration);
        var b = new PoolRecycler(second, _world.Clock, _world.Configuration);

        var ran = await Task.WhenAll(a.RunIfDueAsync("instance-a"), b.RunIfDueAsync("instance-b"));

        Assert.Single(ran, r => r);
        await using (var db = _world.SystemContext())
            Assert.Equal(3, await db.Reminders.CountAsync(r => r.SourceType == PoolRecycler.ReminderSource));

        _world.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await a.RunIfDueAsync("instance-a"));
        Assert.False(await b.RunIfDueAsync("instance-b"));
        _world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await b.RunIfDueAsync("instance-b"));
    }
}
