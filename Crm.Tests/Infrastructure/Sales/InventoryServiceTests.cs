using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure.Sales;

/// <summary>
/// Stock through <see cref="InventoryService"/>: each change is one movement saved with its level, and two
/// changes of the same level from two contexts cannot both win — the second save fails and changes nothing,
/// so the level always equals the sum of its movements.
/// </summary>
public sealed class InventoryServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _productId;
    private int _warehouseId;

    private readonly CurrentUser _user = TestDatabase.UserWith(Guid.NewGuid(), "keeper", DataScope.All);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext(CurrentUser.System());
        var category = new ProductCategory("网络设备", null);
        db.ProductCategories.Add(category);
        var warehouse = new Warehouse("SH01", "上海仓", null);
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync();
        var product = new Product("WL2001", "千兆交换机", category.Id, 4680m, 3800m, null, DateTimeOffset.UtcNow);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        (_productId, _warehouseId) = (product.Id, warehouse.Id);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private SqliteCrmDbContext Context() => _database.NewContext(_user);

    private async Task<(int OnHand, int Reserved, int MovementOnHand, int MovementReserved, int Movements)> StockAsync()
    {
        await using var db = Context();
        var level = await db.StockLevels.AsNoTracking().SingleAsync(s => s.ProductId == _productId && s.WarehouseId == _warehouseId);
        var movements = await db.StockMovements.AsNoTracking().Where(m => m.ProductId == _productId && m.WarehouseId == _warehouseId).ToListAsync();
        return (level.OnHand, level.Reserved, movements.Sum(m => m.OnHandDelta), movements.Sum(m => m.ReservedDelta), movements.Count);
    }

    [Fact]
    public async Task AReceiptCreatesTheMissingLevelAndSavesItsMovementWithIt()
    {
        await using var db = Context();

        var movement = await new InventoryService(db, _user, TimeProvider.System).ReceiveAsync(_productId, _warehouseId, 12, "期初入库");

        Assert.Equal((StockMovementKind.Receipt, 12, 12, 0, _user.UserId), (movement.Kind, movement.Quantity, movement.OnHandDelta, movement.ReservedDelta, movement.ByUserId));
        Assert.Equal((12, 0, 12, 0, 1), await StockAsync());
    }

    [Fact]
    public async Task GetLevelsReturnsTrackedLevelsAndCreatesEachMissingOneOnce()
    {
        await using (var seed = Context())
            await new InventoryService(seed, _user, TimeProvider.System).ReceiveAsync(_productId, _warehouseId, 5, null);
        int other;
        await using (var seed = Context())
        {
            var product = new Product("WL2002", "二层交换机", await seed.ProductCategories.Select(c => c.Id).FirstAsync(), 3280m, 2600m, null, DateTimeOffset.UtcNow);
            seed.Products.Add(product);
            await seed.SaveChangesAsync();
            other = product.Id;
        }

        await using var db = Context();
        var service = new InventoryService(db, _user, TimeProvider.System);
        var levels = await service.GetLevelsAsync(_warehouseId, [_productId, other, other]);
        var again = await service.GetLevelsAsync(_warehouseId, [other]);

        Assert.Equal([_productId, other], levels.Keys.Order());
        Assert.Equal((5, EntityState.Unchanged), (levels[_productId].OnHand, db.Entry(levels[_productId]).State));
        Assert.Equal((0, EntityState.Added), (levels[other].OnHand, db.Entry(levels[other]).State));
        Assert.Same(levels[other], again[other]);
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.StockLevels.CountAsync());
    }

    [Fact]
    public async Task OfTwoConcurrentReceiptsTheSecondFailsAndStockEqualsTheSumOfMovements()
    {
        await using (var seed = Context())
            await new InventoryService(seed, _user, TimeProvider.System).ReceiveAsync(_productId, _warehouseId, 10, "期初");

        await using var first = Context();
        await using var second = Context();
        var firstService = new InventoryService(first, _user, TimeProvider.System);
        var secondService = new InventoryService(second, _user, TimeProvider.System);
        // Both read the level before either writes, as two requests arriving together would.
        await firstService.GetLevelsAsync(_warehouseId, [_productId]);
        await secondService.GetLevelsAsync(_warehouseId, [_productId]);

        await firstService.ReceiveAsync(_productId, _warehouseId, 7, "甲");
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondService.ReceiveAsync(_productId, _warehouseId, 4, "乙"));

        Assert.Equal((17, 0, 17, 0, 2), await StockAsync());
    }

    [Fact]
    public async Task OfTwoConcurrentAdjustmentsTheSecondFailsAndStockEqualsTheSumOfMovements()
    {
        await using (var seed = Context())
            await new InventoryService(seed, _user, TimeProvider.System).ReceiveAsync(_productId, _warehouseId, 10, "期初");

        await using var first = Context();
        await using var second = Context();
        var firstLevel = (await new InventoryService(first, _user, TimeProvider.System).GetLevelsAsync(_warehouseId, [_productId]))[_productId];
        var secondLevel = (await new InventoryService(second, _user, TimeProvider.System).GetLevelsAsync(_warehouseId, [_productId]))[_productId];

        first.StockMovements.Add(firstLevel.Adjust(-3, "盘亏 3", _user.UserId, DateTimeOffset.UtcNow));
        await first.SaveChangesAsync();
        second.StockMovements.Add(secondLevel.Adjust(-8, "盘亏 8", _user.UserId, DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Equal((7, 0, 7, 0, 2), await StockAsync());
    }

    [Fact]
    public async Task TwoRequestsCreatingTheSameLevelCannotBothWin()
    {
        await using var first = Context();
        await using var second = Context();
        var firstService = new InventoryService(first, _user, TimeProvider.System);
        var secondService = new InventoryService(second, _user, TimeProvider.System);
        await firstService.GetLevelsAsync(_warehouseId, [_productId]);
        await secondService.GetLevelsAsync(_warehouseId, [_productId]);

        await firstService.ReceiveAsync(_productId, _warehouseId, 3, null);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondService.ReceiveAsync(_productId, _warehouseId, 9, null));

        Assert.Equal((3, 0, 3, 0, 1), await StockAsync());
    }

    [Fact]
    public async Task AnAdjustmentAgainstAnOlderVersionIsRefusedAndOneBelowZeroToo()
    {
        await using (var seed = Context())
            await new InventoryService(seed, _user, TimeProvider.System).ReceiveAsync(_productId, _warehouseId, 10, null);
        Guid seen;
        await using (var read = Context())
            seen = await read.StockLevels.Select(s => s.Version).SingleAsync();
        await using (var other = Context())
            await new InventoryService(other, _user, TimeProvider.System).ReceiveAsync(_productId, _warehouseId, 2, null);

        await using (var stale = Context())
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => new InventoryService(stale, _user, TimeProvider.System).AdjustAsync(_productId, _warehouseId, -1, "盘亏", seen));

        await using (var below = Context())
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => new InventoryService(below, _user, TimeProvider.System).AdjustAsync(_productId, _warehouseId, -13, "盘亏"));
            Assert.Equal(("Inventory.AdjustmentBelowZero", 12), (error.Code, (int)error.Arguments[0]));
        }

        Assert.Equal((12, 0, 12, 0, 2), await StockAsync());
    }

    [Fact]
    public async Task AReceiptIntoAnInactiveWarehouseIsRefused()
    {
        await using (var setup = Context())
        {
            var warehouse = await setup.Warehouses.SingleAsync();
            warehouse.SetActive(false);
            await setup.SaveChangesAsync();
        }

        await using var db = Context();
        var error = await Assert.ThrowsAsync<DomainException>(() => new InventoryService(db, _user, TimeProvider.System).ReceiveAsync(_productId, _warehouseId, 1, null));

        Assert.Equal("Inventory.WarehouseInactive", error.Code);
        Assert.False(await db.StockMovements.AnyAsync());
    }
}
