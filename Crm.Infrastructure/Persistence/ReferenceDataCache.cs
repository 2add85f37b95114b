using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// Short-lived copies, per web instance, of the reference lists that most pages show and few people change:
/// the data dictionary, the org tree, the people a manager may give customers to. Several instances may run
/// behind a load balancer, so nothing kept here is the truth: an entry lives <see cref="Lifetime"/> at most,
/// and this instance forgets every entry as soon as it saves a change to one of the source tables
/// (<see cref="ReferenceDataChangeInterceptor"/>). A change saved by another instance shows here within the
/// lifetime. What is cached only fills dropdowns; every posted choice is still checked against the database,
/// so a stale option is refused, never stored.
/// </summary>
public sealed class ReferenceDataCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // Part of every key: a local change starts a new generation, and what was cached before is never read again.
    private long _generation;

    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken = default)
        where T : class
    {
        // Taken before loading: a change saved while loading makes this entry unreachable at once.
        var entryKey = (Interlocked.Read(ref _generation), key);
        if (cache.TryGetValue(entryKey, out T? value) && value is not null)
            return value;
        value = await load(cancellationToken);
        cache.Set(entryKey, value, Lifetime);
        return value;
    }

    public void Invalidate() => Interlocked.Increment(ref _generation);
}

/// <summary>Tells the <see cref="ReferenceDataCache"/> of this instance when a save touched a table it copies.</summary>
public sealed class ReferenceDataChangeInterceptor(ReferenceDataCache cache) : SaveChangesInterceptor
{
    private bool _changed;

    private static bool IsReferenceData(object entity) =>
        entity is DictionaryItem or OrgUnit or CrmUser or CrmRole or IdentityUserRole<Guid> or IdentityRoleClaim<Guid>;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Flush();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush();
        return Task.CompletedTask;
    }

    // Or-ed, not assigned: the audit log's own save nests inside the outer one and must not hide its changes.
    private void Note(DbContext? context) =>
        _changed |= context is not null && context.ChangeTracker.Entries()
            .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsReferenceData(e.Entity));

    private void Flush()
    {
        if (!_changed)
            return;
        _changed = false;
        cache.Invalidate();
    }
}
