using System.Globalization;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Marketing.Models;

/// <summary>Dropdown options shared by the opportunity list, form and pipeline board.</summary>
public static class OpportunityOptions
{
    /// <summary>How many campaigns a dropdown offers: the newest ones, plus the one already chosen.</summary>
    public const int CampaignLimit = 200;

    public static async Task<IReadOnlyList<SelectListItem>> CampaignsAsync(CrmDbContext db, int? selected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Campaigns.AsNoTracking()
            .Where(c => c.Status != CampaignStatus.Cancelled || c.Id == selected)
            .OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id)
            .Take(CampaignLimit)
            .Select(c => new { c.Id, c.Name })
            .ToListAsync(cancellationToken);
        if (selected is { } id && rows.All(c => c.Id != id))
            rows.AddRange(await db.Campaigns.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken));
        return rows.Select(c => new SelectListItem(c.Name, c.Id.ToString(CultureInfo.InvariantCulture), c.Id == selected)).ToList();
    }

    /// <summary>The people who own at least one opportunity the user sees: the owner filter of lists and the board.</summary>
    public static async Task<IReadOnlyList<SelectListItem>> OwnersAsync(CrmDbContext db, Guid? selected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visible = db.Opportunities;
        return (await db.Users.AsNoTracking()
                .Where(u => visible.Any(o => o.OwnerId == u.Id))
                .OrderBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName, u.UserName })
                .ToListAsync(cancellationToken))
            .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString(), u.Id == selected))
            .ToList();
    }
}
