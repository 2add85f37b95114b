using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Bench.Generator;

/// <summary>
/// Creates the database exactly as the app does on its first start: the app's own DI registrations
/// (<c>AddCrmDatabase</c> + <c>AddCrmSeeding</c> + Identity core), then <see cref="DatabaseInitializer"/>
/// with <c>Demo:Seed=true</c> — migrations, roles, reference data (dictionary) and the demo accounts.
/// </summary>
internal static class Bootstrap
{
    public static async Task RunAsync(string dbPath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Sqlite"] = $"Data Source={Path.GetFullPath(dbPath)}",
                ["Demo:Seed"] = "true",
            })
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddCrmDatabase(configuration, Path.GetDirectoryName(Path.GetFullPath(dbPath))!);
        services.AddCrmSeeding();
        services.AddIdentityCore<CrmUser>()
            .AddRoles<CrmRole>()
            .AddEntityFrameworkStores<CrmDbContext>();

        await using var provider = services.BuildServiceProvider();
        await DatabaseInitializer.InitializeAsync(provider);
    }
}
