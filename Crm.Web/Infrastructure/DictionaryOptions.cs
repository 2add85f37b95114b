using System.Globalization;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Infrastructure;

/// <summary>
/// Dropdown options from the data dictionary in the user's language: the active items of a category in
/// their order, plus the record's current item even when it has since been deactivated. The items come
/// from <see cref="ReferenceLists"/> (briefly cached per instance); <see cref="IsValidAsync"/> asks the database.
/// </summary>
public sealed class DictionaryOptions(CrmDbContext db, ReferenceLists lists)
{
    public async Task<IReadOnlyList<SelectListItem>> ForAsync(string category, int? selectedId = null, CancellationToken cancellationToken = default)
    {
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        return (await lists.DictionaryAsync(category, cancellationToken))
            .Where(d => d.IsActive || d.Id == selectedId)
            .Select(d => new SelectListItem(chinese ? d.NameZh : d.NameEn, d.Id.ToString(CultureInfo.InvariantCulture), d.Id == selectedId))
            .ToList();
    }

    /// <summary>
    /// Whether an id posted for a category is acceptable: empty, or an item of that category that is
    /// active — or the record's current item, which may have been deactivated since.
    /// </summary>
    public async Task<bool> IsValidAsync(string category, int? id, int? currentId = null, CancellationToken cancellationToken = default) =>
        id is null || await db.DictionaryItems.AnyAsync(d => d.Id == id && d.Category == category && (d.IsActive || d.Id == currentId), cancellationToken);

    /// <summary>The display name of one item, active or not.</summary>
    public async Task<string?> NameAsync(int? id, CancellationToken cancellationToken = default)
    {
        if (id is null)
            return null;
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        return await db.DictionaryItems.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => chinese ? d.NameZh : d.NameEn)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
