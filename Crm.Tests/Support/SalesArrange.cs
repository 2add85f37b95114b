using Crm.Domain.Customers;
using Crm.Domain.Sales;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Support;

/// <summary>
/// Arranges sales data through the domain, as the app would have made it: a product in stock in a
/// warehouse of its own, orders confirmed and shipped with their stock movements and the customer's sale
/// recorded, returns in a given state. Works on any system-scoped context (a web test's
/// <c>WithDbAsync</c>, or an infrastructure test's own database). Codes are unique per call.
/// </summary>
public static class SalesArrange
{
    private static int _sequence;

    public static string Unique(string prefix) =>
        $"{prefix}{Interlocked.Increment(ref _sequence):D4}{Guid.NewGuid():N}".ToUpperInvariant()[..Math.Min(20, prefix.Length + 12)];

    /// <summary>A product (list 100.00, floor 60.00 unless given) with <paramref name="units"/> received into a new warehouse.</summary>
    public static async Task<StockedProduct> ProductAsync(CrmDbContext db, int units = 100, decimal listPrice = 100m, decimal floorPrice = 60m, string? name = null, int? warehouseId = null)
    {
        var category = await db.ProductCategories.OrderBy(c => c.Id).FirstOrDefaultAsync();
        if (category is null)
        {
            category = new ProductCategory("测试类别", null);
            db.ProductCategories.Add(category);
            await db.SaveChangesAsync();
        }

        var now = DateTimeOffset.UtcNow;
        var product = new Product(Unique("TP"), name ?? $"测试产品{Guid.NewGuid():N}"[..12], category.Id, listPrice, floorPrice, null, now);
        db.Products.Add(product);
        Warehouse? warehouse = null;
        if (warehouseId is null)
        {
            warehouse = new Warehouse(Unique("WH"), "测试仓库", null);
            db.Warehouses.Add(warehouse);
        }

        await db.SaveChangesAsync();
        var level = new StockLevel(product.Id, warehouseId ?? warehouse!.Id);
        db.StockLevels.Add(level);
        if (units > 0)
            db.StockMovements.Add(level.Receive(units, "测试入库", null, now));
        await db.SaveChangesAsync();
        return new StockedProduct(product.Id, level.WarehouseId, product.Name);
    }

    /// <summary>
    /// An order of the customer (sold by its owner, in its org unit) for the given lines at list price,
    /// moved on to <paramref name="status"/> with the stock movements saved and — once confirmed — the sale
    /// recorded on the customer. Returns the order's id.
    /// </summary>
    public static async Task<int> OrderAsync(CrmDbContext db, int customerId, int warehouseId, IReadOnlyList<(int ProductId, int Quantity)> lines,
        OrderStatus status = OrderStatus.Shipped, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        var ids = lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var order = new Order(Unique("TDD"), customer.Id, customer.OrgUnitId, customer.OwnerId ?? Guid.Empty,
            DateOnly.FromDateTime(when.UtcDateTime), warehouseId, "测试地址");
        foreach (var (productId, quantity) in lines)
            order.AddLine(products[productId], quantity, PriceType.List, null, 0m);
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        if (status is OrderStatus.Draft)
            return order.Id;

        var levels = await db.StockLevels.Where(s => s.WarehouseId == warehouseId && ids.Contains(s.ProductId)).ToDictionaryAsync(s => s.ProductId);
        db.StockMovements.AddRange(order.Confirm(levels, null, when));
        customer.RecordSale(order.Total, when);
        if (status is OrderStatus.Shipped or OrderStatus.Completed)
            db.StockMovements.AddRange(order.Ship(levels, null, when));
        if (status is OrderStatus.Completed)
            order.Complete(when);
        if (status is OrderStatus.Cancelled)
            throw new ArgumentOutOfRangeException(nameof(status), "Cancel an order through OrderService.");
        await db.SaveChangesAsync();
        return order.Id;
    }

    /// <summary>
    /// A return of <paramref name="quantities"/> (line number, quantity) of an order, requested by the
    /// order's salesman with its pending approval, then moved on to <paramref name="status"/> (approved
    /// and decided by <paramref name="decidedBy"/>). Returns the return's id.
    /// </summary>
    public static async Task<int> ReturnAsync(CrmDbContext db, int orderId, IReadOnlyCollection<(int LineNo, int Quantity)> quantities,
        ReturnStatus status = ReturnStatus.Requested, Guid? decidedBy = null)
    {
        var now = DateTimeOffset.UtcNow;
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
        var reason = await db.DictionaryItems.Where(d => d.Category == Crm.Domain.Common.DictionaryCategories.ReturnReason).OrderBy(d => d.SortOrder).Select(d => d.Id).FirstAsync();
        var request = order.RequestReturn(Unique("TTH"), quantities, reason, "测试退货", order.SalesmanId, now);
        db.Returns.Add(request);
        await db.SaveChangesAsync();
        var approval = new Approval(ApprovalKind.Return, request.Id, request.Number, request.CustomerId, "测试退货", request.Amount, request.RequestedBy, request.OrgUnitId, now);
        db.Approvals.Add(approval);
        var manager = decidedBy ?? Guid.NewGuid();
        if (status == ReturnStatus.Rejected)
        {
            approval.Reject(manager, "不符合退货条件", now);
            request.Reject(order, manager, "不符合退货条件", now);
        }
        else if (status != ReturnStatus.Requested)
        {
            approval.Approve(manager, "同意退货", now);
            request.Approve(manager, "同意退货", now);
        }

        if (status is ReturnStatus.Received or ReturnStatus.Refunded)
        {
            var productIds = request.Lines.Select(l => l.ProductId).ToList();
            var levels = await db.StockLevels.Where(s => s.WarehouseId == request.WarehouseId && productIds.Contains(s.ProductId)).ToDictionaryAsync(s => s.ProductId);
            db.StockMovements.AddRange(request.Receive(levels, null, now));
        }

        if (status == ReturnStatus.Refunded)
        {
            request.Refund(now);
            (await db.Customers.SingleAsync(c => c.Id == request.CustomerId)).RecordRefund(request.Amount);
        }

        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>A new active customer of <paramref name="ownerUserName"/>, in the owner's org unit.</summary>
    public static async Task<int> CustomerAsync(CrmDbContext db, string ownerUserName, string? name = null, Action<Customer>? arrange = null)
    {
        var owner = await db.Users.SingleAsync(u => u.UserName == ownerUserName);
        var customer = new Customer(Unique("TKH"), new CustomerProfile { Name = name ?? $"销售测试客户{Guid.NewGuid():N}"[..16] }, owner.OrgUnitId, owner.Id, DateTimeOffset.UtcNow);
        customer.Activate();
        arrange?.Invoke(customer);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    /// <summary>
    /// An open churn warning of a new customer of <paramref name="ownerUserName"/> whose last order was
    /// <paramref name="monthsAgo"/> months ago, as the daily detection raises it.
    /// </summary>
    public static async Task<(int CustomerId, int WarningId)> ChurnWarningAsync(CrmDbContext db, string ownerUserName, int monthsAgo = 8, string? name = null)
    {
        var now = DateTimeOffset.UtcNow;
        var customerId = await CustomerAsync(db, ownerUserName, name, c => c.RecordOrder(now.AddMonths(-monthsAgo)));
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        customer.WarnOfChurn();
        var warning = new ChurnWarning(customer.Id, customer.LastOrderAt, 6, now);
        db.ChurnWarnings.Add(warning);
        await db.SaveChangesAsync();
        return (customerId, warning.Id);
    }
}

public sealed record StockedProduct(int ProductId, int WarehouseId, string Name);
