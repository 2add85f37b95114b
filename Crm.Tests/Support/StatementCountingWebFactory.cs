using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Support;

/// <summary>The app with a <see cref="StatementCounter"/> on its DbContext, to count a page's database round trips.</summary>
public sealed class StatementCountingWebFactory : CrmWebFactory
{
    public StatementCounter Statements => Services.GetRequiredService<StatementCounter>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<StatementCounter>();
            services.ConfigureDbContext<SqliteCrmDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<StatementCounter>()));
        });
    }

    /// <summary>The statements one GET of <paramref name="url"/> sends (after a first GET, so that nothing is counted that happens once).</summary>
    public async Task<IReadOnlyList<string>> StatementsOfAsync(HttpClient client, string url)
    {
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        Statements.Clear();
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        return Statements.For(url);
    }
}
