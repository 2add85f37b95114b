using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>
/// The customer list's filters and sort as one query, shared by the list page and the export so that an
/// export holds exactly the rows the user filtered. The data scope applies through the DbContext.
/// </summary>
public sealed class CustomerListQuery(CrmDbContext db, ReferenceLists lists, UserClock userClock, ICurrentUser currentUser)
{
    public async Task<IQueryable<Customer>> FilterAsync(CustomerListFilter f, CancellationToken cancellationToken = default)
    {
        var query = db.Customers.AsNoTracking();

        // The data-scope filter still applies; for scope Own its own predicate is repeated in a form the
        // index (OwnerId, Id) can serve. The filter's generic shape (@all OR OwnerId = @user OR …) hides
        // that index from the planner: at 1,000,000 customers a salesman's page 1 took ~400 ms, mostly the
        // capped count scanning the table, against ~17 ms with the plain predicate (bench/results).
        if (currentUser.Scope == DataScope.Own && currentUser.UserId is { } me)
            query = query.Where(c => c.OwnerId == me);
        else if (currentUser.Scope == DataScope.OrgUnitSubtree && currentUser.User is { } user)
            query = await NarrowToSmallSubtreeAsync(query, user, cancellationToken);
        if (!string.IsNullOrWhiteSpace(f.Q))
            query = Search(query, f.Q.Trim());

        if (f.Status is { } status)
            query = query.Where(c => c.Status == status);
        else
            query = query.Where(c => c.Status != CustomerStatus.Archived);
        if (f.LevelId is { } level)
            query = query.Where(c => c.LevelId == level);
        if (f.RegionId is { } region)
            query = query.Where(c => c.RegionId == region);
        if (f.IndustryId is { } industry)
            query = query.Where(c => c.IndustryId == industry);
        if (f.InPool)
            query = query.Where(c => c.OwnerId == null);
        else if (f.OwnerId is { } owner)
            query = query.Where(c => c.OwnerId == owner);
        if (f.OrgUnitId is { } unitId
            && (await lists.OrgUnitsAsync(cancellationToken)).FirstOrDefault(o => o.Id == unitId)?.Path is { } path)
        {
            var (from, to) = Crm.Domain.Organization.OrgUnit.SubtreeRange(path);
            query = query.Where(c => db.OrgUnits.Any(o => o.Id == c.OrgUnitId && string.Compare(o.Path, from) >= 0 && string.Compare(o.Path, to) < 0));
        }

        if (f.CreatedFrom is { } createdFrom)
        {
            var start = userClock.StartOfDay(createdFrom);
            query = query.Where(c => c.CreatedAt >= start);
        }

        if (f.CreatedTo is { } createdTo)
        {
            var end = userClock.StartOfDay(createdTo.AddDays(1));
            query = query.Where(c => c.CreatedAt < end);
        }

        return query;
    }

    /// <summary>
    /// Scope "unit and below": the filter's EXISTS on the unit's path cannot use an index, so SQLite walks the
    /// customers in Id order and tests each. For a large subtree that is the best plan (at 1,000,000
    /// customers a company manager's page and capped count find their rows within the first tens of
    /// thousands). For a small one it reads the whole table to count fewer than 10,000 customers (~1.2 s
    /// for one team). There the scope is repeated as <c>OrgUnitId IN (the subtree's units) OR OwnerId = me</c>,
    /// which the (OrgUnitId, Id) index serves (~90 ms); for a large subtree the same predicate would make
    /// SQLite sort hundreds of thousands of rows, so it is left out. "Small" is judged from the cached org
    /// tree (the subtree holds under a tenth of the units); the unit ids themselves are read from the
    /// database, so a reorganisation on another instance never hides a customer.
    /// </summary>
    private async Task<IQueryable<Customer>> NarrowToSmallSubtreeAsync(IQueryable<Customer> query, UserContext user, CancellationToken cancellationToken)
    {
        var (from, to) = Crm.Domain.Organization.OrgUnit.SubtreeRange(user.OrgUnitPath);
        var tree = await lists.OrgUnitsAsync(cancellationToken);
        var inSubtree = tree.Count(o => string.CompareOrdinal(o.Path, from) >= 0 && string.CompareOrdinal(o.Path, to) < 0);
        if (inSubtree * 10 >= tree.Count)
            return query;
        var units = await db.OrgUnits.AsNoTracking()
            .Where(o => string.Compare(o.Path, from) >= 0 && string.Compare(o.Path, to) < 0)
            .Select(o => o.Id)
            .ToListAsync(cancellationToken);
        var me = user.UserId;
        return query.Where(c => units.Contains(c.OrgUnitId) || c.OwnerId == me);
    }

    /// <summary>
    /// What the search box holds decides the index: a customer code, a credit code or a phone number is
    /// looked up exactly on its index; free text searches customer and contact names ("contains") through
    /// the trigram indexes on SQLite (<see cref="CustomerTextSearch"/>; a scan on SQL Server and for one
    /// character). The three alternatives are written as <c>Id IN (…)</c> and an equality so that SQLite can
    /// serve each from an index. (An OR of all four kinds would scan the whole table for every search.)
    /// </summary>
    private IQueryable<Customer> Search(IQueryable<Customer> query, string q)
    {
        var upper = UnifiedSocialCreditCode.Normalize(q);
        if (upper.StartsWith(CustomerCodePrefix, StringComparison.Ordinal) && upper.Length > CustomerCodePrefix.Length && upper[CustomerCodePrefix.Length..].All(char.IsAsciiDigit))
            return query.Where(c => c.Code == upper);
        if (upper.Length == UnifiedSocialCreditCode.Length && upper.All(char.IsAsciiLetterOrDigit) && upper.Any(char.IsAsciiDigit))
            return query.Where(c => c.CreditCode == upper);
        if (q.All(ch => char.IsAsciiDigit(ch) || ch is '-' or ' ' or '+' or '(' or ')') && Customer.PhoneKeyOf(q) is { } phone)
            return query.Where(c => c.PhoneKey == phone);
        // Free text: the customer's name, or a contact's name; an exact code in another form (e.g. from a
        // legacy system) is matched too.
        var byContact = CustomerTextSearch.CustomersByContactName(db, q);
        return CustomerTextSearch.CustomerCandidates(db, q) is { } named
            ? query.Where(c => (named.Contains(c.Id) && c.Name.Contains(q)) || c.Code == upper || byContact.Contains(c.Id))
            : query.Where(c => c.Name.Contains(q) || c.Code == upper || byContact.Contains(c.Id));
    }

    private const string CustomerCodePrefix = CustomerService.CodePrefix;

    public static IQueryable<Customer> Sort(IQueryable<Customer> query, CustomerListFilter f) => (f.Sort?.ToLowerInvariant(), f.Descending) switch
    {
        ("name", false) => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
        ("name", true) => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
        ("code", false) => query.OrderBy(c => c.Code),
        ("code", true) => query.OrderByDescending(c => c.Code),
        ("lastinteraction", false) => query.OrderBy(c => c.LastInteractionAt).ThenBy(c => c.Id),
        ("lastinteraction", true) => query.OrderByDescending(c => c.LastInteractionAt).ThenByDescending(c => c.Id),
        ("created", false) => query.OrderBy(c => c.Id),
        _ => query.OrderByDescending(c => c.Id),
    };
}
