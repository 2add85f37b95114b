using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Sales;

/// <summary>
/// Stock changes (库存). Stock is only ever changed through a <see cref="StockLevel"/> method, and the
/// <see cref="StockMovement"/> it returns is added to the context so that both are written by the same
/// SaveChanges. <see cref="StockLevel.Version"/> is a concurrency token: when two requests change the same
/// level at once, the second save throws <see cref="DbUpdateConcurrencyException"/> and changes nothing.
/// </summary>
public sealed class InventoryService(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock)
{
    /// <summary>
    /// The stock levels of <paramref name="productIds"/> in one warehouse, tracked, keyed by product id. A
    /// level that does not exist yet is created and added to the context (it is inserted by the caller's
    /// SaveChanges), so every requested product has one. Two requests creating the same level at once
    /// collide on the unique (product, warehouse) index; the caller treats that like a concurrency conflict.
    /// </summary>
    public async Task<Dictionary<int, StockLevel>> GetLevelsAsync(int warehouseId, IReadOnlyCollection<int> productIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var wanted = productIds.Distinct().ToList();
        var levels = new Dictionary<int, StockLevel>(wanted.Count);

        // Levels added earlier in this unit of work are not in the database yet.
        foreach (var pending in db.StockLevels.Local.Where(s => s.WarehouseId == warehouseId && wanted.Contains(s.ProductId)))
            levels[pending.ProductId] = pending;

        var missing = wanted.Where(id => !levels.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var stored = await db.StockLevels
                .Where(s => s.WarehouseId == warehouseId && missing.Contains(s.ProductId))
                .ToListAsync(ct);
            foreach (var level in stored)
                levels[level.ProductId] = level;
        }

        foreach (var productId in wanted.Where(id => !levels.ContainsKey(id)))
        {
            var level = new StockLevel(productId, warehouseId);
            db.StockLevels.Add(level);
            levels[productId] = level;
        }

        return levels;
    }

    /// <summary>入库: receives units into an active warehouse and saves the level and its movement.</summary>
    public async Task<StockMovement> ReceiveAsync(int productId, int warehouseId, int quantity, string? note, CancellationToken ct = default)
    {
        await EnsureProductAsync(productId, ct);
        var warehouse = await WarehouseAsync(warehouseId, ct);
        if (!warehouse.IsActive)
            throw new DomainException("Inventory.WarehouseInactive", warehouse.Name);

        var level = (await GetLevelsAsync(warehouseId, [productId], ct))[productId];
        var movement = level.Receive(quantity, note, currentUser.UserId, clock.GetUtcNow());
        db.StockMovements.Add(movement);
        await SaveAsync(level, ct);
        return movement;
    }

    /// <summary>
    /// 盘点调整: corrects the on-hand quantity by a signed delta with a required note, never below what
    /// is reserved. When <paramref name="expectedVersion"/> is given (the level's version the user counted
    /// against), a level that has changed since is refused with <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public async Task<StockMovement> AdjustAsync(int productId, int warehouseId, int delta, string note, Guid? expectedVersion = null, CancellationToken ct = default)
    {
        await EnsureProductAsync(productId, ct);
        await WarehouseAsync(warehouseId, ct);

        var level = (await GetLevelsAsync(warehouseId, [productId], ct))[productId];
        var entry = db.Entry(level);
        if (expectedVersion is { } version && entry.State != EntityState.Added)
        {
            if (level.Version != version)
                throw new DbUpdateConcurrencyException("The stock level changed after the form was shown.");
            entry.Property(s => s.Version).OriginalValue = version;
        }

        // The entity's rule (never below the reserved units) covers this too, but "below zero" says it plainly.
        if (level.OnHand + delta < 0)
            throw new DomainException("Inventory.AdjustmentBelowZero", level.OnHand);
        var movement = level.Adjust(delta, note, currentUser.UserId, clock.GetUtcNow());
        db.StockMovements.Add(movement);
        await SaveAsync(level, ct);
        return movement;
    }

    private async Task SaveAsync(StockLevel level, CancellationToken ct)
    {
        var created = db.Entry(level).State == EntityState.Added;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (created && e is not DbUpdateConcurrencyException)
        {
            // Someone else created this product's level in this warehouse a moment earlier: the unique
            // index refused ours. For the user that is the same as any other "stock changed meanwhile".
            throw new DbUpdateConcurrencyException("The stock level was created by another request.", e);
        }
    }

    private async Task EnsureProductAsync(int productId, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct))
            throw new DomainException("Inventory.ProductNotFound");
    }

    private async Task<Warehouse> WarehouseAsync(int warehouseId, CancellationToken ct) =>
        await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == warehouseId, ct)
            ?? throw new DomainException("Inventory.WarehouseNotFound");
}
