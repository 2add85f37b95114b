using Crm.Domain.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// Runs queued imports in the background, one at a time per instance. Every instance may run a worker:
/// <see cref="CustomerImporter.RunAsync"/> claims a job with one conditional UPDATE, so a job runs once.
/// Each job runs as the user who uploaded it. Off with <c>Jobs:Enabled=false</c> (tests, or instances
/// that should serve pages only); <c>Jobs:ImportPollSeconds</c> sets the polling interval (default 2).
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Jobs:Enabled", true))
            return;
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Jobs:ImportPollSeconds", 2)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The import worker failed; it retries at the next poll");
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <returns>Whether a queued job was found (run here or taken by another instance).</returns>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var currentUser = services.GetRequiredService<CurrentUser>();
        currentUser.SetSystem();
        var db = services.GetRequiredService<CrmDbContext>();
        var next = await db.ImportJobs.AsNoTracking()
            .Where(j => j.Status == ImportStatus.Queued)
            .OrderBy(j => j.Id)
            .Select(j => new { j.Id, j.UserId })
            .FirstOrDefaultAsync(cancellationToken);
        if (next is null)
            return false;

        var user = await services.GetRequiredService<UserContextLoader>().LoadAsync(next.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            var job = await db.ImportJobs.SingleAsync(j => j.Id == next.Id, cancellationToken);
            job.Fail(ImportMessages.Encode("Import.UserInactive"), TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        currentUser.Set(user.Context);
        await services.GetRequiredService<CustomerImporter>().RunAsync(next.Id, cancellationToken);
        return true;
    }
}
