using System.Net;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Marketing;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Marketing;

/// <summary>The opportunity pages per role and data scope: lists, form, assignment, development plan, won and lost.</summary>
public sealed class OpportunityPagesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static string[] Summaries(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("[data-testid=opportunity-summary]").Select(a => a.TextContent.Trim()).ToArray();

    private async Task<string[]> ListAsync(string user, string q, string view = "All")
    {
        var client = await factory.SignInAsync(user, language: "zh-CN");
        return Summaries(await client.GetDocumentAsync($"/Marketing/Opportunities?view={view}&Q={Uri.EscapeDataString(q)}"));
    }

    private static string Version(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("input[name=version], input[name=Version]")?.GetAttribute("value") ?? throw new InvalidOperationException("no version on the page");

    [Fact]
    public async Task ASalesmanSeesOnlyWhatHeCreatedOrIsAssignedAManagerHisSubtree()
    {
        await factory.AddOpportunityAsync("zhang.wei", "列表甲 张伟自建");
        await factory.AddOpportunityAsync("manager.east", "列表乙 指派给张伟", customerOf: "li.na", assignee: "zhang.wei");
        await factory.AddOpportunityAsync("li.na", "列表丙 李娜自建");
        await factory.AddOpportunityAsync("manager.east", "列表丁 指派给李娜", customerOf: "zhang.wei", assignee: "li.na");
        await factory.AddOpportunityAsync("wang.fang", "列表戊 华北");

        Assert.Equal(["列表乙 指派给张伟", "列表甲 张伟自建"], (await ListAsync("zhang.wei", "列表")).Order());
        Assert.Equal(["列表乙 指派给张伟", "列表甲 张伟自建"], (await ListAsync("zhang.wei", "列表", "Mine")).Order());
        Assert.Equal(["列表丁 指派给李娜", "列表丙 李娜自建"], (await ListAsync("li.na", "列表")).Order());
        Assert.Equal(["列表丁 指派给李娜", "列表丙 李娜自建", "列表乙 指派给张伟", "列表甲 张伟自建"], (await ListAsync("manager.east", "列表")).Order());
        Assert.Equal(["列表戊 华北"], await ListAsync("manager.north", "列表"));
        Assert.Equal(5, (await ListAsync("admin", "列表")).Length);
    }

    [Fact]
    public async Task TheUnassignedListIsOfferedToManagersWithBulkAssignment()
    {
        await factory.AddOpportunityAsync("zhang.wei", "待指派 一");
        await factory.AddOpportunityAsync("zhang.wei", "待指派 二", assignee: "zhang.wei");
        var salesman = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");

        Assert.Null((await salesman.GetDocumentAsync("/Marketing/Opportunities")).QuerySelector("[data-testid=view-unassigned]"));
        var page = await manager.GetDocumentAsync("/Marketing/Opportunities?view=Unassigned&Q=" + Uri.EscapeDataString("待指派"));
        Assert.Equal(["待指派 一"], Summaries(page));
        Assert.NotNull(page.QuerySelector("[data-testid=bulk-assign] select[name=salesmanId] option"));
    }

    [Fact]
    public async Task SearchFindsByCustomerNameAndFiltersNarrowTheList()
    {
        var customerName = await factory.WithDbAsync(db => db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhao.lei")).OrderBy(c => c.Id).Select(c => c.Name).FirstAsync());
        var close = new DateOnly(2031, 6, 15);
        await factory.AddOpportunityAsync("zhao.lei", "筛选 赵磊的机会", amount: 12_000m, close: close, stage: PipelineStage.Proposal);

        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        Assert.Contains("筛选 赵磊的机会", Summaries(await manager.GetDocumentAsync("/Marketing/Opportunities?view=All&Q=" + Uri.EscapeDataString(customerName))));
        Assert.Equal(["筛选 赵磊的机会"], Summaries(await manager.GetDocumentAsync("/Marketing/Opportunities?view=All&Stage=Proposal&CloseFrom=2031-06-01&CloseTo=2031-06-30")));
        Assert.Empty(Summaries(await manager.GetDocumentAsync("/Marketing/Opportunities?view=All&Stage=Negotiation&CloseFrom=2031-06-01&CloseTo=2031-06-30")));
        var sorted = await manager.GetDocumentAsync("/Marketing/Opportunities?view=All&sort=amount&dir=desc");
        Assert.NotEmpty(Summaries(sorted));
    }

    [Fact]
    public async Task AnOpportunityOutsideTheScopeAnswers404ToPagesAndPosts()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "范围 张伟的机会");
        var li = await factory.SignInAsync("li.na");
        var north = await factory.SignInAsync("manager.north");
        var east = await factory.SignInAsync("manager.east");

        Assert.Equal(HttpStatusCode.NotFound, (await li.GetAsync($"/Marketing/Opportunities/Details/{o.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"/Marketing/Opportunities/Details/{o.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await east.GetAsync($"/Marketing/Opportunities/Details/{o.Id}")).StatusCode);

        var version = o.Version.ToString();
        var wang = await factory.UserAsync("wang.fang");
        Assert.Equal(HttpStatusCode.NotFound, (await li.PostFormAsync($"/Marketing/Opportunities/Edit/{o.Id}", new Dictionary<string, string> { ["Summary"] = "越权修改", ["Version"] = version }, "/Marketing/Opportunities/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await north.PostFormAsync($"/Marketing/Opportunities/Assign/{o.Id}", new Dictionary<string, string> { ["salesmanId"] = wang.Id.ToString(), ["version"] = version }, "/Marketing/Opportunities/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await li.PostFormAsync($"/Marketing/Opportunities/Lose/{o.Id}", new Dictionary<string, string> { ["reasonId"] = "1", ["version"] = version }, "/Marketing/Opportunities/Create")).StatusCode);

        var saved = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal(("范围 张伟的机会", OpportunityStatus.Unassigned, o.Version), (saved.Summary, saved.Status, saved.Version));
    }

    [Fact]
    public async Task CreatingForAProspectNameMakesAProspectCustomerOfTheCreator()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var source = await factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == DictionaryCategories.Source).Select(d => d.Id).FirstAsync());

        var response = await client.PostFormAsync("/Marketing/Opportunities/Create", new Dictionary<string, string>
        {
            ["ProspectName"] = "合肥新站光电科技有限公司",
            ["Summary"] = "光电产线 MES 升级",
            ["SourceId"] = source.ToString(),
            ["ContactName"] = "周敏",
            ["ContactPhone"] = "0551-65001234",
            ["ExpectedAmount"] = "360000",
            ["ExpectedCloseDate"] = "2031-09-30",
            ["Probability"] = "",
        }, "/Marketing/Opportunities/Create");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var zhang = await factory.UserAsync("zhang.wei");
        var saved = await factory.WithDbAsync(db => db.Opportunities.AsNoTracking().SingleAsync(o => o.Summary == "光电产线 MES 升级"));
        var customer = await factory.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == saved.CustomerId));
        Assert.Equal(("合肥新站光电科技有限公司", CustomerStatus.Prospect, (Guid?)zhang.Id), (customer.Name, customer.Status, customer.OwnerId));
        Assert.Equal((OpportunityStatus.Unassigned, zhang.Id, (int?)source, "周敏", (decimal?)360_000m, (DateOnly?)new DateOnly(2031, 9, 30)),
            (saved.Status, saved.CreatorId, saved.SourceId, saved.ContactName, saved.ExpectedAmount, saved.ExpectedCloseDate));
        var details = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("光电产线 MES 升级", details.Text("[data-testid=opportunity-summary]"));
        Assert.Equal("合肥新站光电科技有限公司", details.Text("[data-testid=customer-link]"));
        Assert.Contains("未指派", details.Text("[data-testid=opportunity-status]"));
        Assert.Contains("初步接触", details.Text("[data-testid=stage-history]"));
    }

    [Fact]
    public async Task CreatingForAnExistingCustomerTakesTheChosenContactsNameAndPhone()
    {
        var contact = await factory.WithDbAsync(db => db.Contacts.AsNoTracking()
            .Where(k => db.Customers.Any(c => c.Id == k.CustomerId && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei")))
            .OrderBy(k => k.Id).FirstAsync());
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var form = await client.GetDocumentAsync($"/Marketing/Opportunities/Create?customerId={contact.CustomerId}");
        Assert.NotNull(form.QuerySelector($"select[name=ContactId] option[value='{contact.Id}']"));
        var response = await client.PostFormAsync("/Marketing/Opportunities/Create", new Dictionary<string, string>
        {
            ["CustomerId"] = contact.CustomerId.ToString(),
            ["ContactId"] = contact.Id.ToString(),
            ["Summary"] = "老客户二期扩容",
        }, "/Marketing/Opportunities/Create");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Opportunities.AsNoTracking().SingleAsync(o => o.Summary == "老客户二期扩容"));
        Assert.Equal((contact.CustomerId, (int?)contact.Id, contact.Name, contact.Mobile ?? contact.Phone), (saved.CustomerId, saved.ContactId, saved.ContactName, saved.ContactPhone));
    }

    [Fact]
    public async Task TheCustomerPickerSearchesOnlyVisibleCustomers()
    {
        var customer = await factory.WithDbAsync(db => db.Customers.AsNoTracking()
            .Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei")).OrderBy(c => c.Id).FirstAsync());
        var q = Uri.EscapeDataString(customer.Name[..4]);

        var zhang = await (await factory.SignInAsync("zhang.wei")).GetDocumentAsync($"/Marketing/Opportunities/Create?customerQ={q}");
        var li = await (await factory.SignInAsync("li.na")).GetDocumentAsync($"/Marketing/Opportunities/Create?customerQ={q}");

        Assert.NotNull(zhang.QuerySelector($"select[name=CustomerId] option[value='{customer.Id}']"));
        Assert.Null(li.QuerySelector($"select[name=CustomerId] option[value='{customer.Id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignInAsync("li.na")).GetAsync($"/Marketing/Opportunities/Create?customerId={customer.Id}")).StatusCode);
    }

    [Fact]
    public async Task AFormWithoutCustomerOrProspectIsExplainedAndNothingIsSaved()
    {
        var client = await factory.SignInAsync("li.na", language: "zh-CN");

        var response = await client.PostFormAsync("/Marketing/Opportunities/Create", new Dictionary<string, string> { ["Summary"] = "没有客户的机会" }, "/Marketing/Opportunities/Create");
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请选择已有客户，或填写新的潜在客户名称", page.Body!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Opportunities.AnyAsync(o => o.Summary == "没有客户的机会")));
    }

    [Fact]
    public async Task AStaleEditIsRefusedWithAClearMessageAndTheOtherChangeIsKept()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "并发 原始概要");
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var form = await client.GetDocumentAsync($"/Marketing/Opportunities/Edit/{o.Id}");
        var version = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        await factory.WithDbAsync(async db =>
        {
            (await db.Opportunities.SingleAsync(x => x.Id == o.Id)).Update(new OpportunityDetails("并发 经理的修改"));
            return await db.SaveChangesAsync();
        });

        var response = await client.PostFormAsync($"/Marketing/Opportunities/Edit/{o.Id}", new Dictionary<string, string>
        {
            ["Summary"] = "并发 张伟的修改",
            ["Version"] = version,
        }, $"/Marketing/Opportunities/Edit/{o.Id}");
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该记录已被他人修改", page.Body!.TextContent);
        Assert.Equal("并发 经理的修改", (await factory.LoadOpportunityAsync(o.Id)).Summary);
    }

    [Fact]
    public async Task AnEditWithTheCurrentVersionIsSaved()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "编辑 原始");
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var version = Version(await client.GetDocumentAsync($"/Marketing/Opportunities/Edit/{o.Id}"));

        var response = await client.PostFormAsync($"/Marketing/Opportunities/Edit/{o.Id}", new Dictionary<string, string>
        {
            ["Summary"] = "编辑 已更新",
            ["Probability"] = "45",
            ["ExpectedAmount"] = "8800.50",
            ["Version"] = version,
        }, $"/Marketing/Opportunities/Edit/{o.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal(("编辑 已更新", 45, (decimal?)8800.50m), (saved.Summary, saved.Probability, saved.ExpectedAmount));
        Assert.NotEqual(o.Version, saved.Version);
    }

    [Fact]
    public async Task ManagerEastAssignsToLiNaWhoIsRemindedAndTheCreatorStillSeesIt()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "指派 给李娜");
        var li = await factory.UserAsync("li.na");
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var version = Version(await manager.GetDocumentAsync($"/Marketing/Opportunities/Details/{o.Id}"));

        var response = await manager.PostFormAsync($"/Marketing/Opportunities/Assign/{o.Id}",
            new Dictionary<string, string> { ["salesmanId"] = li.Id.ToString(), ["version"] = version }, $"/Marketing/Opportunities/Details/{o.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal((OpportunityStatus.Assigned, (Guid?)li.Id), (saved.Status, saved.AssignedTo));
        Assert.True(await factory.WithDbAsync(db => db.Reminders.AnyAsync(r => r.UserId == li.Id && r.Url == OpportunityService.LinkOf(o.Id))));
        var details = await manager.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("李娜", details.Text(".alert-success"));
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignInAsync("zhang.wei")).GetAsync($"/Marketing/Opportunities/Details/{o.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignInAsync("li.na")).GetAsync($"/Marketing/Opportunities/Details/{o.Id}")).StatusCode);
    }

    [Fact]
    public async Task ManagerNorthCannotAssignToZhangWeiOutsideHisSubtree()
    {
        var o = await factory.AddOpportunityAsync("wang.fang", "指派 华北的机会");
        var zhang = await factory.UserAsync("zhang.wei");
        var north = await factory.SignInAsync("manager.north", language: "zh-CN");
        var details = await north.GetDocumentAsync($"/Marketing/Opportunities/Details/{o.Id}");
        Assert.Null(details.QuerySelector($"[data-testid=assign] option[value='{zhang.Id}']"));

        var response = await north.PostFormAsync($"/Marketing/Opportunities/Assign/{o.Id}",
            new Dictionary<string, string> { ["salesmanId"] = zhang.Id.ToString(), ["version"] = Version(details) }, $"/Marketing/Opportunities/Details/{o.Id}");
        var page = await north.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("只能指派给本部门及下级部门的在职销售人员", page.Text(".alert-danger"));
        var saved = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal((OpportunityStatus.Unassigned, (Guid?)null), (saved.Status, saved.AssignedTo));
    }

    [Fact]
    public async Task ASalesmanCannotAssign()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "指派 销售不能指派");
        var li = await factory.UserAsync("li.na");
        var zhang = await factory.SignInAsync("zhang.wei");

        var response = await zhang.PostFormAsync($"/Marketing/Opportunities/Assign/{o.Id}",
            new Dictionary<string, string> { ["salesmanId"] = li.Id.ToString(), ["version"] = o.Version.ToString() }, "/Marketing/Opportunities/Create");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OpportunityStatus.Unassigned, (await factory.LoadOpportunityAsync(o.Id)).Status);
    }

    [Fact]
    public async Task BulkAssignmentAssignsTheTickedOnesAndLeavesAStaleOneAlone()
    {
        var first = await factory.AddOpportunityAsync("zhang.wei", "批量 一");
        var second = await factory.AddOpportunityAsync("zhang.wei", "批量 二");
        var stale = await factory.AddOpportunityAsync("zhang.wei", "批量 三");
        var li = await factory.UserAsync("li.na");
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var list = await manager.GetDocumentAsync("/Marketing/Opportunities?view=Unassigned&Q=" + Uri.EscapeDataString("批量"));
        var boxes = list.QuerySelectorAll("input[name=selected]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(3, boxes.Count);
        await factory.WithDbAsync(async db =>
        {
            (await db.Opportunities.SingleAsync(x => x.Id == stale.Id)).Update(new OpportunityDetails("批量 三（已改）"));
            return await db.SaveChangesAsync();
        });

        var body = new List<KeyValuePair<string, string>>(boxes.Select(b => new KeyValuePair<string, string>("selected", b)))
        {
            new("salesmanId", li.Id.ToString()),
            new("returnUrl", "/Marketing/Opportunities?view=Unassigned"),
            new("__RequestVerificationToken", list.QuerySelector("#bulk-assign input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        };
        var response = await manager.PostAsync("/Marketing/Opportunities/BulkAssign", new FormUrlEncodedContent(body));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal((Guid?)li.Id, (await factory.LoadOpportunityAsync(first.Id)).AssignedTo);
        Assert.Equal((Guid?)li.Id, (await factory.LoadOpportunityAsync(second.Id)).AssignedTo);
        Assert.Equal(OpportunityStatus.Unassigned, (await factory.LoadOpportunityAsync(stale.Id)).Status);
        var page = await manager.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("已将 2 个销售机会指派给 李娜", page.Text(".alert-success"));
        Assert.Contains("有 1 个销售机会未能指派", page.Text(".alert-danger"));
    }

    [Fact]
    public async Task LiNaCannotAddAPlanItemToAnOpportunityAssignedToZhangWei()
    {
        var managers = await factory.AddOpportunityAsync("manager.east", "计划 经理建指派张伟", customerOf: "zhang.wei", assignee: "zhang.wei");
        var hers = await factory.AddOpportunityAsync("li.na", "计划 李娜建指派张伟", assignee: "zhang.wei");
        var li = await factory.SignInAsync("li.na", language: "zh-CN");
        var plan = new Dictionary<string, string> { ["date"] = "2031-01-05", ["content"] = "替张伟安排拜访" };

        // Not hers at all: it does not exist for her.
        var unseen = await li.PostFormAsync($"/Marketing/Opportunities/AddPlanItem/{managers.Id}", new Dictionary<string, string>(plan) { ["version"] = managers.Version.ToString() }, "/Marketing/Opportunities/Create");
        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);

        // Created by her, so she sees it, but the plan is the assignee's.
        var details = await li.GetDocumentAsync($"/Marketing/Opportunities/Details/{hers.Id}");
        Assert.Null(details.QuerySelector("[data-testid=add-plan-item]"));
        Assert.Contains("张伟", details.Text("[data-testid=plan-readonly]"));
        var refused = await li.PostFormAsync($"/Marketing/Opportunities/AddPlanItem/{hers.Id}", new Dictionary<string, string>(plan) { ["version"] = Version(details) }, $"/Marketing/Opportunities/Details/{hers.Id}");
        var page = await li.GetDocumentAsync(refused.Headers.Location!.OriginalString);
        Assert.Contains("只有被指派的销售人员可以开发此销售机会", page.Text(".alert-danger"));

        foreach (var id in new[] { managers.Id, hers.Id })
        {
            var saved = await factory.LoadOpportunityAsync(id);
            Assert.Equal((OpportunityStatus.Assigned, 0), (saved.Status, saved.PlanItems.Count));
        }
    }

    [Fact]
    public async Task TheAssigneePlansRecordsAResultWinsAndIsOfferedAQuoteAndAnOrder()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "开发 成交流程", assignee: "li.na", prospect: "成交流程潜在客户");
        var li = await factory.SignInAsync("li.na", language: "zh-CN");
        var url = $"/Marketing/Opportunities/Details/{o.Id}";

        await li.PostFormAsync($"/Marketing/Opportunities/AddPlanItem/{o.Id}",
            new Dictionary<string, string> { ["date"] = "2031-01-05", ["content"] = "上门演示", ["version"] = Version(await li.GetDocumentAsync(url)) }, url);
        var developing = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal(OpportunityStatus.Developing, developing.Status);
        var item = Assert.Single(developing.PlanItems);

        await li.PostFormAsync($"/Marketing/Opportunities/RecordResult/{o.Id}",
            new Dictionary<string, string> { ["itemId"] = item.Id.ToString(), ["result"] = "客户认可，进入报价", ["version"] = developing.Version.ToString() }, url);
        var recorded = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal("客户认可，进入报价", recorded.PlanItems.Single().Result);

        var won = await li.PostFormAsync($"/Marketing/Opportunities/Win/{o.Id}", new Dictionary<string, string> { ["version"] = Version(await li.GetDocumentAsync(url)) }, url);
        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        var saved = await factory.LoadOpportunityAsync(o.Id);
        var customer = await factory.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == saved.CustomerId));
        var liUser = await factory.UserAsync("li.na");
        Assert.Equal(OpportunityStatus.Won, saved.Status);
        Assert.Equal(((Guid?)liUser.Id, CustomerStatus.Active), (customer.OwnerId, customer.Status));

        var page = await li.GetDocumentAsync(url);
        Assert.Equal($"/Sales/Quotes/Create?customerId={saved.CustomerId}", page.QuerySelector("[data-testid=create-quote]")!.GetAttribute("href"));
        Assert.Equal($"/Sales/Orders/Create?customerId={saved.CustomerId}", page.QuerySelector("[data-testid=create-order]")!.GetAttribute("href"));
        Assert.Contains("客户认可，进入报价", page.Text("[data-testid=plan]"));
        Assert.Null(page.QuerySelector("[data-testid=edit]"));
    }

    [Fact]
    public async Task LosingNeedsAReasonAndKeepsTheCompetitorLostTo()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "失败 输给对手", assignee: "zhang.wei", develop: true);
        var competitor = await factory.WithDbAsync(async db =>
        {
            var c = new Competitor(new CompetitorProfile("华为企业业务"));
            db.Competitors.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var reason = await factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == DictionaryCategories.LostReason).Select(d => d.Id).FirstAsync());
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var url = $"/Marketing/Opportunities/Details/{o.Id}";
        var version = Version(await zhang.GetDocumentAsync(url));

        var refused = await zhang.PostFormAsync($"/Marketing/Opportunities/Lose/{o.Id}", new Dictionary<string, string> { ["version"] = version }, url);
        Assert.Contains("请选择开发失败的原因", (await zhang.GetDocumentAsync(refused.Headers.Location!.OriginalString)).Text(".alert-danger"));
        Assert.Equal(OpportunityStatus.Developing, (await factory.LoadOpportunityAsync(o.Id)).Status);

        await zhang.PostFormAsync($"/Marketing/Opportunities/Lose/{o.Id}",
            new Dictionary<string, string> { ["reasonId"] = reason.ToString(), ["competitorId"] = competitor.ToString(), ["note"] = "对方降价 20%", ["version"] = version }, url);

        var saved = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal((OpportunityStatus.Lost, (int?)reason, (int?)competitor, "对方降价 20%"), (saved.Status, saved.LostReasonId, saved.LostToCompetitorId, saved.LostNote));
        var page = await zhang.GetDocumentAsync(url);
        Assert.Contains("华为企业业务", page.Text("[data-testid=lost-panel]"));
    }

    [Fact]
    public async Task TheExportHoldsTheFilteredRowsInScope()
    {
        await factory.AddOpportunityAsync("zhang.wei", "导出 张伟的", amount: 1_000m, probability: 30);
        await factory.AddOpportunityAsync("li.na", "导出 李娜的");

        var csv = await (await factory.SignInAsync("zhang.wei", language: "zh-CN"))
            .GetStringAsync("/Marketing/Opportunities/Export?format=csv&view=All&Q=" + Uri.EscapeDataString("导出"));
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("编号,概要,客户,状态,销售阶段,成功几率,预计金额,加权金额", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains("导出 张伟的,", row);
        Assert.Contains(",未指派,初步接触,30,1000,300,", row);
        var xlsx = await (await factory.SignInAsync("manager.north")).GetAsync("/Marketing/Opportunities/Export?format=xlsx&view=All&Q=" + Uri.EscapeDataString("导出"));
        Assert.Equal(Crm.Web.Areas.Customers.Models.ExportFile.XlsxContentType, xlsx.Content.Headers.ContentType!.MediaType);
    }
}
