using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Sales.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Sales.Controllers;

/// <summary>仓库: where stock is kept. An inactive warehouse keeps its history but takes no receipts or orders.</summary>
[Area("Sales")]
[Authorize(Policy = P.Products.View)]
public sealed class WarehousesController(CrmDbContext db, ICurrentUser currentUser, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var rows = await db.Warehouses.AsNoTracking()
            .OrderByDescending(w => w.IsActive).ThenBy(w => w.Code)
            .Select(w => new WarehouseRow(
                w.Id, w.Code, w.Name, w.Address, w.IsActive,
                db.StockLevels.Count(s => s.WarehouseId == w.Id && s.OnHand > 0),
                db.StockLevels.Where(s => s.WarehouseId == w.Id).Sum(s => s.OnHand),
                db.StockLevels.Where(s => s.WarehouseId == w.Id).Sum(s => s.Reserved)))
            .ToListAsync(cancellationToken);
        return View(new WarehouseIndexViewModel(rows, currentUser.HasPermission(P.Products.Manage)));
    }

    [HttpGet]
    [Authorize(Policy = P.Products.Manage)]
    public IActionResult Create() => View("Form", new WarehouseFormViewModel(null, null, new WarehouseEditModel()));

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Create(WarehouseEditModel form, CancellationToken cancellationToken)
    {
        var code = form.Code?.Trim().ToUpperInvariant() ?? string.Empty;
        if (ModelState.IsValid && await db.Warehouses.AnyAsync(w => w.Code == code, cancellationToken))
            ModelState.AddModelError(nameof(form.Code), l["Warehouses.CodeTaken", code]);
        if (ModelState.IsValid)
        {
            try
            {
                var warehouse = new Warehouse(code, form.Name, form.Address);
                db.Warehouses.Add(warehouse);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Warehouses.Created", warehouse.Name, warehouse.Code].Value;
                return RedirectToAction(nameof(Index));
            }
            catch (DomainException e)
            {
                AddDomainError(e);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
            {
                if (!await db.Warehouses.AsNoTracking().AnyAsync(w => w.Code == code, cancellationToken))
                    throw;
                ModelState.AddModelError(nameof(form.Code), l["Warehouses.CodeTaken", code]);
            }
        }

        return View("Form", new WarehouseFormViewModel(null, null, form));
    }

    [HttpGet]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        return warehouse is null
            ? NotFound()
            : View("Form", new WarehouseFormViewModel(id, warehouse.Code,
                new WarehouseEditModel { Code = warehouse.Code, Name = warehouse.Name, Address = warehouse.Address, Version = warehouse.Version }));
    }

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public async Task<IActionResult> Edit(int id, WarehouseEditModel form, CancellationToken cancellationToken)
    {
        var warehouse = await db.Warehouses.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (warehouse is null)
            return NotFound();
        ModelState.Remove(nameof(form.Code));
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(warehouse).Property(w => w.Version).OriginalValue = form.Version;
                warehouse.Update(form.Name, form.Address);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Warehouses.Saved", warehouse.Name].Value;
                return RedirectToAction(nameof(Index));
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                if (e is DomainException domain)
                    AddDomainError(domain);
                else
                    ModelState.AddError(l, e);
            }
        }

        return View("Form", new WarehouseFormViewModel(id, warehouse.Code, form));
    }

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public Task<IActionResult> Activate(int id, CancellationToken cancellationToken) => SetActiveAsync(id, true, cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Products.Manage)]
    public Task<IActionResult> Deactivate(int id, CancellationToken cancellationToken) => SetActiveAsync(id, false, cancellationToken);

    private async Task<IActionResult> SetActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        var warehouse = await db.Warehouses.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (warehouse is null)
            return NotFound();
        warehouse.SetActive(active);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l[active ? "Warehouses.Activated" : "Warehouses.Deactivated", warehouse.Name].Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Index));
    }

    private void AddDomainError(DomainException e)
    {
        var field = e.Arguments.FirstOrDefault() is string key && key.StartsWith("Warehouse.", StringComparison.Ordinal) ? key["Warehouse.".Length..] : string.Empty;
        ModelState.AddModelError(field, l.Message(e));
    }
}
