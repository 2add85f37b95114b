using System.Net;
using Crm.Domain.Marketing;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Marketing;

public sealed class StageSettingsPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private const string Url = "/Marketing/StageSettings";

    private static Dictionary<string, string> Form(AngleSharp.Dom.IDocument page, params int[] probabilities)
    {
        var fields = page.QuerySelectorAll("[data-testid=stage-settings-form] input[name^='Stages[']")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        for (var i = 0; i < probabilities.Length; i++)
            fields[$"Stages[{i}].Probability"] = probabilities[i].ToString();
        return fields;
    }

    private Task<Dictionary<PipelineStage, int>> StoredAsync() =>
        factory.WithDbAsync(db => db.PipelineStageSettings.ToDictionaryAsync(s => s.Stage, s => s.DefaultProbability));

    private Task ResetAsync() =>
        factory.WithDbAsync(async db => await db.PipelineStageSettings.ExecuteDeleteAsync());

    [Theory]
    [InlineData("zhang.wei")]
    [InlineData("manager.east")]
    public async Task OnlyTheAdministratorMayChangeThem(string userName)
    {
        var admin = await factory.SignInAsync("admin");
        var form = Form(await admin.GetDocumentAsync(Url), 5, 25, 45, 65);
        var client = await factory.SignInAsync(userName);
        var before = await StoredAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync(Url, form, "/")).StatusCode);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task MissingRowsShowTheDefaultsAndAreCreatedOnSave()
    {
        await ResetAsync();
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await admin.GetDocumentAsync(Url);
        var shown = page.QuerySelectorAll("[data-testid=stage-row] input[type=number]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["10", "30", "50", "70"], shown);
        Assert.Contains("系统默认值", page.Text("[data-testid=stage-row]"));

        var response = await admin.PostFormAsync(Url, Form(page, 15, 35, 55, 80));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Dictionary<PipelineStage, int>
        {
            [PipelineStage.Initial] = 15, [PipelineStage.NeedsConfirmed] = 35, [PipelineStage.Proposal] = 55, [PipelineStage.Negotiation] = 80,
        }, await StoredAsync());
        var after = await admin.GetDocumentAsync(Url);
        Assert.Contains("已保存阶段成功几率", after.Text(".alert-success"));
        Assert.Contains("已保存的设置", after.Text("[data-testid=stage-row]"));
    }

    [Fact]
    public async Task OutOfRangeValuesAreExplainedAndNothingIsSaved()
    {
        await ResetAsync();
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await admin.PostFormAsync(Url, Form(await admin.GetDocumentAsync(Url), 10, 130, 50, -1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("默认成功几率必须在 0 到 100 之间", (await response.ReadDocumentAsync()).Body!.TextContent);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task StaleFormIsRefusedAndKeepsTheNewerValues()
    {
        await ResetAsync();
        var first = await factory.SignInAsync("admin", language: "zh-CN");
        var second = await factory.SignInAsync("admin", language: "zh-CN");
        var stale = await second.GetDocumentAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(Url, Form(await first.GetDocumentAsync(Url), 12, 32, 52, 72))).StatusCode);
        var refused = await second.PostFormAsync(Url, Form(stale, 1, 2, 3, 4));

        Assert.Contains("该记录已被他人修改", (await refused.ReadDocumentAsync()).Body!.TextContent);
        Assert.Equal([12, 32, 52, 72], (await StoredAsync()).OrderBy(kv => kv.Key).Select(kv => kv.Value));
    }
}
