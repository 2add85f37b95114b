using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Customers.Controllers;

/// <summary>
/// 合并客户: a manager picks the customer that survives (by code, or among the source's duplicate
/// matches), sees both side by side with what will move, and merges. Both customers must be in the
/// manager's scope; otherwise they do not exist for him (404).
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.Merge)]
public sealed class MergeController(
    CrmDbContext db,
    CustomerService customers,
    CustomerMergeService merge,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int sourceId, int? targetId, string? targetCode, CancellationToken cancellationToken)
    {
        var source = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == sourceId, cancellationToken);
        if (source is null)
            return NotFound();

        string? problem = null;
        var code = targetCode?.Trim();
        if (targetId is null && !string.IsNullOrEmpty(code))
        {
            targetId = await db.Customers.AsNoTracking().Where(c => c.Code == code).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (targetId is null)
                problem = l["Merge.CodeNotFound", code].Value;
        }

        MergeSide? target = null;
        if (targetId is { } id)
        {
            target = await SideAsync(id, cancellationToken);
            if (target is null)
                return NotFound();
            if (target.Id == source.Id)
                problem = l["Customer.CannotMergeIntoItself"].Value;
            else if (target.Status == CustomerStatus.Archived)
                problem = l["Customer.MergeTargetArchived"].Value;
        }

        if (source.Status == CustomerStatus.Archived)
            problem = l["Customer.Archived"].Value;

        var duplicates = (await customers.FindDuplicatesAsync(CustomerEditModel.From(source).ToProfile(), source.Id, cancellationToken))
            .Where(d => d.Visible).ToList();
        return View(new MergeViewModel((await SideAsync(source.Id, cancellationToken))!, target, code, duplicates, problem));
    }

    [HttpPost]
    [ActionName("Index")]
    public async Task<IActionResult> Merge(int sourceId, int targetId, CancellationToken cancellationToken)
    {
        var source = await db.Customers.SingleOrDefaultAsync(c => c.Id == sourceId, cancellationToken);
        var target = await db.Customers.SingleOrDefaultAsync(c => c.Id == targetId, cancellationToken);
        if (source is null || target is null)
            return NotFound();

        try
        {
            await merge.MergeAsync(source, target, cancellationToken);
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is Crm.Domain.Common.DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
            return RedirectToAction(nameof(Index), new { sourceId, targetId });
        }

        TempData["Success"] = l["Merge.Done", source.Name, source.Code, target.Name, target.Code].Value;
        return RedirectToAction(nameof(CustomersController.Details), "Customers", new { id = target.Id });
    }

    private async Task<MergeSide?> SideAsync(int id, CancellationToken cancellationToken)
    {
        var side = await db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id, c.Code, c.Name, c.Status, c.CreditCode, c.Phone, c.Address, c.CreatedAt,
                Owner = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                OrgUnit = db.OrgUnits.Where(o => o.Id == c.OrgUnitId).Select(o => o.Name).First(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (side is null)
            return null;
        var records = await merge.WhatMovesAsync(id, cancellationToken);
        return new MergeSide(side.Id, side.Code, side.Name, side.Status, side.Owner, side.OrgUnit, side.CreditCode, side.Phone, side.Address, side.CreatedAt, records);
    }
}
