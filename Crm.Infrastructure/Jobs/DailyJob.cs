using Crm.Infrastructure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Infrastructure.Jobs;

/// <summary>
/// A background job that looks every hour whether today's run is due and runs it as the system, in a
/// fresh scope; <see cref="JobLeaseStore"/> makes one instance of several do it. <c>Jobs:Enabled=false</c>
/// turns all jobs off (tests call the runners directly).
/// </summary>
public abstract class DailyJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Lets the application finish starting (migrations, seeding) before the first look.</summary>
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    private readonly string _holder = Holder($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    /// <summary>Runs today's work if due; <paramref name="holder"/> names this instance for the lease.</summary>
    protected abstract Task RunIfDueAsync(IServiceProvider services, string holder, CancellationToken cancellationToken);

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
            await RunIfDueAsync(scope.ServiceProvider, _holder, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed run is retried at the next tick; the job itself must not stop the host.
            logger.LogError(e, "{Job} failed.", GetType().Name);
        }
    }
}
