using System.Net;
using Crm.Tests.Support;

namespace Crm.Tests.Web;

public sealed class AuditLogTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    [Fact]
    public async Task AdministratorSeesSignInsAndSeededRecords()
    {
        await factory.SignInAsync("li.na");
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Admin/Audit");
        var rows = page.QuerySelectorAll("[data-testid=audit-table] tbody tr").Select(r => r.TextContent).ToList();

        Assert.Contains(rows, r => r.Contains("li.na") && r.Contains("登录"));
        Assert.Contains(rows, r => r.Contains("OrgUnit") || r.Contains("CrmUser"));
    }

    [Fact]
    public async Task FilterByUserAndActionNarrowsTheList()
    {
        await factory.SignInAsync("zhang.wei");
        var client = await factory.SignInAsync("admin", language: "en-US");

        var page = await client.GetDocumentAsync("/Admin/Audit?User=zhang.wei&Operation=SignIn");
        var rows = page.QuerySelectorAll("[data-testid=audit-table] tbody tr").ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Contains("zhang.wei", r.TextContent);
            Assert.Contains("Signed in", r.TextContent);
        });
    }

    [Fact]
    public async Task FilterThatMatchesNothingShowsTheEmptyState()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Admin/Audit?User=nobody-at-all");

        Assert.Contains("没有符合条件的操作日志", page.Text("[data-testid=empty-state]"));
    }

    [Fact]
    public async Task OlderPagesFollowTheNewestWithoutOverlap()
    {
        var client = await factory.SignInAsync("admin");
        for (var i = 0; i < 30; i++)
            await factory.SignInAsync("zhao.lei");

        var first = await client.GetDocumentAsync("/Admin/Audit");
        var older = first.QuerySelector("[data-testid=older]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(older);

        var firstRows = first.QuerySelectorAll("[data-testid=audit-table] tbody tr").Select(r => r.InnerHtml).ToList();
        var secondRows = second.QuerySelectorAll("[data-testid=audit-table] tbody tr").Select(r => r.InnerHtml).ToList();
        Assert.Equal(50, firstRows.Count);
        Assert.NotEmpty(secondRows);
        Assert.Empty(firstRows.Intersect(secondRows));
    }

    [Fact]
    public async Task InvalidDateIsReportedNotIgnored()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await client.GetAsync("/Admin/Audit?From=not-a-date");
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不是有效的", page.QuerySelector(".validation-summary-errors")?.TextContent ?? string.Empty);
    }
}
