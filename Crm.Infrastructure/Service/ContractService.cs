using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Infrastructure.Jobs;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crm.Infrastructure.Service;

/// <summary>
/// 服务合同: numbering and the daily renewal reminder — one reminder to the customer's owner once a contract
/// is within <see cref="SystemSettings.ContractRenewalReminderDays"/> of its end. The contract remembers that
/// the reminder went out (<see cref="ServiceContract.MarkRenewalReminderSent"/>), so a second run the same day
/// or any later day sends nothing more; a new end date arms it again.
/// </summary>
public sealed class ContractService(CrmDbContext db, TimeProvider clock, IConfiguration configuration, ILogger<ContractService>? logger = null)
{
    public const string LeaseName = "ContractRenewal";
    public const string ReminderSource = "ServiceContract";
    public const int BatchSize = 100;

    private readonly ILogger _logger = logger ?? NullLogger<ContractService>.Instance;

    public static string LinkOf(int contractId) => $"/Service/Contracts/Details/{contractId}";

    /// <summary>The next contract number (HT = 合同), from its own sequence.</summary>
    public async Task<string> NextNumberAsync(CancellationToken cancellationToken = default) =>
        CodeGenerator.Format("HT", await new CodeGenerator(db).ReserveAsync("ServiceContract", 1, cancellationToken));

    public Task<bool> RunIfDueAsync(string holder, CancellationToken cancellationToken = default) =>
        new JobLeaseStore(db, clock, configuration).RunDailyAsync(LeaseName, holder, async ct =>
        {
            var sent = await SendRenewalRemindersAsync(ct);
            _logger.LogInformation("Contract renewal reminded of {Count} contracts.", sent);
        }, cancellationToken);

    /// <summary>
    /// Reminds the owners of the contracts whose renewal reminder is due today (the organisation's day, see
    /// <see cref="ServiceCalendar"/>) and marks them
    /// sent in the same save. Contracts of customers without an owner (in the pool) wait until someone owns
    /// them. Runs on a system-scoped context; returns how many reminders were created.
    /// </summary>
    public async Task<int> SendRenewalRemindersAsync(CancellationToken cancellationToken = default)
    {
        var settings = await db.SystemSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? SystemSettings.Defaults();
        var days = settings.ContractRenewalReminderDays;
        var now = clock.GetUtcNow();
        var today = ServiceCalendar.DayOf(now, configuration);
        var horizon = today.AddDays(days);
        var candidates = db.ServiceContracts.IgnoreQueryFilters([CrmDbContext.DataScopeFilter])
            .Where(c => c.RenewalReminderSentAt == null && c.EndDate >= today && c.EndDate <= horizon);

        var sent = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await candidates.Where(c => c.Id > lastId).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            lastId = batch[^1].Id;
            var customerIds = batch.Select(c => c.CustomerId).Distinct().ToList();
            var customers = await db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AsNoTracking()
                .Where(c => customerIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Name, c.OwnerId })
                .ToDictionaryAsync(c => c.Id, cancellationToken);
            foreach (var contract in batch.Where(c => c.RenewalReminderDue(today, days)))
            {
                if (!customers.TryGetValue(contract.CustomerId, out var customer) || customer.OwnerId is not { } owner)
                    continue;
                contract.MarkRenewalReminderSent(now);
                db.Reminders.Add(new Reminder(owner,
                    ReminderTitles.ContractRenewal(customer.Name, contract.Number, contract.EndDate),
                    now, LinkOf(contract.Id),
                    sourceType: ReminderSource, sourceKey: contract.Id.ToString(CultureInfo.InvariantCulture)));
                sent++;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A contract of the batch was edited meanwhile; nothing of the batch was saved, tomorrow's run retries it.
                _logger.LogWarning("Contract renewal skipped a batch after contract {FirstId} that changed during the run.", batch[0].Id);
                sent -= db.ChangeTracker.Entries<Reminder>().Count(e => e.State == EntityState.Added);
            }

            db.ChangeTracker.Clear();
        }

        return sent;
    }
}

/// <summary>Runs the contract renewal reminders once a day through <see cref="ContractService"/>.</summary>
public sealed class ContractRenewalJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ContractRenewalJob> logger)
    : DailyJob(scopes, configuration, clock, logger)
{
    protected override Task RunIfDueAsync(IServiceProvider services, string holder, CancellationToken cancellationToken) =>
        services.GetRequiredService<ContractService>().RunIfDueAsync(holder, cancellationToken);
}
