using System.Diagnostics;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Sales;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Seeding;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Crm.Tests.Infrastructure.Sales;

/// <summary>
/// The demo sales on the demo database: products and stock like the products seeder's (made here when
/// missing), then <see cref="DemoSales"/> (run here unless the demo seeder already did), and the
/// history it leaves must be consistent — stock is the sum of its movements and never negative, revenue
/// and last order come from the orders, churn warnings, returns and approvals are there to see.
/// </summary>
public sealed class DemoSalesTests(FirstStartFactory factory, ITestOutputHelper output) : IClassFixture<FirstStartFactory>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static DemoSalesSummary? _summary;

    private async Task SeedAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_summary is not null || await factory.WithDbAsync(db => db.Orders.AnyAsync()))
                return;
            await factory.WithDbAsync(ProductsAsync);
            var stopwatch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            _summary = await factory.WithDbAsync(db => DemoSales.SeedAsync(db, TimeProvider.System));
            // Wall time depends on how busy the machine is; the process's CPU time much less.
            output.WriteLine($"DemoSales: {_summary} in {stopwatch.ElapsedMilliseconds} ms, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms");
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>About what the products seeder makes: 60 products in 4 categories, stock in SH01 and BJ01, level → price type.</summary>
    private static async Task<int> ProductsAsync(CrmDbContext db)
    {
        if (await db.Products.AnyAsync())
            return 0;
        var now = DateTimeOffset.UtcNow;
        var categories = new[] { "服务器", "网络设备", "办公耗材", "软件服务" }.Select((n, i) => new ProductCategory(n, null, i)).ToList();
        db.ProductCategories.AddRange(categories);
        var warehouses = new[] { new Warehouse("SH01", "上海仓", null), new Warehouse("BJ01", "北京仓", null) };
        db.Warehouses.AddRange(warehouses);
        await db.SaveChangesAsync();
        decimal[] prices = [38m, 120m, 560m, 1_280m, 4_800m, 9_900m, 26_000m, 58_000m];
        var products = new List<Product>();
        for (var i = 0; i < 60; i++)
        {
            var list = prices[i % prices.Length] + (i * 3);
            var product = new Product($"P{i + 1:D4}", $"演示产品{i + 1}", categories[i % categories.Count].Id, list, decimal.Round(list * 0.7m, 2), null, now);
            product.SetPrice(PriceType.Partner, decimal.Round(list * 0.85m, 2), null, null, null, now);
            product.SetPrice(PriceType.Member, decimal.Round(list * 0.92m, 2), null, null, null, now);
            product.SetPrice(PriceType.Promotion, decimal.Round(list * 0.8m, 2), DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-3), DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-2), null, now);
            products.Add(product);
        }

        db.Products.AddRange(products);
        await db.SaveChangesAsync();
        foreach (var warehouse in warehouses)
        {
            foreach (var product in products)
            {
                var level = new StockLevel(product.Id, warehouse.Id);
                db.StockLevels.Add(level);
                db.StockMovements.Add(level.Receive(200, "期初入库", null, now));
            }
        }

        var levels = await db.DictionaryItems.Where(d => d.Category == DictionaryCategories.CustomerLevel).ToDictionaryAsync(d => d.Code, d => d.Id);
        if (!await db.CustomerLevelPriceTypes.AnyAsync())
        {
            db.CustomerLevelPriceTypes.AddRange(
                new CustomerLevelPriceType(levels["KeyAccount"], PriceType.Member),
                new CustomerLevelPriceType(levels["Partner"], PriceType.Partner),
                new CustomerLevelPriceType(levels["StrategicPartner"], PriceType.Partner));
        }

        return await db.SaveChangesAsync();
    }

    [Fact]
    public async Task MakesAboutThreeThousandOrdersOfTheOwnersCustomersOverTwoYears()
    {
        await SeedAsync();

        var orders = await factory.WithDbAsync(db => db.Orders.AsNoTracking()
            .Select(o => new { o.Status, o.Date, o.CustomerId, o.SalesmanId, o.OrgUnitId, o.Number }).ToListAsync());
        Assert.InRange(orders.Count, 2500, 3600);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.All(orders, o => Assert.InRange(o.Date, today.AddMonths(-24).AddDays(-1), today));
        Assert.All(orders, o => Assert.Matches("^DD[0-9]{8}$", o.Number));
        var byStatus = orders.GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byStatus[OrderStatus.Completed] > orders.Count / 2);
        Assert.All(Enum.GetValues<OrderStatus>(), s => Assert.True(byStatus.GetValueOrDefault(s) > 0, $"no {s} order"));
        var customers = await factory.WithDbAsync(db => db.Customers.AsNoTracking().Select(c => new { c.Id, c.OwnerId, c.OrgUnitId }).ToDictionaryAsync(c => c.Id));
        Assert.All(orders, o => Assert.Equal((customers[o.CustomerId].OwnerId, customers[o.CustomerId].OrgUnitId), ((Guid?)o.SalesmanId, o.OrgUnitId)));
    }

    [Fact]
    public async Task StockIsTheSumOfItsMovementsAndNeverRanNegative()
    {
        await SeedAsync();

        var (levels, movements) = await factory.WithDbAsync(async db => (
            await db.StockLevels.AsNoTracking().ToListAsync(),
            await db.StockMovements.AsNoTracking().Select(m => new { m.ProductId, m.WarehouseId, m.OnHandDelta, m.ReservedDelta, m.OccurredAt, m.Kind }).ToListAsync()));
        Assert.Contains(movements, m => m.Kind == StockMovementKind.Return);
        foreach (var level in levels)
        {
            var mine = movements.Where(m => m.ProductId == level.ProductId && m.WarehouseId == level.WarehouseId).OrderBy(m => m.OccurredAt).ToList();
            Assert.Equal(level.OnHand, mine.Sum(m => m.OnHandDelta));
            Assert.Equal(level.Reserved, mine.Sum(m => m.ReservedDelta));
            // The opening stock of the products seeder is dated "now"; without it the history is still never below zero.
            var running = 0;
            foreach (var movement in mine.Where(m => m.Kind != StockMovementKind.Receipt || m.OccurredAt < DateTimeOffset.UtcNow.AddHours(-1)))
            {
                running += movement.OnHandDelta;
                Assert.True(running >= 0, $"product {level.ProductId} in warehouse {level.WarehouseId} below zero at {movement.OccurredAt}");
            }
        }
    }

    [Fact]
    public async Task RevenueAndLastOrderComeFromTheOrdersAndReturns()
    {
        await SeedAsync();

        var (customers, orders, refunds) = await factory.WithDbAsync(async db => (
            await db.Customers.AsNoTracking().Select(c => new { c.Id, c.Status, c.LifetimeRevenue, c.LastOrderAt }).ToListAsync(),
            await db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Confirmed || o.Status == OrderStatus.Shipped || o.Status == OrderStatus.Completed)
                .Select(o => new { o.CustomerId, o.Total, o.ConfirmedAt }).ToListAsync(),
            await db.Returns.AsNoTracking().Where(r => r.Status == ReturnStatus.Refunded).Select(r => new { r.CustomerId, r.Amount }).ToListAsync()));
        var buyers = orders.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => (Total: g.Sum(o => o.Total), Last: g.Max(o => o.ConfirmedAt)));
        Assert.True(buyers.Count > 100);
        foreach (var customer in customers.Where(c => buyers.ContainsKey(c.Id)))
        {
            var (total, last) = buyers[customer.Id];
            Assert.Equal(total - refunds.Where(r => r.CustomerId == customer.Id).Sum(r => r.Amount), customer.LifetimeRevenue);
            Assert.Equal(last, customer.LastOrderAt);
            Assert.NotEqual(CustomerStatus.Prospect, customer.Status);
        }
    }

    [Fact]
    public async Task LapsedCustomersAreWarnedWithMeasuresAndTwoConfirmations()
    {
        await SeedAsync();

        var warnings = await factory.WithDbAsync(db => db.ChurnWarnings.AsNoTracking().Include(w => w.Measures).ToListAsync());
        Assert.InRange(warnings.Count, 10, 60);
        Assert.Equal(2, warnings.Count(w => w.Status == ChurnWarningStatus.Confirmed));
        Assert.Contains(warnings, w => w.Measures.Count > 0);
        Assert.All(warnings, w => Assert.True(w.LastOrderAt <= w.WarnedAt.AddMonths(-6)));
        var statuses = await factory.WithDbAsync(db => db.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Status));
        Assert.All(warnings.Where(w => w.Status == ChurnWarningStatus.Open), w => Assert.Equal(CustomerStatus.ChurnWarning, statuses[w.CustomerId]));
        Assert.All(warnings.Where(w => w.Status == ChurnWarningStatus.Confirmed), w => Assert.Equal(CustomerStatus.Churned, statuses[w.CustomerId]));
        Assert.True(await factory.WithDbAsync(db => db.Reminders.AnyAsync(r => r.SourceType == Crm.Infrastructure.Customers.ChurnService.ReminderSource)));
    }

    [Fact]
    public async Task ReturnsOfEveryStateAndPendingApprovalsForManagerEast()
    {
        await SeedAsync();

        var returns = await factory.WithDbAsync(db => db.Returns.AsNoTracking().Select(r => r.Status).ToListAsync());
        Assert.All(Enum.GetValues<ReturnStatus>(), s => Assert.Contains(s, returns));
        var manager = await factory.SignInAsync("manager.east");
        // What manager.east sees of the pending approvals (the /Approvals page shows these).
        var east = await factory.WithDbAsync(async db =>
        {
            var path = await db.OrgUnits.Where(o => o.Name == "华东公司").Select(o => o.Path).SingleAsync();
            return await db.Approvals.AsNoTracking().Where(a => a.Status == ApprovalStatus.Pending && db.OrgUnits.Any(o => o.Id == a.OrgUnitId && o.Path.StartsWith(path)))
                .Select(a => a.Kind).ToListAsync();
        });
        Assert.Contains(ApprovalKind.OrderPrice, east);
        Assert.Contains(ApprovalKind.Return, east);
        var priced = await factory.WithDbAsync(db => db.Orders.AsNoTracking().Where(o => o.ApprovalState == PriceApprovalState.Pending).CountAsync());
        Assert.Equal(3, priced);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await manager.GetAsync("/Sales/Returns?Status=Requested")).StatusCode);
    }
}

/// <summary>A demo database seeded as on a user's first start (the full order history).</summary>
public sealed class FirstStartFactory : CrmWebFactory
{
    protected override int DemoOrders => DemoSales.TargetOrders;
}
