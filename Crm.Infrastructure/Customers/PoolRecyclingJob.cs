using Crm.Infrastructure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// Checks every hour whether today's pool recycling has run, and runs it through <see cref="PoolRecycler"/>
/// when it has not; the database lease makes one instance of several do it. <c>Jobs:Enabled=false</c>
/// turns it off (tests call the recycler directly).
/// </summary>
public sealed class PoolRecyclingJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<PoolRecyclingJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Lets the application finish starting (migrations, seeding) before the first look.</summary>
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    private readonly string _holder = Holder($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Jobs:Enabled", true))
            return;
        try
        {
            await Task.Delay(FirstDelay, clock, stoppingToken);
            using var timer = new PeriodicTimer(Interval, clock);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static string Holder(string name) =>
        name.Length <= Crm.Domain.Common.JobLease.HolderMaxLength ? name : name[^Crm.Domain.Common.JobLease.HolderMaxLength..];

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
            await scope.ServiceProvider.GetRequiredService<PoolRecycler>().RunIfDueAsync(_holder, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed run is retried at the next tick; the job itself must not stop the host.
            logger.LogError(e, "Pool recycling failed.");
        }
    }
}
