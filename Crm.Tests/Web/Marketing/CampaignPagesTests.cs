using System.Net;
using Crm.Domain.Common;
using Crm.Domain.Marketing;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Crm.Tests.Web.Marketing.CampaignTestData;

namespace Crm.Tests.Web.Marketing;

public sealed class CampaignPagesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private async Task<Campaign> ArrangeAsync(string name, CampaignStatus status = CampaignStatus.Planned, decimal? actualCost = null, string type = "Exhibition")
    {
        return await factory.WithDbAsync(async db =>
        {
            var campaign = new Campaign(name, await TypeIdAsync(db, type), new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 3), 50_000m);
            if (actualCost is not null)
                campaign.Update(name, campaign.TypeId, campaign.StartDate, campaign.EndDate, campaign.Budget, actualCost, "华东制造业", null);
            if (status is CampaignStatus.Running or CampaignStatus.Completed)
                campaign.Start();
            if (status == CampaignStatus.Completed)
                campaign.Complete();
            if (status == CampaignStatus.Cancelled)
                campaign.Cancel();
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            return campaign;
        });
    }

    private Task<Campaign> ReloadAsync(int id) =>
        factory.WithDbAsync(db => db.Campaigns.Include(c => c.Responses).SingleAsync(c => c.Id == id));

    private static Dictionary<string, string> Form(string name, string typeId, string start = "2026-04-01", string end = "2026-04-03", string budget = "80000") => new()
    {
        ["Name"] = name,
        ["TypeId"] = typeId,
        ["StartDate"] = start,
        ["EndDate"] = end,
        ["Budget"] = budget,
        ["ActualCost"] = string.Empty,
        ["TargetSegment"] = "华东地区制造企业",
        ["Description"] = string.Empty,
    };

    private static string VersionOn(AngleSharp.Dom.IDocument page, string selector = "input[name=Version]") =>
        page.QuerySelector(selector)!.GetAttribute("value")!;

    [Fact]
    public async Task SalesmanSeesCampaignsButCannotChangeThem()
    {
        var campaign = await ArrangeAsync("业务员只读活动", CampaignStatus.Running);
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var typeId = (await factory.WithDbAsync(db => TypeIdAsync(db, "Seminar"))).ToString();
        var details = $"/Marketing/Campaigns/Details/{campaign.Id}";

        var page = await client.GetDocumentAsync(details);
        Assert.Equal("业务员只读活动", page.Text("[data-testid=campaign-name]"));
        Assert.Null(page.QuerySelector("[data-testid=campaign-actions]"));
        Assert.Null(page.QuerySelector("[data-testid=response-form]"));
        Assert.Null((await client.GetDocumentAsync("/Marketing/Campaigns")).QuerySelector("[data-testid=new-campaign]"));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Marketing/Campaigns/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Marketing/Campaigns/Edit/{campaign.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/Marketing/Campaigns/Create", Form("业务员新建", typeId), details)).StatusCode);
        var edit = Form("业务员改名", typeId);
        edit["Version"] = campaign.Version.ToString();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Marketing/Campaigns/Edit/{campaign.Id}", edit, details)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Marketing/Campaigns/Complete/{campaign.Id}", new Dictionary<string, string> { ["version"] = campaign.Version.ToString() }, details)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Marketing/Campaigns/AddResponse/{campaign.Id}",
            new Dictionary<string, string> { ["NewResponse.Date"] = "2026-02-02", ["NewResponse.Content"] = "想参加" }, details)).StatusCode);

        var saved = await ReloadAsync(campaign.Id);
        Assert.Equal(("业务员只读活动", CampaignStatus.Running), (saved.Name, saved.Status));
        Assert.Empty(saved.Responses);
        Assert.False(await factory.WithDbAsync(db => db.Campaigns.AnyAsync(c => c.Name == "业务员新建")));
    }

    [Theory]
    [InlineData("manager.east")]
    [InlineData("admin")]
    public async Task ManagerAndAdministratorCreateACampaign(string userName)
    {
        var client = await factory.SignInAsync(userName, language: "zh-CN");
        var typeId = await factory.WithDbAsync(db => TypeIdAsync(db, "Seminar"));
        var name = $"智能制造研讨会 {userName}";

        var response = await client.PostFormAsync("/Marketing/Campaigns/Create", Form(name, typeId.ToString()), "/Marketing/Campaigns/Create");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Campaigns.SingleAsync(c => c.Name == name));
        Assert.Equal((typeId, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 3), 80_000m, "华东地区制造企业", CampaignStatus.Planned),
            (saved.TypeId, saved.StartDate, saved.EndDate, saved.Budget, saved.TargetSegment, saved.Status));
        var details = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains(name, details.Text(".alert-success"));
        var list = await client.GetDocumentAsync("/Marketing/Campaigns?Q=" + Uri.EscapeDataString(name));
        Assert.Equal(name, list.Text("[data-testid=campaign-table] tbody tr a"));
    }

    [Fact]
    public async Task InvalidFormsAreExplainedAndSaveNothing()
    {
        var client = await factory.SignInAsync("manager.east", language: "zh-CN");
        var typeId = (await factory.WithDbAsync(db => TypeIdAsync(db, "Seminar"))).ToString();
        var regionId = (await factory.WithDbAsync(db => DictionaryIdAsync(db, DictionaryCategories.Region, "310000"))).ToString();

        var reversed = await client.PostFormAsync("/Marketing/Campaigns/Create", Form("日期颠倒的活动", typeId, "2026-05-10", "2026-05-01"), "/Marketing/Campaigns/Create");
        var reversedPage = await reversed.ReadDocumentAsync();
        var wrongType = await (await client.PostFormAsync("/Marketing/Campaigns/Create", Form("类型错误的活动", regionId), "/Marketing/Campaigns/Create")).ReadDocumentAsync();
        var negative = await (await client.PostFormAsync("/Marketing/Campaigns/Create", Form("负预算的活动", typeId, budget: "-1"), "/Marketing/Campaigns/Create")).ReadDocumentAsync();
        var blank = await (await client.PostFormAsync("/Marketing/Campaigns/Create", Form(" ", string.Empty), "/Marketing/Campaigns/Create")).ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        Assert.Contains("结束日期早于开始日期", reversedPage.Body!.TextContent);
        Assert.Contains("请从列表中选择", wrongType.Body!.TextContent);
        Assert.Contains("预算必须在", negative.Body!.TextContent);
        Assert.Contains("请填写活动名称", blank.Body!.TextContent);
        Assert.Contains("请填写活动类型", blank.Body!.TextContent);
        string[] refused = ["日期颠倒的活动", "类型错误的活动", "负预算的活动"];
        Assert.False(await factory.WithDbAsync(db => db.Campaigns.AnyAsync(c => refused.Contains(c.Name) || c.Name == string.Empty)));
    }

    [Fact]
    public async Task StaleEditIsRefusedAndKeepsTheNewerValues()
    {
        var campaign = await ArrangeAsync("并发编辑活动");
        var first = await factory.SignInAsync("manager.east", language: "zh-CN");
        var second = await factory.SignInAsync("admin", language: "zh-CN");
        var staleVersion = VersionOn(await second.GetDocumentAsync($"/Marketing/Campaigns/Edit/{campaign.Id}"));

        var firstEdit = Form("先改的活动名", campaign.TypeId.ToString());
        firstEdit["Version"] = VersionOn(await first.GetDocumentAsync($"/Marketing/Campaigns/Edit/{campaign.Id}"));
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync($"/Marketing/Campaigns/Edit/{campaign.Id}", firstEdit)).StatusCode);

        var secondEdit = Form("后改的活动名", campaign.TypeId.ToString(), budget: "1");
        secondEdit["Version"] = staleVersion;
        var refused = await second.PostFormAsync($"/Marketing/Campaigns/Edit/{campaign.Id}", secondEdit);

        Assert.Contains("该记录已被他人修改", (await refused.ReadDocumentAsync()).Body!.TextContent);
        var saved = await ReloadAsync(campaign.Id);
        Assert.Equal(("先改的活动名", 80_000m), (saved.Name, saved.Budget));
    }

    [Fact]
    public async Task StatusButtonsFollowTheAllowedTransitions()
    {
        var campaign = await ArrangeAsync("状态流转活动");
        var client = await factory.SignInAsync("manager.north", language: "zh-CN");
        var details = $"/Marketing/Campaigns/Details/{campaign.Id}";

        var planned = await client.GetDocumentAsync(details);
        Assert.NotNull(planned.QuerySelector("[data-testid=to-Running]"));
        Assert.NotNull(planned.QuerySelector("[data-testid=to-Cancelled]"));
        Assert.Null(planned.QuerySelector("[data-testid=to-Completed]"));

        var version = VersionOn(planned, "[data-testid=campaign-actions] input[name=version]");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Marketing/Campaigns/Start/{campaign.Id}", new Dictionary<string, string> { ["version"] = version }, details)).StatusCode);
        Assert.Equal(CampaignStatus.Running, (await ReloadAsync(campaign.Id)).Status);

        // The version of the planned page is stale now: completing with it is refused.
        await client.PostFormAsync($"/Marketing/Campaigns/Complete/{campaign.Id}", new Dictionary<string, string> { ["version"] = version }, details);
        Assert.Contains("该记录已被他人修改", (await client.GetDocumentAsync(details)).Text(".alert-danger"));
        Assert.Equal(CampaignStatus.Running, (await ReloadAsync(campaign.Id)).Status);

        var running = await client.GetDocumentAsync(details);
        await client.PostFormAsync($"/Marketing/Campaigns/Complete/{campaign.Id}", new Dictionary<string, string> { ["version"] = VersionOn(running, "[data-testid=campaign-actions] input[name=version]") }, details);
        var completed = await client.GetDocumentAsync(details);
        Assert.Equal(CampaignStatus.Completed, (await ReloadAsync(campaign.Id)).Status);
        Assert.Contains("已结束", completed.Text("[data-testid=campaign-status]"));
        Assert.Null(completed.QuerySelector("[data-testid=to-Cancelled]"));

        // A hand-made post of a transition the table refuses changes nothing and says why.
        var current = (await ReloadAsync(campaign.Id)).Version.ToString();
        await client.PostFormAsync($"/Marketing/Campaigns/Cancel/{campaign.Id}", new Dictionary<string, string> { ["version"] = current }, details);
        Assert.Contains("市场活动不能从“已结束”变为“已取消”", (await client.GetDocumentAsync(details)).Text(".alert-danger"));
        Assert.Equal(CampaignStatus.Completed, (await ReloadAsync(campaign.Id)).Status);
    }

    [Fact]
    public async Task ResponsesAreLoggedForVisibleCustomersOnlyWhileTheCampaignRuns()
    {
        var running = await ArrangeAsync("反馈登记活动", CampaignStatus.Running);
        var planned = await ArrangeAsync("尚未开始的活动");
        var customer = await factory.WithDbAsync(async db => await db.Customers.SingleAsync(c => c.Id == db.Customers
            .Where(x => db.Users.Any(u => u.Id == x.OwnerId && u.UserName == "zhang.wei")).Min(x => x.Id)));
        var channel = (await factory.WithDbAsync(db => DictionaryIdAsync(db, DictionaryCategories.InteractionChannel, "Phone"))).ToString();
        Dictionary<string, string> Response(string who, string content) => new()
        {
            ["NewResponse.Date"] = "2026-02-02",
            ["NewResponse.Customer"] = who,
            ["NewResponse.ContactName"] = "王建华",
            ["NewResponse.ChannelId"] = channel,
            ["NewResponse.Content"] = content,
        };

        // manager.north cannot see zhang.wei's customer: refused, nothing saved.
        var north = await factory.SignInAsync("manager.north", language: "zh-CN");
        var outOfScope = await north.PostFormAsync($"/Marketing/Campaigns/AddResponse/{running.Id}", Response(customer.Code, "索取资料"), $"/Marketing/Campaigns/Details/{running.Id}");
        Assert.Equal(HttpStatusCode.OK, outOfScope.StatusCode);
        Assert.Contains("在您可查看的客户中找不到", (await outOfScope.ReadDocumentAsync()).Text("[data-testid=response-form]"));

        var east = await factory.SignInAsync("manager.east", language: "zh-CN");
        var empty = await east.PostFormAsync($"/Marketing/Campaigns/AddResponse/{running.Id}", Response(customer.Code, " "), $"/Marketing/Campaigns/Details/{running.Id}");
        Assert.Contains("请填写反馈内容", (await empty.ReadDocumentAsync()).Text("[data-testid=response-form]"));
        var notYet = await east.PostFormAsync($"/Marketing/Campaigns/AddResponse/{planned.Id}", Response(customer.Code, "咨询"), $"/Marketing/Campaigns/Details/{planned.Id}");
        Assert.Contains("“计划中”状态的活动不能登记反馈", (await notYet.ReadDocumentAsync()).Body!.TextContent);
        Assert.Empty((await ReloadAsync(running.Id)).Responses);
        Assert.Empty((await ReloadAsync(planned.Id)).Responses);

        // The suggestion's form ("code name") and the exact name both find the customer.
        Assert.Equal(HttpStatusCode.Redirect, (await east.PostFormAsync($"/Marketing/Campaigns/AddResponse/{running.Id}", Response($"{customer.Code} {customer.Name}", "索取产品手册"), $"/Marketing/Campaigns/Details/{running.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await east.PostFormAsync($"/Marketing/Campaigns/AddResponse/{running.Id}", Response(customer.Name, "预约演示"), $"/Marketing/Campaigns/Details/{running.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await east.PostFormAsync($"/Marketing/Campaigns/AddResponse/{running.Id}", Response(string.Empty, "现场咨询"), $"/Marketing/Campaigns/Details/{running.Id}")).StatusCode);

        var saved = await ReloadAsync(running.Id);
        Assert.Equal(3, saved.Responses.Count);
        Assert.Equal([customer.Id, customer.Id, null], saved.Responses.OrderBy(r => r.Id).Select(r => r.CustomerId));
        var page = await east.GetDocumentAsync($"/Marketing/Campaigns/Details/{running.Id}");
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=response-table] tbody tr").Length);
        Assert.NotNull(page.QuerySelector($"[data-testid=response-table] a[href='/Customers/Customers/Details/{customer.Id}']"));

        // Responses are company-wide, but the customer's name is shown only to who may see it.
        var northPage = await north.GetDocumentAsync($"/Marketing/Campaigns/Details/{running.Id}");
        Assert.Equal(3, northPage.QuerySelectorAll("[data-testid=response-table] tbody tr").Length);
        Assert.DoesNotContain(customer.Name, northPage.Text("[data-testid=response-table]"));
    }

    [Fact]
    public async Task EvaluationMatchesTheArrangedDataAndRespectsScope()
    {
        var campaign = await ArrangeAsync("效果评估活动", CampaignStatus.Running, actualCost: 10_000m);
        var other = await ArrangeAsync("另一个活动", CampaignStatus.Running);
        await factory.WithDbAsync(async db =>
        {
            var tracked = await db.Campaigns.SingleAsync(c => c.Id == campaign.Id);
            var zhangCustomer = await CustomerOfAsync(db, "zhang.wei");
            var liCustomer = await CustomerOfAsync(db, "li.na");
            tracked.AddResponse(new DateOnly(2026, 2, 1), zhangCustomer, "甲", null, "来电咨询", Guid.Empty);
            tracked.AddResponse(new DateOnly(2026, 2, 1), zhangCustomer, "乙", null, "索取报价", Guid.Empty);
            tracked.AddResponse(new DateOnly(2026, 2, 2), liCustomer, null, null, "预约拜访", Guid.Empty);
            tracked.AddResponse(new DateOnly(2026, 2, 2), null, "丙", null, "现场留资", Guid.Empty);
            await db.SaveChangesAsync();
            await OpportunityAsync(db, "zhang.wei", OpportunityStatus.Won, 50_000m, campaign.Id, summary: "评估-张伟-成功");
            await OpportunityAsync(db, "zhang.wei", OpportunityStatus.Lost, 20_000m, campaign.Id, summary: "评估-张伟-失败");
            await OpportunityAsync(db, "zhang.wei", OpportunityStatus.Developing, 10_000m, campaign.Id, summary: "评估-张伟-开发中");
            await OpportunityAsync(db, "li.na", OpportunityStatus.Won, 30_000m, campaign.Id, summary: "评估-李娜-成功");
            await OpportunityAsync(db, "li.na", OpportunityStatus.Unassigned, null, campaign.Id, summary: "评估-李娜-未指派");
            await OpportunityAsync(db, "li.na", OpportunityStatus.Won, 99_000m, other.Id, summary: "评估-其他活动");
            return 0;
        });

        var admin = await (await factory.SignInAsync("admin", language: "zh-CN")).GetDocumentAsync($"/Marketing/Campaigns/Details/{campaign.Id}");
        Assert.Equal("4", admin.Text("[data-testid=eval-responses]"));
        Assert.Contains("来自 2 个客户", admin.Text("[data-testid=evaluation]"));
        Assert.Equal("5", admin.Text("[data-testid=eval-opportunities]"));
        Assert.Contains("进行中 2 · 成功 2 · 失败 1", admin.Text("[data-testid=evaluation]"));
        Assert.Equal("125%", admin.Text("[data-testid=eval-conversion]"));
        Assert.Equal("2", admin.Text("[data-testid=eval-won]"));
        Assert.Equal("¥80,000.00", admin.Text("[data-testid=eval-won-amount]"));
        Assert.Equal("¥10,000.00", admin.Text("[data-testid=eval-cost]"));
        Assert.Equal("¥2,500.00", admin.Text("[data-testid=eval-cost-per-response]"));
        Assert.Equal("¥2,000.00", admin.Text("[data-testid=eval-cost-per-opportunity]"));
        Assert.Equal("700%", admin.Text("[data-testid=eval-roi]"));
        Assert.Null(admin.QuerySelector("[data-testid=eval-scope-note]"));
        Assert.Equal(5, admin.QuerySelectorAll("[data-testid=opportunity-table] tbody tr").Length);

        // zhang.wei sees his three: one won of ¥50,000, and a note that the figures are his view.
        var zhang = await (await factory.SignInAsync("zhang.wei", language: "zh-CN")).GetDocumentAsync($"/Marketing/Campaigns/Details/{campaign.Id}");
        Assert.Equal("4", zhang.Text("[data-testid=eval-responses]"));
        Assert.Equal("3", zhang.Text("[data-testid=eval-opportunities]"));
        Assert.Equal("¥50,000.00", zhang.Text("[data-testid=eval-won-amount]"));
        Assert.Equal("400%", zhang.Text("[data-testid=eval-roi]"));
        Assert.NotNull(zhang.QuerySelector("[data-testid=eval-scope-note]"));
        var summaries = zhang.QuerySelectorAll("[data-testid=opportunity-table] tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["评估-张伟-开发中", "评估-张伟-失败", "评估-张伟-成功"], summaries);

        // manager.north's subtree holds none of them.
        var north = await (await factory.SignInAsync("manager.north", language: "zh-CN")).GetDocumentAsync($"/Marketing/Campaigns/Details/{campaign.Id}");
        Assert.Equal("0", north.Text("[data-testid=eval-opportunities]"));
        Assert.Equal("—", north.Text("[data-testid=eval-cost-per-opportunity]"));
        Assert.NotNull(north.QuerySelector("[data-testid=opportunities-empty]"));
    }

    [Fact]
    public async Task ListFiltersByTypeStatusAndDates()
    {
        await ArrangeAsync("筛选-展会-进行中", CampaignStatus.Running, type: "Exhibition");
        await ArrangeAsync("筛选-邮件-已取消", CampaignStatus.Cancelled, type: "Email");
        var emailType = await factory.WithDbAsync(db => TypeIdAsync(db, "Email"));
        var client = await factory.SignInAsync("li.na", language: "zh-CN");

        async Task<List<string>> NamesAsync(string query) =>
            (await client.GetDocumentAsync("/Marketing/Campaigns?Q=" + Uri.EscapeDataString("筛选-") + query))
            .QuerySelectorAll("[data-testid=campaign-table] tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();

        var ascending = await NamesAsync("&sort=name");
        Assert.Equal(2, ascending.Count);
        Assert.Equal(ascending.AsEnumerable().Reverse(), await NamesAsync("&sort=name&dir=desc"));
        Assert.Equal(["筛选-邮件-已取消"], await NamesAsync($"&TypeId={emailType}"));
        Assert.Equal(["筛选-展会-进行中"], await NamesAsync("&Status=Running"));
        Assert.Equal(2, (await NamesAsync("&From=2026-02-03&To=2026-02-03")).Count);
        Assert.Empty(await NamesAsync("&From=2026-02-04"));
        Assert.Empty(await NamesAsync("&To=2026-01-31"));
    }

    [Fact]
    public async Task ExportHoldsTheFilteredRowsAndIsAudited()
    {
        await ArrangeAsync("导出-活动甲", CampaignStatus.Completed, actualCost: 1234.5m);
        await ArrangeAsync("另一个不导出的活动");
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var csv = await client.GetAsync("/Marketing/Campaigns/Export?format=csv&Q=" + Uri.EscapeDataString("导出-"));
        var xlsx = await client.GetAsync("/Marketing/Campaigns/Export?format=xlsx&Q=" + Uri.EscapeDataString("导出-"));

        var text = await csv.Content.ReadAsStringAsync();
        var lines = text.Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("活动名称,活动类型,状态", lines[0]);
        Assert.Contains("导出-活动甲,展会,已结束,2026-02-01,2026-02-03,50000,1234.5", lines[1]);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export && a.EntityType == "Campaign" && a.NewValue == "1")));
    }
}
