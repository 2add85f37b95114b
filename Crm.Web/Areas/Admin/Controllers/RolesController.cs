using Crm.Domain.Organization;
using Crm.Infrastructure.Administration;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Admin.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Admin.Controllers;

[Area("Admin")]
[Authorize(Policy = P.Roles.Manage)]
public sealed class RolesController(
    CrmDbContext db,
    RoleAdministration administration,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var roles = await db.Roles.AsNoTracking()
            .Select(r => new RoleRow(r.Id, r.Name!, r.Description, r.DataScope, r.IsBuiltIn, db.UserRoles.Count(ur => ur.RoleId == r.Id)))
            .ToListAsync(cancellationToken);
        return View(roles.OrderByDescending(r => r.IsBuiltIn).ThenBy(r => r.Name, StringComparer.Ordinal).ToList());
    }

    [HttpGet]
    public IActionResult Create() => View(new RoleEditModel());

    [HttpPost]
    public async Task<IActionResult> Create(RoleEditModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return View(model);
        try
        {
            var role = await administration.CreateAsync(model.Name, model.DataScope, model.Description, cancellationToken);
            TempData["Success"] = l["Roles.Created", role.Name!].Value;
            return RedirectToAction(nameof(Index));
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e);
            return View(model);
        }
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var model = await db.Roles.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new RoleEditModel
            {
                Name = r.Name!,
                DataScope = r.DataScope,
                Description = r.Description,
                ConcurrencyStamp = r.ConcurrencyStamp!,
                IsBuiltIn = r.IsBuiltIn,
            })
            .SingleOrDefaultAsync(cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, RoleEditModel model, CancellationToken cancellationToken)
    {
        var isBuiltIn = await db.Roles.Where(r => r.Id == id).Select(r => (bool?)r.IsBuiltIn).SingleOrDefaultAsync(cancellationToken);
        if (isBuiltIn is null)
            return NotFound();
        model.IsBuiltIn = isBuiltIn.Value;
        if (!ModelState.IsValid)
            return View(model);
        try
        {
            await administration.UpdateAsync(id, model.Name, model.DataScope, model.Description, model.ConcurrencyStamp);
            TempData["Success"] = l["Roles.Saved", RoleText.Name(l, model.Name.Trim())].Value;
            return RedirectToAction(nameof(Index));
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e);
            return View(model);
        }
    }

    [HttpPost]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken)
    {
        var name = await db.Roles.Where(r => r.Id == id).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
            return NotFound();
        try
        {
            await administration.DeleteAsync(id, cancellationToken);
            TempData["Success"] = l["Roles.Deleted", name].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = Message(e);
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> Permissions(CancellationToken cancellationToken)
    {
        var granted = await db.RoleClaims.AsNoTracking()
            .Where(c => c.ClaimType == P.ClaimType)
            .Select(c => new { c.RoleId, c.ClaimValue })
            .ToListAsync(cancellationToken);
        var grants = granted.Select(g => PermissionMatrixViewModel.Key(g.RoleId, g.ClaimValue!)).ToHashSet(StringComparer.Ordinal);
        return View(new PermissionMatrixViewModel(await MatrixRolesAsync(cancellationToken), grants));
    }

    /// <param name="roles">Every role of the form, so that a role whose boxes are all unchecked loses everything.</param>
    /// <param name="grant">The checked boxes as "{roleId}:{permission}".</param>
    [HttpPost]
    [ActionName(nameof(Permissions))]
    public async Task<IActionResult> SavePermissions(
        [FromForm(Name = "roles")] List<Guid> roles, [FromForm(Name = "grant")] List<string> grant, CancellationToken cancellationToken)
    {
        var matrix = roles.Distinct().ToDictionary(r => r, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var value in grant)
        {
            var separator = value.IndexOf(':', StringComparison.Ordinal);
            if (separator < 0 || !Guid.TryParse(value.AsSpan(0, separator), out var roleId))
                return BadRequest();
            if (!matrix.TryGetValue(roleId, out var permissions))
                matrix[roleId] = permissions = new HashSet<string>(StringComparer.Ordinal);
            permissions.Add(value[(separator + 1)..]);
        }

        try
        {
            await administration.SavePermissionsAsync(
                matrix.ToDictionary(m => m.Key, m => (IReadOnlySet<string>)m.Value), cancellationToken);
            TempData["Success"] = l["Roles.PermissionsSaved"].Value;
            return RedirectToAction(nameof(Permissions));
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            // Show the matrix as posted, so the administrator corrects it instead of starting over.
            ModelState.AddError(l, e);
            var posted = grant.ToHashSet(StringComparer.Ordinal);
            return View(nameof(Permissions), new PermissionMatrixViewModel(await MatrixRolesAsync(cancellationToken), posted));
        }
    }

    private async Task<IReadOnlyList<MatrixRole>> MatrixRolesAsync(CancellationToken cancellationToken) =>
        (await db.Roles.AsNoTracking()
            .Select(r => new { r.Id, r.Name, r.DataScope, r.IsBuiltIn })
            .ToListAsync(cancellationToken))
        .OrderByDescending(r => r.IsBuiltIn)
        .ThenBy(r => r.Name, StringComparer.Ordinal)
        .Select(r => new MatrixRole(r.Id, r.Name!, r.DataScope, r.Name == BuiltInRoles.Administrator))
        .ToList();

    private string Message(Exception e)
    {
        var errors = new ModelStateDictionary();
        errors.AddError(l, e);
        return string.Join(" ", errors.Values.SelectMany(v => v.Errors).Select(x => x.ErrorMessage));
    }
}
