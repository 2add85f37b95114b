using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Crm.Tests.Support;

/// <summary>
/// Headless Chromium for the browser tests. Finds a browser by itself so that the README's single test
/// command works on a new machine: <c>CRM_CHROMIUM</c> if set, else Debian's <c>/usr/bin/chromium</c>, else
/// Playwright's own download (which needs the internet). Without any, the tests fail saying how to get one.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        var executable = FindChromium();
        if (executable is null && Microsoft.Playwright.Program.Main(["install", "chromium"]) != 0)
        {
            throw new InvalidOperationException(
                "No Chromium for the browser tests. Install one (Debian/Ubuntu: `apt-get install -y chromium`) " +
                "or point CRM_CHROMIUM at a Chromium/Chrome executable.");
        }

        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Flags,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable("CRM_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"CRM_CHROMIUM points at '{configured}', which does not exist.");
        }

        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
    }
}

/// <summary>The app on a real Kestrel socket (loopback, free port) for the browser.</summary>
public sealed class KestrelCrmFactory : CrmWebFactory
{
    public KestrelCrmFactory()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public string BaseUrl
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            return addresses.First().TrimEnd('/');
        }
    }
}
