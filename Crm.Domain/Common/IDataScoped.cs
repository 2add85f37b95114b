namespace Crm.Domain.Common;

/// <summary>
/// A record that belongs to a user and an org unit. The persistence layer filters every query of such a
/// record by the current user's data scope, so no page can forget it.
/// </summary>
public interface IDataScoped
{
    Guid? OwnerId { get; }

    int OrgUnitId { get; }
}
