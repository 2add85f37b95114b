using Crm.Domain.Common;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Admin.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Admin.Controllers;

/// <summary>The data dictionary (数据字典) behind every dropdown. Items in use are deactivated, never deleted.</summary>
[Area("Admin")]
[Authorize(Policy = P.Dictionary.Manage)]
public sealed class DictionaryController(CrmDbContext db, ReferenceChecker references, IStringLocalizer<SharedResource> l) : Controller
{
    private const int OrderStep = 10;

    [HttpGet]
    public async Task<IActionResult> Index(string? category, CancellationToken cancellationToken)
    {
        category ??= DictionaryCategories.All[0];
        if (!DictionaryCategories.All.Contains(category))
            return NotFound();

        var counts = await db.DictionaryItems.AsNoTracking()
            .GroupBy(d => d.Category)
            .Select(g => new { g.Key, Count = g.Count(), Active = g.Count(d => d.IsActive) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var categories = DictionaryCategories.All
            .Select(c => counts.TryGetValue(c, out var n) ? new DictionaryCategoryRow(c, n.Count, n.Active) : new DictionaryCategoryRow(c, 0, 0))
            .ToList();
        var items = await db.DictionaryItems.AsNoTracking()
            .Where(d => d.Category == category)
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Id)
            .Select(d => new DictionaryItemRow(d.Id, d.Code, d.NameZh, d.NameEn, d.SortOrder, d.IsActive, d.IsSystem))
            .ToListAsync(cancellationToken);
        return View(new DictionaryIndexViewModel(categories, category, items));
    }

    [HttpGet]
    public async Task<IActionResult> Create(string? category, CancellationToken cancellationToken)
    {
        if (category is null || !DictionaryCategories.All.Contains(category))
            return NotFound();
        var last = await db.DictionaryItems.Where(d => d.Category == category).MaxAsync(d => (int?)d.SortOrder, cancellationToken);
        return View(new DictionaryItemCreateModel { Category = category, SortOrder = (last ?? 0) + OrderStep });
    }

    [HttpPost]
    public async Task<IActionResult> Create(DictionaryItemCreateModel model, CancellationToken cancellationToken)
    {
        if (!DictionaryCategories.All.Contains(model.Category))
            return NotFound();
        if (!ModelState.IsValid)
            return View(model);

        // Checked before saving so the user gets a message on the field instead of a unique-index failure;
        // case-insensitive because SQL Server's default collation compares that way.
        var code = model.Code.Trim();
        var taken = await db.DictionaryItems.AnyAsync(d => d.Category == model.Category && d.Code.ToLower() == code.ToLower(), cancellationToken);
        if (taken)
        {
            ModelState.AddModelError(nameof(model.Code), l["Dictionary.CodeTaken", code, l["DictionaryCategory." + model.Category]]);
            return View(model);
        }

        try
        {
            var item = new DictionaryItem(model.Category, code, model.NameZh, model.NameEn, model.SortOrder!.Value);
            db.DictionaryItems.Add(item);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l["Dictionary.Created", Name(item.NameZh, item.NameEn)].Value;
            return RedirectToItem(item.Category, item.Id);
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e, FieldOf(e));
            return View(model);
        }
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var model = await db.DictionaryItems.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => new DictionaryItemEditModel
            {
                Id = d.Id, Category = d.Category, Code = d.Code, IsSystem = d.IsSystem,
                NameZh = d.NameZh, NameEn = d.NameEn, SortOrder = d.SortOrder, Version = d.Version,
            })
            .SingleOrDefaultAsync(cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, DictionaryItemEditModel model, CancellationToken cancellationToken)
    {
        var item = await db.DictionaryItems.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (item is null)
            return NotFound();
        (model.Id, model.Category, model.Code, model.IsSystem) = (item.Id, item.Category, item.Code, item.IsSystem);
        if (!ModelState.IsValid)
            return View(model);
        try
        {
            db.Entry(item).Property(d => d.Version).OriginalValue = model.Version;
            item.Rename(model.NameZh, model.NameEn);
            item.MoveTo(model.SortOrder!.Value);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l["Dictionary.Saved", Name(item.NameZh, item.NameEn)].Value;
            return RedirectToItem(item.Category, item.Id);
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e, FieldOf(e));
            return View(model);
        }
    }

    [HttpPost]
    public Task<IActionResult> Deactivate(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, item => item.Deactivate(), "Dictionary.Deactivated", cancellationToken);

    [HttpPost]
    public Task<IActionResult> Activate(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, item => item.Activate(), "Dictionary.Activated", cancellationToken);

    [HttpPost]
    public Task<IActionResult> MoveUp(int id, CancellationToken cancellationToken) => SwapAsync(id, -1, cancellationToken);

    [HttpPost]
    public Task<IActionResult> MoveDown(int id, CancellationToken cancellationToken) => SwapAsync(id, +1, cancellationToken);

    [HttpGet]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var model = await db.DictionaryItems.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => new DictionaryItemDeleteViewModel(d.Id, d.Category, d.Code, d.NameZh, d.NameEn, d.IsSystem, d.IsActive))
            .SingleOrDefaultAsync(cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost]
    [ActionName(nameof(Delete))]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var item = await db.DictionaryItems.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (item is null)
            return NotFound();
        try
        {
            var used = await references.FindAsync<DictionaryItem>(id, cancellationToken);
            item.EnsureCanDelete(used.Count > 0);
            db.DictionaryItems.Remove(item);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l["Dictionary.Deleted", Name(item.NameZh, item.NameEn)].Value;
            return RedirectToAction(nameof(Index), new { category = item.Category });
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e);
            TempData["Error"] = string.Join(" ", ModelState[string.Empty]!.Errors.Select(x => x.ErrorMessage));
            return RedirectToItem(item.Category, item.Id);
        }
    }

    private async Task<IActionResult> ChangeAsync(int id, Action<DictionaryItem> change, string message, CancellationToken cancellationToken)
    {
        var item = await db.DictionaryItems.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (item is null)
            return NotFound();
        change(item);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = l[message, Name(item.NameZh, item.NameEn)].Value;
        return RedirectToItem(item.Category, item.Id);
    }

    /// <summary>Swaps the item with its neighbour and renumbers the category in steps, so equal numbers cannot stall a move.</summary>
    private async Task<IActionResult> SwapAsync(int id, int direction, CancellationToken cancellationToken)
    {
        var category = await db.DictionaryItems.Where(d => d.Id == id).Select(d => d.Category).SingleOrDefaultAsync(cancellationToken);
        if (category is null)
            return NotFound();
        var items = await db.DictionaryItems.Where(d => d.Category == category)
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
        var index = items.FindIndex(d => d.Id == id);
        var other = index + direction;
        if (other >= 0 && other < items.Count)
        {
            (items[index], items[other]) = (items[other], items[index]);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].SortOrder != (i + 1) * OrderStep)
                    items[i].MoveTo((i + 1) * OrderStep);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return RedirectToItem(category, id);
    }

    private RedirectToActionResult RedirectToItem(string category, int id) =>
        RedirectToAction(nameof(Index), null, new { category }, $"item-{id}");

    private static string? FieldOf(Exception error) => error switch
    {
        DomainException { Code: "Dictionary.CodeRequired" or "Dictionary.CodeInvalid" } => nameof(DictionaryItemCreateModel.Code),
        _ => null,
    };

    private static string Name(string zh, string en) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? zh : en;
}
