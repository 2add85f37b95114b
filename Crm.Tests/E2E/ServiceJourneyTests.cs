using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Domain.Service;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Crm.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class ServiceJourneyTests(BrowserFixture browser, KestrelCrmFactory app)
    : IClassFixture<BrowserFixture>, IClassFixture<KestrelCrmFactory>
{
    [Fact]
    public async Task AComplaintIsAssignedHandledSentBackHandledAgainArchivedAndTheOwnerIsRemindedToVisit()
    {
        var customerId = await app.WithDbAsync(db => SalesArrange.CustomerAsync(db, "zhang.wei", "E2E 服务客户"));

        // zhang.wei: a complaint for his customer.
        var zhang = await NewPageAsync("zhang.wei");
        await zhang.GotoAsync($"/Service/Requests/Create?customerId={customerId}");
        await zhang.GetByLabel("服务类型").SelectOptionAsync(new SelectOptionValue { Label = "投诉" });
        await zhang.GetByLabel("请求摘要").FillAsync("E2E 设备频繁死机");
        await zhang.GetByTestId("save-request").ClickAsync();
        await Assertions.Expect(zhang.Locator(".alert-success")).ToContainTextAsync("已创建");
        var requestUrl = new Uri(zhang.Url).AbsolutePath;
        Assert.Matches(new Regex(@"^/Service/Requests/Details/\d+$"), requestUrl);
        var id = int.Parse(requestUrl.Split('/')[^1], CultureInfo.InvariantCulture);

        // manager.east: assigns it to li.na.
        var manager = await NewPageAsync("manager.east");
        await manager.GotoAsync(requestUrl);
        await manager.GetByLabel("处理人").SelectOptionAsync(new SelectOptionValue { Label = "李娜 (li.na)" });
        await manager.GetByTestId("assign").ClickAsync();
        await Assertions.Expect(manager.GetByTestId("request-handler")).ToHaveTextAsync("李娜");

        // li.na: finds it in her queue and handles it.
        var li = await NewPageAsync("li.na");
        await li.GotoAsync("/Service/Requests?view=mine");
        await li.GetByTestId("request-row").Filter(new() { HasText = "E2E 设备频繁死机" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await HandleAsync(li, "远程重启并升级固件");

        // zhang.wei: the customer is not satisfied (2) — back to li.na.
        await FeedbackAsync(zhang, requestUrl, "仍然死机", "2");
        await Assertions.Expect(zhang.Locator(".alert-success")).ToContainTextAsync("已退回处理人");
        await Assertions.Expect(zhang.GetByTestId("request-status")).ToHaveTextAsync("已分配");

        // li.na handles again; zhang.wei records 5 and archives.
        await li.GotoAsync(requestUrl);
        await HandleAsync(li, "上门更换主板");
        await FeedbackAsync(zhang, requestUrl, "已恢复正常", "5");
        await zhang.GetByTestId("archive").ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("request-status")).ToHaveTextAsync("已归档");

        // The owner (zhang.wei) has the return-visit reminder.
        await zhang.GotoAsync("/Reminders?tab=Upcoming");
        await Assertions.Expect(zhang.GetByTestId("reminder-link").Filter(new() { HasText = "E2E 服务客户" })).ToHaveCountAsync(1);

        var request = await app.WithDbAsync(db => db.ServiceRequests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == id));
        Assert.Equal((ServiceRequestStatus.Archived, 5), (request.Status, request.Satisfaction));
        Assert.True(await app.WithDbAsync(db => db.ReturnVisits.AnyAsync(v => v.ServiceRequestId == id && v.Status == ReturnVisitStatus.Planned)));
    }

    private static async Task HandleAsync(IPage page, string handling)
    {
        await page.GetByLabel("处理情况").FillAsync(handling);
        await page.GetByLabel("耗时（分钟）").FillAsync("30");
        await page.GetByTestId("handle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("request-status")).ToHaveTextAsync("已处理");
    }

    private static async Task FeedbackAsync(IPage page, string url, string result, string satisfaction)
    {
        await page.GotoAsync(url);
        await page.GetByLabel("客户反馈结果").FillAsync(result);
        await page.GetByLabel("满意度").SelectOptionAsync(satisfaction);
        await page.GetByTestId("feedback").ClickAsync();
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
