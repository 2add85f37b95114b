using Crm.Domain.Customers;
using Crm.Domain.Sales;
using Crm.Infrastructure.Seeding;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Sales;

/// <summary>
/// Arranging and reading the catalogue and stock of the demo database. Tests of one class share a
/// database, so each test that changes stock works on a product of its own.
/// </summary>
public static class InventoryTestData
{
    public const string Shanghai = DemoProducts.ShanghaiWarehouse;
    public const string Beijing = DemoProducts.BeijingWarehouse;

    public static Task<int> ProductIdAsync(this CrmWebFactory factory, string code) =>
        factory.WithDbAsync(db => db.Products.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    public static Task<int> WarehouseIdAsync(this CrmWebFactory factory, string code) =>
        factory.WithDbAsync(db => db.Warehouses.Where(w => w.Code == code).Select(w => w.Id).SingleAsync());

    public static Task<int> CategoryIdAsync(this CrmWebFactory factory, string name) =>
        factory.WithDbAsync(db => db.ProductCategories.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    /// <summary>A new product in 打印机 with the given stock received into Shanghai (none when 0).</summary>
    public static Task<int> NewProductAsync(this CrmWebFactory factory, string code, int stock = 0, int safetyStock = 0, decimal listPrice = 1000m, decimal floorPrice = 800m) =>
        factory.WithDbAsync(async db =>
        {
            var category = await db.ProductCategories.Where(c => c.Name == "打印机").Select(c => c.Id).SingleAsync();
            var product = new Product(code, "测试产品 " + code, category, listPrice, floorPrice, null, DateTimeOffset.UtcNow);
            product.SetSafetyStock(safetyStock);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            if (stock > 0)
            {
                var warehouse = await db.Warehouses.Where(w => w.Code == Shanghai).Select(w => w.Id).SingleAsync();
                var level = new StockLevel(product.Id, warehouse);
                db.StockLevels.Add(level);
                db.StockMovements.Add(level.Receive(stock, "测试期初", null, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }

            return product.Id;
        });

    /// <summary>The (on hand, reserved) of a product in a warehouse; zeros when it has no level there.</summary>
    public static Task<(int OnHand, int Reserved)> LevelAsync(this CrmWebFactory factory, int productId, string warehouseCode) =>
        factory.WithDbAsync(async db =>
        {
            var level = await db.StockLevels.AsNoTracking()
                .Where(s => s.ProductId == productId && db.Warehouses.Any(w => w.Id == s.WarehouseId && w.Code == warehouseCode))
                .Select(s => new { s.OnHand, s.Reserved })
                .SingleOrDefaultAsync();
            return level is null ? (0, 0) : (level.OnHand, level.Reserved);
        });

    public static Task<List<StockMovement>> MovementsAsync(this CrmWebFactory factory, int productId) =>
        factory.WithDbAsync(db => db.StockMovements.AsNoTracking().Where(m => m.ProductId == productId).OrderBy(m => m.Id).ToListAsync());

    /// <summary>
    /// Reserves units in Shanghai for a draft order of one of zhang.wei's customers, as confirming an order
    /// would: the reservation is a movement that names the order. Returns the order's number.
    /// </summary>
    public static Task<string> ReserveAsync(this CrmWebFactory factory, int productId, int quantity) =>
        factory.WithDbAsync(async db =>
        {
            var zhang = await db.Users.SingleAsync(u => u.UserName == "zhang.wei");
            var customer = await db.Customers.Where(c => c.OwnerId == zhang.Id && c.Status != CustomerStatus.Archived).OrderBy(c => c.Id).FirstAsync();
            var warehouse = await db.Warehouses.Where(w => w.Code == Shanghai).Select(w => w.Id).SingleAsync();
            var number = $"SO-T{Guid.NewGuid():N}"[..16].ToUpperInvariant();
            var order = new Order(number, customer.Id, customer.OrgUnitId, zhang.Id, DateOnly.FromDateTime(DateTime.UtcNow), warehouse, null);
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            var level = await db.StockLevels.SingleAsync(s => s.ProductId == productId && s.WarehouseId == warehouse);
            var product = await db.Products.SingleAsync(p => p.Id == productId);
            db.StockMovements.Add(level.Reserve(quantity, product.Name, order.Id, zhang.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            return number;
        });
}
