namespace Crm.Domain.Common;

/// <summary>How far a role sees scoped records (SPEC §1). Ordered from narrowest to widest.</summary>
public enum DataScope
{
    Own = 0,
    OrgUnitSubtree = 1,
    All = 2,
}
