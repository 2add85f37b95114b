using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Customers;

public enum DuplicateReason
{
    CreditCode,
    Phone,
    Name,
}

/// <param name="Visible">Whether the current user may open it; otherwise only its existence is told.</param>
public sealed record DuplicateMatch(int Id, string Code, string Name, DuplicateReason Reason, bool Visible);

/// <summary>A person a customer can be given to, as owner pickers show them.</summary>
public sealed record OwnerEntry(Guid Id, string DisplayName, string UserName);

/// <summary>Rules about customers that reach beyond one customer: codes, duplicates, ownership targets.</summary>
public sealed class CustomerService(CrmDbContext db, CodeGenerator codes, ICurrentUser currentUser, TimeProvider clock, ReferenceDataCache cache)
{
    public const string CodeSequence = "Customer";
    public const string CodePrefix = "KH";

    public async Task<Customer> CreateAsync(CustomerProfile profile, Guid? ownerId, int orgUnitId, CancellationToken cancellationToken = default)
    {
        var number = await codes.ReserveAsync(CodeSequence, 1, cancellationToken);
        var customer = new Customer(CodeGenerator.Format(CodePrefix, number), profile, orgUnitId, ownerId, clock.GetUtcNow());
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        return customer;
    }

    /// <summary>
    /// Customers that look like the same one, by credit code first, then phone, then normalized name —
    /// across every data scope, so two salespeople do not both create the same company.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateMatch>> FindDuplicatesAsync(CustomerProfile profile, int? exceptId = null, CancellationToken cancellationToken = default)
    {
        var creditCode = string.IsNullOrWhiteSpace(profile.CreditCode) ? null : UnifiedSocialCreditCode.Normalize(profile.CreditCode);
        var phoneKey = Customer.PhoneKeyOf(profile.Phone);
        var nameKey = CustomerNameNormalizer.Normalize(profile.Name);
        if (creditCode is null && phoneKey is null && nameKey.Length == 0)
            return [];

        var candidates = await db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter])
            .AsNoTracking()
            .Where(c => c.Id != exceptId)
            .Where(c => (creditCode != null && c.CreditCode == creditCode)
                        || (phoneKey != null && c.PhoneKey == phoneKey)
                        || (nameKey != string.Empty && c.NormalizedName == nameKey))
            .OrderBy(c => c.Id)
            .Take(10)
            .Select(c => new { c.Id, c.Code, c.Name, c.CreditCode, c.PhoneKey, c.NormalizedName })
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
            return [];

        var ids = candidates.Select(c => c.Id).ToList();
        var visible = (await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        return candidates
            .Select(c => new DuplicateMatch(c.Id, c.Code, c.Name,
                creditCode != null && c.CreditCode == creditCode ? DuplicateReason.CreditCode
                : phoneKey != null && c.PhoneKey == phoneKey ? DuplicateReason.Phone
                : DuplicateReason.Name,
                visible.Contains(c.Id)))
            .OrderBy(m => m.Reason)
            .ToList();
    }

    /// <summary>Who the current user may make owner of a customer: themself, or with assign rights anyone active in their scope.</summary>
    public IQueryable<CrmUser> AssignableOwners()
    {
        var users = db.Users.AsNoTracking().Where(u => u.IsActive);
        var me = currentUser.User;
        if (me is null)
            return users.Where(_ => false);
        if (!currentUser.HasPermission(Crm.Domain.Organization.Permissions.Customers.Assign) || me.Scope == DataScope.Own)
            return users.Where(u => u.Id == me.UserId);
        if (me.Scope == DataScope.All)
            return users;
        var (from, to) = Crm.Domain.Organization.OrgUnit.SubtreeRange(me.OrgUnitPath);
        return users.Where(u => db.OrgUnits.Any(o => o.Id == u.OrgUnitId && string.Compare(o.Path, from) >= 0 && string.Compare(o.Path, to) < 0));
    }

    /// <summary>
    /// <see cref="AssignableOwners"/> as an ordered list for pickers, kept in the <see cref="ReferenceDataCache"/>
    /// per data scope (it depends on nothing else). Without assign rights it is the user alone, from the
    /// request's user context. Posted owners are still checked with <see cref="AssignableOwners"/>.
    /// </summary>
    public async Task<IReadOnlyList<OwnerEntry>> AssignableOwnerListAsync(CancellationToken cancellationToken = default)
    {
        var me = currentUser.User;
        if (me is null)
            return [];
        if (!currentUser.HasPermission(Crm.Domain.Organization.Permissions.Customers.Assign) || me.Scope == DataScope.Own)
            return [new OwnerEntry(me.UserId, me.DisplayName, me.UserName)];
        var key = me.Scope == DataScope.All ? "owners:all" : "owners:" + me.OrgUnitPath;
        return await cache.GetAsync<IReadOnlyList<OwnerEntry>>(key, async ct =>
            await AssignableOwners().OrderBy(u => u.DisplayName)
                .Select(u => new OwnerEntry(u.Id, u.DisplayName, u.UserName ?? string.Empty))
                .ToListAsync(ct), cancellationToken);
    }
}
