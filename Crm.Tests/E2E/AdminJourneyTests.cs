using System.Text.RegularExpressions;
using Crm.Tests.Support;
using Microsoft.Playwright;

namespace Crm.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class AdminJourneyTests(BrowserFixture browser, KestrelCrmFactory app)
    : IClassFixture<BrowserFixture>, IClassFixture<KestrelCrmFactory>
{
    [Fact]
    public async Task AdministratorCreatesACustomersOnlyRoleAndAUserWhoSeesOnlyTheCustomerMenu()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "admin", "Demo@123456");

        // A role with scope Own…
        await page.GotoAsync("/Admin/Roles");
        await page.GetByTestId("create-role").ClickAsync();
        await page.GetByLabel("角色名称").FillAsync("客服代表");
        await page.GetByLabel("数据范围").SelectOptionAsync(new SelectOptionValue { Label = "本人" });
        await page.GetByLabel("说明").FillAsync("只处理自己负责的客户");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("客服代表");

        // …granted only customer permissions in the matrix…
        await page.GotoAsync("/Admin/Roles/Permissions");
        foreach (var permission in new[] { "查看客户", "新建客户", "编辑客户" })
            await page.GetByLabel($"客服代表: {permission}", new() { Exact = true }).CheckAsync();
        await page.GetByTestId("save-matrix").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("权限矩阵已保存");

        // …and a user holding it.
        await page.GotoAsync("/Admin/Users/Create");
        await page.GetByLabel("用户名").FillAsync("kefu.zhou");
        await page.GetByLabel("姓名").FillAsync("周敏");
        var team = await page.Locator("#OrgUnitId option", new() { HasText = "销售一组" }).GetAttributeAsync("value");
        await page.Locator("#OrgUnitId").SelectOptionAsync(team!);
        await page.GetByLabel("客服代表", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("初始密码").FillAsync("Kefu@2026zm");
        await page.GetByLabel("确认密码").FillAsync("Kefu@2026zm");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("kefu.zhou");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        // The new user sees the customer menu and nothing of system management.
        await SignInAsync(page, "kefu.zhou", "Kefu@2026zm");
        await Assertions.Expect(page.GetByTestId("greeting")).ToHaveTextAsync("你好，周敏");
        var sidebar = page.GetByTestId("sidebar");
        await Assertions.Expect(sidebar).ToContainTextAsync("客户管理");
        await Assertions.Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "客户信息" })).ToBeVisibleAsync();
        await Assertions.Expect(sidebar).Not.ToContainTextAsync("系统管理");
        await Assertions.Expect(sidebar).Not.ToContainTextAsync("公海");

        // Scope Own: no customer of anybody else's.
        await sidebar.GetByRole(AriaRole.Link, new() { Name = "客户信息" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("没有符合条件的客户");

        var denied = await page.GotoAsync("/Admin/Users");
        Assert.Equal(403, denied!.Status);
        await Assertions.Expect(page.GetByTestId("error-title")).ToHaveTextAsync("无权访问");
    }

    private static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
    }
}
