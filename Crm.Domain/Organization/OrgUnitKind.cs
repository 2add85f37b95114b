namespace Crm.Domain.Organization;

/// <summary>Levels of the org tree of seed 004 (多地点、多组织企业集团), from the top down.</summary>
public enum OrgUnitKind
{
    Group = 0,
    Company = 1,
    Branch = 2,
    Team = 3,
}
