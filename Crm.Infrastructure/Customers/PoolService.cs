using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Crm.Infrastructure.Customers;

/// <summary>What the current user holds against the pool caps of the settings.</summary>
public sealed record PoolCaps(int Owned, int MaxOwned, int ClaimedToday, int DailyLimit)
{
    public bool CanClaim => Owned < MaxOwned && ClaimedToday < DailyLimit;
}

/// <summary>The outcome of claiming one customer: the name it has, or the refusal to show.</summary>
public sealed record PoolClaimResult(int CustomerId, string? Name, DomainException? Refusal)
{
    public bool Claimed => Refusal is null;
}

/// <summary>What the current user may do with one customer regarding the pool (the customer page's buttons).</summary>
public sealed record PoolActions(int CustomerId, bool CanRelease, bool CanClaim);

/// <summary>
/// The public pool (公海): who sees which unowned customers, and claiming, releasing and assigning them.
/// <para>
/// Visibility is decided here and nowhere else. A user whose data scope is "own" (a salesperson) would see
/// no unowned customer at all through the data-scope filter, so for them the filter is lifted on purpose
/// and replaced by the pool rule: the unowned customers of their <b>company</b> — the nearest ancestor of
/// their org unit of kind <see cref="OrgUnitKind.Company"/>, or the root when there is none. Users with a
/// wider scope (managers: their unit's subtree; administrators: all) see the unowned customers of their
/// data scope, through the ordinary filter.
/// </para>
/// </summary>
public sealed class PoolService(CrmDbContext db, CustomerService customers, ICurrentUser currentUser, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>Unowned, non-archived customers the current user may claim.</summary>
    public async Task<IQueryable<Customer>> PoolAsync(CancellationToken cancellationToken = default) =>
        (await ReachAsync(cancellationToken)).Where(c => c.OwnerId == null && c.Status != CustomerStatus.Archived);

    /// <summary>The company whose pool a salesperson sees; null for users who see the pool of their data scope.</summary>
    public async Task<OrgUnit?> CompanyAsync(CancellationToken cancellationToken = default)
    {
        var me = currentUser.User;
        if (me is null || me.Scope != DataScope.Own)
            return null;
        var ancestors = Enumerable.Range(1, me.OrgUnitPath.Length / OrgUnit.SegmentLength)
            .Select(depth => me.OrgUnitPath[..(depth * OrgUnit.SegmentLength)])
            .ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(o => ancestors.Contains(o.Path)).ToListAsync(cancellationToken);
        return units.Where(o => o.Kind == OrgUnitKind.Company).MaxBy(o => o.Path.Length)
            ?? units.MinBy(o => o.Path.Length);
    }

    public async Task<PoolCaps> CapsAsync(CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new InvalidOperationException("The pool needs a signed-in user.");
        var settings = await db.SystemSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? SystemSettings.Defaults();
        var owned = await db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter])
            .CountAsync(c => c.OwnerId == me && c.Status != CustomerStatus.Archived, cancellationToken);
        var startOfToday = PoolCalendar.StartOfToday(clock.GetUtcNow(), PoolCalendar.Zone(configuration));
        var claimed = await db.Set<CustomerPoolEvent>()
            .CountAsync(e => e.Kind == PoolEventKind.Claim && e.ToUserId == me && e.At >= startOfToday, cancellationToken);
        return new PoolCaps(owned, settings.PoolMaxCustomersPerUser, claimed, settings.PoolDailyClaimLimit);
    }

    /// <summary>
    /// The pool buttons for a customer the current user can already see, from its owner and status (no
    /// query). Seeing it means it is in the user's data scope: for scope Own that is always one of their own
    /// customers, and for wider scopes an unowned one is in the pool they may claim from.
    /// </summary>
    public PoolActions ActionsFor(int customerId, Guid? ownerId, CustomerStatus status)
    {
        var me = currentUser.UserId;
        if (me is null || status == CustomerStatus.Archived || !currentUser.HasPermission(Permissions.Customers.Pool))
            return new PoolActions(customerId, false, false);
        return new PoolActions(customerId, ownerId == me, ownerId is null);
    }

    /// <summary>
    /// Claims one customer within the caps. The claim is saved against the customer's version, so when
    /// two users claim it at once the second is refused with "someone claimed it first".
    /// </summary>
    /// <returns>null when the customer is not in the user's pool reach at all (answer 404).</returns>
    public async Task<PoolClaimResult?> ClaimAsync(int customerId, CancellationToken cancellationToken = default)
    {
        var me = currentUser.User ?? throw new InvalidOperationException("The pool needs a signed-in user.");
        var customer = await (await ReachAsync(cancellationToken)).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
            return null;
        try
        {
            if (customer.OwnerId == me.UserId)
                throw new DomainException("Pool.AlreadyYours");
            if (customer.OwnerId is not null)
                throw new DomainException("Pool.ClaimedByOther");
            var caps = await CapsAsync(cancellationToken);
            if (caps.Owned >= caps.MaxOwned)
                throw new DomainException("Pool.MaxOwnedReached", caps.MaxOwned, caps.Owned);
            if (caps.ClaimedToday >= caps.DailyLimit)
                throw new DomainException("Pool.DailyLimitReached", caps.DailyLimit);

            customer.Claim(me.UserId, clock.GetUtcNow());
            // The claimer's team now answers for the customer. Customer.Claim does not take the unit
            // (a model change, reported), so it is set here, where the claim is made.
            db.Entry(customer).Property(c => c.OrgUnitId).CurrentValue = me.OrgUnitId;
            await db.SaveChangesAsync(cancellationToken);
            return new PoolClaimResult(customer.Id, customer.Name, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new PoolClaimResult(customer.Id, customer.Name, new DomainException("Pool.ClaimedByOther"));
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return new PoolClaimResult(customer.Id, customer.Name, e);
        }
    }

    /// <summary>The owner puts one of their customers into the pool.</summary>
    /// <returns>null when the customer is not one the current user owns (answer 404).</returns>
    public async Task<Customer?> ReleaseAsync(int customerId, string? reason, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new InvalidOperationException("The pool needs a signed-in user.");
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId && c.OwnerId == me, cancellationToken);
        if (customer is null)
            return null;
        customer.ReleaseToPool(me, clock.GetUtcNow(), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return customer;
    }

    /// <summary>
    /// A manager gives a pool customer to an assignable owner; it moves to that person's org unit. The
    /// caps bind what salespeople take themselves, not what a manager decides.
    /// </summary>
    /// <returns>null when the customer is not in the manager's pool (answer 404).</returns>
    public async Task<Customer?> AssignAsync(int customerId, Guid ownerId, string? reason, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new InvalidOperationException("The pool needs a signed-in user.");
        var customer = await (await PoolAsync(cancellationToken)).AsTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
            return null;
        var owner = await customers.AssignableOwners().Where(u => u.Id == ownerId).Select(u => new { u.Id, u.OrgUnitId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Customers.OwnerNotAllowed");
        customer.AssignTo(owner.Id, owner.OrgUnitId, me, clock.GetUtcNow(), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException("Pool.ClaimedByOther");
        }

        return customer;
    }

    /// <summary>Every customer, owned or not, in the reach of the user's pool (used to tell "taken" from "absent").</summary>
    private async Task<IQueryable<Customer>> ReachAsync(CancellationToken cancellationToken)
    {
        if (currentUser.User is null)
            return db.Customers.Where(_ => false);
        var company = await CompanyAsync(cancellationToken);
        if (company is null)
            return db.Customers;
        var (from, to) = OrgUnit.SubtreeRange(company.Path);
        return db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter])
            .Where(c => db.OrgUnits.Any(o => o.Id == c.OrgUnitId && string.Compare(o.Path, from) >= 0 && string.Compare(o.Path, to) < 0));
    }
}

/// <summary>The organisation's calendar day for the pool (same setting <c>App:TimeZone</c> as the web's UserClock).</summary>
public static class PoolCalendar
{
    public static TimeZoneInfo Zone(IConfiguration configuration) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(configuration["App:TimeZone"] ?? "Asia/Shanghai", out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The UTC instant at which the local day containing <paramref name="now"/> started.</summary>
    public static DateTimeOffset StartOfToday(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The UTC instant at which a local calendar day starts.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
