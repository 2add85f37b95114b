using System.Net;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Tests.Support;

/// <summary>The real app on a fresh SQLite file with the demo data, one per test class.</summary>
public class CrmWebFactory : WebApplicationFactory<Program>
{
    private readonly string _dbPath = TestDatabase.NewPath();

    /// <summary>How many demo orders the database is seeded with: fewer than a first start's, for speed.</summary>
    protected virtual int DemoOrders => 300;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={_dbPath}");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Orders", DemoOrders.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Configuration rules outrank SetMinimumLevel: keep the hosts quiet in test output.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware", "Warning");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each answer.</summary>
    public HttpClient NewClient(string? language = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (language is not null)
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public async Task<HttpClient> SignInAsync(string userName, string password = Crm.Infrastructure.Seeding.DemoSeeder.Password, string? language = null)
    {
        var client = NewClient(language);
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>A system-scoped DbContext on the app's database, to arrange or assert what it holds.</summary>
    public async Task<T> WithDbAsync<T>(Func<CrmDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await action(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TestDatabase.Delete(_dbPath);
    }
}
