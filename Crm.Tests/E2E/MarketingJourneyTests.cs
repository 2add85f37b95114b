using System.Text.RegularExpressions;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Crm.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class MarketingJourneyTests(BrowserFixture browser, KestrelCrmFactory app)
    : IClassFixture<BrowserFixture>, IClassFixture<KestrelCrmFactory>
{
    private const string Prospect = "宁波北仑港智能装备有限公司";
    private const string Summary = "港口起重机远程监控系统";

    [Fact]
    public async Task AProspectsOpportunityIsAssignedDevelopedDraggedAlongThePipelineAndWon()
    {
        // zhang.wei records an opportunity for a company that is not a customer yet.
        var zhang = await NewPageAsync("zhang.wei");
        await zhang.GotoAsync("/Marketing/Opportunities");
        await zhang.GetByTestId("new-opportunity").ClickAsync();
        await zhang.GetByLabel("潜在客户名称").FillAsync(Prospect);
        await zhang.GetByLabel("概要").FillAsync(Summary);
        await zhang.GetByLabel("预计金额").FillAsync("480000");
        await zhang.GetByTestId("save").ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("opportunity-summary")).ToHaveTextAsync(Summary);
        await Assertions.Expect(zhang.GetByTestId("opportunity-status")).ToContainTextAsync("未指派");
        var url = new Uri(zhang.Url).AbsolutePath;
        Assert.Matches(new Regex(@"^/Marketing/Opportunities/Details/\d+$"), url);
        var id = url[(url.LastIndexOf('/') + 1)..];

        // manager.east assigns it to li.na.
        var manager = await NewPageAsync("manager.east");
        await manager.GotoAsync(url);
        await manager.GetByLabel("指派给").SelectOptionAsync(new SelectOptionValue { Label = "李娜 (li.na)" });
        await manager.GetByRole(AriaRole.Button, new() { Name = "指派", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.Locator(".alert-success")).ToContainTextAsync("李娜");
        await Assertions.Expect(manager.GetByTestId("assignee")).ToHaveTextAsync("李娜");

        // li.na starts development with a plan item.
        var li = await NewPageAsync("li.na");
        await li.GotoAsync(url);
        await li.GetByLabel("计划项", new() { Exact = true }).FillAsync("到码头现场调研设备状况");
        await li.GetByRole(AriaRole.Button, new() { Name = "开始开发" }).ClickAsync();
        await Assertions.Expect(li.GetByTestId("plan-content")).ToHaveTextAsync("到码头现场调研设备状况");
        await Assertions.Expect(li.GetByTestId("opportunity-status")).ToContainTextAsync("开发中");

        // On the board she drags the card from 初步接触 to 方案报价.
        await li.GotoAsync("/Marketing/Pipeline");
        var card = li.Locator($"[data-testid=cards-Initial] [data-testid=card][data-id='{id}']");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await DragAsync(li, card.GetByTestId("card-customer"), li.GetByTestId("cards-Proposal"));
        await Assertions.Expect(li.GetByTestId("pipeline-status")).ToContainTextAsync("方案报价");
        await Assertions.Expect(li.Locator($"[data-testid=cards-Proposal] [data-testid=card][data-id='{id}']")).ToBeVisibleAsync();

        // The move is in the stage history, and she marks it won.
        await li.GotoAsync(url);
        var latest = li.GetByTestId("stage-change").First;
        await Assertions.Expect(latest).ToContainTextAsync("初步接触");
        await Assertions.Expect(latest).ToContainTextAsync("方案报价");
        await Assertions.Expect(latest).ToContainTextAsync("李娜");
        await li.GetByRole(AriaRole.Button, new() { Name = "开发成功" }).ClickAsync();
        await Assertions.Expect(li.GetByTestId("won-panel")).ToBeVisibleAsync();
        await Assertions.Expect(li.GetByTestId("opportunity-status")).ToContainTextAsync("开发成功");

        // The prospect is now an active customer owned by li.na, and hers to open.
        var customer = await app.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Name == Prospect));
        var liId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "li.na").Select(u => u.Id).SingleAsync());
        Assert.Equal((CustomerStatus.Active, (Guid?)liId), (customer.Status, customer.OwnerId));
        var opportunity = await app.WithDbAsync(db => db.Opportunities.AsNoTracking().SingleAsync(o => o.Summary == Summary));
        Assert.Equal((OpportunityStatus.Won, PipelineStage.Won), (opportunity.Status, opportunity.Stage));
        await li.GetByTestId("customer-link").ClickAsync();
        await Assertions.Expect(li.GetByTestId("customer-name")).ToHaveTextAsync(Prospect);
        await Assertions.Expect(li.GetByTestId("owner")).ToHaveTextAsync("李娜");
    }

    [Fact]
    public async Task ADropTheServerRefusesPutsTheCardBackAndSaysWhy()
    {
        var o = await Crm.Tests.Web.Marketing.OpportunityWebData.AddOpportunityAsync(app, "zhang.wei", "未指派就想赢单");
        var zhang = await NewPageAsync("zhang.wei");
        await zhang.GotoAsync("/Marketing/Pipeline");
        var card = zhang.Locator($"[data-testid=card][data-id='{o.Id}']");

        await DragAsync(zhang, card.GetByTestId("card-customer"), zhang.GetByTestId("cards-Won"));

        await Assertions.Expect(zhang.GetByTestId("pipeline-status")).ToContainTextAsync("只有被指派的销售人员");
        await Assertions.Expect(zhang.Locator($"[data-testid=cards-Initial] [data-testid=card][data-id='{o.Id}']")).ToBeVisibleAsync();
        var saved = await app.WithDbAsync(db => db.Opportunities.AsNoTracking().SingleAsync(x => x.Id == o.Id));
        Assert.Equal((OpportunityStatus.Unassigned, PipelineStage.Initial), (saved.Status, saved.Stage));
    }

    /// <summary>
    /// A drag with real mouse steps: SortableJS starts on pointer down and needs moves in between to
    /// notice the drag and the column it is over.
    /// </summary>
    private static async Task DragAsync(IPage page, ILocator source, ILocator target)
    {
        // The demo data fills the columns: the window is tall enough to hold them, and the card is brought into view.
        await source.ScrollIntoViewIfNeededAsync();
        var from = (await source.BoundingBoxAsync())!;
        var to = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + (from.Width / 2), from.Y + (from.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(from.X + (from.Width / 2) + 10, from.Y + (from.Height / 2) + 10, new() { Steps = 5 });
        await page.Mouse.MoveAsync(to.X + (to.Width / 2), to.Y + 30, new() { Steps = 20 });
        await page.Mouse.MoveAsync(to.X + (to.Width / 2), to.Y + 40, new() { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    private async Task<IPage> NewPageAsync(string user)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN", ViewportSize = new() { Width = 1600, Height = 4000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Demo@123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();
        return page;
    }
}
