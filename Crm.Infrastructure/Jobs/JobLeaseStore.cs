using Crm.Domain.Common;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Crm.Infrastructure.Jobs;

/// <summary>
/// Daily jobs run once across instances: a job runs when no run completed today (the organisation's
/// day) and this instance holds the job's lease row. Taking the lease is one conditional UPDATE (only
/// an expired lease changes hands) or the INSERT of the row, so the database decides between instances.
/// </summary>
public sealed class JobLeaseStore(CrmDbContext db, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>Long enough for a run over a large archive; a crashed holder's lease frees itself after it.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    /// <summary>Runs <paramref name="run"/> when due and the lease is ours; marks the day done when it succeeds.</summary>
    /// <returns>Whether this instance ran.</returns>
    public async Task<bool> RunDailyAsync(string name, string holder, Func<CancellationToken, Task> run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!await IsDueAsync(name, cancellationToken) || !await TryAcquireAsync(name, holder, cancellationToken))
            return false;
        try
        {
            // Another instance may have completed a run between the first look and taking the lease.
            if (!await IsDueAsync(name, cancellationToken))
                return false;
            await run(cancellationToken);
            var now = clock.GetUtcNow();
            await db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastCompletedAt, now), cancellationToken);
            return true;
        }
        finally
        {
            await ReleaseAsync(name, holder);
        }
    }

    public async Task<bool> TryAcquireAsync(string name, string holder, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var until = now + LeaseDuration;
        var taken = await db.JobLeases.Where(l => l.Name == name && l.ExpiresAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
            return true;
        if (await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == name, cancellationToken))
            return false;
        db.JobLeases.Add(new JobLease(name, holder, until));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The other instance inserted it first.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<bool> IsDueAsync(string name, CancellationToken cancellationToken)
    {
        var last = await db.JobLeases.AsNoTracking().Where(l => l.Name == name).Select(l => l.LastCompletedAt).SingleOrDefaultAsync(cancellationToken);
        return last is null || last < PoolCalendar.StartOfToday(clock.GetUtcNow(), PoolCalendar.Zone(configuration));
    }

    private async Task ReleaseAsync(string name, string holder)
    {
        var now = clock.GetUtcNow();
        await db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), CancellationToken.None);
    }
}
