using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Jobs;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// The pool's recycling rules (回收公海), run once a day on one instance. Works on a system-scoped
/// context: the caller (the hosted job, or a test) marks the current user as the system.
/// </summary>
public sealed class PoolRecycler(CrmDbContext db, TimeProvider clock, IConfiguration configuration, ILogger<PoolRecycler>? logger = null)
{
    public const string LeaseName = "PoolRecycling";
    public const string ReminderSource = "PoolRecycle";
    public const int BatchSize = 100;

    private readonly ILogger _logger = logger ?? NullLogger<PoolRecycler>.Instance;

    /// <summary>Runs the rules when no run completed today (organisation's day) and this instance gets the lease.</summary>
    /// <returns>Whether this instance ran.</returns>
    public Task<bool> RunIfDueAsync(string holder, CancellationToken cancellationToken = default) =>
        new JobLeaseStore(db, clock, configuration).RunDailyAsync(LeaseName, holder, async ct =>
        {
            var recycled = await RecycleAsync(ct);
            _logger.LogInformation("Pool recycling returned {Count} customers to the pool.", recycled);
        }, cancellationToken);

    /// <summary>Takes the job's lease (see <see cref="JobLeaseStore"/>).</summary>
    public Task<bool> TryAcquireLeaseAsync(string holder, CancellationToken cancellationToken = default) =>
        new JobLeaseStore(db, clock, configuration).TryAcquireAsync(LeaseName, holder, cancellationToken);

    /// <summary>
    /// Returns to the pool every owned, non-archived customer with no interaction for N days (counting
    /// from creation when there never was one), or — only when it has ordered before — no order for M
    /// months; 0 turns a rule off. Each goes through <see cref="Customer.Recycle"/> (kept in the history)
    /// and the former owner gets a reminder.
    /// </summary>
    public async Task<int> RecycleAsync(CancellationToken cancellationToken = default)
    {
        var settings = await db.SystemSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? SystemSettings.Defaults();
        var days = settings.PoolRecycleDaysWithoutInteraction;
        var months = settings.PoolRecycleMonthsWithoutOrder;
        if (days <= 0 && months <= 0)
            return 0;

        var now = clock.GetUtcNow();
        var byDays = days > 0;
        var byMonths = months > 0;
        var interactionCutoff = now.AddDays(-days);
        var orderCutoff = now.AddMonths(-months);
        var candidates = db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter])
            .Where(c => c.OwnerId != null && c.Status != CustomerStatus.Archived)
            .Where(c => (byDays && (c.LastInteractionAt ?? c.CreatedAt) < interactionCutoff)
                        || (byMonths && c.LastOrderAt != null && c.LastOrderAt < orderCutoff));

        var recycled = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await candidates.Where(c => c.Id > lastId).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            lastId = batch[^1].Id;
            foreach (var customer in batch)
            {
                var reasons = new List<string>(2);
                int? byDaysReason = null, byMonthsReason = null;
                if (byDays && (customer.LastInteractionAt ?? customer.CreatedAt) < interactionCutoff)
                {
                    reasons.Add($"{days} 天无交往记录");
                    byDaysReason = days;
                }

                if (byMonths && customer.LastOrderAt is { } lastOrder && lastOrder < orderCutoff)
                {
                    reasons.Add($"{months} 个月无订单");
                    byMonthsReason = months;
                }

                var reason = string.Join("；", reasons);
                var formerOwner = customer.OwnerId!.Value;
                customer.Recycle(now, reason);
                db.Reminders.Add(new Reminder(
                    formerOwner, ReminderTitles.PoolRecycled(customer.Name, byDaysReason, byMonthsReason), now,
                    url: "/Customers/Pool?q=" + Uri.EscapeDataString(customer.Code),
                    sourceType: ReminderSource, sourceKey: customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                recycled += batch.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed one of these customers meanwhile; the batch waits for tomorrow's run.
                _logger.LogWarning("Pool recycling skipped a batch after customer {FirstId} that changed during the run.", batch[0].Id);
            }

            db.ChangeTracker.Clear();
        }

        return recycled;
    }
}
