using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Tests.Support;
using Microsoft.Playwright;

namespace Crm.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class CustomerJourneyTests(BrowserFixture browser, KestrelCrmFactory app)
    : IClassFixture<BrowserFixture>, IClassFixture<KestrelCrmFactory>
{
    private const string Name = "杭州西溪智联科技有限公司";

    [Fact]
    public async Task SalesmanRecordsACustomerWithFollowUpAnotherCannotSeeItAndTheManagerReassignsIt()
    {
        // zhang.wei: a customer, its contact, an interaction with a follow-up tomorrow at 09:00 (Beijing).
        var zhang = await NewPageAsync("zhang.wei");
        await zhang.GotoAsync("/Customers/Customers");
        await zhang.GetByTestId("new-customer").ClickAsync();
        await zhang.GetByLabel("客户名称").FillAsync(Name);
        await zhang.GetByLabel("电话", new() { Exact = true }).FillAsync("0571-88661234");
        await zhang.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("customer-name")).ToHaveTextAsync(Name);
        var customerUrl = new Uri(zhang.Url).AbsolutePath;
        Assert.Matches(new Regex(@"^/Customers/Customers/Details/\d+$"), customerUrl);

        await zhang.GetByTestId("tab-contacts").ClickAsync();
        await zhang.GetByTestId("add-contact").ClickAsync();
        await zhang.GetByLabel("姓名").FillAsync("钱晓峰");
        await zhang.GetByLabel("职务").FillAsync("采购经理");
        await zhang.GetByLabel("手机").FillAsync("13857001234");
        await zhang.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("pane-contacts")).ToContainTextAsync("钱晓峰");

        await zhang.GotoAsync(customerUrl);
        await zhang.GetByTestId("tab-interactions").ClickAsync();
        await zhang.GetByTestId("add-interaction").ClickAsync();
        var tomorrow = DateTime.UtcNow.AddHours(8).Date.AddDays(1).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        await zhang.GetByLabel("概要").FillAsync("电话沟通年度采购需求");
        await zhang.GetByLabel("下一步计划").FillAsync("发送产品报价");
        await zhang.GetByLabel("跟进日期").FillAsync(tomorrow);
        await zhang.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("pane-interactions")).ToContainTextAsync("电话沟通年度采购需求");

        await zhang.GotoAsync("/Reminders?tab=Upcoming");
        var reminder = zhang.GetByTestId("reminder").Filter(new() { HasText = Name });
        await Assertions.Expect(reminder).ToHaveCountAsync(1);
        await Assertions.Expect(reminder.GetByTestId("reminder-due")).ToContainTextAsync(tomorrow.Replace('T', ' '));

        // li.na, in the same team: the customer does not exist for her.
        var li = await NewPageAsync("li.na");
        var refused = await li.GotoAsync(customerUrl);
        Assert.Equal(404, refused!.Status);
        await li.GotoAsync("/Customers/Customers?Q=" + Uri.EscapeDataString("西溪智联"));
        await Assertions.Expect(li.GetByTestId("empty-state")).ToBeVisibleAsync();

        // manager.east sees it and gives it to li.na, who now has it.
        var manager = await NewPageAsync("manager.east");
        await manager.GotoAsync(customerUrl);
        await Assertions.Expect(manager.GetByTestId("customer-name")).ToHaveTextAsync(Name);
        await manager.GetByLabel("转交给").SelectOptionAsync(new SelectOptionValue { Label = "李娜 (li.na)" });
        await manager.GetByRole(AriaRole.Button, new() { Name = "转交", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.Locator(".alert-success")).ToContainTextAsync("已转给 李娜");
        await Assertions.Expect(manager.GetByTestId("owner")).ToHaveTextAsync("李娜");

        var now = await li.GotoAsync(customerUrl);
        Assert.Equal(200, now!.Status);
        await li.GetByTestId("tab-contacts").ClickAsync();
        await Assertions.Expect(li.GetByTestId("pane-contacts")).ToContainTextAsync("钱晓峰");
    }

    private async Task<IPage> NewPageAsync(string user)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Demo@123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();
        return page;
    }
}
