using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Crm.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Web.Admin;

/// <summary>
/// The data-dictionary page as an administrator sees it. Tests that change items work on items of their
/// own (or on categories no other test reads), so the seeded values stay as they are for the others.
/// </summary>
public sealed class DictionaryPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<int> IdOfAsync(string category, string code) =>
        factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == category && d.Code == code).Select(d => d.Id).SingleAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, fields.ToDictionary(f => f.Key, f => f.Value), formPage: "/");

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    private static IElement Row(IDocument page, string code) =>
        page.QuerySelectorAll("[data-testid=item]").Single(r => r.GetAttribute("data-code") == code);

    private async Task<int> CreateAsync(HttpClient client, string category, string code, string zh, string en, int order = 500)
    {
        var response = await PostAsync(client, "/Admin/Dictionary/Create",
            ("Category", category), ("Code", code), ("NameZh", zh), ("NameEn", en), ("SortOrder", order.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await IdOfAsync(category, code);
    }

    // Through the app's own reference-data cache: what a page would offer right after the admin's change.
    private DictionaryOptions OptionsOf(CrmDbContext db) =>
        new(db, new ReferenceLists(db, factory.Services.GetRequiredService<ReferenceDataCache>()));

    private Task<IReadOnlyList<string>> OfferedAsync(string category) =>
        factory.WithDbAsync(async db => (IReadOnlyList<string>)(await OptionsOf(db).ForAsync(category)).Select(o => o.Value).ToList());

    [Fact]
    public async Task IndexListsEveryCategoryWithItsCountAndTheChosenCategorysItemsInOrder()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Admin/Dictionary?category=CustomerLevel");

        var categories = page.QuerySelectorAll("[data-testid=category]").ToList();
        Assert.Equal(DictionaryCategories.All, categories.Select(c => c.GetAttribute("data-code")!).ToList());
        var level = categories.Single(c => c.GetAttribute("data-code") == "CustomerLevel");
        Assert.Equal("page", level.GetAttribute("aria-current"));
        Assert.Contains("客户等级", level.TextContent);
        Assert.Equal("5", level.QuerySelector(".badge")!.TextContent.Trim());
        Assert.Equal("客户等级", page.Text("[data-testid=category-title]"));
        Assert.Equal(["Regular", "KeyAccount", "DevelopmentTarget", "Partner", "StrategicPartner"],
            page.QuerySelectorAll("[data-testid=item]").Select(r => r.GetAttribute("data-code")!).ToArray());
        var regular = Row(page, "Regular");
        Assert.Equal("普通客户", regular.QuerySelector("[data-testid=name-zh]")!.TextContent);
        Assert.Equal("Regular", regular.QuerySelector("[data-testid=name-en]")!.TextContent);
        Assert.Equal("启用", regular.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Null(regular.QuerySelector("[data-testid=system]"));
    }

    [Fact]
    public async Task WithoutACategoryTheFirstIsShownAndSystemItemsAreMarked()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var first = await client.GetDocumentAsync("/Admin/Dictionary");
        var priorities = await client.GetDocumentAsync("/Admin/Dictionary?category=Priority");

        Assert.Equal("客户等级", first.Text("[data-testid=category-title]"));
        var urgent = Row(priorities, "Urgent");
        Assert.Equal("系统内置", urgent.QuerySelector("[data-testid=system]")!.TextContent);
        Assert.Null(urgent.QuerySelector("[data-testid=delete]"));
    }

    [Fact]
    public async Task ACreatedItemIsListedAndOfferedInDropdowns()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await PostAsync(client, "/Admin/Dictionary/Create",
            ("Category", "Source"), ("Code", "TradeFair"), ("NameZh", "展销会"), ("NameEn", "Trade fair"), ("SortOrder", "95"));
        var page = await FollowAsync(client, response);

        Assert.Contains("已新增字典项“展销会”", page.Text(".alert-success"));
        Assert.Equal("展销会", Row(page, "TradeFair").QuerySelector("[data-testid=name-zh]")!.TextContent);
        var id = await IdOfAsync("Source", "TradeFair");
        Assert.Contains(id.ToString(CultureInfo.InvariantCulture), await OfferedAsync("Source"));
    }

    [Fact]
    public async Task TheCreateFormProposesTheNextOrderNumberAndLabelsEveryField()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Admin/Dictionary/Create?category=CustomerLevel");

        Assert.Equal("60", page.QuerySelector("input[name=SortOrder]")!.GetAttribute("value"));
        foreach (var field in new[] { "Code", "NameZh", "NameEn", "SortOrder" })
            Assert.NotNull(page.QuerySelector($"label[for={field}]"));
    }

    [Theory]
    [InlineData("110000")]
    [InlineData("Keyaccount")]
    public async Task ADuplicateCodeInTheCategoryIsReportedOnTheCodeField(string code)
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var category = code == "110000" ? "Region" : "CustomerLevel";
        var before = await factory.WithDbAsync(db => db.DictionaryItems.CountAsync(d => d.Category == category));

        var response = await PostAsync(client, "/Admin/Dictionary/Create",
            ("Category", category), ("Code", code), ("NameZh", "重复"), ("NameEn", "Duplicate"), ("SortOrder", "10"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"已存在编码“{code}”", page.Text("[data-valmsg-for=Code]"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.DictionaryItems.CountAsync(d => d.Category == category)));
    }

    [Fact]
    public async Task AMalformedCodeIsReportedWithTheRule()
    {
        var client = await factory.SignInAsync("admin", language: "en-US");

        var response = await PostAsync(client, "/Admin/Dictionary/Create",
            ("Category", "Industry"), ("Code", "has space"), ("NameZh", "新行业"), ("NameEn", "New industry"), ("SortOrder", "10"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("letters, digits, - _ and . only", page.Text("[data-valmsg-for=Code]"));
    }

    [Fact]
    public async Task MissingNamesAndANegativeOrderAreReportedOnTheirFields()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await PostAsync(client, "/Admin/Dictionary/Create",
            ("Category", "Industry"), ("Code", "Mining"), ("NameZh", ""), ("NameEn", ""), ("SortOrder", "-1"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请填写中文名称", page.Text("[data-valmsg-for=NameZh]"));
        Assert.Contains("请填写英文名称", page.Text("[data-valmsg-for=NameEn]"));
        Assert.Contains("排序号必须是 0 到 99999 之间的整数", page.Text("[data-valmsg-for=SortOrder]"));
    }

    [Fact]
    public async Task EditingChangesNamesAndOrderButNeverTheCodeOrValue()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var id = await CreateAsync(client, "Unit", "Pallet", "托", "Pallet");
        var form = await client.GetDocumentAsync($"/Admin/Dictionary/Edit/{id}");
        Assert.Null(form.QuerySelector("input[name=Code]"));
        Assert.Null(form.QuerySelector("input[name=Value]"));

        var response = await PostAsync(client, $"/Admin/Dictionary/Edit/{id}",
            ("NameZh", "托盘"), ("NameEn", "Pallet (wood)"), ("SortOrder", "5"), ("Code", "Hacked"),
            ("Version", form.QuerySelector("input[name=Version]")!.GetAttribute("value")!));
        var page = await FollowAsync(client, response);

        Assert.Contains("已保存字典项“托盘”", page.Text(".alert-success"));
        Assert.Equal("Pallet", page.QuerySelectorAll("[data-testid=item]").First().GetAttribute("data-code"));
        var saved = await factory.WithDbAsync(db => db.DictionaryItems.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal(("Pallet", "托盘", "Pallet (wood)", 5, (int?)null), (saved.Code, saved.NameZh, saved.NameEn, saved.SortOrder, saved.Value));
    }

    [Fact]
    public async Task EditingFromAStaleFormShowsTheConflictMessage()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var id = await CreateAsync(client, "Unit", "Roll", "卷", "Roll");
        var stale = (await client.GetDocumentAsync($"/Admin/Dictionary/Edit/{id}")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        await PostAsync(client, $"/Admin/Dictionary/Edit/{id}", ("NameZh", "卷筒"), ("NameEn", "Roll"), ("SortOrder", "500"), ("Version", stale));

        var response = await PostAsync(client, $"/Admin/Dictionary/Edit/{id}", ("NameZh", "捆"), ("NameEn", "Bundle"), ("SortOrder", "500"), ("Version", stale));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该记录已被他人修改", page.Text(".validation-summary-errors"));
        Assert.Equal("卷筒", await factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Id == id).Select(d => d.NameZh).SingleAsync()));
    }

    [Fact]
    public async Task ADeactivatedItemIsNoLongerOfferedButStillNamedAndCanBeActivatedAgain()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var id = await CreateAsync(client, "ChurnReason", "Relocated", "客户搬迁", "Relocated");
        var value = id.ToString(CultureInfo.InvariantCulture);

        var page = await FollowAsync(client, await PostAsync(client, $"/Admin/Dictionary/Deactivate/{id}"));

        Assert.Contains("已停用字典项“客户搬迁”", page.Text(".alert-success"));
        Assert.Equal("停用", Row(page, "Relocated").QuerySelector("[data-testid=status]")!.TextContent);
        Assert.NotNull(Row(page, "Relocated").QuerySelector("[data-testid=activate]"));
        Assert.DoesNotContain(value, await OfferedAsync("ChurnReason"));
        Assert.NotNull(await factory.WithDbAsync(db => OptionsOf(db).NameAsync(id)));
        var selected = await factory.WithDbAsync(db => OptionsOf(db).ForAsync("ChurnReason", id));
        Assert.Contains(selected, o => o.Value == value && o.Selected);

        page = await FollowAsync(client, await PostAsync(client, $"/Admin/Dictionary/Activate/{id}"));

        Assert.Equal("启用", Row(page, "Relocated").QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Contains(value, await OfferedAsync("ChurnReason"));
    }

    [Fact]
    public async Task DeletingAnUnusedItemRemovesIt()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var id = await CreateAsync(client, "LostReason", "NoContact", "失去联系", "Lost contact");
        var confirm = await client.GetDocumentAsync($"/Admin/Dictionary/Delete/{id}");
        Assert.NotNull(confirm.QuerySelector("[data-testid=confirm-delete]"));

        var page = await FollowAsync(client, await PostAsync(client, $"/Admin/Dictionary/Delete/{id}"));

        Assert.Contains("已删除字典项“失去联系”", page.Text(".alert-success"));
        Assert.Empty(page.QuerySelectorAll("[data-code=NoContact]"));
        Assert.False(await factory.WithDbAsync(db => db.DictionaryItems.AnyAsync(d => d.Id == id)));
    }

    [Fact]
    public async Task DeletingASystemItemIsRefusedAndSuggestsRenaming()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var urgent = await IdOfAsync("Priority", "Urgent");
        var confirm = await client.GetDocumentAsync($"/Admin/Dictionary/Delete/{urgent}");
        Assert.Null(confirm.QuerySelector("[data-testid=confirm-delete]"));

        var page = await FollowAsync(client, await PostAsync(client, $"/Admin/Dictionary/Delete/{urgent}"));

        Assert.Contains("“紧急”为系统内置项，不能删除", page.Text(".alert-danger"));
        Assert.True(await factory.WithDbAsync(db => db.DictionaryItems.AnyAsync(d => d.Id == urgent)));
    }

    [Fact]
    public async Task MoveUpAndDownSwapAnItemWithItsNeighbour()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var questionnaire = await IdOfAsync("VisitMethod", "Questionnaire");

        var page = await FollowAsync(client, await PostAsync(client, $"/Admin/Dictionary/MoveUp/{questionnaire}"));

        Assert.Equal(["Phone", "OnSite", "Questionnaire", "Email", "WeChat"],
            page.QuerySelectorAll("[data-testid=item]").Select(r => r.GetAttribute("data-code")!).ToArray());
        Assert.NotNull(page.QuerySelector("[data-code=Phone] [data-testid=move-up][disabled]"));

        page = await FollowAsync(client, await PostAsync(client, $"/Admin/Dictionary/MoveDown/{questionnaire}"));

        Assert.Equal(["Phone", "OnSite", "Email", "Questionnaire", "WeChat"],
            page.QuerySelectorAll("[data-testid=item]").Select(r => r.GetAttribute("data-code")!).ToArray());
    }

    [Fact]
    public async Task PagesHaveNoInlineScriptsOrStylesEvenWithErrors()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var regular = await IdOfAsync("CustomerLevel", "Regular");
        var urgent = await IdOfAsync("Priority", "Urgent");
        var pages = new List<IDocument>();
        foreach (var url in new[] { "/Admin/Dictionary", "/Admin/Dictionary?category=Priority", "/Admin/Dictionary/Create?category=Region",
                     $"/Admin/Dictionary/Edit/{regular}", $"/Admin/Dictionary/Delete/{regular}", $"/Admin/Dictionary/Delete/{urgent}" })
            pages.Add(await client.GetDocumentAsync(url));
        pages.Add(await (await PostAsync(client, "/Admin/Dictionary/Create",
            ("Category", "Region"), ("Code", "110000"), ("NameZh", ""), ("NameEn", ""), ("SortOrder", "x"))).ReadDocumentAsync());
        pages.Add(await FollowAsync(client, await PostAsync(client, $"/Admin/Dictionary/Delete/{urgent}")));

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
    [InlineData("/Admin/Dictionary?category=Colour")]
    [InlineData("/Admin/Dictionary/Create?category=Colour")]
    [InlineData("/Admin/Dictionary/Create")]
    [InlineData("/Admin/Dictionary/Edit/99999")]
    [InlineData("/Admin/Dictionary/Delete/99999")]
    public async Task AnUnknownItemOrCategoryIsNotFound(string url)
    {
        var client = await factory.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task PostsForAnUnknownItemOrCategoryAreNotFound()
    {
        var client = await factory.SignInAsync("admin");

        foreach (var action in new[] { "Deactivate", "Activate", "MoveUp", "MoveDown", "Delete" })
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Admin/Dictionary/{action}/99999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "/Admin/Dictionary/Edit/99999",
            ("NameZh", "名"), ("NameEn", "Name"), ("SortOrder", "1"), ("Version", Guid.Empty.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "/Admin/Dictionary/Create",
            ("Category", "Colour"), ("Code", "Red"), ("NameZh", "红"), ("NameEn", "Red"), ("SortOrder", "1"))).StatusCode);
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
        var regular = await IdOfAsync("CustomerLevel", "Regular");

        foreach (var url in new[] { "/Admin/Dictionary", "/Admin/Dictionary?category=Region", "/Admin/Dictionary/Create?category=Region",
                     $"/Admin/Dictionary/Edit/{regular}", $"/Admin/Dictionary/Delete/{regular}" })
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
        var id = await IdOfAsync("Industry", "Other");
        var before = await factory.WithDbAsync(db => db.DictionaryItems.OrderBy(d => d.Id)
            .Select(d => d.Code + d.NameZh + d.SortOrder + d.IsActive).ToListAsync());

        var posts = new (string Url, (string, string)[] Fields)[]
        {
            ("/Admin/Dictionary/Create", [("Category", "Industry"), ("Code", "Forbidden"), ("NameZh", "越权"), ("NameEn", "Forbidden"), ("SortOrder", "1")]),
            ($"/Admin/Dictionary/Edit/{id}", [("NameZh", "越权"), ("NameEn", "Forbidden"), ("SortOrder", "1"), ("Version", Guid.Empty.ToString())]),
            ($"/Admin/Dictionary/Deactivate/{id}", []),
            ($"/Admin/Dictionary/Activate/{id}", []),
            ($"/Admin/Dictionary/MoveUp/{id}", []),
            ($"/Admin/Dictionary/MoveDown/{id}", []),
            ($"/Admin/Dictionary/Delete/{id}", []),
        };
        foreach (var (url, fields) in posts)
        {
            var status = (await PostAsync(client, url, fields)).StatusCode;
            Assert.True(status == HttpStatusCode.Forbidden, $"{url}: {status}");
        }

        Assert.Equal(before, await factory.WithDbAsync(db => db.DictionaryItems.OrderBy(d => d.Id)
            .Select(d => d.Code + d.NameZh + d.SortOrder + d.IsActive).ToListAsync()));
    }
}
