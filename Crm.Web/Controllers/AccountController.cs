using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Authorization;
using Crm.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Crm.Web.Controllers;

public sealed class AccountController(
    SignInManager<CrmUser> signIn,
    UserManager<CrmUser> users,
    CrmDbContext db,
    ICurrentUser currentUser,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true && currentUser.User is not null)
            return LocalRedirect(SafeReturnUrl(returnUrl));
        return View(new LoginModel { ReturnUrl = returnUrl });
    }

    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> Login(LoginModel model)
    {
        if (!ModelState.IsValid)
            return View(model);

        var user = await users.FindByNameAsync(model.UserName.Trim());
        if (user is null)
        {
            // Spend the time a password check takes, so the answer does not reveal which names exist.
            users.PasswordHasher.HashPassword(new CrmUser(), model.Password);
            await AuditAsync(AuditAction.SignInFailed, model.UserName.Trim(), null);
            return Refuse(model, l["Account.Login.Invalid"]);
        }

        if (!user.IsActive)
        {
            await AuditAsync(AuditAction.SignInFailed, user.Id.ToString(), "disabled");
            return Refuse(model, l["Account.Login.Disabled"]);
        }

        var result = await signIn.PasswordSignInAsync(user, model.Password, model.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await AuditAsync(AuditAction.SignIn, user.Id.ToString(), null, user);
            return LocalRedirect(SafeReturnUrl(model.ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            await AuditAsync(AuditAction.LockedOut, user.Id.ToString(), null, user);
            var minutes = user.LockoutEnd is { } end ? Math.Max(1, (int)Math.Ceiling((end - clock.GetUtcNow()).TotalMinutes)) : 15;
            return Refuse(model, l["Account.Login.LockedOut", minutes]);
        }

        await AuditAsync(AuditAction.SignInFailed, user.Id.ToString(), null, user);
        return Refuse(model, l["Account.Login.Invalid"]);
    }

    [HttpPost]
    [Authorize(Policy = Policies.Authenticated)]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        await AuditAsync(AuditAction.SignOut, currentUser.UserId?.ToString() ?? string.Empty, null);
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Authenticated)]
    public IActionResult ChangePassword() => View(new ChangePasswordModel());

    [HttpPost]
    [Authorize(Policy = Policies.Authenticated)]
    public async Task<IActionResult> ChangePassword(ChangePasswordModel model)
    {
        if (!ModelState.IsValid)
            return View(model);
        var user = await users.FindByIdAsync(currentUser.UserId!.Value.ToString());
        if (user is null)
            return NotFound();

        var result = await users.ChangePasswordAsync(user, model.CurrentPassword, model.NewPassword);
        if (!result.Succeeded)
        {
            // One message per field: the page shows a field's first error only, and a user fixing a weak
            // password needs every rule it breaks at once.
            foreach (var byField in result.Errors.GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                         ? nameof(model.CurrentPassword) : nameof(model.NewPassword)))
            {
                ModelState.AddModelError(byField.Key, string.Join(" ", byField.Select(e => e.Description)));
            }

            return View(model);
        }

        // The stamp changed: renew this session's cookie so only other sessions end.
        await signIn.RefreshSignInAsync(user);
        TempData["Success"] = l["Account.ChangePassword.Success"].Value;
        return RedirectToAction(nameof(ChangePassword));
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    private ViewResult Refuse(LoginModel model, string message)
    {
        ModelState.AddModelError(string.Empty, message);
        model.Password = string.Empty;
        return View(model);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    private async Task AuditAsync(AuditAction action, string key, string? detail, CrmUser? user = null)
    {
        db.AuditEntries.Add(new AuditEntry(
            clock.GetUtcNow(), action, nameof(CrmUser), key,
            user?.Id ?? currentUser.UserId, user?.UserName ?? currentUser.UserName,
            HttpContext.Connection.RemoteIpAddress?.ToString(), newValue: detail));
        await db.SaveChangesAsync();
    }
}
