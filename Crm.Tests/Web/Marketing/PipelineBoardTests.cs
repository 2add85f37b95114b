using System.Net;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Marketing;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Marketing;

/// <summary>The Kanban board: cards and totals per stage in scope, moves by script (JSON) and by plain form, refusals that change nothing.</summary>
public sealed class PipelineBoardTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<int> CampaignAsync(string name) =>
        factory.WithDbAsync(async db =>
        {
            var type = await db.DictionaryItems.Where(d => d.Category == DictionaryCategories.CampaignType).Select(d => d.Id).FirstAsync();
            var campaign = new Campaign(name, type, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), 10_000m);
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            return campaign.Id;
        });

    private Task<int> DefaultProbabilityAsync(PipelineStage stage) =>
        factory.WithDbAsync(async db => await db.PipelineStageSettings.Where(s => s.Stage == stage).Select(s => (int?)s.DefaultProbability).FirstOrDefaultAsync()
                                        ?? OpportunityService.DefaultProbabilities[stage]);

    private static Dictionary<string, string> MoveOf(Opportunity o, string stage, Guid? version = null) => new()
    {
        ["id"] = o.Id.ToString(),
        ["stage"] = stage,
        ["version"] = (version ?? o.Version).ToString(),
    };

    [Fact]
    public async Task TheBoardShowsTheOpenCardsOfTheScopeByStageWithCountAmountAndWeightedAmount()
    {
        var campaign = await CampaignAsync("看板 春季展会");
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1);
        await factory.AddOpportunityAsync("zhang.wei", "看板 甲", amount: 100_000m, probability: 20, campaignId: campaign, close: yesterday);
        await factory.AddOpportunityAsync("li.na", "看板 乙", amount: 50_000m, probability: 40, campaignId: campaign, close: new DateOnly(2031, 1, 1));
        await factory.AddOpportunityAsync("zhang.wei", "看板 丙", amount: 80_000m, probability: 50, campaignId: campaign, stage: PipelineStage.Proposal);
        await factory.AddOpportunityAsync("zhang.wei", "看板 丁 已成交", amount: 999_000m, campaignId: campaign, assignee: "zhang.wei", closeAs: OpportunityStatus.Won);
        await factory.AddOpportunityAsync("wang.fang", "看板 戊 华北", amount: 70_000m, probability: 10, campaignId: campaign);

        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var board = await manager.GetDocumentAsync($"/Marketing/Pipeline?CampaignId={campaign}");

        Assert.Equal(["看板 乙", "看板 甲"], board.QuerySelectorAll("[data-testid=cards-Initial] [data-testid=card-summary]").Select(a => a.TextContent.Trim()).Order());
        Assert.Equal(["看板 丙"], board.QuerySelectorAll("[data-testid=cards-Proposal] [data-testid=card-summary]").Select(a => a.TextContent.Trim()));
        Assert.Equal("2", board.Text("[data-testid=count-Initial]"));
        Assert.Equal("¥40,000.00", board.Text("[data-testid=weighted-Initial]"));
        Assert.Equal("¥40,000.00", board.Text("[data-testid=weighted-Proposal]"));
        Assert.Equal("0", board.Text("[data-testid=count-Negotiation]"));
        Assert.Contains("¥230,000.00", board.Text("[data-testid=pipeline-total]"));
        var overdue = board.QuerySelectorAll("[data-testid=card]").Single(c => c.TextContent.Contains("看板 甲"));
        Assert.NotNull(overdue.QuerySelector("[data-testid=card-overdue]"));
        Assert.Contains("text-danger", overdue.QuerySelector("[data-testid=card-close]")!.ClassList);
        var later = board.QuerySelectorAll("[data-testid=card]").Single(c => c.TextContent.Contains("看板 乙"));
        Assert.Null(later.QuerySelector("[data-testid=card-overdue]"));

        var salesman = await (await factory.SignInAsync("li.na", language: "zh-CN")).GetDocumentAsync($"/Marketing/Pipeline?CampaignId={campaign}");
        Assert.Equal(["看板 乙"], salesman.QuerySelectorAll("[data-testid=card-summary]").Select(a => a.TextContent.Trim()));
        var north = await (await factory.SignInAsync("manager.north", language: "zh-CN")).GetDocumentAsync($"/Marketing/Pipeline?CampaignId={campaign}");
        Assert.Equal(["看板 戊 华北"], north.QuerySelectorAll("[data-testid=card-summary]").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task TheOwnerFilterKeepsTheCardsOfThatOwner()
    {
        var campaign = await CampaignAsync("看板 负责人筛选");
        await factory.AddOpportunityAsync("zhang.wei", "筛选 张伟", campaignId: campaign);
        await factory.AddOpportunityAsync("li.na", "筛选 李娜", campaignId: campaign);
        var li = await factory.UserAsync("li.na");

        var board = await (await factory.SignInAsync("manager.east")).GetDocumentAsync($"/Marketing/Pipeline?CampaignId={campaign}&OwnerId={li.Id}");

        Assert.Equal(["筛选 李娜"], board.QuerySelectorAll("[data-testid=card-summary]").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task ADropAnswersTheNewStateAndTotalsAndIsRecordedInTheStageHistory()
    {
        var campaign = await CampaignAsync("看板 拖动");
        var o = await factory.AddOpportunityAsync("zhang.wei", "拖动 方案", amount: 10_000m, campaignId: campaign);
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var expected = await DefaultProbabilityAsync(PipelineStage.Proposal);

        var (status, body) = await zhang.PostJsonMoveAsync(new Dictionary<string, string>(MoveOf(o, "Proposal")) { ["campaignId"] = campaign.ToString() });

        Assert.Equal(200, status);
        var saved = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal((PipelineStage.Proposal, expected), (saved.Stage, saved.Probability));
        Assert.Equal(("Proposal", "方案报价", expected, saved.Version.ToString(), false),
            (body.GetProperty("stage").GetString(), body.GetProperty("stageText").GetString(), body.GetProperty("probability").GetInt32(), body.GetProperty("version").GetString(), body.GetProperty("closed").GetBoolean()));
        Assert.Contains("方案报价", body.GetProperty("message").GetString());
        var totals = body.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("stage").GetString()!, t => (t.GetProperty("count").GetString(), t.GetProperty("weightedAmount").GetString()));
        Assert.Equal(("0", "¥0.00"), totals["Initial"]);
        Assert.Equal(("1", "¥" + (10_000m * expected / 100).ToString("N2", System.Globalization.CultureInfo.InvariantCulture)), totals["Proposal"]);
        var zhangId = (await factory.UserAsync("zhang.wei")).Id;
        var last = saved.StageChanges.OrderBy(c => c.Id).Last();
        Assert.Equal(((PipelineStage?)PipelineStage.Initial, PipelineStage.Proposal, zhangId), (last.FromStage, last.ToStage, last.ByUserId));

        var details = await zhang.GetDocumentAsync($"/Marketing/Opportunities/Details/{o.Id}");
        Assert.Contains("方案报价", details.QuerySelectorAll("[data-testid=stage-change]").First().TextContent);
    }

    [Fact]
    public async Task AMovePostedBySomeoneOutOfScopeIsRefusedAndChangesNothing()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "越权 拖动");

        foreach (var user in new[] { "li.na", "manager.north" })
        {
            var client = await factory.SignInAsync(user, language: "zh-CN");
            var (status, body) = await client.PostJsonMoveAsync(MoveOf(o, "Negotiation"));
            Assert.Equal(404, status);
            Assert.Contains("不在您的查看范围内", body.GetProperty("message").GetString());

            var plain = await client.PostFormAsync("/Marketing/Pipeline/Move", MoveOf(o, "Negotiation"), "/Marketing/Pipeline");
            Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        }

        var saved = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal((PipelineStage.Initial, 1, o.Version, o.Probability), (saved.Stage, saved.StageChanges.Count, saved.Version, saved.Probability));
    }

    [Fact]
    public async Task AStaleCardIsRefusedWithAConflictAndChangesNothing()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "过期 卡片");
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var (status, body) = await zhang.PostJsonMoveAsync(MoveOf(o, "NeedsConfirmed", Guid.NewGuid()));

        Assert.Equal(409, status);
        Assert.Contains("该记录已被他人修改", body.GetProperty("message").GetString());
        var saved = await factory.LoadOpportunityAsync(o.Id);
        Assert.Equal((PipelineStage.Initial, 1), (saved.Stage, saved.StageChanges.Count));
    }

    [Fact]
    public async Task DroppingOnLostOrOnTheSameStageIsRefusedWithAMessage()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "拒绝 拖动");
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var lost = await zhang.PostJsonMoveAsync(MoveOf(o, "Lost"));
        var same = await zhang.PostJsonMoveAsync(MoveOf(o, "Initial"));

        Assert.Equal(400, lost.Status);
        Assert.Contains("开发失败需要填写原因", lost.Body.GetProperty("message").GetString());
        Assert.Equal(400, same.Status);
        Assert.Contains("已处于此阶段", same.Body.GetProperty("message").GetString());
        Assert.Equal(OpportunityStatus.Unassigned, (await factory.LoadOpportunityAsync(o.Id)).Status);
    }

    [Fact]
    public async Task ThePlainFormMovesTheCardAndComesBackToTheBoard()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "表单 移动");
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var board = await zhang.GetDocumentAsync("/Marketing/Pipeline");
        var card = board.QuerySelectorAll("[data-testid=card]").Single(c => c.GetAttribute("data-id") == o.Id.ToString());
        Assert.NotNull(card.QuerySelector("[data-testid=card-move] select[name=stage]"));

        var response = await zhang.PostFormAsync("/Marketing/Pipeline/Move",
            new Dictionary<string, string>(MoveOf(o, "Negotiation")) { ["returnUrl"] = "/Marketing/Pipeline" }, "/Marketing/Pipeline");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Marketing/Pipeline", response.Headers.Location!.OriginalString);
        var after = await zhang.GetDocumentAsync("/Marketing/Pipeline");
        Assert.Contains("商务谈判", after.Text(".alert-success"));
        Assert.Contains(after.QuerySelectorAll("[data-testid=cards-Negotiation] [data-testid=card]"), c => c.GetAttribute("data-id") == o.Id.ToString());
        Assert.Equal(PipelineStage.Negotiation, (await factory.LoadOpportunityAsync(o.Id)).Stage);
    }

    [Fact]
    public async Task DroppingOnWonClosesTheCardForTheAssigneeOnly()
    {
        var o = await factory.AddOpportunityAsync("zhang.wei", "赢单 拖动", assignee: "li.na", develop: true, prospect: "赢单拖动潜在客户");

        var creator = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var refused = await creator.PostJsonMoveAsync(MoveOf(o, "Won"));
        Assert.Equal(400, refused.Status);
        Assert.Contains("只有被指派的销售人员", refused.Body.GetProperty("message").GetString());

        var li = await factory.SignInAsync("li.na", language: "zh-CN");
        var (status, body) = await li.PostJsonMoveAsync(MoveOf(o, "Won"));

        Assert.Equal(200, status);
        Assert.True(body.GetProperty("closed").GetBoolean());
        var saved = await factory.LoadOpportunityAsync(o.Id);
        var customer = await factory.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == saved.CustomerId));
        Assert.Equal((OpportunityStatus.Won, (Guid?)(await factory.UserAsync("li.na")).Id), (saved.Status, customer.OwnerId));
        Assert.Equal(CustomerStatus.Active, customer.Status);
    }
}
