using System.Net;
using AngleSharp.Dom;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Admin;

/// <summary>
/// The org-unit tree page as an administrator sees it. Tests that change the tree add units of their own,
/// so the demo units (and their user counts) stay as seeded for the others.
/// </summary>
public sealed class OrgUnitsPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<int> IdOfAsync(string name) =>
        factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, fields.ToDictionary(f => f.Key, f => f.Value), formPage: "/");

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    private static IElement Node(IDocument page, string name) =>
        page.QuerySelectorAll("[data-testid=org-node]").Single(n => n.GetAttribute("data-name") == name);

    /// <summary>The names of the units on the path from the root down to the named node.</summary>
    private static List<string> Ancestry(IDocument page, string name)
    {
        var names = new List<string>();
        for (IElement? e = Node(page, name); e is not null; e = e.ParentElement)
        {
            if (e.GetAttribute("data-testid") == "org-node")
                names.Insert(0, e.GetAttribute("data-name")!);
        }

        return names;
    }

    private async Task<int> AddAsync(HttpClient client, string parent, string name, string kind)
    {
        var response = await PostAsync(client, "/Admin/OrgUnits/Create",
            ("ParentId", (await IdOfAsync(parent)).ToString()), ("Name", name), ("Kind", kind));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await IdOfAsync(name);
    }

    [Fact]
    public async Task IndexShowsTheDemoOrganisationAsANestedTreeWithKindsAndUserCounts()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Admin/OrgUnits");

        Assert.Equal(["集团总部", "华东公司", "上海分公司", "销售一组"], Ancestry(page, "销售一组"));
        Assert.Equal(["集团总部", "华北公司", "北京分公司", "销售三组"], Ancestry(page, "销售三组"));
        var team1 = Node(page, "销售一组");
        Assert.Equal("小组", team1.QuerySelector("[data-testid=org-kind]")!.TextContent.Trim());
        Assert.Equal("2 名用户", team1.QuerySelector("[data-testid=org-users]")!.TextContent.Trim());
        Assert.Equal("集团", Node(page, "集团总部").QuerySelector("[data-testid=org-kind]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("ul[data-testid=org-tree] > li > ul > li > ul > li > ul > li[data-name=销售一组]"));
    }

    [Fact]
    public async Task ActionsFollowTheRulesOfEachNode()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Admin/OrgUnits");

        var root = Node(page, "集团总部");
        Assert.Null(root.QuerySelector(":scope > div [data-testid=move]"));
        Assert.Null(root.QuerySelector(":scope > div [data-testid=delete]"));
        var team = Node(page, "销售二组");
        Assert.Null(team.QuerySelector("[data-testid=add-child]"));
        Assert.NotNull(team.QuerySelector("[data-testid=rename]"));
        Assert.NotNull(team.QuerySelector("[data-testid=move]"));
    }

    [Fact]
    public async Task AddingASubUnitShowsItUnderItsParent()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await PostAsync(client, "/Admin/OrgUnits/Create",
            ("ParentId", (await IdOfAsync("华北公司")).ToString()), ("Name", "天津分公司"), ("Kind", "Branch"));
        var page = await FollowAsync(client, response);

        Assert.Contains("已添加机构“天津分公司”", page.Text(".alert-success"));
        Assert.Equal(["集团总部", "华北公司", "天津分公司"], Ancestry(page, "天津分公司"));
        Assert.Equal("分公司", Node(page, "天津分公司").QuerySelector("[data-testid=org-kind]")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheCreateFormOffersOnlyLevelsBelowTheParent()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync($"/Admin/OrgUnits/Create?parentId={await IdOfAsync("华东公司")}");

        Assert.Equal("华东公司", page.Text("[data-testid=parent-name]"));
        Assert.Equal(["Branch", "Team"], page.QuerySelectorAll("select[name=Kind] option").Select(o => o.GetAttribute("value")!).ToArray());
        Assert.NotNull(page.QuerySelector("label[for=Name]"));
        Assert.NotNull(page.QuerySelector("label[for=Kind]"));
    }

    [Fact]
    public async Task UnderATeamTheCreatePageExplainsThatNoSubUnitIsPossible()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync($"/Admin/OrgUnits/Create?parentId={await IdOfAsync("销售二组")}");

        Assert.Contains("已是最低层级", page.Text("[data-testid=no-lower-kind]"));
        Assert.Null(page.QuerySelector("[data-testid=create-form]"));
    }

    [Fact]
    public async Task AKindNotBelowTheParentIsRefusedWithALocalizedMessage()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await PostAsync(client, "/Admin/OrgUnits/Create",
            ("ParentId", (await IdOfAsync("华东公司")).ToString()), ("Name", "华东二公司"), ("Kind", "Company"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("公司下不能设立公司", page.Body!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.OrgUnits.AnyAsync(o => o.Name == "华东二公司")));
    }

    [Fact]
    public async Task ABlankNameIsReportedOnTheField()
    {
        var client = await factory.SignInAsync("admin", language: "en-US");

        var response = await PostAsync(client, "/Admin/OrgUnits/Create",
            ("ParentId", (await IdOfAsync("华东公司")).ToString()), ("Name", " "), ("Kind", "Branch"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Name is required", page.Text("[data-valmsg-for=Name]"));
    }

    [Fact]
    public async Task RenamingChangesTheNameInTheTree()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var id = await AddAsync(client, "华东公司", "杭州分公司", "Branch");
        var form = await client.GetDocumentAsync($"/Admin/OrgUnits/Rename/{id}");

        var response = await PostAsync(client, $"/Admin/OrgUnits/Rename/{id}",
            ("Name", "浙江分公司"), ("Version", form.QuerySelector("input[name=Version]")!.GetAttribute("value")!));
        var page = await FollowAsync(client, response);

        Assert.Contains("浙江分公司", page.Text(".alert-success"));
        Assert.Equal(["集团总部", "华东公司", "浙江分公司"], Ancestry(page, "浙江分公司"));
        Assert.Empty(page.QuerySelectorAll("[data-name=杭州分公司]"));
    }

    [Fact]
    public async Task RenamingFromAStaleFormShowsTheConflictMessage()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var id = await AddAsync(client, "华东公司", "南京分公司", "Branch");
        var stale = (await client.GetDocumentAsync($"/Admin/OrgUnits/Rename/{id}")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        await PostAsync(client, $"/Admin/OrgUnits/Rename/{id}", ("Name", "江苏分公司"), ("Version", stale));

        var response = await PostAsync(client, $"/Admin/OrgUnits/Rename/{id}", ("Name", "金陵分公司"), ("Version", stale));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该记录已被他人修改", page.Text(".validation-summary-errors"));
        Assert.Equal("江苏分公司", await factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Id == id).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task MovingAUnitTakesItsSubUnitsAlong()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var branch = await AddAsync(client, "华东公司", "合肥分公司", "Branch");
        await AddAsync(client, "合肥分公司", "合肥一组", "Team");

        var response = await PostAsync(client, $"/Admin/OrgUnits/Move/{branch}", ("NewParentId", (await IdOfAsync("华北公司")).ToString()));
        var page = await FollowAsync(client, response);

        Assert.Contains("已移动机构“合肥分公司”", page.Text(".alert-success"));
        Assert.Equal(["集团总部", "华北公司", "合肥分公司", "合肥一组"], Ancestry(page, "合肥一组"));
    }

    [Fact]
    public async Task TheMoveFormDisablesTheUnitItsSubtreeAndUnitsNotAboveIt()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync($"/Admin/OrgUnits/Move/{await IdOfAsync("上海分公司")}");

        var options = page.QuerySelectorAll("select[name=NewParentId] option")
            .ToDictionary(o => o.TextContent.Trim().Split(' ')[0].Trim('\u00A0'), o => o.HasAttribute("disabled"));
        Assert.False(options["华北公司"]);
        Assert.False(options["集团总部"]);
        Assert.True(options["上海分公司"]);
        Assert.True(options["销售一组"]);
        Assert.True(options["北京分公司"]);
        Assert.Equal("华东公司", page.Text("[data-testid=current-parent]"));
    }

    [Fact]
    public async Task MovingIntoItsOwnSubtreeIsRefusedEvenWhenPostedDirectly()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var east = await IdOfAsync("华东公司");

        var response = await PostAsync(client, $"/Admin/OrgUnits/Move/{east}", ("NewParentId", (await IdOfAsync("销售一组")).ToString()));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不能把机构移到它自己或它的下级机构之下", page.Body!.TextContent);
        Assert.Equal(await IdOfAsync("集团总部"),
            await factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Id == east).Select(o => o.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task TheTopUnitCannotBeMoved()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync($"/Admin/OrgUnits/Move/{await IdOfAsync("集团总部")}");

        Assert.Contains("顶级机构不能移动", page.Text("[data-testid=cannot-move-root]"));
        Assert.Null(page.QuerySelector("[data-testid=move-form]"));
    }

    [Fact]
    public async Task DeletingAnEmptyUnitRemovesIt()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var id = await AddAsync(client, "华北公司", "太原分公司", "Branch");
        var confirm = await client.GetDocumentAsync($"/Admin/OrgUnits/Delete/{id}");
        Assert.NotNull(confirm.QuerySelector("[data-testid=confirm-delete]"));

        var response = await PostAsync(client, $"/Admin/OrgUnits/Delete/{id}");
        var page = await FollowAsync(client, response);

        Assert.Contains("已删除机构“太原分公司”", page.Text(".alert-success"));
        Assert.Empty(page.QuerySelectorAll("[data-name=太原分公司]"));
        Assert.False(await factory.WithDbAsync(db => db.OrgUnits.AnyAsync(o => o.Id == id)));
    }

    [Fact]
    public async Task DeletingAUnitWithUsersIsRefusedAndSaysWhy()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var team1 = await IdOfAsync("销售一组");

        var response = await PostAsync(client, $"/Admin/OrgUnits/Delete/{team1}");
        var page = await FollowAsync(client, response);

        var message = page.Text(".alert-danger");
        Assert.StartsWith("“销售一组”下仍有", message);
        Assert.Contains("用户 2", message);
        // The customers module's records count too, found from the model without registering anything.
        Assert.Matches("客户 \\d+", message);
        Assert.Contains("不能删除", message);
        Assert.True(await factory.WithDbAsync(db => db.OrgUnits.AnyAsync(o => o.Id == team1)));
    }

    [Fact]
    public async Task DeletingAUnitWithSubUnitsIsRefusedAndSaysWhy()
    {
        var client = await factory.SignInAsync("admin", language: "en-US");
        var shanghai = await IdOfAsync("上海分公司");
        var confirm = await client.GetDocumentAsync($"/Admin/OrgUnits/Delete/{shanghai}");
        Assert.Equal("2", confirm.Text("[data-testid=delete-children]"));

        var response = await PostAsync(client, $"/Admin/OrgUnits/Delete/{shanghai}");
        var page = await FollowAsync(client, response);

        Assert.Contains("\"上海分公司\" cannot be deleted while it still has sub-units 2", page.Text(".alert-danger"));
        Assert.True(await factory.WithDbAsync(db => db.OrgUnits.AnyAsync(o => o.Id == shanghai)));
    }

    [Fact]
    public async Task DeletingTheTopUnitIsRefused()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var root = await IdOfAsync("集团总部");

        var response = await PostAsync(client, $"/Admin/OrgUnits/Delete/{root}");
        var page = await FollowAsync(client, response);

        Assert.Contains("顶级机构不能删除", page.Text(".alert-danger"));
    }

    [Fact]
    public async Task PagesHaveNoInlineScriptsOrStylesEvenWithErrors()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var east = await IdOfAsync("华东公司");
        var team1 = await IdOfAsync("销售一组");
        var pages = new List<IDocument>();
        foreach (var url in new[] { "/Admin/OrgUnits", $"/Admin/OrgUnits/Create?parentId={east}", $"/Admin/OrgUnits/Create?parentId={team1}",
                     $"/Admin/OrgUnits/Rename/{team1}", $"/Admin/OrgUnits/Move/{team1}", $"/Admin/OrgUnits/Move/{await IdOfAsync("集团总部")}",
                     $"/Admin/OrgUnits/Delete/{team1}" })
            pages.Add(await client.GetDocumentAsync(url));
        pages.Add(await (await PostAsync(client, "/Admin/OrgUnits/Create", ("ParentId", east.ToString()), ("Name", ""), ("Kind", "Company"))).ReadDocumentAsync());
        pages.Add(await FollowAsync(client, await PostAsync(client, $"/Admin/OrgUnits/Delete/{team1}")));

        foreach (var page in pages)
        {
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {page.Url}"));
            Assert.Empty(page.QuerySelectorAll("style"));
            Assert.Empty(page.QuerySelectorAll("[style]").Select(e => e.OuterHtml));
            Assert.All(page.QuerySelectorAll("main input:not([type=hidden]), main select"),
                i => Assert.NotNull(page.QuerySelector($"label[for='{i.Id}']")));
        }
    }

    [Theory]
    [InlineData("/Admin/OrgUnits/Rename/99999")]
    [InlineData("/Admin/OrgUnits/Move/99999")]
    [InlineData("/Admin/OrgUnits/Delete/99999")]
    [InlineData("/Admin/OrgUnits/Create?parentId=99999")]
    public async Task AnUnknownUnitIsNotFound(string url)
    {
        var client = await factory.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task PostsForAnUnknownUnitAreNotFound()
    {
        var client = await factory.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "/Admin/OrgUnits/Delete/99999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "/Admin/OrgUnits/Rename/99999", ("Name", "x"), ("Version", Guid.Empty.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "/Admin/OrgUnits/Move/99999", ("NewParentId", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "/Admin/OrgUnits/Create", ("ParentId", "99999"), ("Name", "x"), ("Kind", "Team"))).StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Redirect)]
    [InlineData("zhang.wei", HttpStatusCode.Forbidden)]
    [InlineData("li.na", HttpStatusCode.Forbidden)]
    [InlineData("manager.east", HttpStatusCode.Forbidden)]
    [InlineData("manager.north", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task EveryPageAnswersByPermission(string? user, HttpStatusCode expected)
    {
        var client = user is null ? factory.NewClient() : await factory.SignInAsync(user);
        var east = await IdOfAsync("华东公司");
        var team3 = await IdOfAsync("销售三组");

        foreach (var url in new[] { "/Admin/OrgUnits", $"/Admin/OrgUnits/Create?parentId={east}", $"/Admin/OrgUnits/Rename/{team3}",
                     $"/Admin/OrgUnits/Move/{team3}", $"/Admin/OrgUnits/Delete/{team3}" })
        {
            var response = await client.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{url} as {user}: {response.StatusCode}");
            if (expected == HttpStatusCode.Redirect)
                Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("manager.east")]
    [InlineData("zhang.wei")]
    public async Task EveryPostIsForbiddenWithoutThePermissionAndChangesNothing(string user)
    {
        var client = await factory.SignInAsync(user);
        var east = await IdOfAsync("华东公司");
        var team2 = await IdOfAsync("销售二组");
        var north = await IdOfAsync("华北公司");
        var before = await factory.WithDbAsync(db => db.OrgUnits.OrderBy(o => o.Id).Select(o => o.Name + o.Path).ToListAsync());

        var posts = new (string Url, (string, string)[] Fields)[]
        {
            ("/Admin/OrgUnits/Create", [("ParentId", east.ToString()), ("Name", "越权分公司"), ("Kind", "Branch")]),
            ($"/Admin/OrgUnits/Rename/{team2}", [("Name", "越权小组"), ("Version", Guid.Empty.ToString())]),
            ($"/Admin/OrgUnits/Move/{team2}", [("NewParentId", north.ToString())]),
            ($"/Admin/OrgUnits/Delete/{team2}", []),
        };
        foreach (var (url, fields) in posts)
        {
            var status = (await PostAsync(client, url, fields)).StatusCode;
            Assert.True(status == HttpStatusCode.Forbidden, $"{url}: {status}");
        }

        Assert.Equal(before, await factory.WithDbAsync(db => db.OrgUnits.OrderBy(o => o.Id).Select(o => o.Name + o.Path).ToListAsync()));
    }
}
