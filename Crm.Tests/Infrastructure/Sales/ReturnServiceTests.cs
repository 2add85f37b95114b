using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Infrastructure.Seeding;
using Crm.Tests.Infrastructure.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure.Sales;

/// <summary>
/// <see cref="ReturnService"/> on a shipped order of 张伟's customer (line 1: 5 units, line 2: 2 units,
/// both at 100.00): requesting asks for approval, receiving restocks, refunding lowers revenue, and a
/// rejection gives the quantities back.
/// </summary>
public sealed class ReturnServiceTests : IAsyncLifetime
{
    private PoolWorld _world = null!;
    private int _customerId;
    private int _orderId;
    private StockedProduct _product = null!;
    private int _reasonId;

    public async Task InitializeAsync()
    {
        _world = await PoolWorld.CreateAsync();
        await using var db = _world.SystemContext();
        await new ReferenceDataSeeder(db).SeedAsync();
        _customerId = await SalesArrange.CustomerAsync(db, "zhang.wei");
        _product = await SalesArrange.ProductAsync(db, units: 30);
        var second = await SalesArrange.ProductAsync(db, units: 30, warehouseId: _product.WarehouseId);
        _orderId = await SalesArrange.OrderAsync(db, _customerId, _product.WarehouseId, [(_product.ProductId, 5), (second.ProductId, 2)]);
        _reasonId = await db.DictionaryItems.Where(d => d.Category == DictionaryCategories.ReturnReason).Select(d => d.Id).FirstAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private CurrentUser Zhang => PoolWorld.As(_world.Zhang, _world.Team1, DataScope.Own, Permissions.Returns.Edit);

    private (CrmDbContext Db, ReturnService Returns, ApprovalService Approvals) ServicesFor(CurrentUser user)
    {
        var db = _world.Database.NewContext(user, _world.Clock);
        var approvals = new ApprovalService(db, user, _world.Clock);
        return (db, new ReturnService(db, user, _world.Clock, new SalesNumbers(new CodeGenerator(db)), approvals, new InventoryService(db, user, _world.Clock)), approvals);
    }

    private async Task<Return> RequestAsync(params (int LineNo, int Quantity)[] quantities)
    {
        var (db, returns, _) = ServicesFor(Zhang);
        await using (db)
        {
            var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == _orderId);
            return await returns.RequestAsync(order, quantities, _reasonId, "包装破损");
        }
    }

    private async Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query)
    {
        await using var db = _world.SystemContext();
        return await query(db);
    }

    [Fact]
    public async Task ARequestRenewsTheOrdersVersionSoAChangeFromAnOlderCopyIsRefused()
    {
        await using var stale = _world.SystemContext();
        var older = await stale.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == _orderId);

        await RequestAsync((1, 1));

        var now = await QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == _orderId));
        Assert.NotEqual(older.Version, now.Version);
        older.Complete(DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        Assert.Equal(OrderStatus.Shipped, (await QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == _orderId))).Status);
    }

    [Fact]
    public async Task ARequestAsksForApprovalAndReservesTheQuantities()
    {
        var request = await RequestAsync((1, 3), (2, 0));

        Assert.Matches("^TH[0-9]{8}$", request.Number);
        var saved = await QueryAsync(db => db.Returns.AsNoTracking().Include(r => r.Lines).SingleAsync());
        Assert.Equal((ReturnStatus.Requested, _world.Zhang, _world.Team1.Id, 300.00m), (saved.Status, saved.RequestedBy, saved.OrgUnitId, saved.Amount));
        var approval = await QueryAsync(db => db.Approvals.AsNoTracking().SingleAsync());
        Assert.Equal((ApprovalKind.Return, saved.Id, ApprovalStatus.Pending, (Guid?)_world.Zhang, _world.Team1.Id, 300.00m),
            (approval.Kind, approval.SubjectId, approval.Status, approval.OwnerId, approval.OrgUnitId, approval.Amount));
        var lines = await QueryAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == _orderId));
        Assert.Equal([3, 0], lines.Lines.OrderBy(l => l.LineNo).Select(l => l.ReturnedQuantity));
    }

    [Fact]
    public async Task MoreThanShippedLessReturnedIsRefusedAndNothingIsSaved()
    {
        await RequestAsync((1, 4));

        var refused = await Assert.ThrowsAsync<DomainException>(() => RequestAsync((1, 2)));

        Assert.Equal("Return.QuantityExceedsReturnable", refused.Code);
        Assert.Equal(1, await QueryAsync(db => db.Returns.CountAsync()));
        Assert.Equal(1, await QueryAsync(db => db.Approvals.CountAsync()));
        Assert.Equal(4, await QueryAsync(db => db.Orders.SelectMany(o => o.Lines).Where(l => l.LineNo == 1).Select(l => l.ReturnedQuantity).SingleAsync()));
    }

    [Fact]
    public async Task ReceivingRestocksTheOrdersWarehouseAndRefundingLowersRevenue()
    {
        var request = await RequestAsync((1, 2));
        var manager = PoolWorld.As(_world.ManagerEast, _world.East, DataScope.OrgUnitSubtree, Permissions.Returns.Approve);
        var (managerDb, _, approvals) = ServicesFor(manager);
        await using (managerDb)
            await approvals.DecideAsync(await managerDb.Approvals.SingleAsync(), approve: true, "同意");
        var onHand = await QueryAsync(db => db.StockLevels.Where(s => s.ProductId == _product.ProductId).Select(s => s.OnHand).SingleAsync());
        Assert.Equal(25, onHand);

        var (db, returns, _) = ServicesFor(Zhang);
        await using (db)
        {
            var approved = await db.Returns.Include(r => r.Lines).SingleAsync(r => r.Id == request.Id);
            Assert.Equal((ReturnStatus.Approved, (Guid?)_world.ManagerEast, "同意"), (approved.Status, approved.DecidedBy, approved.DecisionComment));
            await returns.ReceiveAsync(approved);
            await returns.RefundAsync(approved);
        }

        Assert.Equal(27, await QueryAsync(d => d.StockLevels.Where(s => s.ProductId == _product.ProductId).Select(s => s.OnHand).SingleAsync()));
        var movement = await QueryAsync(d => d.StockMovements.AsNoTracking().SingleAsync(m => m.ReturnId == request.Id));
        Assert.Equal((StockMovementKind.Return, 2, 2, 0, _product.WarehouseId), (movement.Kind, movement.Quantity, movement.OnHandDelta, movement.ReservedDelta, movement.WarehouseId));
        Assert.Equal(700.00m - 200.00m, await QueryAsync(d => d.Customers.Where(c => c.Id == _customerId).Select(c => c.LifetimeRevenue).SingleAsync()));
        Assert.Equal(ReturnStatus.Refunded, await QueryAsync(d => d.Returns.Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task ARejectedReturnGivesItsQuantitiesBack()
    {
        await RequestAsync((1, 5));
        var manager = PoolWorld.As(_world.ManagerEast, _world.East, DataScope.OrgUnitSubtree, Permissions.Returns.Approve);
        var (managerDb, _, approvals) = ServicesFor(manager);
        await using (managerDb)
            await approvals.DecideAsync(await managerDb.Approvals.SingleAsync(), approve: false, "已超过退货期限");

        Assert.Equal(ReturnStatus.Rejected, await QueryAsync(d => d.Returns.Select(r => r.Status).SingleAsync()));
        Assert.Equal(0, await QueryAsync(d => d.Orders.SelectMany(o => o.Lines).Where(l => l.LineNo == 1).Select(l => l.ReturnedQuantity).SingleAsync()));
        var again = await RequestAsync((1, 5));
        Assert.Equal(500.00m, again.Amount);
    }

    [Fact]
    public async Task AReturnCannotBeReceivedBeforeItIsApproved()
    {
        var request = await RequestAsync((2, 1));
        var (db, returns, _) = ServicesFor(Zhang);
        await using (db)
        {
            var requested = await db.Returns.Include(r => r.Lines).SingleAsync(r => r.Id == request.Id);
            var refused = await Assert.ThrowsAsync<DomainException>(() => returns.ReceiveAsync(requested));
            Assert.Equal("Return.StatusTransitionNotAllowed", refused.Code);
        }

        Assert.Equal(0, await QueryAsync(d => d.StockMovements.CountAsync(m => m.ReturnId == request.Id)));
    }
}
