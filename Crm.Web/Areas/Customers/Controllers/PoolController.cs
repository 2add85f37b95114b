using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Customers.Controllers;

/// <summary>
/// The public pool (公海): unowned customers the user may claim. Which ones those are is decided by
/// <see cref="PoolService"/> alone (a salesperson sees the pool of their company, managers and
/// administrators the unowned customers of their data scope).
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.Pool)]
public sealed class PoolController(
    CrmDbContext db,
    PoolService pool,
    CustomerService customers,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] PoolListFilter filter, CancellationToken cancellationToken)
    {
        var query = ModelState.IsValid
            ? filter.Apply((await pool.PoolAsync(cancellationToken)).AsNoTracking())
            : db.Customers.Where(_ => false).OrderBy(c => c.Id);

        var chinese = Chinese;
        var rows = await query
            .Select(c => new PoolRow(
                c.Id, c.Code, c.Name,
                db.DictionaryItems.Where(d => d.Id == c.LevelId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == c.RegionId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == c.IndustryId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.OrgUnits.Where(o => o.Id == c.OrgUnitId).Select(o => o.Name).First(),
                c.PoolEvents.Where(e => e.ToUserId == null).OrderByDescending(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefault() ?? c.CreatedAt,
                db.Users.Where(u => u.Id == c.PoolEvents.Where(e => e.ToUserId == null).OrderByDescending(e => e.Id).Select(e => e.FromUserId).FirstOrDefault())
                    .Select(u => u.DisplayName).FirstOrDefault(),
                c.LastInteractionAt))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);

        var canAssign = currentUser.HasPermission(P.Customers.Assign);
        return View(new PoolIndexViewModel(
            filter, rows,
            await pool.CapsAsync(cancellationToken),
            (await pool.CompanyAsync(cancellationToken))?.Name,
            clock.GetUtcNow(),
            await dictionary.ForAsync(C.CustomerLevel, filter.LevelId, cancellationToken),
            await dictionary.ForAsync(C.Region, filter.RegionId, cancellationToken),
            await dictionary.ForAsync(C.Industry, filter.IndustryId, cancellationToken),
            canAssign ? await OwnerOptionsAsync(cancellationToken) : [],
            canAssign));
    }

    /// <summary>Claims one customer (the row's button, or the customer page's).</summary>
    [HttpPost]
    public async Task<IActionResult> Claim(int id, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await pool.ClaimAsync(id, cancellationToken);
        if (result is null)
            return NotFound();
        if (result.Claimed)
        {
            TempData["Success"] = l["Pool.Claimed", result.Name!].Value;
            return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction(nameof(Index));
        }

        TempData["Error"] = l.Message(result.Refusal!);
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction(nameof(Index));
    }

    /// <summary>Claims the ticked customers one by one, stopping at the first cap reached.</summary>
    [HttpPost]
    public async Task<IActionResult> ClaimMany(int[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            TempData["Error"] = l["Pool.NothingSelected"].Value;
            return RedirectToAction(nameof(Index));
        }

        var claimed = 0;
        var refusals = new List<string>();
        foreach (var id in ids.Distinct().Take(PageInfo.DefaultSize * 5))
        {
            var result = await pool.ClaimAsync(id, cancellationToken);
            if (result is null)
                continue;
            if (result.Claimed)
            {
                claimed++;
                continue;
            }

            if (result.Refusal!.Code is "Pool.MaxOwnedReached" or "Pool.DailyLimitReached")
            {
                refusals.Add(l.Message(result.Refusal));
                break;
            }

            refusals.Add($"{result.Name}: {l.Message(result.Refusal)}");
        }

        if (claimed > 0)
            TempData["Success"] = l["Pool.ClaimedMany", claimed].Value;
        if (refusals.Count > 0)
            TempData["Error"] = string.Join(" ", refusals);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The owner puts a customer into the pool, with an optional reason.</summary>
    [HttpPost]
    public async Task<IActionResult> Release(int id, string? reason, CancellationToken cancellationToken)
    {
        if (reason?.Trim().Length > CustomerPoolEvent.ReasonMaxLength)
        {
            TempData["Error"] = l["Validation.StringLength", l["Pool.ReleaseReason"], CustomerPoolEvent.ReasonMaxLength].Value;
            return RedirectToAction("Details", "Customers", new { id });
        }

        Customer? released;
        try
        {
            released = await pool.ReleaseAsync(id, reason, cancellationToken);
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
            return RedirectToAction("Details", "Customers", new { id });
        }

        if (released is null)
            return NotFound();
        TempData["Success"] = l["Pool.Released", released.Name].Value;
        // A salesperson no longer sees the customer's page once it left them; the pool shows it.
        return await db.Customers.AnyAsync(c => c.Id == id, cancellationToken)
            ? RedirectToAction("Details", "Customers", new { id })
            : RedirectToAction(nameof(Index));
    }

    /// <summary>A manager gives the ticked pool customers to an assignable owner.</summary>
    [HttpPost]
    [Authorize(Policy = P.Customers.Assign)]
    public async Task<IActionResult> Assign(int[] ids, Guid? ownerId, CancellationToken cancellationToken)
    {
        if (ids.Length == 0 || ownerId is null)
        {
            TempData["Error"] = l[ids.Length == 0 ? "Pool.NothingSelected" : "Pool.ChooseOwner"].Value;
            return RedirectToAction(nameof(Index));
        }

        var owner = await customers.AssignableOwners().Where(u => u.Id == ownerId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            TempData["Error"] = l["Customers.OwnerNotAllowed"].Value;
            return RedirectToAction(nameof(Index));
        }

        var assigned = 0;
        var refusals = new List<string>();
        foreach (var id in ids.Distinct().Take(PageInfo.DefaultSize * 5))
        {
            try
            {
                if (await pool.AssignAsync(id, ownerId.Value, null, cancellationToken) is not null)
                    assigned++;
            }
            catch (DomainException e)
            {
                refusals.Add(l.Message(e));
            }
        }

        if (assigned > 0)
            TempData["Success"] = l["Pool.Assigned", assigned, owner].Value;
        if (refusals.Count > 0)
            TempData["Error"] = string.Join(" ", refusals.Distinct());
        return RedirectToAction(nameof(Index));
    }

    private async Task<IReadOnlyList<SelectListItem>> OwnerOptionsAsync(CancellationToken cancellationToken) =>
        (await customers.AssignableOwnerListAsync(cancellationToken))
            .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString()))
            .ToList();
}
