using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Jobs;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// 客户流失管理 (SPEC §2.2): the daily detection of customers without an order for the configured months,
/// retention measures, and a manager's confirmation. Recovery by a new order is done where orders are
/// confirmed (<see cref="Sales.OrderService"/>).
/// </summary>
public sealed class ChurnService(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock, IConfiguration configuration, ILogger<ChurnService>? logger = null)
{
    public const string LeaseName = "ChurnDetection";
    public const string ReminderSource = "ChurnWarning";
    public const int BatchSize = 100;

    private readonly ILogger _logger = logger ?? NullLogger<ChurnService>.Instance;

    public static string LinkOf(int warningId) => $"/Customers/Churn/Details/{warningId}";

    public Task<bool> RunIfDueAsync(string holder, CancellationToken cancellationToken = default) =>
        new JobLeaseStore(db, clock, configuration).RunDailyAsync(LeaseName, holder, async ct =>
        {
            var warned = await DetectAsync(ct);
            _logger.LogInformation("Churn detection warned of {Count} customers.", warned);
        }, cancellationToken);

    /// <summary>
    /// Flags every active customer whose last order is at least the configured months ago (流失预警):
    /// the customer's status becomes ChurnWarning, a warning record opens, and its owner gets a reminder.
    /// Runs on a system-scoped context.
    /// </summary>
    public async Task<int> DetectAsync(CancellationToken cancellationToken = default)
    {
        var settings = await db.SystemSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? SystemSettings.Defaults();
        var months = settings.ChurnThresholdMonths;
        var now = clock.GetUtcNow();
        // A loose bound for the index (month ends differ by up to three days); IsDue decides exactly.
        var cutoff = now.AddMonths(-months).AddDays(3);
        var candidates = db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter])
            .Where(c => c.Status == CustomerStatus.Active && c.LastOrderAt != null && c.LastOrderAt <= cutoff);

        var warned = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await candidates.Where(c => c.Id > lastId).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            lastId = batch[^1].Id;
            var warnings = new List<(Customer Customer, ChurnWarning Warning)>();
            foreach (var customer in batch.Where(c => ChurnWarning.IsDue(c.LastOrderAt, months, now)))
            {
                customer.WarnOfChurn();
                var warning = new ChurnWarning(customer.Id, customer.LastOrderAt, months, now);
                db.ChurnWarnings.Add(warning);
                warnings.Add((customer, warning));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                foreach (var (customer, warning) in warnings.Where(w => w.Customer.OwnerId is not null))
                {
                    db.Reminders.Add(new Reminder(customer.OwnerId!.Value,
                        ReminderTitles.ChurnWarning(customer.Name, months), now, LinkOf(warning.Id),
                        sourceType: ReminderSource, sourceKey: warning.Id.ToString(CultureInfo.InvariantCulture)));
                }

                await db.SaveChangesAsync(cancellationToken);
                warned += warnings.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed one of these customers meanwhile; the batch waits for tomorrow's run.
                _logger.LogWarning("Churn detection skipped a batch after customer {FirstId} that changed during the run.", batch[0].Id);
            }

            db.ChangeTracker.Clear();
        }

        return warned;
    }

    /// <summary>The owner (or a manager) records a retention measure on an open warning.</summary>
    public async Task AddMeasureAsync(ChurnWarning warning, DateOnly date, string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user records measures.");
        warning.AddMeasure(date, content, by, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>确认流失: a manager closes the warning with a reason and the customer becomes Churned.</summary>
    public async Task ConfirmAsync(ChurnWarning warning, int reasonId, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user confirms churn.");
        var customer = await db.Customers.FirstAsync(c => c.Id == warning.CustomerId, cancellationToken);
        var now = clock.GetUtcNow();
        warning.Confirm(reasonId, note, by, now);
        customer.ConfirmChurn();
        var key = warning.Id.ToString(CultureInfo.InvariantCulture);
        foreach (var reminder in await db.Reminders.Where(r => r.SourceType == ReminderSource && r.SourceKey == key && r.Status == ReminderStatus.Open).ToListAsync(cancellationToken))
            reminder.MarkDone(now);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Runs the churn detection once a day through <see cref="ChurnService"/>.</summary>
public sealed class ChurnDetectionJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ChurnDetectionJob> logger)
    : DailyJob(scopes, configuration, clock, logger)
{
    protected override Task RunIfDueAsync(IServiceProvider services, string holder, CancellationToken cancellationToken) =>
        services.GetRequiredService<ChurnService>().RunIfDueAsync(holder, cancellationToken);
}
