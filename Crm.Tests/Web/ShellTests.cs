using System.Net;
using Crm.Tests.Support;

namespace Crm.Tests.Web;

public sealed class ShellTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    [Fact]
    public async Task LanguageSwitchChangesThePageTextAndIsRemembered()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        Assert.Equal("你好，张伟", (await client.GetDocumentAsync("/")).Text("[data-testid=greeting]"));

        var response = await client.PostFormAsync("/Language/Set", new Dictionary<string, string>
        {
            ["culture"] = "en-US",
            ["returnUrl"] = "/",
        }, formPage: "/");
        var home = await client.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Hello, 张伟", home.Text("[data-testid=greeting]"));
        Assert.Equal("en-US", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Salesman", home.Text("[data-testid=roles]"));
    }

    [Fact]
    public async Task LanguageSwitchDoesNotRedirectOffSite()
    {
        var client = factory.NewClient();

        var response = await client.PostFormAsync("/Language/Set", new Dictionary<string, string>
        {
            ["culture"] = "en-US",
            ["returnUrl"] = "//evil.example/",
        }, formPage: "/Account/Login");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("en-GB,en;q=0.9", "Sign in", "en-US")]
    [InlineData("zh-Hans-CN,zh;q=0.9", "登录", "zh-CN")]
    [InlineData("fr-FR", "登录", "zh-CN")]
    public async Task BrowserLanguageDecidesWithoutACookie(string acceptLanguage, string heading, string lang)
    {
        var page = await factory.NewClient(acceptLanguage).GetDocumentAsync("/Account/Login");

        Assert.Equal(heading, page.Text("h1"));
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task ResponsesCarrySecurityHeadersAndAStrictScriptPolicy()
    {
        var response = await factory.NewClient().GetAsync("/Account/Login");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task PagesHaveNoInlineScriptsOrStyles()
    {
        var admin = await factory.SignInAsync("admin");
        var anonymous = factory.NewClient();
        var pages = new[] { (admin, "/"), (admin, "/Account/ChangePassword"), (admin, "/Admin/Audit"), (admin, "/Admin/Audit?From=x"),
            (admin, "/Error/404"), (anonymous, "/Account/Login"), (anonymous, "/Error/500") };
        foreach (var (client, url) in pages)
        {
            var page = await client.GetDocumentAsync(url);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("style"));
            var styled = page.QuerySelectorAll("[style]").Select(e => e.OuterHtml[..Math.Min(120, e.OuterHtml.Length)]).ToList();
            Assert.True(styled.Count == 0, $"inline style on {url}: " + string.Join(" | ", styled));
        }
    }

    [Fact]
    public async Task AuthCookieIsHttpOnly()
    {
        var client = factory.NewClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["UserName"] = "li.na",
            ["Password"] = "Demo@123456",
        });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("crm.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HealthEndpointsAnswerAnonymously()
    {
        var client = factory.NewClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownPageShowsALocalized404WithARequestId()
    {
        var client = await factory.SignInAsync("li.na", language: "en-US");

        var response = await client.GetAsync("/No/Such/Page");
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.Text("[data-testid=error-title]"));
        Assert.NotEmpty(page.Text("code"));
    }

    [Fact]
    public async Task StaticLibrariesAreServedWithoutSignIn()
    {
        var client = factory.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/bootstrap/css/bootstrap.min.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/bootstrap/js/bootstrap.bundle.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/bootstrap-icons/font/bootstrap-icons.min.css")).StatusCode);
    }
}
