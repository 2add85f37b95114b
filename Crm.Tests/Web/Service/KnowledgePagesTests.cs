using System.Net;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Service;

/// <summary>The knowledge base: editors (managers) write articles whose HTML is stored sanitized; everyone with Knowledge.View reads them.</summary>
public sealed class KnowledgePagesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    [Fact]
    public async Task AnArticleWithScriptAndEventHandlersIsStoredSanitizedAndRenderedWithoutThem()
    {
        var manager = await factory.SignInAsync("manager.east");
        const string answer = "<p onclick=\"steal()\">先断电<script>alert('x')</script></p><img src=\"x\" onerror=\"alert(1)\"><a href=\"javascript:alert(2)\">链接</a><strong>再重启</strong>";

        var response = await manager.PostFormAsync("/Service/Knowledge/Create", new Dictionary<string, string>
        {
            ["Title"] = "设备无法开机的处理", ["AnswerHtml"] = answer, ["Tags"] = "开机, 电源,开机", ["IsPublished"] = "true", ["Version"] = Guid.Empty.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.KnowledgeArticles.AsNoTracking().SingleAsync(a => a.Title == "设备无法开机的处理"));
        Assert.DoesNotContain("<script", stored.AnswerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", stored.AnswerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", stored.AnswerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", stored.AnswerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<strong>再重启</strong>", stored.AnswerHtml);
        Assert.Equal("开机,电源", stored.Tags);

        var html = await manager.GetStringAsync(response.Headers.Location!.OriginalString);
        var page = await manager.GetDocumentAsync($"/Service/Knowledge/Details/{stored.Id}");
        var body = page.QuerySelector("[data-testid=article-answer]")!;
        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(", html, StringComparison.Ordinal);
        Assert.Equal("再重启", body.QuerySelector("strong")!.TextContent);
    }

    [Fact]
    public async Task ReadingAnArticleCountsAView()
    {
        var id = await factory.WithDbAsync(db => ServiceTestData.ArticleAsync(db, title: "浏览计数文章"));
        var client = await factory.SignInAsync("zhang.wei");

        await client.GetDocumentAsync($"/Service/Knowledge/Details/{id}");
        var page = await client.GetDocumentAsync($"/Service/Knowledge/Details/{id}");

        Assert.Equal(2, await factory.WithDbAsync(db => db.KnowledgeArticles.Where(a => a.Id == id).Select(a => a.ViewCount).SingleAsync()));
        Assert.Contains("2", page.Text("[data-testid=article-views]"));
    }

    [Fact]
    public async Task TheSearchFindsQuestionsTagsAndAnswerText()
    {
        await factory.WithDbAsync(db => ServiceTestData.ArticleAsync(db, title: "墨盒更换步骤", answer: "<p>先取出旧的硒鼓组件</p>", tags: "耗材"));
        var client = await factory.SignInAsync("li.na");

        foreach (var q in new[] { "墨盒更换", "耗材", "硒鼓组件" })
        {
            var page = await client.GetDocumentAsync($"/Service/Knowledge?q={Uri.EscapeDataString(q)}");
            Assert.Contains("墨盒更换步骤", page.Text("[data-testid=articles-table]"));
        }

        var none = await client.GetDocumentAsync("/Service/Knowledge?q=" + Uri.EscapeDataString("不存在的词语"));
        Assert.NotNull(none.QuerySelector("[data-testid=empty-state]"));
    }

    [Fact]
    public async Task SalespeopleReadButMayNotWriteArticles()
    {
        var id = await factory.WithDbAsync(db => ServiceTestData.ArticleAsync(db, title: "只读文章"));
        var client = await factory.SignInAsync("zhang.wei");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Service/Knowledge/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Service/Knowledge/Edit/{id}")).StatusCode);
        var response = await client.PostFormAsync($"/Service/Knowledge/Edit/{id}", new Dictionary<string, string>
        {
            ["Title"] = "改标题", ["AnswerHtml"] = "<p>x</p>", ["Version"] = Guid.Empty.ToString(),
        }, formPage: $"/Service/Knowledge/Details/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("只读文章", await factory.WithDbAsync(db => db.KnowledgeArticles.Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
    }

    [Fact]
    public async Task AStaleArticleEditIsRefused()
    {
        var id = await factory.WithDbAsync(db => ServiceTestData.ArticleAsync(db, title: "并发文章"));
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var form = await manager.GetDocumentAsync($"/Service/Knowledge/Edit/{id}");
        var version = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        await factory.WithDbAsync(async db =>
        {
            var a = await db.KnowledgeArticles.SingleAsync(x => x.Id == id);
            a.Edit("别人改的标题", a.AnswerHtml, a.Tags, a.ProductId);
            return await db.SaveChangesAsync();
        });

        var response = await manager.PostFormAsync($"/Service/Knowledge/Edit/{id}", new Dictionary<string, string>
        {
            ["Title"] = "我改的标题", ["AnswerHtml"] = "<p>新答案</p>", ["IsPublished"] = "true", ["Version"] = version,
        }, formPage: $"/Service/Knowledge/Edit/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("别人改的标题", await factory.WithDbAsync(db => db.KnowledgeArticles.Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
    }
}
