using Crm.Domain.Organization;
using Microsoft.AspNetCore.Identity;

namespace Crm.Infrastructure.Identity;

public sealed class CrmUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 50;

    public string DisplayName { get; set; } = string.Empty;

    public int OrgUnitId { get; set; }

    public OrgUnit? OrgUnit { get; set; }

    /// <summary>A disabled user cannot sign in, and an open session ends on its next request.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
