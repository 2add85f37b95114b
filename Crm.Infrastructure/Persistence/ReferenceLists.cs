using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Persistence;

/// <summary>An item of the data dictionary as dropdowns need it.</summary>
public sealed record DictionaryEntry(int Id, string NameZh, string NameEn, bool IsActive);

/// <summary>An org unit as pickers and subtree filters need it.</summary>
public sealed record OrgUnitEntry(int Id, string Name, string Path);

/// <summary>
/// The dictionary and the org tree through the <see cref="ReferenceDataCache"/>: read once per instance and
/// lifetime instead of once per page. For display and filtering only; checks of posted values query the
/// database.
/// </summary>
public sealed class ReferenceLists(CrmDbContext db, ReferenceDataCache cache)
{
    /// <summary>Every item of a category, active or not, in its display order.</summary>
    public Task<IReadOnlyList<DictionaryEntry>> DictionaryAsync(string category, CancellationToken cancellationToken = default) =>
        cache.GetAsync<IReadOnlyList<DictionaryEntry>>("dictionary:" + category, async ct =>
            await db.DictionaryItems.AsNoTracking()
                .Where(d => d.Category == category)
                .OrderBy(d => d.SortOrder).ThenBy(d => d.Id)
                .Select(d => new DictionaryEntry(d.Id, d.NameZh, d.NameEn, d.IsActive))
                .ToListAsync(ct), cancellationToken);

    /// <summary>The whole org tree in path order (a parent before its children).</summary>
    public Task<IReadOnlyList<OrgUnitEntry>> OrgUnitsAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync<IReadOnlyList<OrgUnitEntry>>("orgunits", async ct =>
            await db.OrgUnits.AsNoTracking()
                .OrderBy(o => o.Path)
                .Select(o => new OrgUnitEntry(o.Id, o.Name, o.Path))
                .ToListAsync(ct), cancellationToken);
}
