using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Sales;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Infrastructure.Seeding;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure.Customers;

/// <summary>
/// The daily churn detection (threshold 6 months) on a fake clock, retention measures, a manager's
/// confirmation, and recovery by a new order confirmed through <see cref="OrderService"/>.
/// </summary>
public sealed class ChurnServiceTests : IAsyncLifetime
{
    private PoolWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await PoolWorld.CreateAsync();
        await using var db = _world.SystemContext();
        await new ReferenceDataSeeder(db).SeedAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private DateTimeOffset Now => _world.Clock.GetUtcNow();

    private ChurnService ServiceOn(CrmDbContext db, ICurrentUser? user = null) => new(db, user ?? CurrentUser.System(), _world.Clock, _world.Configuration);

    private async Task<int> DetectAsync()
    {
        await using var db = _world.SystemContext();
        return await ServiceOn(db).DetectAsync();
    }

    /// <summary>An active customer of 张伟 whose last order was at <paramref name="lastOrder"/>.</summary>
    private Task<int> ActiveAsync(string name, DateTimeOffset? lastOrder, Action<Customer>? more = null) =>
        _world.AddCustomerAsync(name, _world.Team1.Id, _world.Zhang, c =>
        {
            c.Activate();
            if (lastOrder is { } at)
                c.RecordOrder(at);
            more?.Invoke(c);
        });

    private async Task<List<ChurnWarning>> WarningsAsync()
    {
        await using var db = _world.SystemContext();
        return await db.ChurnWarnings.AsNoTracking().Include(w => w.Measures).OrderBy(w => w.Id).ToListAsync();
    }

    [Fact]
    public async Task ExactlyTheThresholdIsEnoughAndOneDayLessIsNot()
    {
        var exactly = await ActiveAsync("整六个月", Now.AddMonths(-6));
        var dayLess = await ActiveAsync("差一天", Now.AddMonths(-6).AddDays(1));
        var longAgo = await ActiveAsync("两年无订单", Now.AddMonths(-24));
        await ActiveAsync("上周下单", Now.AddDays(-7));
        await ActiveAsync("从未下单", null);

        Assert.Equal(2, await DetectAsync());

        var warnings = await WarningsAsync();
        Assert.Equal([exactly, longAgo], warnings.Select(w => w.CustomerId));
        Assert.All(warnings, w => Assert.Equal((ChurnWarningStatus.Open, 6, Now), (w.Status, w.ThresholdMonths, w.WarnedAt)));
        Assert.Equal(Now.AddMonths(-6), warnings[0].LastOrderAt);
        Assert.Equal(CustomerStatus.ChurnWarning, (await _world.LoadAsync(exactly)).Status);
        Assert.Equal(CustomerStatus.Active, (await _world.LoadAsync(dayLess)).Status);

        // A day later the second one is due too.
        _world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await DetectAsync());
        Assert.Equal(dayLess, (await WarningsAsync()).Last().CustomerId);
    }

    [Fact]
    public async Task OnlyActiveCustomersAreWarned()
    {
        var old = Now.AddMonths(-9);
        await _world.AddCustomerAsync("潜在客户", _world.Team1.Id, _world.Zhang, c => c.RecordOrder(old));
        await ActiveAsync("已在预警", old, c => c.WarnOfChurn());
        await ActiveAsync("已流失", old, c =>
        {
            c.WarnOfChurn();
            c.ConfirmChurn();
        });
        await ActiveAsync("已归档", old, c => c.Archive());

        Assert.Equal(0, await DetectAsync());
        Assert.Empty(await WarningsAsync());
    }

    [Fact]
    public async Task TheOwnerGetsAReminderAndASecondRunAddsNothing()
    {
        var customerId = await ActiveAsync("八个月无订单", Now.AddMonths(-8));
        var pooled = await _world.AddCustomerAsync("公海老客户", _world.East.Id, null, c =>
        {
            c.Activate();
            c.RecordOrder(Now.AddMonths(-8));
        });

        Assert.Equal(2, await DetectAsync());
        Assert.Equal(0, await DetectAsync());

        var warnings = await WarningsAsync();
        Assert.Equal([customerId, pooled], warnings.Select(w => w.CustomerId));
        await using var db = _world.SystemContext();
        var reminder = Assert.Single(await db.Reminders.AsNoTracking().Where(r => r.SourceType == ChurnService.ReminderSource).ToListAsync());
        Assert.Equal(_world.Zhang, reminder.UserId);
        Assert.Equal("流失预警：八个月无订单 已 6 个月无订单", reminder.Title);
        Assert.Equal($"/Customers/Churn/Details/{warnings[0].Id}", reminder.Url);
    }

    [Fact]
    public async Task OfTwoInstancesOnlyOneRunsTheDailyDetection()
    {
        await ActiveAsync("七个月无订单", Now.AddMonths(-7));
        await ActiveAsync("十个月无订单", Now.AddMonths(-10));
        await using var first = _world.SystemContext();
        await using var second = _world.SystemContext();

        var ran = await Task.WhenAll(ServiceOn(first).RunIfDueAsync("instance-a"), ServiceOn(second).RunIfDueAsync("instance-b"));

        Assert.Single(ran, r => r);
        Assert.Equal(2, (await WarningsAsync()).Count);
        _world.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await ServiceOn(first).RunIfDueAsync("instance-a"));
        Assert.False(await ServiceOn(second).RunIfDueAsync("instance-b"));

        await ActiveAsync("又一个老客户", Now.AddMonths(-7));
        _world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await ServiceOn(second).RunIfDueAsync("instance-b"));
        Assert.Equal(3, (await WarningsAsync()).Count);
    }

    [Fact]
    public async Task MeasuresAreAppendedAndAManagerConfirmsTheChurn()
    {
        var customerId = await ActiveAsync("需挽留客户", Now.AddMonths(-8));
        await DetectAsync();
        var warningId = (await WarningsAsync()).Single().Id;
        var owner = PoolWorld.As(_world.Zhang, _world.Team1, DataScope.Own, Crm.Domain.Organization.Permissions.Customers.Edit);

        await using (var db = _world.Database.NewContext(owner, _world.Clock))
        {
            var warning = await db.ChurnWarnings.SingleAsync(w => w.Id == warningId);
            await ServiceOn(db, owner).AddMeasureAsync(warning, new DateOnly(2026, 11, 20), "拜访总经理，提供返利方案");
        }

        _world.Clock.Advance(TimeSpan.FromDays(3));
        await using (var db = _world.Database.NewContext(owner, _world.Clock))
        {
            var warning = await db.ChurnWarnings.SingleAsync(w => w.Id == warningId);
            await ServiceOn(db, owner).AddMeasureAsync(warning, new DateOnly(2026, 11, 25), "赠送一年延保");
        }

        var measures = (await WarningsAsync()).Single().Measures.OrderBy(m => m.Id).ToList();
        Assert.Equal(["拜访总经理，提供返利方案", "赠送一年延保"], measures.Select(m => m.Content));
        Assert.All(measures, m => Assert.Equal(_world.Zhang, m.RecordedBy));
        Assert.Equal(PoolWorld.Start.AddDays(3), measures[1].RecordedAt);

        var manager = PoolWorld.As(_world.ManagerEast, _world.East, DataScope.OrgUnitSubtree, Crm.Domain.Organization.Permissions.Customers.ConfirmChurn);
        await using (var db = _world.Database.NewContext(manager, _world.Clock))
        {
            var reason = await db.DictionaryItems.Where(d => d.Category == DictionaryCategories.ChurnReason && d.Code == "Price").Select(d => d.Id).SingleAsync();
            var warning = await db.ChurnWarnings.SingleAsync(w => w.Id == warningId);
            await ServiceOn(db, manager).ConfirmAsync(warning, reason, "价格谈不拢");
        }

        var closed = (await WarningsAsync()).Single();
        Assert.Equal((ChurnWarningStatus.Confirmed, (Guid?)_world.ManagerEast, "价格谈不拢", (DateTimeOffset?)Now), (closed.Status, closed.ConfirmedBy, closed.ConfirmationNote, closed.ClosedAt));
        Assert.Equal(CustomerStatus.Churned, (await _world.LoadAsync(customerId)).Status);
        await using (var db = _world.SystemContext())
            Assert.Equal(ReminderStatus.Done, (await db.Reminders.SingleAsync(r => r.SourceType == ChurnService.ReminderSource)).Status);
        await using (var db = _world.Database.NewContext(owner, _world.Clock))
        {
            var warning = await db.ChurnWarnings.SingleAsync(w => w.Id == warningId);
            var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceOn(db, owner).AddMeasureAsync(warning, new DateOnly(2026, 11, 27), "太迟了"));
            Assert.Equal("ChurnWarning.NotOpen", refused.Code);
        }
    }

    [Fact]
    public async Task ANewOrderRecoversTheCustomerAndClosesTheWarning()
    {
        var customerId = await ActiveAsync("回头客", Now.AddMonths(-7));
        await DetectAsync();
        _world.Clock.Advance(TimeSpan.FromDays(10));
        int orderId;
        StockedProduct product;
        await using (var db = _world.SystemContext())
        {
            product = await SalesArrange.ProductAsync(db, units: 10);
            orderId = await SalesArrange.OrderAsync(db, customerId, product.WarehouseId, [(product.ProductId, 2)], OrderStatus.Draft);
        }

        await using (var db = _world.SystemContext())
        {
            var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
            await new OrderService(db, CurrentUser.System(), _world.Clock, new InventoryService(db, CurrentUser.System(), _world.Clock)).ConfirmAsync(order);
        }

        var warning = (await WarningsAsync()).Single();
        Assert.Equal((ChurnWarningStatus.Recovered, (int?)orderId, (DateTimeOffset?)Now), (warning.Status, warning.RecoveredByOrderId, warning.ClosedAt));
        var customer = await _world.LoadAsync(customerId);
        Assert.Equal((CustomerStatus.Active, (DateTimeOffset?)Now, 200.00m), (customer.Status, customer.LastOrderAt, customer.LifetimeRevenue));
        Assert.Equal(0, await DetectAsync());
    }
}
