using Crm.Infrastructure.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Infrastructure.Persistence;

public static class DatabaseSetup
{
    public const string SqlServerMigrationsNamespace = "Crm.Infrastructure.Migrations.SqlServer";
    public const string SqliteMigrationsNamespace = "Crm.Infrastructure.Migrations.Sqlite";

    internal static void SqlServerOptions(SqlServerDbContextOptionsBuilder options) =>
        options.MigrationsAssembly(typeof(CrmDbContext).Assembly.GetName().Name);

    internal static void SqliteOptions(SqliteDbContextOptionsBuilder options) =>
        options.MigrationsAssembly(typeof(CrmDbContext).Assembly.GetName().Name);

    /// <summary>
    /// Registers the context of the configured provider. Whatever the provider, consumers ask for
    /// <see cref="CrmDbContext"/>; with SQLite that resolves to the <see cref="SqliteCrmDbContext"/>.
    /// </summary>
    public static IServiceCollection AddCrmDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<AuditingInterceptor>();
        services.AddMemoryCache();
        services.AddSingleton<ReferenceDataCache>();
        services.AddScoped<ReferenceDataChangeInterceptor>();
        services.AddScoped<ReferenceLists>();
        services.AddScoped<UserContextLoader>();
        services.AddScoped<ReferenceChecker>();
        services.AddScoped<CodeGenerator>();
        services.AddScoped<Customers.CustomerService>();
        services.AddScoped<Customers.ContactService>();
        services.AddScoped<Customers.InteractionService>();
        services.AddScoped<Customers.CustomerTaskService>();
        services.AddScoped<Customers.CustomerMergeService>();
        services.AddScoped<Customers.PoolService>().AddScoped<Customers.PoolRecycler>();
        services.AddScoped<Customers.ChurnService>();
        services.AddScoped<Sales.SalesNumbers>();
        services.AddScoped<Sales.OrderService>();
        services.AddScoped<Sales.ApprovalService>();
        services.AddScoped<Sales.ReturnService>();
        services.AddScoped<Marketing.OpportunityService>();
        services.AddScoped<Service.ServiceRequestService>().AddScoped<Service.KnowledgeArticleService>().AddScoped<Service.ServiceRequestQueries>();
        services.AddScoped<Service.ComplaintService>().AddScoped<Service.VisitService>().AddScoped<Service.ContractService>();
        Customers.ImportSetup.AddCustomerImports(services, configuration, contentRoot);
        services.AddScoped<Administration.UserAdministration>();
        services.AddScoped<Administration.RoleAdministration>();
        services.AddScoped<Administration.OrgUnitAdministration>();
        services.AddScoped<Sales.InventoryService>().AddScoped<Sales.ProductPricing>().AddScoped<Sales.ProductCategoryService>();

        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                var sqlServer = configuration.GetConnectionString("SqlServer")
                    ?? throw new InvalidOperationException("ConnectionStrings:SqlServer is required when Database:Provider is SqlServer.");
                services.AddDbContext<CrmDbContext>((sp, o) => o
                    .UseSqlServer(sqlServer, SqlServerOptions)
                    .ConfigureWarnings(CapCountsWithoutOrder)
                    .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>(), sp.GetRequiredService<ReferenceDataChangeInterceptor>()));
                break;

            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(configuration.GetConnectionString("Sqlite") ?? "Data Source=App_Data/crm.db", contentRoot);
                services.AddDbContext<SqliteCrmDbContext>((sp, o) => o
                    .UseSqlite(sqlite, SqliteOptions)
                    .ConfigureWarnings(CapCountsWithoutOrder)
                    .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>(), sp.GetRequiredService<ReferenceDataChangeInterceptor>()));
                services.AddScoped<CrmDbContext>(sp => sp.GetRequiredService<SqliteCrmDbContext>());
                break;

            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'.");
        }

        return services;
    }

    /// <summary>
    /// The capped count of a list page limits rows without ordering them on purpose (the count does not depend on
    /// order, and keeping the sort made SQLite walk the rows in order — PagingExtensions.Unordered); EF's warning
    /// about a limit without OrderBy is logged at Debug rather than on every list page. Pages themselves are always sorted.
    /// </summary>
    private static void CapCountsWithoutOrder(WarningsConfigurationBuilder warnings) =>
        warnings.Log((CoreEventId.RowLimitingOperationWithoutOrderByWarning, Microsoft.Extensions.Logging.LogLevel.Debug));

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    public static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.Combine(contentRoot, builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            builder.DataSource = Path.GetFullPath(path);
        }

        return builder.ToString();
    }
}
