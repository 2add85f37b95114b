using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Areas.Sales.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Sales.Controllers;

/// <summary>
/// 产品: the catalogue with its prices and stock. Everyone who sells sees it (they quote from it); only
/// holders of <see cref="P.Products.Manage"/> change it.
/// </summary>
[Area("Sales")]
[Authorize(Policy = P.Products.View)]
public sealed class ProductsController(
    CrmDbContext db,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ProductListFilter filter, CancellationToken cancellationToken)
    {
        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        var query = ModelState.IsValid
            ? ProductListQuery.Filter(db.Products.AsNoTracking(), filter, tree)
            : db.Products.Where(_ => false);
        var chinese = Chinese;
        var rows = await ProductListQuery.Sort(query, filter, db)
            .Select(p => new ProductRow(
                p.Id, p.Code, p.Name, p.Specification, p.CategoryId,
                db.DictionaryItems.Where(d => d.Id == p.UnitId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                p.ListPrice, p.FloorPrice, p.Status, p.SafetyStock,
                db.StockLevels.Where(s => s.ProductId == p.Id).Sum(s => s.OnHand),
                db.StockLevels.Where(s => s.ProductId == p.Id).Sum(s => s.OnHand - s.Reserved)))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        var any = rows.Items.Count > 0 || await db.Products.AnyAsync(cancellationToken);
        return View(new ProductIndexViewModel(filter, rows, tree, CanManage, any));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Prices).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
            return NotFound();

        var history = await db.ProductPriceChanges.AsNoTracking().Where(c => c.ProductId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Take(ProductDetailsViewModel.HistoryLimit)
            .ToListAsync(cancellationToken);
        var historyCount = history.Count < ProductDetailsViewModel.HistoryLimit
            ? history.Count
            : await db.ProductPriceChanges.CountAsync(c => c.ProductId == id, cancellationToken);
        var userIds = history.Select(c => c.ChangedBy).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var today = Today();
        var prices = ProductPricesModel.SpecialTypes
            .Select(t => product.Prices.FirstOrDefault(p => p.Type == t) is { } price
                ? new ProductPriceRow(t, price.Amount, price.ValidFrom, price.ValidTo, price.IsValidOn(today))
                : new ProductPriceRow(t, null, null, null, false))
            .ToList();

        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        return View(new ProductDetailsViewModel(
            product.Id, product.Code, product.Name, product.Status, tree.PathOf(product.CategoryId),
            product.Specification, await dictionary.NameAsync(product.UnitId, cancellationToken), product.Description,
            product.SafetyStock, product.ListPrice, product.FloorPrice, prices,
            history.Select(c => new ProductPriceChangeRow(c.Kind, c.OldAmount, c.NewAmount, c.ValidFrom, c.ValidTo,
                c.ChangedBy is { } by && names.TryGetValue(by, out var name) ? name : null, c.ChangedAt)).ToList(),
            historyCount,
            await StockAsync(id, cancellationToken),
            product.CreatedAt, product.UpdatedAt, CanManage));
    }

    [HttpGet]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Create(int? categoryId, CancellationToken cancellationToken) =>
        View("Form", await FormAsync(null, null, new ProductEditModel { CategoryId = categoryId }, cancellationToken));

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Create(ProductEditModel form, CancellationToken cancellationToken)
    {
        var code = form.Code?.Trim().ToUpperInvariant() ?? string.Empty;
        await ValidateAsync(form, null, cancellationToken);
        if (ModelState.IsValid && await db.Products.AnyAsync(p => p.Code == code, cancellationToken))
            ModelState.AddModelError(nameof(form.Code), l["Products.CodeTaken", code]);

        if (ModelState.IsValid)
        {
            try
            {
                var now = clock.GetUtcNow();
                var product = new Product(code, form.Name, form.CategoryId!.Value, form.ListPrice!.Value, form.FloorPrice!.Value, currentUser.UserId, now);
                product.UpdateDetails(form.Name, form.CategoryId.Value, form.Specification, form.UnitId, form.Description);
                product.SetSafetyStock(form.SafetyStock);
                db.Products.Add(product);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Products.Created", product.Name, product.Code].Value;
                return RedirectToAction(nameof(Details), new { id = product.Id });
            }
            catch (DomainException e)
            {
                AddDomainError(e);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
            {
                // Another administrator took the code between the check and the insert (unique index).
                if (!await db.Products.AsNoTracking().AnyAsync(p => p.Code == code, cancellationToken))
                    throw;
                ModelState.AddModelError(nameof(form.Code), l["Products.CodeTaken", code]);
            }
        }

        return View("Form", await FormAsync(null, null, form, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? NotFound() : View("Form", await FormAsync(product.Id, product.Code, ProductEditModel.From(product), cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Edit(int id, ProductEditModel form, CancellationToken cancellationToken)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
            return NotFound();

        // The code is fixed once created; the edit form shows it but does not post it.
        ModelState.Remove(nameof(form.Code));
        await ValidateAsync(form, product, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(product).Property(p => p.Version).OriginalValue = form.Version;
                product.UpdateDetails(form.Name, form.CategoryId!.Value, form.Specification, form.UnitId, form.Description);
                product.SetSafetyStock(form.SafetyStock);
                product.SetListAndFloor(form.ListPrice!.Value, form.FloorPrice!.Value, currentUser.UserId, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Products.Saved", product.Name].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException e)
            {
                AddDomainError(e);
            }
            catch (DbUpdateConcurrencyException e)
            {
                ModelState.AddError(l, e);
            }
        }

        return View("Form", await FormAsync(product.Id, product.Code, form, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Prices(int id, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Prices).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? NotFound() : View(PricesView(product, ProductPricesModel.From(product)));
    }

    /// <summary>
    /// Sets or clears the five special prices at once. Every row is checked, so all refusals show together;
    /// nothing is saved unless all rows are acceptable.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Prices(int id, ProductPricesModel form, CancellationToken cancellationToken)
    {
        var product = await db.Products.Include(p => p.Prices).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
            return NotFound();

        var inputs = ProductPricesModel.SpecialTypes
            .Select(t => form.Prices.FirstOrDefault(p => p.Type == t) ?? new ProductPriceInput { Type = t })
            .ToList();
        form.Prices = inputs;
        if (product.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);

        if (ModelState.IsValid)
        {
            var before = product.PriceChanges.Count;
            var now = clock.GetUtcNow();
            for (var i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                try
                {
                    product.SetPrice(input.Type, input.Amount, input.ValidFrom, input.ValidTo, currentUser.UserId, now);
                }
                catch (DomainException e)
                {
                    var field = e.Code switch
                    {
                        "Product.PromotionNeedsDates" => input.ValidFrom is null ? "ValidFrom" : "ValidTo",
                        "Product.PriceDatesReversed" => "ValidTo",
                        _ => "Amount",
                    };
                    ModelState.AddModelError($"Prices[{i}].{field}", l.Message(e));
                }
            }

            if (ModelState.IsValid)
            {
                if (product.PriceChanges.Count == before)
                {
                    TempData["Success"] = l["Products.PricesUnchanged"].Value;
                    return RedirectToAction(nameof(Details), new { id });
                }

                try
                {
                    // SetPrice renewed the version; the update is checked against the version the form was read with.
                    db.Entry(product).Property(p => p.Version).OriginalValue = form.Version;
                    await db.SaveChangesAsync(cancellationToken);
                    TempData["Success"] = l["Products.PricesSaved", product.Name].Value;
                    return RedirectToAction(nameof(Details), new { id });
                }
                catch (DbUpdateConcurrencyException e)
                {
                    ModelState.AddError(l, e);
                }
            }
        }

        return View(PricesView(product, form));
    }

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public Task<IActionResult> Discontinue(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, p => p.Discontinue(), "Products.DiscontinuedMessage", cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public Task<IActionResult> Reactivate(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, p => p.Reactivate(), "Products.ReactivatedMessage", cancellationToken);

    /// <summary>
    /// <c>/Sales/Products/Export?format=csv|xlsx&amp;…the list's filters</c>: the rows the list shows for the
    /// same filters and sort, all pages, cells neutralized against formulas; written to the audit log.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] ProductListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();

        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        var chinese = Chinese;
        var rows = ProductListQuery.Sort(ProductListQuery.Filter(db.Products.AsNoTracking(), filter, tree), filter, db)
            .Select(p => new ProductExportRow(
                p.Code, p.Name, p.CategoryId, p.Specification,
                db.DictionaryItems.Where(d => d.Id == p.UnitId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                p.ListPrice, p.FloorPrice,
                p.Prices.Where(x => x.Type == PriceType.Partner).Select(x => (decimal?)x.Amount).FirstOrDefault(),
                p.Prices.Where(x => x.Type == PriceType.Member).Select(x => (decimal?)x.Amount).FirstOrDefault(),
                p.Prices.Where(x => x.Type == PriceType.Cash).Select(x => (decimal?)x.Amount).FirstOrDefault(),
                p.Prices.Where(x => x.Type == PriceType.Promotion).Select(x => (decimal?)x.Amount).FirstOrDefault(),
                p.Prices.Where(x => x.Type == PriceType.Promotion).Select(x => x.ValidFrom).FirstOrDefault(),
                p.Prices.Where(x => x.Type == PriceType.Promotion).Select(x => x.ValidTo).FirstOrDefault(),
                p.Prices.Where(x => x.Type == PriceType.Employee).Select(x => (decimal?)x.Amount).FirstOrDefault(),
                p.SafetyStock,
                db.StockLevels.Where(s => s.ProductId == p.Id).Sum(s => s.OnHand),
                db.StockLevels.Where(s => s.ProductId == p.Id).Sum(s => s.OnHand - s.Reserved),
                p.Status));

        string[] headerKeys =
        [
            "Product.Code", "Product.Name", "Products.Category", "Product.Specification", "Product.Unit", "Product.ListPrice",
            "Product.FloorPrice", "PriceType.Partner", "PriceType.Member", "PriceType.Cash", "PriceType.Promotion",
            "Products.PromotionFrom", "Products.PromotionTo", "PriceType.Employee", "Product.SafetyStock", "Inventory.OnHand",
            "Inventory.Available", "Products.Status",
        ];
        var headers = headerKeys.Select(k => l[k].Value).ToList();
        object?[] Values(ProductExportRow r) =>
        [
            r.Code, r.Name, tree.PathOf(r.CategoryId), r.Specification, r.Unit, r.ListPrice, r.FloorPrice, r.Partner, r.Member,
            r.Cash, r.Promotion, r.PromotionFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.PromotionTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Employee, r.SafetyStock, r.OnHand, r.Available,
            l["ProductStatus." + r.Status].Value,
        ];

        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"products-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        var count = 0;
        if (xlsx)
        {
            IEnumerable<IDictionary<string, object?>> Sheet()
            {
                foreach (var row in rows.AsEnumerable())
                {
                    count++;
                    yield return ExportFile.Row(headers, Values(row));
                }
            }

            await ExportFile.WriteXlsxAsync(Response, fileName, Sheet(), cancellationToken);
        }
        else
        {
            await using var csv = CsvResponseWriter.Start(Response, fileName);
            await csv.WriteRowAsync(headers, cancellationToken);
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                count++;
                await csv.WriteRowAsync(Values(row).Select(ExportFile.Text), cancellationToken);
            }

            await csv.CompleteAsync(cancellationToken);
        }

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(Product), FilterSummary(),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    private bool CanManage => currentUser.HasPermission(P.Products.Manage);

    private DateOnly Today() => DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>Stock in every active warehouse, and in inactive ones that still hold a level for the product.</summary>
    private async Task<IReadOnlyList<ProductStockRow>> StockAsync(int productId, CancellationToken cancellationToken)
    {
        var levels = await db.StockLevels.AsNoTracking().Where(s => s.ProductId == productId)
            .Select(s => new { s.WarehouseId, s.OnHand, s.Reserved })
            .ToDictionaryAsync(s => s.WarehouseId, cancellationToken);
        var warehouses = await db.Warehouses.AsNoTracking()
            .Where(w => w.IsActive || db.StockLevels.Any(s => s.ProductId == productId && s.WarehouseId == w.Id))
            .OrderBy(w => w.Code)
            .Select(w => new { w.Id, w.Code, w.Name, w.IsActive })
            .ToListAsync(cancellationToken);
        return warehouses.Select(w =>
        {
            var level = levels.GetValueOrDefault(w.Id);
            var onHand = level?.OnHand ?? 0;
            var reserved = level?.Reserved ?? 0;
            return new ProductStockRow(w.Id, w.Code, w.Name, w.IsActive, onHand, reserved, onHand - reserved);
        }).ToList();
    }

    private async Task<IActionResult> ChangeAsync(int id, Action<Product> change, string successKey, CancellationToken cancellationToken)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
            return NotFound();
        try
        {
            change(product);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l[successKey, product.Name].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task ValidateAsync(ProductEditModel form, Product? existing, CancellationToken cancellationToken)
    {
        if (form.CategoryId is { } categoryId && !await db.ProductCategories.AnyAsync(c => c.Id == categoryId, cancellationToken))
            ModelState.AddModelError(nameof(form.CategoryId), l["Validation.ChooseFromList"]);
        if (!await dictionary.IsValidAsync(C.Unit, form.UnitId, existing?.UnitId, cancellationToken))
            ModelState.AddModelError(nameof(form.UnitId), l["Validation.ChooseFromList"]);
        if (form.ListPrice is { } list && form.FloorPrice is { } floor && floor > list)
            ModelState.AddModelError(nameof(form.FloorPrice), l["Product.FloorAboveList"]);
    }

    /// <summary>A refusal goes under the field it names ("Product.ListPrice" → ListPrice), else above the form.</summary>
    private void AddDomainError(DomainException e)
    {
        var field = e.Code switch
        {
            "Product.FloorAboveList" => nameof(ProductEditModel.FloorPrice),
            "Product.SafetyStockOutOfRange" => nameof(ProductEditModel.SafetyStock),
            _ => e.Arguments.FirstOrDefault() is string key && key.StartsWith("Product.", StringComparison.Ordinal) ? key["Product.".Length..] : string.Empty,
        };
        ModelState.AddModelError(field, l.Message(e));
    }

    private async Task<ProductFormViewModel> FormAsync(int? id, string? code, ProductEditModel form, CancellationToken cancellationToken) =>
        new(id, code, form,
            ProductCategoryOptions.For(await ProductCategoryTree.LoadAsync(db, cancellationToken), form.CategoryId),
            await dictionary.ForAsync(C.Unit, form.UnitId, cancellationToken));

    private static ProductPricesViewModel PricesView(Product product, ProductPricesModel form) =>
        new(product.Id, product.Code, product.Name, product.ListPrice, product.FloorPrice, form);

    /// <summary>The filters as the query string gave them, for the audit log ("*" for the whole list).</summary>
    private string FilterSummary()
    {
        var parts = Request.Query
            .Where(q => !string.Equals(q.Key, "format", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .Where(q => !string.IsNullOrEmpty(q.Value.ToString()))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => $"{q.Key}={q.Value}");
        var summary = string.Join('&', parts);
        return summary.Length == 0 ? "*" : summary;
    }
}
