using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Tests.Infrastructure.Customers;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure.Sales;

/// <summary>
/// The pool tests' organisation (<see cref="PoolWorld"/>) plus what selling needs: a warehouse, products with
/// stock, customers of 张伟 and draft orders.
/// </summary>
public sealed class SalesWorld : IAsyncDisposable
{
    private SalesWorld(PoolWorld world) => World = world;

    public PoolWorld World { get; }

    public int WarehouseId { get; private set; }

    public int CategoryId { get; private set; }

    public CurrentUser Zhang => PoolWorld.As(World.Zhang, World.Team1, DataScope.Own, Permissions.Orders.View, Permissions.Orders.Edit);

    public CurrentUser ManagerEast => PoolWorld.As(World.ManagerEast, World.East, DataScope.OrgUnitSubtree, Permissions.Orders.View, Permissions.Orders.Edit, Permissions.Orders.Approve);

    public static async Task<SalesWorld> CreateAsync()
    {
        var world = new SalesWorld(await PoolWorld.CreateAsync());
        await using var db = world.World.SystemContext();
        var warehouse = new Warehouse("WH01", "上海仓", null);
        var category = new ProductCategory("网络设备", null);
        db.Warehouses.Add(warehouse);
        db.ProductCategories.Add(category);
        await db.SaveChangesAsync();
        world.WarehouseId = warehouse.Id;
        world.CategoryId = category.Id;
        return world;
    }

    public SqliteCrmDbContext Context(CurrentUser user) => World.Database.NewContext(user, World.Clock);

    public async Task<int> ProductAsync(string name, int stock, decimal listPrice = 100m, decimal floorPrice = 80m)
    {
        await using var db = World.SystemContext();
        var product = new Product("P" + Guid.NewGuid().ToString("N")[..8], name, CategoryId, listPrice, floorPrice, null, World.Clock.GetUtcNow());
        db.Products.Add(product);
        await db.SaveChangesAsync();
        if (stock > 0)
        {
            var level = new StockLevel(product.Id, WarehouseId);
            db.StockLevels.Add(level);
            db.StockMovements.Add(level.Receive(stock, null, null, World.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        return product.Id;
    }

    public Task<int> CustomerAsync(string name, Action<Customer>? arrange = null) => World.AddCustomerAsync(name, World.Team1.Id, World.Zhang, arrange);

    /// <summary>A draft order of the customer sold by 张伟, one line per product (list price, or typed).</summary>
    public async Task<int> DraftOrderAsync(int customerId, params (int ProductId, int Quantity, decimal? UnitPrice)[] lines)
    {
        await using var db = World.SystemContext();
        var order = new Order("DD" + Guid.NewGuid().ToString("N")[..8], customerId, World.Team1.Id, World.Zhang, DateOnly.FromDateTime(World.Clock.GetUtcNow().UtcDateTime), WarehouseId, null);
        foreach (var (productId, quantity, unitPrice) in lines)
            order.AddLine(await db.Products.Include(p => p.Prices).SingleAsync(p => p.Id == productId), quantity, PriceType.List, unitPrice, 0);
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    public static Task<Order> LoadOrderAsync(CrmDbContext db, int id) => db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == id);

    public async Task<T> ReadAsync<T>(Func<CrmDbContext, Task<T>> read)
    {
        await using var db = World.SystemContext();
        return await read(db);
    }

    public ValueTask DisposeAsync() => World.DisposeAsync();
}

public sealed class OrderServiceTests : IAsyncLifetime
{
    private SalesWorld _sales = null!;

    public async Task InitializeAsync() => _sales = await SalesWorld.CreateAsync();

    public async Task DisposeAsync() => await _sales.DisposeAsync();

    private OrderService Service(CrmDbContext db, CurrentUser user) => new(db, user, _sales.World.Clock, new InventoryService(db, user, _sales.World.Clock));

    private Task<StockLevel> StockAsync(int productId) =>
        _sales.ReadAsync(db => db.StockLevels.AsNoTracking().SingleAsync(s => s.ProductId == productId));

    [Fact]
    public async Task OfTwoOrdersCompetingForTheLastUnitsExactlyOneIsConfirmed()
    {
        var product = await _sales.ProductAsync("光纤模块", stock: 5);
        var first = await _sales.DraftOrderAsync(await _sales.CustomerAsync("甲公司"), (product, 4, null));
        var second = await _sales.DraftOrderAsync(await _sales.CustomerAsync("乙公司"), (product, 3, null));

        // Two requests, each with its own context, both read the stock (5 available) before either saves.
        await using var db1 = _sales.Context(_sales.Zhang);
        await using var db2 = _sales.Context(_sales.Zhang);
        var (service1, service2) = (Service(db1, _sales.Zhang), Service(db2, _sales.Zhang));
        var order1 = await SalesWorld.LoadOrderAsync(db1, first);
        var order2 = await SalesWorld.LoadOrderAsync(db2, second);
        Assert.Equal(5, (await new InventoryService(db1, _sales.Zhang, _sales.World.Clock).GetLevelsAsync(_sales.WarehouseId, [product]))[product].Available);
        Assert.Equal(5, (await new InventoryService(db2, _sales.Zhang, _sales.World.Clock).GetLevelsAsync(_sales.WarehouseId, [product]))[product].Available);

        var outcomes = new List<Exception?>();
        foreach (var (service, order) in new[] { (service1, order1), (service2, order2) })
        {
            try
            {
                await service.ConfirmAsync(order);
                outcomes.Add(null);
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException or DomainException)
            {
                outcomes.Add(e);
            }
        }

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is DbUpdateConcurrencyException or DomainException);
        var stock = await StockAsync(product);
        Assert.Equal((5, 4), (stock.OnHand, stock.Reserved));
        var statuses = await _sales.ReadAsync(db => db.Orders.Where(o => o.Id == first || o.Id == second).OrderBy(o => o.Id).Select(o => o.Status).ToListAsync());
        Assert.Equal([OrderStatus.Confirmed, OrderStatus.Draft], statuses);
        var reservations = await _sales.ReadAsync(db => db.StockMovements.Where(m => m.Kind == StockMovementKind.Reservation).Select(m => m.OrderId).ToListAsync());
        Assert.Equal([first], reservations);
    }

    [Fact]
    public async Task TheSecondOrderIsRefusedByTheDomainOnceTheFirstIsSaved()
    {
        var product = await _sales.ProductAsync("光纤模块", stock: 5);
        var first = await _sales.DraftOrderAsync(await _sales.CustomerAsync("甲公司"), (product, 4, null));
        var second = await _sales.DraftOrderAsync(await _sales.CustomerAsync("乙公司"), (product, 3, null));
        await using (var db = _sales.Context(_sales.Zhang))
            await Service(db, _sales.Zhang).ConfirmAsync(await SalesWorld.LoadOrderAsync(db, first));

        await using var db2 = _sales.Context(_sales.Zhang);
        var refusal = await Assert.ThrowsAsync<DomainException>(async () => await Service(db2, _sales.Zhang).ConfirmAsync(await SalesWorld.LoadOrderAsync(db2, second)));

        Assert.Equal("Stock.Insufficient", refusal.Code);
        Assert.Equal(["光纤模块", 1, 3], refusal.Arguments);
        Assert.Equal(4, (await StockAsync(product)).Reserved);
    }

    [Fact]
    public async Task ConfirmingCountsTheSaleForTheCustomerAndRecoversAChurningOne()
    {
        var product = await _sales.ProductAsync("交换机", stock: 10, listPrice: 250m, floorPrice: 200m);
        var prospect = await _sales.CustomerAsync("新客户");
        var churning = await _sales.CustomerAsync("流失预警客户", c => { c.Activate(); c.WarnOfChurn(); });
        await using (var db = _sales.World.SystemContext())
        {
            db.ChurnWarnings.Add(new ChurnWarning(churning, null, 6, _sales.World.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var orders = new[] { await _sales.DraftOrderAsync(prospect, (product, 2, null)), await _sales.DraftOrderAsync(churning, (product, 1, null)) };
        foreach (var id in orders)
        {
            await using var db = _sales.Context(_sales.Zhang);
            await Service(db, _sales.Zhang).ConfirmAsync(await SalesWorld.LoadOrderAsync(db, id));
        }

        var customers = await _sales.ReadAsync(db => db.Customers.AsNoTracking().Where(c => c.Id == prospect || c.Id == churning).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([(CustomerStatus.Active, 500m), (CustomerStatus.Active, 250m)], customers.Select(c => (c.Status, c.LifetimeRevenue)));
        Assert.All(customers, c => Assert.Equal(_sales.World.Clock.GetUtcNow(), c.LastOrderAt));
        var warning = await _sales.ReadAsync(db => db.ChurnWarnings.AsNoTracking().SingleAsync(w => w.CustomerId == churning));
        Assert.NotEqual(ChurnWarningStatus.Open, warning.Status);
        Assert.Equal(orders[1], warning.RecoveredByOrderId);
    }

    [Fact]
    public async Task CancellingAConfirmedOrderGivesBackItsStockAndRevenue()
    {
        var product = await _sales.ProductAsync("路由器", stock: 6, listPrice: 100m, floorPrice: 50m);
        var customer = await _sales.CustomerAsync("取消订单客户");
        var orderId = await _sales.DraftOrderAsync(customer, (product, 6, null));
        await using (var db = _sales.Context(_sales.Zhang))
            await Service(db, _sales.Zhang).ConfirmAsync(await SalesWorld.LoadOrderAsync(db, orderId));
        Assert.Equal(0, (await StockAsync(product)).Available);

        await using (var db = _sales.Context(_sales.Zhang))
            await Service(db, _sales.Zhang).CancelAsync(await SalesWorld.LoadOrderAsync(db, orderId), "客户撤单");

        var stock = await StockAsync(product);
        Assert.Equal((6, 0), (stock.OnHand, stock.Reserved));
        var saved = await _sales.ReadAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == customer));
        Assert.Equal((0m, (DateTimeOffset?)null), (saved.LifetimeRevenue, saved.LastOrderAt));
    }
}
