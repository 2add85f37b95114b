using System.Text.RegularExpressions;
using Crm.Tests.Support;
using Microsoft.Playwright;

namespace Crm.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class SignInJourneyTests(BrowserFixture browser, KestrelCrmFactory app)
    : IClassFixture<BrowserFixture>, IClassFixture<KestrelCrmFactory>
{
    [Fact]
    public async Task SalesmanSignsInSeesTheChineseDashboardAndSwitchesToEnglish()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                errors.Add($"{response.Status} {response.Url}");
        };

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录");

        await page.GetByLabel("用户名").FillAsync("zhang.wei");
        await page.GetByLabel("密码").FillAsync("Demo@123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("greeting")).ToHaveTextAsync("你好，张伟");
        await Assertions.Expect(page.GetByTestId("org-unit")).ToHaveTextAsync("销售一组");
        await Assertions.Expect(page.GetByTestId("sidebar")).ToContainTextAsync("工作台");
        await Assertions.Expect(page.GetByTestId("sidebar")).Not.ToContainTextAsync("系统管理");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("greeting")).ToHaveTextAsync("Hello, 张伟");
        await Assertions.Expect(page.GetByTestId("sidebar")).ToContainTextAsync("Dashboard");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        Assert.True(errors.Count == 0, "console errors: " + string.Join(" | ", errors));
    }

    [Fact]
    public async Task OnAPhoneTheMenuButtonOpensTheSidebar()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync("li.na");
        await page.GetByLabel("密码").FillAsync("Demo@123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        var link = page.GetByTestId("sidebar").GetByRole(AriaRole.Link, new() { Name = "客户信息" });
        await Assertions.Expect(link).Not.ToBeVisibleAsync();

        await page.GetByTestId("menu-toggle").ClickAsync();

        await Assertions.Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Customers/Customers$"));
    }
}
