using Crm.Domain.Customers;
using Crm.Domain.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Sales;

/// <summary>
/// Arrangements for the quote, order and approval tests, written straight to the app's database: a
/// warehouse, products with stock in it (a receipt movement each), customers and draft documents.
/// </summary>
public static class OrdersTestData
{
    private static int _sequence;

    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence):D4}{Random.Shared.Next(1000, 9999)}";

    public static Task<int> WarehouseAsync(CrmWebFactory app, string? name = null) => app.WithDbAsync(async db =>
    {
        var warehouse = new Warehouse(Unique("W"), name ?? Unique("测试仓库"), "上海市浦东新区张江路 1 号");
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync();
        return warehouse.Id;
    });

    /// <summary>A product on sale with <paramref name="stock"/> units received into the warehouse.</summary>
    public static Task<int> ProductAsync(
        CrmWebFactory app, int warehouseId, int stock, decimal listPrice = 100m, decimal floorPrice = 80m, string? name = null, Action<Product>? arrange = null) =>
        app.WithDbAsync(async db =>
        {
            var category = await db.ProductCategories.OrderBy(c => c.Id).FirstOrDefaultAsync();
            if (category is null)
            {
                category = new ProductCategory("测试类别", null);
                db.ProductCategories.Add(category);
                await db.SaveChangesAsync();
            }

            var product = new Product(Unique("P"), name ?? Unique("测试产品"), category.Id, listPrice, floorPrice, null, DateTimeOffset.UtcNow);
            arrange?.Invoke(product);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            if (stock > 0)
            {
                var level = new StockLevel(product.Id, warehouseId);
                db.StockLevels.Add(level);
                db.StockMovements.Add(level.Receive(stock, "测试入库", null, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }

            return product.Id;
        });

    /// <summary>A new prospect owned by the user, in the user's org unit, with an address.</summary>
    public static Task<int> CustomerAsync(CrmWebFactory app, string owner = "zhang.wei", int? levelId = null) => app.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == owner);
        var customer = new Customer(Unique("TC"), new CustomerProfile
        {
            Name = Unique("订单测试客户"),
            Address = "上海市徐汇区漕溪北路 88 号",
            LevelId = levelId,
        }, user.OrgUnitId, user.Id, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    });

    /// <summary>A draft order of the customer (sold by its owner) with list-price lines, or typed prices.</summary>
    public static Task<int> DraftOrderAsync(CrmWebFactory app, int customerId, int warehouseId, params (int ProductId, int Quantity, decimal? UnitPrice)[] lines) =>
        app.WithDbAsync(async db =>
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            var order = new Order(Unique("DT"), customer.Id, customer.OrgUnitId, customer.OwnerId!.Value, DateOnly.FromDateTime(DateTime.UtcNow), warehouseId, customer.Address);
            foreach (var (productId, quantity, unitPrice) in lines)
                order.AddLine(await db.Products.Include(p => p.Prices).SingleAsync(p => p.Id == productId), quantity, PriceType.List, unitPrice, 0);
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return order.Id;
        });

    /// <summary>A draft quote of the customer with list-price lines, or typed prices.</summary>
    public static Task<int> DraftQuoteAsync(CrmWebFactory app, int customerId, params (int ProductId, int Quantity, decimal? UnitPrice)[] lines) =>
        app.WithDbAsync(async db =>
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var quote = new Quote(Unique("BT"), customer.Id, customer.OrgUnitId, customer.OwnerId!.Value, today, today.AddDays(30));
            foreach (var (productId, quantity, unitPrice) in lines)
                quote.AddLine(await db.Products.Include(p => p.Prices).SingleAsync(p => p.Id == productId), quantity, PriceType.List, unitPrice, 0);
            db.Quotes.Add(quote);
            await db.SaveChangesAsync();
            return quote.Id;
        });

    public static Task<Order> OrderAsync(CrmWebFactory app, int id) =>
        app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == id));

    public static Task<Quote> QuoteAsync(CrmWebFactory app, int id) =>
        app.WithDbAsync(db => db.Quotes.AsNoTracking().Include(q => q.Lines).SingleAsync(q => q.Id == id));

    public static Task<StockLevel> StockAsync(CrmWebFactory app, int productId, int warehouseId) =>
        app.WithDbAsync(db => db.StockLevels.AsNoTracking().SingleAsync(s => s.ProductId == productId && s.WarehouseId == warehouseId));

    public static Task<Customer> CustomerOfAsync(CrmWebFactory app, int id) =>
        app.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>A draft order of the user's first demo customer, made once (for the route matrix).</summary>
    public static async Task<int> MatrixOrderAsync(CrmWebFactory app, string owner)
    {
        var existing = await app.WithDbAsync(db => db.Orders.Where(o => o.Status == OrderStatus.Draft
                && db.Customers.Any(c => c.Id == o.CustomerId && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)))
            .OrderBy(o => o.Id).Select(o => (int?)o.Id).FirstOrDefaultAsync());
        if (existing is { } id)
            return id;
        var (warehouseId, productId) = await MatrixProductAsync(app);
        return await DraftOrderAsync(app, await FirstCustomerOfAsync(app, owner), warehouseId, (productId, 1, null));
    }

    /// <summary>A quote of the user's first demo customer in the given state (Draft or Accepted), made once.</summary>
    public static async Task<int> MatrixQuoteAsync(CrmWebFactory app, string owner, QuoteStatus status)
    {
        var existing = await app.WithDbAsync(db => db.Quotes.Where(q => q.Status == status
                && db.Customers.Any(c => c.Id == q.CustomerId && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)))
            .OrderBy(q => q.Id).Select(q => (int?)q.Id).FirstOrDefaultAsync());
        if (existing is { } id)
            return id;
        var (_, productId) = await MatrixProductAsync(app);
        var quoteId = await DraftQuoteAsync(app, await FirstCustomerOfAsync(app, owner), (productId, 1, null));
        if (status == QuoteStatus.Accepted)
        {
            await app.WithDbAsync(async db =>
            {
                var quote = await db.Quotes.Include(q => q.Lines).SingleAsync(q => q.Id == quoteId);
                quote.Send(DateTimeOffset.UtcNow);
                quote.Accept(DateTimeOffset.UtcNow);
                return await db.SaveChangesAsync();
            });
        }

        return quoteId;
    }

    private static Task<int> FirstCustomerOfAsync(CrmWebFactory app, string owner) =>
        app.WithDbAsync(db => db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    private static async Task<(int WarehouseId, int ProductId)> MatrixProductAsync(CrmWebFactory app)
    {
        var existing = await app.WithDbAsync(async db =>
        {
            var level = await db.StockLevels.Where(s => s.OnHand > 0).OrderBy(s => s.Id).FirstOrDefaultAsync();
            return level is null ? ((int, int)?)null : (level.WarehouseId, level.ProductId);
        });
        if (existing is { } found)
            return found;
        var warehouseId = await WarehouseAsync(app);
        return (warehouseId, await ProductAsync(app, warehouseId, 100));
    }
}
