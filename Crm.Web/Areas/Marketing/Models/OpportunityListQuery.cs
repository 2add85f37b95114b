using Crm.Domain.Marketing;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Marketing.Models;

/// <summary>
/// The opportunity list's view, filters and sort as one query, shared by the list and its export so that
/// an export holds exactly the rows the user filtered. The data scope applies through the DbContext.
/// </summary>
public static class OpportunityListQuery
{
    public static IQueryable<Opportunity> Filter(CrmDbContext db, Guid? me, OpportunityListFilter f)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var query = db.Opportunities.AsNoTracking();
        query = f.View switch
        {
            OpportunityListView.Mine => query.Where(o => o.CreatorId == me || o.AssignedTo == me),
            OpportunityListView.Unassigned => query.Where(o => o.Status == OpportunityStatus.Unassigned),
            _ => query,
        };

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            var upper = q.ToUpperInvariant();
            // Customers are matched within the user's own scope (see OpportunityQueries.CustomerNamesAsync for why not wider).
            query = query.Where(o => o.Summary.Contains(q)
                                     || db.Customers.Any(c => c.Id == o.CustomerId && (c.Name.Contains(q) || c.Code == upper)));
        }

        if (f.Status is { } status)
            query = query.Where(o => o.Status == status);
        if (f.Stage is { } stage)
            query = query.Where(o => o.Stage == stage);
        if (f.SourceId is { } source)
            query = query.Where(o => o.SourceId == source);
        if (f.CampaignId is { } campaign)
            query = query.Where(o => o.CampaignId == campaign);
        if (f.OwnerId is { } owner)
            query = query.Where(o => o.OwnerId == owner);
        if (f.CloseFrom is { } from)
            query = query.Where(o => o.ExpectedCloseDate >= from);
        if (f.CloseTo is { } to)
            query = query.Where(o => o.ExpectedCloseDate <= to);
        return query;
    }

    // Amounts sort as floating point: SQLite cannot order decimals, and a double keeps the order of money values.
    public static IQueryable<Opportunity> Sort(IQueryable<Opportunity> query, OpportunityListFilter f) => (f.Sort?.ToLowerInvariant(), f.Descending) switch
    {
        ("summary", false) => query.OrderBy(o => o.Summary).ThenBy(o => o.Id),
        ("summary", true) => query.OrderByDescending(o => o.Summary).ThenByDescending(o => o.Id),
        ("amount", false) => query.OrderBy(o => (double?)o.ExpectedAmount).ThenBy(o => o.Id),
        ("amount", true) => query.OrderByDescending(o => (double?)o.ExpectedAmount).ThenByDescending(o => o.Id),
        ("probability", false) => query.OrderBy(o => o.Probability).ThenBy(o => o.Id),
        ("probability", true) => query.OrderByDescending(o => o.Probability).ThenByDescending(o => o.Id),
        ("close", false) => query.OrderBy(o => o.ExpectedCloseDate == null).ThenBy(o => o.ExpectedCloseDate).ThenBy(o => o.Id),
        ("close", true) => query.OrderBy(o => o.ExpectedCloseDate == null).ThenByDescending(o => o.ExpectedCloseDate).ThenByDescending(o => o.Id),
        ("created", false) => query.OrderBy(o => o.Id),
        _ => query.OrderByDescending(o => o.Id),
    };

    /// <summary>
    /// The list rows, names of users, source and campaign resolved in the same statement; the customer's
    /// name is added afterwards by <see cref="WithCustomersAsync"/>.
    /// </summary>
    public static IQueryable<OpportunityRow> Rows(CrmDbContext db, IQueryable<Opportunity> ordered, bool chinese) =>
        ordered.Select(o => new OpportunityRow(
            o.Id, o.Summary, o.CustomerId, null,
            o.Status, o.Stage, o.Probability, o.ExpectedAmount, o.ExpectedCloseDate,
            db.DictionaryItems.Where(d => d.Id == o.SourceId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
            db.Campaigns.Where(c => c.Id == o.CampaignId).Select(c => c.Name).FirstOrDefault(),
            db.Users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Users.Where(u => u.Id == o.CreatorId).Select(u => u.DisplayName).FirstOrDefault(),
            o.CreatedAt, o.Version));

    public static async Task<IReadOnlyList<OpportunityRow>> WithCustomersAsync(CrmDbContext db, IReadOnlyList<OpportunityRow> rows, CancellationToken cancellationToken = default)
    {
        var names = await OpportunityQueries.CustomerNamesAsync(db, rows.Select(r => r.CustomerId), cancellationToken);
        return rows.Select(r => r with { Customer = names.GetValueOrDefault(r.CustomerId) }).ToList();
    }
}
