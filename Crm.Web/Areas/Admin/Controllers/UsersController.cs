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
[Authorize(Policy = P.Users.Manage)]
public sealed class UsersController(
    CrmDbContext db,
    UserAdministration administration,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>Offset paging is fine here: an organisation has hundreds of users, not millions.</summary>
    public const int PageSize = 20;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] UserFilter filter, CancellationToken cancellationToken)
    {
        var orgUnits = await OrgUnitOptionsAsync(cancellationToken);
        var roles = await RoleOptionsAsync(cancellationToken);
        if (!ModelState.IsValid)
            return View(new UserIndexViewModel(filter, [], 0, 0, orgUnits, roles));

        var now = clock.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            var upper = q.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(q)
                || u.NormalizedEmail!.Contains(upper) || u.PhoneNumber!.Contains(q));
        }

        if (filter.OrgUnitId is { } unitId)
        {
            // The unit and everything below it, as a manager reading "华东公司" expects.
            var path = await db.OrgUnits.Where(o => o.Id == unitId).Select(o => o.Path).SingleOrDefaultAsync(cancellationToken);
            if (path is null)
            {
                query = query.Where(_ => false);
            }
            else
            {
                var (from, to) = OrgUnit.SubtreeRange(path);
                query = query.Where(u => string.Compare(u.OrgUnit!.Path, from) >= 0 && string.Compare(u.OrgUnit.Path, to) < 0);
            }
        }

        if (filter.RoleId is { } roleId)
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        query = filter.Status switch
        {
            UserStatus.Active => query.Where(u => u.IsActive && (u.LockoutEnd == null || u.LockoutEnd <= now)),
            UserStatus.Disabled => query.Where(u => !u.IsActive),
            UserStatus.Locked => query.Where(u => u.LockoutEnd != null && u.LockoutEnd > now),
            _ => query,
        };

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        query = (filter.Sort, filter.Desc) switch
        {
            (UserSort.DisplayName, false) => query.OrderBy(u => u.DisplayName).ThenBy(u => u.UserName),
            (UserSort.DisplayName, true) => query.OrderByDescending(u => u.DisplayName).ThenBy(u => u.UserName),
            (_, true) => query.OrderByDescending(u => u.UserName),
            _ => query.OrderBy(u => u.UserName),
        };
        var users = await query
            .Skip((filter.Page - 1) * PageSize)
            .Take(PageSize)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, OrgUnitName = u.OrgUnit!.Name, u.IsActive, u.LockoutEnd })
            .ToListAsync(cancellationToken);

        // The page's roles in one query, not one per row.
        var ids = users.Select(u => u.Id).ToList();
        var roleNames = (await (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                where ids.Contains(ur.UserId)
                select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => RoleText.Name(l, x.Name!));

        var rows = users.Select(u => new UserRow(
                u.Id, u.UserName!, u.DisplayName, u.Email, u.OrgUnitName, roleNames[u.Id].Order(StringComparer.CurrentCulture).ToList(),
                u.IsActive, u.LockoutEnd > now ? u.LockoutEnd : null))
            .ToList();
        return View(new UserIndexViewModel(filter, rows, total, pageCount, orgUnits, roles));
    }

    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await WithOptionsAsync(new UserCreateModel(), cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create(UserCreateModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var user = await administration.CreateAsync(Input(model), model.Password, cancellationToken);
                TempData["Success"] = l["Users.Created", user.UserName!].Value;
                return RedirectToAction(nameof(Index));
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        model.Password = model.ConfirmPassword = string.Empty;
        return View(await WithOptionsAsync(model, cancellationToken));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new UserEditModel
            {
                UserName = u.UserName!,
                DisplayName = u.DisplayName,
                Email = u.Email,
                PhoneNumber = u.PhoneNumber,
                OrgUnitId = u.OrgUnitId,
                ConcurrencyStamp = u.ConcurrencyStamp!,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
            return NotFound();
        user.Roles = await db.UserRoles.Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .ToListAsync(cancellationToken);
        return View(await WithOptionsAsync(user, cancellationToken, id));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, UserEditModel model, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
            return NotFound();
        if (ModelState.IsValid)
        {
            try
            {
                await administration.UpdateAsync(id, Input(model), model.ConcurrencyStamp, cancellationToken);
                TempData["Success"] = l["Users.Saved", model.UserName.Trim()].Value;
                return RedirectToAction(nameof(Index));
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        return View(await WithOptionsAsync(model, cancellationToken, id));
    }

    [HttpPost]
    public Task<IActionResult> Disable(Guid id, string? returnUrl, CancellationToken cancellationToken) =>
        ChangeAsync(id, returnUrl, "Users.Disabled", () => administration.SetActiveAsync(id, false, cancellationToken), cancellationToken);

    [HttpPost]
    public Task<IActionResult> Enable(Guid id, string? returnUrl, CancellationToken cancellationToken) =>
        ChangeAsync(id, returnUrl, "Users.Enabled", () => administration.SetActiveAsync(id, true, cancellationToken), cancellationToken);

    [HttpPost]
    public Task<IActionResult> Unlock(Guid id, string? returnUrl, CancellationToken cancellationToken) =>
        ChangeAsync(id, returnUrl, "Users.Unlocked", () => administration.UnlockAsync(id), cancellationToken);

    [HttpGet]
    public async Task<IActionResult> ResetPassword(Guid id, CancellationToken cancellationToken)
    {
        var model = await ResetModelAsync(id, new UserResetPasswordModel(), cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost]
    public async Task<IActionResult> ResetPassword(Guid id, UserResetPasswordModel model, CancellationToken cancellationToken)
    {
        if (await ResetModelAsync(id, model, cancellationToken) is null)
            return NotFound();
        if (ModelState.IsValid)
        {
            try
            {
                await administration.ResetPasswordAsync(id, model.NewPassword);
                TempData["Success"] = l["Users.PasswordReset", model.UserName].Value;
                return RedirectToAction(nameof(Index));
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e, nameof(model.NewPassword));
            }
        }

        model.NewPassword = model.ConfirmPassword = string.Empty;
        return View(model);
    }

    private async Task<IActionResult> ChangeAsync(Guid id, string? returnUrl, string successKey, Func<Task> change, CancellationToken cancellationToken)
    {
        var userName = await db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        if (userName is null)
            return NotFound();
        try
        {
            await change();
            TempData["Success"] = l[successKey, userName].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            var errors = new ModelStateDictionary();
            errors.AddError(l, e);
            TempData["Error"] = string.Join(" ", errors.Values.SelectMany(v => v.Errors).Select(x => x.ErrorMessage));
        }

        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction(nameof(Index));
    }

    private async Task<UserResetPasswordModel?> ResetModelAsync(Guid id, UserResetPasswordModel model, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.UserName, u.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
            return null;
        model.UserName = user.UserName!;
        model.DisplayName = user.DisplayName;
        return model;
    }

    private static UserInput Input(UserEditModel model) =>
        new(model.UserName, model.DisplayName, model.Email, model.PhoneNumber, model.OrgUnitId ?? 0, model.Roles.Distinct().ToList());

    private async Task<T> WithOptionsAsync<T>(T model, CancellationToken cancellationToken, Guid? id = null)
        where T : UserEditModel
    {
        model.OrgUnitOptions = await OrgUnitOptionsAsync(cancellationToken);
        model.RoleOptions = await RoleOptionsAsync(cancellationToken);
        if (id is { } userId)
        {
            var now = clock.GetUtcNow();
            var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.Id, u.UserName, u.IsActive, u.LockoutEnd })
                .SingleAsync(cancellationToken);
            model.Account = new UserAccountState(account.Id, account.UserName!, account.IsActive, account.LockoutEnd > now ? account.LockoutEnd : null);
        }

        return model;
    }

    private async Task<IReadOnlyList<OrgUnitOption>> OrgUnitOptionsAsync(CancellationToken cancellationToken) =>
        (await db.OrgUnits.AsNoTracking()
            .OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Name, o.Path })
            .ToListAsync(cancellationToken))
        .Select(o => new OrgUnitOption(o.Id, o.Name, o.Path.Length / OrgUnit.SegmentLength))
        .ToList();

    private async Task<IReadOnlyList<RoleOption>> RoleOptionsAsync(CancellationToken cancellationToken) =>
        (await db.Roles.AsNoTracking()
            .Select(r => new { r.Id, r.Name, r.IsBuiltIn })
            .ToListAsync(cancellationToken))
        .OrderByDescending(r => r.IsBuiltIn)
        .ThenBy(r => r.Name, StringComparer.Ordinal)
        .Select(r => new RoleOption(r.Id, r.Name!))
        .ToList();
}
