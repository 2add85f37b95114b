using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Infrastructure.Seeding;

/// <summary>Brings the database up to date on start: migrations, built-in roles, then demo data or a first administrator.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentUser>().SetSystem();
        var options = sp.GetRequiredService<DatabaseOptions>();
        var configuration = sp.GetRequiredService<IConfiguration>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = sp.GetRequiredService<CrmDbContext>();

        if (options.Provider == DatabaseProvider.Sqlite || options.MigrateOnStartup)
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers proceed while one writer commits; it is a property of the file.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database migrated ({Provider})", options.Provider);
        }

        await sp.GetRequiredService<RoleSeeder>().SeedAsync(cancellationToken);
        await sp.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken);

        if (configuration.GetValue<bool>("Demo:Seed"))
            await sp.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        else
            await sp.GetRequiredService<AdministratorBootstrap>().EnsureAsync(cancellationToken);
    }

    public static IServiceCollection AddCrmSeeding(this IServiceCollection services)
    {
        services.AddScoped<RoleSeeder>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<AdministratorBootstrap>();
        return services;
    }
}
