using Crm.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Crm.Infrastructure.Identity;

public sealed class CrmRole : IdentityRole<Guid>
{
    public const int DescriptionMaxLength = 200;

    public CrmRole()
    {
    }

    public CrmRole(string name, DataScope scope, bool isBuiltIn)
        : base(name)
    {
        DataScope = scope;
        IsBuiltIn = isBuiltIn;
    }

    public DataScope DataScope { get; set; }

    public bool IsBuiltIn { get; set; }

    public string? Description { get; set; }
}
