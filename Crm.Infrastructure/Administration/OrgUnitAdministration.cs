using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Administration;

/// <summary>Changes to the org tree that need more than one unit loaded: adding below a parent, moving a subtree, deleting.</summary>
public sealed class OrgUnitAdministration(CrmDbContext db, ReferenceChecker references)
{
    public async Task<OrgUnit> AddChildAsync(int parentId, string name, OrgUnitKind kind, CancellationToken cancellationToken = default)
    {
        var parent = await db.OrgUnits.Include(o => o.Children).SingleOrDefaultAsync(o => o.Id == parentId, cancellationToken)
            ?? throw new DomainException("OrgUnit.NotFound");
        var child = parent.AddChild(name, kind);
        await db.SaveChangesAsync(cancellationToken);
        return child;
    }

    public async Task RenameAsync(int id, string name, Guid version, CancellationToken cancellationToken = default)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new DomainException("OrgUnit.NotFound");
        db.Entry(unit).Property(o => o.Version).OriginalValue = version;
        unit.Rename(name);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Loads the whole tree (it is small) so that the moved subtree's paths are all rewritten.</summary>
    public async Task MoveAsync(int id, int newParentId, CancellationToken cancellationToken = default)
    {
        var all = await db.OrgUnits.ToListAsync(cancellationToken);
        var unit = all.SingleOrDefault(o => o.Id == id) ?? throw new DomainException("OrgUnit.NotFound");
        var parent = all.SingleOrDefault(o => o.Id == newParentId) ?? throw new DomainException("OrgUnit.NotFound");
        unit.MoveUnder(parent);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new DomainException("OrgUnit.NotFound");
        if (unit.ParentId is null)
            throw new DomainException("OrgUnit.CannotDeleteRoot");
        var used = await references.FindAsync<OrgUnit>(id, cancellationToken);
        if (used.Count > 0)
            throw new DomainException("OrgUnit.InUse", unit.Name, used);
        db.OrgUnits.Remove(unit);
        await db.SaveChangesAsync(cancellationToken);
    }
}
