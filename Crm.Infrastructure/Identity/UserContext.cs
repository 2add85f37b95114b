using Crm.Domain.Common;

namespace Crm.Infrastructure.Identity;

/// <summary>What the application knows about the signed-in user for one request.</summary>
public sealed record UserContext(
    Guid UserId,
    string UserName,
    string DisplayName,
    int OrgUnitId,
    string OrgUnitName,
    string OrgUnitPath,
    IReadOnlyList<string> Roles,
    IReadOnlySet<string> Permissions,
    DataScope Scope);
