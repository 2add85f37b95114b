using Crm.Domain.Common;

namespace Crm.Infrastructure.Identity;

/// <summary>The user a request (or a background job) acts as: who, from where, allowed what, seeing how far.</summary>
public interface ICurrentUser
{
    UserContext? User { get; }

    /// <summary>True for background jobs and seeding, which see and may change every record.</summary>
    bool IsSystem { get; }

    Guid? UserId { get; }

    string? UserName { get; }

    string? IpAddress { get; }

    DataScope? Scope { get; }

    bool HasPermission(string permission);
}
