using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Web.Areas.Sales.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Sales.Controllers;

/// <summary>
/// 库存: stock per product and warehouse, the low-stock list, the movement history, and the two changes
/// made by hand — receipts and count adjustments — which go through <see cref="InventoryService"/>.
/// </summary>
[Area("Sales")]
[Authorize(Policy = P.Products.View)]
public sealed class InventoryController(
    CrmDbContext db,
    InventoryService inventory,
    ICurrentUser currentUser,
    UserClock userClock,
    IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>A product × warehouse pair; a class with settable members so that EF can sort and filter on them.</summary>
    private sealed class Cell
    {
        public Product Product { get; init; } = null!;

        public Warehouse Warehouse { get; init; } = null!;

        public int OnHand { get; init; }

        public int Reserved { get; init; }
    }

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] InventoryFilter filter, CancellationToken cancellationToken)
    {
        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        var products = ProductListQuery.Filter(db.Products.AsNoTracking(), new ProductListFilter { Q = filter.Q, CategoryId = filter.CategoryId }, tree);
        var warehouses = db.Warehouses.AsNoTracking().Where(w => filter.WarehouseId == null ? w.IsActive : w.Id == filter.WarehouseId);
        var cells = ModelState.IsValid ? Cells(products, warehouses) : Cells(products.Where(_ => false), warehouses);
        var sorted = (filter.Sort?.ToLowerInvariant(), filter.Descending) switch
        {
            ("name", false) => cells.OrderBy(c => c.Product.Name).ThenBy(c => c.Product.Id).ThenBy(c => c.Warehouse.Code),
            ("name", true) => cells.OrderByDescending(c => c.Product.Name).ThenByDescending(c => c.Product.Id).ThenBy(c => c.Warehouse.Code),
            ("onhand", false) => cells.OrderBy(c => c.OnHand).ThenBy(c => c.Product.Code).ThenBy(c => c.Warehouse.Code),
            ("onhand", true) => cells.OrderByDescending(c => c.OnHand).ThenBy(c => c.Product.Code).ThenBy(c => c.Warehouse.Code),
            ("available", false) => cells.OrderBy(c => c.OnHand - c.Reserved).ThenBy(c => c.Product.Code).ThenBy(c => c.Warehouse.Code),
            ("available", true) => cells.OrderByDescending(c => c.OnHand - c.Reserved).ThenBy(c => c.Product.Code).ThenBy(c => c.Warehouse.Code),
            ("code", true) => cells.OrderByDescending(c => c.Product.Code).ThenBy(c => c.Warehouse.Code),
            _ => cells.OrderBy(c => c.Product.Code).ThenBy(c => c.Warehouse.Code),
        };
        var rows = await Rows(sorted).ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        return View(new InventoryIndexViewModel(filter, rows, tree, await WarehouseOptionsAsync(filter.WarehouseId, activeOnly: false, cancellationToken),
            CanManage, await db.Warehouses.AnyAsync(cancellationToken), await db.Products.AnyAsync(cancellationToken)));
    }

    /// <summary>安全库存预警: active products whose available stock in an active warehouse is below their safety stock.</summary>
    [HttpGet]
    public async Task<IActionResult> LowStock([FromQuery] LowStockFilter filter, CancellationToken cancellationToken)
    {
        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        var products = ProductListQuery.Filter(db.Products.AsNoTracking().Where(p => p.Status == ProductStatus.Active),
            new ProductListFilter { CategoryId = filter.CategoryId }, tree);
        var warehouses = db.Warehouses.AsNoTracking().Where(w => w.IsActive && (filter.WarehouseId == null || w.Id == filter.WarehouseId));
        var low = Cells(products, warehouses)
            .Where(c => c.OnHand - c.Reserved < c.Product.SafetyStock)
            .OrderByDescending(c => c.Product.SafetyStock - (c.OnHand - c.Reserved))
            .ThenBy(c => c.Product.Code).ThenBy(c => c.Warehouse.Code);
        var rows = await Rows(low).ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        return View(new LowStockViewModel(filter, rows, tree, await WarehouseOptionsAsync(filter.WarehouseId, activeOnly: true, cancellationToken), CanManage));
    }

    /// <summary>库存变动: every movement, newest first, filtered by product, warehouse, kind and local dates.</summary>
    [HttpGet]
    public async Task<IActionResult> Movements([FromQuery] MovementFilter filter, CancellationToken cancellationToken)
    {
        string? productTitle = null;
        if (filter.ProductId is { } productId)
        {
            var product = await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => new { p.Code, p.Name }).SingleOrDefaultAsync(cancellationToken);
            if (product is null)
                return NotFound();
            productTitle = $"{product.Name} ({product.Code})";
        }

        if (filter.From is { } from && filter.To is { } to && to < from)
            ModelState.AddModelError(nameof(filter.To), l["Inventory.DatesReversed"]);

        var query = db.StockMovements.AsNoTracking();
        if (!ModelState.IsValid)
            query = query.Where(_ => false);
        if (filter.ProductId is { } pid)
            query = query.Where(m => m.ProductId == pid);
        if (filter.WarehouseId is { } wid)
            query = query.Where(m => m.WarehouseId == wid);
        if (filter.Kind is { } kind)
            query = query.Where(m => m.Kind == kind);
        if (filter.From is { } start)
        {
            var since = userClock.StartOfDay(start);
            query = query.Where(m => m.OccurredAt >= since);
        }

        if (filter.To is { } end)
        {
            var until = userClock.StartOfDay(end.AddDays(1));
            query = query.Where(m => m.OccurredAt < until);
        }

        // An order or return of a customer outside the user's scope is not found: the movement shows without its number.
        var rows = await query.OrderByDescending(m => m.OccurredAt).ThenByDescending(m => m.Id)
            .Select(m => new MovementRow(
                m.Id, m.OccurredAt, m.ProductId,
                db.Products.Where(p => p.Id == m.ProductId).Select(p => p.Code).First(),
                db.Products.Where(p => p.Id == m.ProductId).Select(p => p.Name).First(),
                db.Warehouses.Where(w => w.Id == m.WarehouseId).Select(w => w.Code).First(),
                db.Warehouses.Where(w => w.Id == m.WarehouseId).Select(w => w.Name).First(),
                m.Kind, m.Quantity, m.OnHandDelta, m.ReservedDelta,
                m.OrderId, db.Orders.Where(o => o.Id == m.OrderId).Select(o => o.Number).FirstOrDefault(),
                m.ReturnId, db.Returns.Where(r => r.Id == m.ReturnId).Select(r => r.Number).FirstOrDefault(),
                m.Note,
                db.Users.Where(u => u.Id == m.ByUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        return View(new MovementsViewModel(filter, rows, productTitle, await WarehouseOptionsAsync(filter.WarehouseId, activeOnly: false, cancellationToken), CanManage));
    }

    [HttpGet]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Receive(int? productId, int? warehouseId, CancellationToken cancellationToken) =>
        View(await ReceiptViewAsync(new ReceiptModel { ProductId = productId, WarehouseId = warehouseId }, cancellationToken));

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Receive(ReceiptModel form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var movement = await inventory.ReceiveAsync(form.ProductId!.Value, form.WarehouseId!.Value, form.Quantity!.Value, form.Note, cancellationToken);
                TempData["Success"] = l["Inventory.Received", movement.Quantity, await ProductNameAsync(movement.ProductId, cancellationToken), await WarehouseNameAsync(movement.WarehouseId, cancellationToken)].Value;
                return RedirectToAction("Details", "Products", new { id = movement.ProductId });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddStockError(e, nameof(form.Quantity));
            }
        }

        return View(await ReceiptViewAsync(form, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Adjust(int? productId, int? warehouseId, CancellationToken cancellationToken) =>
        View(await AdjustmentViewAsync(new AdjustmentModel { ProductId = productId, WarehouseId = warehouseId }, refreshVersion: true, cancellationToken));

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Adjust(AdjustmentModel form, CancellationToken cancellationToken)
    {
        if (form.Delta == 0)
            ModelState.AddModelError(nameof(form.Delta), l["Stock.AdjustmentZero"]);
        var refresh = false;
        if (ModelState.IsValid)
        {
            try
            {
                var movement = await inventory.AdjustAsync(form.ProductId!.Value, form.WarehouseId!.Value, form.Delta!.Value, form.Note!, form.Version, cancellationToken);
                TempData["Success"] = l["Inventory.Adjusted", await ProductNameAsync(movement.ProductId, cancellationToken), await WarehouseNameAsync(movement.WarehouseId, cancellationToken), movement.OnHandDelta.ToString("+#;-#", CultureInfo.InvariantCulture)].Value;
                return RedirectToAction("Details", "Products", new { id = movement.ProductId });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddStockError(e, nameof(form.Delta));
                // After a conflict the form shows the stock as it now is, and the version to count against.
                refresh = e is DbUpdateConcurrencyException;
            }
        }

        return View(await AdjustmentViewAsync(form, refresh, cancellationToken));
    }

    private bool CanManage => currentUser.HasPermission(P.Products.Manage);

    /// <summary>Every product × warehouse pair of the two queries with its stock level, zeros where there is none.</summary>
    private IQueryable<Cell> Cells(IQueryable<Product> products, IQueryable<Warehouse> warehouses) =>
        from p in products
        from w in warehouses
        join s in db.StockLevels on new { ProductId = p.Id, WarehouseId = w.Id } equals new { s.ProductId, s.WarehouseId } into levels
        from s in levels.DefaultIfEmpty()
        select new Cell { Product = p, Warehouse = w, OnHand = s == null ? 0 : s.OnHand, Reserved = s == null ? 0 : s.Reserved };

    private static IQueryable<InventoryRow> Rows(IQueryable<Cell> cells) =>
        cells.Select(c => new InventoryRow(
            c.Product.Id, c.Product.Code, c.Product.Name, c.Product.Specification, c.Product.CategoryId, c.Product.Status, c.Product.SafetyStock,
            c.Warehouse.Id, c.Warehouse.Code, c.Warehouse.Name, c.Warehouse.IsActive, c.OnHand, c.Reserved));

    /// <summary>Refusals go under the field they concern; a concurrent change says so plainly.</summary>
    private void AddStockError(Exception e, string quantityField)
    {
        switch (e)
        {
            case DbUpdateConcurrencyException:
                ModelState.AddModelError(string.Empty, l["Inventory.ChangedMeanwhile"]);
                break;
            case DomainException domain:
                var field = domain.Code switch
                {
                    "Stock.QuantityNotPositive" or "Stock.AdjustmentZero" or "Stock.AdjustmentBelowReserved" or "Inventory.AdjustmentBelowZero" => quantityField,
                    "Inventory.WarehouseInactive" or "Inventory.WarehouseNotFound" => nameof(ReceiptModel.WarehouseId),
                    "Inventory.ProductNotFound" => nameof(ReceiptModel.ProductId),
                    "Field.Required" or "Field.TooLong" => nameof(ReceiptModel.Note),
                    _ => string.Empty,
                };
                ModelState.AddModelError(field, l.Message(domain));
                break;
            default:
                ModelState.AddError(l, e);
                break;
        }
    }

    private async Task<ReceiptViewModel> ReceiptViewAsync(ReceiptModel form, CancellationToken cancellationToken) =>
        new(form, await ProductOptionsAsync(form.ProductId, cancellationToken), await WarehouseOptionsAsync(form.WarehouseId, activeOnly: true, cancellationToken));

    private async Task<AdjustmentViewModel> AdjustmentViewAsync(AdjustmentModel form, bool refreshVersion, CancellationToken cancellationToken)
    {
        var product = form.ProductId is { } pid
            ? await db.Products.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.Name, p.Code }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var warehouse = form.WarehouseId is { } wid
            ? await db.Warehouses.AsNoTracking().Where(w => w.Id == wid).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        StockSnapshot? current = null;
        if (product is not null && warehouse is not null)
        {
            current = await db.StockLevels.AsNoTracking()
                .Where(s => s.ProductId == form.ProductId && s.WarehouseId == form.WarehouseId)
                .Select(s => new StockSnapshot(s.OnHand, s.Reserved, s.Version))
                .SingleOrDefaultAsync(cancellationToken) ?? new StockSnapshot(0, 0, null);
            if (refreshVersion)
            {
                form.Version = current.Version;
                ModelState.Remove(nameof(form.Version));
            }
        }

        return new AdjustmentViewModel(form, await ProductOptionsAsync(form.ProductId, cancellationToken),
            await WarehouseOptionsAsync(form.WarehouseId, activeOnly: false, cancellationToken),
            product?.Name, product?.Code, warehouse, current);
    }

    /// <summary>Products on sale, by code, plus the chosen one even when discontinued.</summary>
    private async Task<IReadOnlyList<SelectListItem>> ProductOptionsAsync(int? selected, CancellationToken cancellationToken) =>
        (await db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Active || p.Id == selected)
            .OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.Name })
            .ToListAsync(cancellationToken))
        .Select(p => new SelectListItem($"{p.Code} {p.Name}", p.Id.ToString(CultureInfo.InvariantCulture), p.Id == selected))
        .ToList();

    private async Task<IReadOnlyList<SelectListItem>> WarehouseOptionsAsync(int? selected, bool activeOnly, CancellationToken cancellationToken) =>
        (await db.Warehouses.AsNoTracking()
            .Where(w => !activeOnly || w.IsActive || w.Id == selected)
            .OrderByDescending(w => w.IsActive).ThenBy(w => w.Code)
            .Select(w => new { w.Id, w.Code, w.Name, w.IsActive })
            .ToListAsync(cancellationToken))
        .Select(w => new SelectListItem(
            w.IsActive ? $"{w.Name} ({w.Code})" : $"{w.Name} ({w.Code}) — {l["Warehouses.Inactive"].Value}",
            w.Id.ToString(CultureInfo.InvariantCulture), w.Id == selected))
        .ToList();

    private Task<string> ProductNameAsync(int id, CancellationToken cancellationToken) =>
        db.Products.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).SingleAsync(cancellationToken);

    private Task<string> WarehouseNameAsync(int id, CancellationToken cancellationToken) =>
        db.Warehouses.AsNoTracking().Where(w => w.Id == id).Select(w => w.Name).SingleAsync(cancellationToken);
}
