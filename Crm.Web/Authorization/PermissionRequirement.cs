using Crm.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Crm.Web.Authorization;

public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>
/// Checks the permission against the user's roles as read from the database on this request (not as
/// they were at sign-in), so a change in the permission matrix applies on the next request.
/// </summary>
public sealed class PermissionHandler(ICurrentUser currentUser) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (currentUser.User is not null && currentUser.HasPermission(requirement.Permission))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
