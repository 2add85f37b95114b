using Crm.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Infrastructure.Customers;

/// <summary>Runs the pool's recycling rules once a day through <see cref="PoolRecycler"/>.</summary>
public sealed class PoolRecyclingJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<PoolRecyclingJob> logger)
    : DailyJob(scopes, configuration, clock, logger)
{
    protected override Task RunIfDueAsync(IServiceProvider services, string holder, CancellationToken cancellationToken) =>
        services.GetRequiredService<PoolRecycler>().RunIfDueAsync(holder, cancellationToken);
}
