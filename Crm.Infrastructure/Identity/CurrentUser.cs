using Crm.Domain.Common;

namespace Crm.Infrastructure.Identity;

/// <summary>
/// Scoped holder of the current user. The web layer fills it once per request after authentication;
/// jobs and seeding mark it as the system. Until one of them does, it is nobody and scoped queries
/// return nothing (fail closed).
/// </summary>
public sealed class CurrentUser : ICurrentUser
{
    public UserContext? User { get; private set; }

    public bool IsSystem { get; private set; }

    public Guid? UserId => User?.UserId;

    public string? UserName => User?.UserName ?? (IsSystem ? "system" : null);

    public string? IpAddress { get; set; }

    public DataScope? Scope => IsSystem ? DataScope.All : User?.Scope;

    public static CurrentUser System()
    {
        var user = new CurrentUser();
        user.SetSystem();
        return user;
    }

    public void Set(UserContext user)
    {
        User = user;
        IsSystem = false;
    }

    public void SetSystem()
    {
        User = null;
        IsSystem = true;
    }

    public bool HasPermission(string permission) =>
        IsSystem || (User?.Permissions.Contains(permission) ?? false);
}
