using System.Security.Claims;
using Crm.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Crm.Web.Infrastructure;

/// <summary>
/// Runs after authentication: loads the signed-in user's context for this request. A user who was
/// deleted, disabled, or whose security stamp changed (password reset, role change by an administrator)
/// is signed out on the spot instead of at the next periodic stamp validation.
/// </summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentUser currentUser, UserContextLoader loader, IOptions<IdentityOptions> identity)
    {
        currentUser.IpAddress = context.Connection.RemoteIpAddress?.ToString();
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var id = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var stamp = context.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var loaded = Guid.TryParse(id, out var userId) ? await loader.LoadAsync(userId, context.RequestAborted) : null;
            if (loaded is { IsActive: true } && loaded.SecurityStamp == stamp)
            {
                currentUser.Set(loaded.Context);
            }
            else
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }

        await next(context);
    }
}
