using System.Globalization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Sales.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Sales.Controllers;

/// <summary>
/// The setting "customer level → default price type" (e.g. 合作伙伴 → 伙伴价). Orders and quotes start a
/// customer's lines at that price type; a level without a mapping buys at the list price.
/// </summary>
[Area("Sales")]
[Authorize(Policy = P.Products.View)]
public sealed class PriceTypesController(CrmDbContext db, ICurrentUser currentUser, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new PriceTypesViewModel(await RowsAsync(cancellationToken), currentUser.HasPermission(P.Products.Manage)));

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Index(PriceTypesModel form, CancellationToken cancellationToken)
    {
        var levels = await db.DictionaryItems.AsNoTracking().Where(d => d.Category == C.CustomerLevel).Select(d => d.Id).ToListAsync(cancellationToken);
        var mappings = await db.CustomerLevelPriceTypes.ToDictionaryAsync(m => m.LevelId, cancellationToken);
        var changed = 0;
        foreach (var input in form.Levels.Where(i => levels.Contains(i.LevelId) && Enum.IsDefined(i.PriceType)).DistinctBy(i => i.LevelId))
        {
            var current = mappings.GetValueOrDefault(input.LevelId);
            // The list price is what an unmapped level gets, so "list" is stored as no mapping at all.
            if (input.PriceType == PriceType.List)
            {
                if (current is null)
                    continue;
                db.CustomerLevelPriceTypes.Remove(current);
            }
            else if (current is null)
            {
                db.CustomerLevelPriceTypes.Add(new CustomerLevelPriceType(input.LevelId, input.PriceType));
            }
            else if (current.PriceType != input.PriceType)
            {
                current.Change(input.PriceType);
            }
            else
            {
                continue;
            }

            changed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = l["PriceTypes.Saved", changed].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<IReadOnlyList<LevelPriceTypeRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var mapped = await db.CustomerLevelPriceTypes.AsNoTracking().ToDictionaryAsync(m => m.LevelId, m => m.PriceType, cancellationToken);
        var levels = await db.DictionaryItems.AsNoTracking()
            .Where(d => d.Category == C.CustomerLevel)
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.NameZh, d.NameEn, d.IsActive })
            .ToListAsync(cancellationToken);
        return levels
            .Where(d => d.IsActive || mapped.ContainsKey(d.Id))
            .Select(d => new LevelPriceTypeRow(d.Id, chinese ? d.NameZh : d.NameEn, d.IsActive, mapped.GetValueOrDefault(d.Id, PriceType.List)))
            .ToList();
    }
}
