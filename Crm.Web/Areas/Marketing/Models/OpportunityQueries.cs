using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Marketing.Models;

/// <summary>An opportunity as other pages list it (customer 360, dashboard).</summary>
public sealed record OpportunitySummaryRow(
    int Id, string Summary, int CustomerId, string? Customer, OpportunityStatus Status, PipelineStage Stage, int Probability,
    decimal? ExpectedAmount, DateOnly? ExpectedCloseDate, string? Owner);

/// <summary>A development plan item waiting for its result (跟进), for the assignee's dashboard.</summary>
public sealed record PlanFollowUpRow(int OpportunityId, string Summary, string? Customer, int ItemId, DateOnly Date, string Content);

/// <summary>The opportunities tab of the customer 360: its rows and the customer they belong to.</summary>
public sealed record CustomerOpportunitiesViewModel(int CustomerId, IReadOnlyList<OpportunitySummaryRow> Rows);

/// <summary>
/// Opportunity queries reused outside the marketing pages. Every one reads through the data-scope filter
/// of the given context, so it returns only what its user may see.
/// </summary>
public static class OpportunityQueries
{
    /// <summary>The opportunities of one customer, open ones first, newest first.</summary>
    public static async Task<IReadOnlyList<OpportunitySummaryRow>> ForCustomerAsync(CrmDbContext db, int customerId, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await SummariesAsync(db, db.Opportunities.AsNoTracking().Where(o => o.CustomerId == customerId)
                .OrderBy(o => o.Status == OpportunityStatus.Won || o.Status == OpportunityStatus.Lost).ThenByDescending(o => o.Id)
                .Take(take), cancellationToken);
    }

    /// <summary>The user's open opportunities (assigned to them, or created by them and not yet assigned), closing soonest first.</summary>
    public static async Task<IReadOnlyList<OpportunitySummaryRow>> MyOpenAsync(CrmDbContext db, Guid userId, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await SummariesAsync(db, db.Opportunities.AsNoTracking()
                .Where(o => o.OwnerId == userId && o.Status != OpportunityStatus.Won && o.Status != OpportunityStatus.Lost)
                .OrderBy(o => o.ExpectedCloseDate == null).ThenBy(o => o.ExpectedCloseDate).ThenBy(o => o.Id)
                .Take(take), cancellationToken);
    }

    /// <summary>The plan items without a result dated on or before <paramref name="until"/> of the opportunities the user develops.</summary>
    public static async Task<IReadOnlyList<PlanFollowUpRow>> FollowUpsDueAsync(CrmDbContext db, Guid userId, DateOnly until, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Opportunities.AsNoTracking()
            .Where(o => o.AssignedTo == userId && o.Status == OpportunityStatus.Developing)
            .SelectMany(o => o.PlanItems.Where(i => i.Result == null && i.Date <= until), (o, i) => new { o.Id, o.Summary, o.CustomerId, ItemId = i.Id, i.Date, i.Content })
            .OrderBy(x => x.Date).ThenBy(x => x.ItemId)
            .Take(take)
            .ToListAsync(cancellationToken);
        var names = await CustomerNamesAsync(db, rows.Select(r => r.CustomerId), cancellationToken);
        return rows.Select(r => new PlanFollowUpRow(r.Id, r.Summary, names.GetValueOrDefault(r.CustomerId), r.ItemId, r.Date, r.Content)).ToList();
    }

    /// <summary>How many opportunities in the user's scope wait to be assigned.</summary>
    public static Task<int> UnassignedCountAsync(CrmDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Opportunities.CountAsync(o => o.Status == OpportunityStatus.Unassigned, cancellationToken);
    }

    /// <summary>
    /// The names of the customers that opportunities the user sees belong to. An opportunity the user
    /// sees is theirs to work on even when its customer is outside their scope (a prospect created by a
    /// colleague and then assigned to them): the customer is then named, never opened. This is a query of
    /// its own on purpose: ignoring a filter applies to a whole query, so joined into the opportunity query
    /// it would lift the opportunities' own scope as well. Pass only ids read through the scope filter.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, string>> CustomerNamesAsync(CrmDbContext db, IEnumerable<int> customerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = customerIds.Distinct().ToList();
        if (ids.Count == 0)
            return new Dictionary<int, string>();
        return await db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
    }

    /// <summary>The same as <see cref="CustomerNamesAsync"/>, for a caller that must stay synchronous (a spreadsheet writer pulling rows).</summary>
    public static IReadOnlyDictionary<int, string> CustomerNames(CrmDbContext db, IEnumerable<int> customerIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = customerIds.Distinct().ToList();
        if (ids.Count == 0)
            return new Dictionary<int, string>();
        return db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .ToDictionary(c => c.Id, c => c.Name);
    }

    private static async Task<IReadOnlyList<OpportunitySummaryRow>> SummariesAsync(CrmDbContext db, IQueryable<Opportunity> ordered, CancellationToken cancellationToken)
    {
        var rows = await ordered.Select(o => new OpportunitySummaryRow(
                o.Id, o.Summary, o.CustomerId, null, o.Status, o.Stage, o.Probability, o.ExpectedAmount, o.ExpectedCloseDate,
                db.Users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var names = await CustomerNamesAsync(db, rows.Select(r => r.CustomerId), cancellationToken);
        return rows.Select(r => r with { Customer = names.GetValueOrDefault(r.CustomerId) }).ToList();
    }
}
