using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Administration;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Admin.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Admin.Controllers;

/// <summary>The org tree (组织机构): the rules live in <see cref="OrgUnit"/> and <see cref="OrgUnitAdministration"/>.</summary>
[Area("Admin")]
[Authorize(Policy = P.OrgUnits.Manage)]
public sealed class OrgUnitsController(CrmDbContext db, OrgUnitAdministration administration, IStringLocalizer<SharedResource> l) : Controller
{
    private sealed record Flat(int Id, string Name, OrgUnitKind Kind, int? ParentId, string Path)
    {
        public int Depth => Path.Length / OrgUnit.SegmentLength;
    }

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var units = await AllUnitsAsync(cancellationToken);
        var users = await UserCountsAsync(cancellationToken);
        var byParent = units.ToLookup(u => u.ParentId);

        OrgUnitNode Node(Flat u) => new(u.Id, u.Name, u.Kind, u.Depth, users.GetValueOrDefault(u.Id),
            byParent[u.Id].Select(Node).ToList());

        var roots = byParent[null].Select(Node).ToList();
        return View(new OrgUnitIndexViewModel(roots, units.Count, users.Values.Sum()));
    }

    [HttpGet]
    public async Task<IActionResult> Create(int parentId, CancellationToken cancellationToken)
    {
        var model = new OrgUnitCreateModel { ParentId = parentId };
        if (!await FillAsync(model, cancellationToken))
            return NotFound();
        model.Kind = model.Kinds.FirstOrDefault();
        return View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Create(OrgUnitCreateModel model, CancellationToken cancellationToken)
    {
        if (!await FillAsync(model, cancellationToken))
            return NotFound();
        if (!ModelState.IsValid)
            return View(model);
        try
        {
            var unit = await administration.AddChildAsync(model.ParentId, model.Name, model.Kind!.Value, cancellationToken);
            TempData["Success"] = l["OrgUnits.Created", unit.Name].Value;
            return RedirectToIndex(unit.Id);
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e, FieldOf(e, nameof(model.Kind)));
            return View(model);
        }
    }

    [HttpGet]
    public async Task<IActionResult> Rename(int id, CancellationToken cancellationToken)
    {
        var model = await db.OrgUnits.AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new OrgUnitRenameModel { Id = o.Id, Name = o.Name, Version = o.Version, CurrentName = o.Name, Kind = o.Kind })
            .SingleOrDefaultAsync(cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Rename(int id, OrgUnitRenameModel model, CancellationToken cancellationToken)
    {
        model.Id = id;
        var current = await db.OrgUnits.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { o.Name, o.Kind }).SingleOrDefaultAsync(cancellationToken);
        if (current is null)
            return NotFound();
        (model.CurrentName, model.Kind) = (current.Name, current.Kind);
        if (!ModelState.IsValid)
            return View(model);
        try
        {
            await administration.RenameAsync(id, model.Name, model.Version, cancellationToken);
            TempData["Success"] = l["OrgUnits.Renamed", model.Name.Trim()].Value;
            return RedirectToIndex(id);
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e, FieldOf(e, null));
            return View(model);
        }
    }

    [HttpGet]
    public async Task<IActionResult> Move(int id, CancellationToken cancellationToken)
    {
        var model = new OrgUnitMoveModel { Id = id };
        if (!await FillAsync(model, cancellationToken))
            return NotFound();
        return View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Move(int id, OrgUnitMoveModel model, CancellationToken cancellationToken)
    {
        model.Id = id;
        var chosen = model.NewParentId;
        if (!await FillAsync(model, cancellationToken))
            return NotFound();
        model.NewParentId = chosen;
        if (!ModelState.IsValid)
            return View(model);
        try
        {
            // The options only offer allowed parents, but the domain decides: a crafted post is refused there.
            await administration.MoveAsync(id, model.NewParentId!.Value, cancellationToken);
            TempData["Success"] = l["OrgUnits.Moved", model.Name].Value;
            return RedirectToIndex(id);
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e, FieldOf(e, nameof(model.NewParentId)));
            return View(model);
        }
    }

    [HttpGet]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { o.Id, o.Name, o.Kind, o.ParentId })
            .SingleOrDefaultAsync(cancellationToken);
        if (unit is null)
            return NotFound();
        var users = await db.Users.CountAsync(u => u.OrgUnitId == id, cancellationToken);
        var children = await db.OrgUnits.CountAsync(o => o.ParentId == id, cancellationToken);
        return View(new OrgUnitDeleteViewModel(unit.Id, unit.Name, unit.Kind, unit.ParentId is null, users, children));
    }

    [HttpPost]
    [ActionName(nameof(Delete))]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var name = await db.OrgUnits.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
            return NotFound();
        try
        {
            await administration.DeleteAsync(id, cancellationToken);
            TempData["Success"] = l["OrgUnits.Deleted", name].Value;
            return RedirectToAction(nameof(Index));
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e);
            TempData["Error"] = string.Join(" ", ModelState[string.Empty]!.Errors.Select(x => x.ErrorMessage));
            return RedirectToIndex(id);
        }
    }

    private RedirectToActionResult RedirectToIndex(int unitId) =>
        RedirectToAction(nameof(Index), null, null, $"unit-{unitId}");

    /// <summary>Name errors go under the name field, tree errors under the field that chose the place in the tree.</summary>
    private static string? FieldOf(Exception error, string? placeField) => error switch
    {
        DomainException { Code: "OrgUnit.NameRequired" or "OrgUnit.NameTooLong" } => "Name",
        DomainException { Code: "OrgUnit.KindMustBeBelowParent" or "OrgUnit.TooDeep" or "OrgUnit.CannotMoveIntoOwnSubtree" or "OrgUnit.NotFound" } => placeField,
        _ => null,
    };

    private async Task<bool> FillAsync(OrgUnitCreateModel model, CancellationToken cancellationToken)
    {
        var parent = await db.OrgUnits.AsNoTracking().Where(o => o.Id == model.ParentId)
            .Select(o => new { o.Name, o.Kind }).SingleOrDefaultAsync(cancellationToken);
        if (parent is null)
            return false;
        model.ParentName = parent.Name;
        model.Kinds = Enum.GetValues<OrgUnitKind>().Where(k => k > parent.Kind).ToList();
        return true;
    }

    private async Task<bool> FillAsync(OrgUnitMoveModel model, CancellationToken cancellationToken)
    {
        var units = await AllUnitsAsync(cancellationToken);
        var unit = units.SingleOrDefault(u => u.Id == model.Id);
        if (unit is null)
            return false;
        model.Name = unit.Name;
        model.Kind = unit.Kind;
        model.IsRoot = unit.ParentId is null;
        model.ParentName = units.SingleOrDefault(u => u.Id == unit.ParentId)?.Name;
        model.NewParentId = unit.ParentId;
        // Not the unit itself or anything below it, and only units of a higher level.
        model.Options = units
            .Select(u => new OrgUnitChoice(u.Id, u.Name, u.Kind, u.Depth,
                !u.Path.StartsWith(unit.Path, StringComparison.Ordinal) && u.Kind < unit.Kind))
            .ToList();
        return true;
    }

    /// <summary>Every unit in tree order: parents before children, siblings in the order they were added.</summary>
    private async Task<List<Flat>> AllUnitsAsync(CancellationToken cancellationToken) =>
        (await db.OrgUnits.AsNoTracking()
            .Select(o => new Flat(o.Id, o.Name, o.Kind, o.ParentId, o.Path))
            .ToListAsync(cancellationToken))
        .OrderBy(o => o.Path, StringComparer.Ordinal)
        .ToList();

    private async Task<Dictionary<int, int>> UserCountsAsync(CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .GroupBy(u => u.OrgUnitId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
