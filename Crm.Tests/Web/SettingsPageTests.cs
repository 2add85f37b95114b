using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Tests.Support;
using Crm.Web;
using Crm.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Crm.Tests.Web;

public sealed class SettingsPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private const string Url = "/Admin/Settings";

    /// <summary>Every field of the settings form as the page rendered it, as a browser would post it back (less the repeated culture hints).</summary>
    private static Dictionary<string, string> FormOf(IDocument page) =>
        page.QuerySelectorAll("[data-testid=settings-form] input[name]")
            .Where(i => i.GetAttribute("name") is not ("__RequestVerificationToken" or "__Invariant"))
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);

    private Task<SystemSettings> SettingsAsync() =>
        factory.WithDbAsync(db => db.SystemSettings.AsNoTracking().SingleAsync());

    private Task<List<DictionaryItem>> PrioritiesAsync() =>
        factory.WithDbAsync(db => db.DictionaryItems.AsNoTracking()
            .Where(d => d.Category == DictionaryCategories.Priority && d.IsActive)
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Id).ToListAsync());

    [Fact]
    public async Task PageShowsTheCurrentSettingsAndOneSlaInputPerActivePriorityInOrder()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var settings = await SettingsAsync();
        var priorities = await PrioritiesAsync();

        var page = await client.GetDocumentAsync(Url);
        var form = FormOf(page);

        Assert.Equal(settings.CompanyName, form["CompanyName"]);
        Assert.Equal(settings.ChurnThresholdMonths.ToString(CultureInfo.InvariantCulture), form["ChurnThresholdMonths"]);
        Assert.Equal(settings.PoolRecycleDaysWithoutInteraction.ToString(CultureInfo.InvariantCulture), form["PoolRecycleDaysWithoutInteraction"]);
        Assert.Equal(settings.PoolDailyClaimLimit.ToString(CultureInfo.InvariantCulture), form["PoolDailyClaimLimit"]);
        Assert.Equal(settings.Version.ToString(), form["Version"]);
        Assert.Equal(priorities.Select(p => p.NameZh), page.QuerySelectorAll("[data-testid=sla-row] label").Select(l => l.TextContent.Trim()));
        Assert.Equal(priorities.Select(p => p.Value?.ToString(CultureInfo.InvariantCulture)), priorities.Select((_, i) => form[$"Sla[{i}].Hours"]));
        Assert.Contains("填 0 表示关闭此规则", page.Text("#recycle-days-help"));
        Assert.Equal("流失预警阈值（无订单月数）", page.Text("label[for=ChurnThresholdMonths]"));
    }

    [Fact]
    public async Task PriorityNamesFollowTheUserLanguage()
    {
        var client = await factory.SignInAsync("admin", language: "en-US");
        var priorities = await PrioritiesAsync();

        var page = await client.GetDocumentAsync(Url);

        Assert.Equal(priorities.Select(p => p.NameEn), page.QuerySelectorAll("[data-testid=sla-row] label").Select(l => l.TextContent.Trim()));
        Assert.Equal("Company profile", page.Text("#company-heading"));
    }

    [Fact]
    public async Task TheContractRenewalReminderDaysAreSavedAndRefusedOutOfRange()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var before = (await SettingsAsync()).ContractRenewalReminderDays;
        var form = FormOf(await client.GetDocumentAsync(Url));
        Assert.Equal(before.ToString(CultureInfo.InvariantCulture), form["ContractRenewalReminderDays"]);

        form["ContractRenewalReminderDays"] = "366";
        var refused = await client.PostFormAsync(Url, form);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEmpty((await refused.ReadDocumentAsync()).Text("[data-valmsg-for=ContractRenewalReminderDays]"));
        Assert.Equal(before, (await SettingsAsync()).ContractRenewalReminderDays);

        form["ContractRenewalReminderDays"] = "45";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Url, form)).StatusCode);
        Assert.Equal(45, (await SettingsAsync()).ContractRenewalReminderDays);

        // Back to what it was, for the other tests of this database.
        form = FormOf(await client.GetDocumentAsync(Url));
        form["ContractRenewalReminderDays"] = before.ToString(CultureInfo.InvariantCulture);
        await client.PostFormAsync(Url, form);
    }

    [Fact]
    public async Task ValidPostSavesAndTheChangeHistoryShowsOldAndNewValues()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var before = await SettingsAsync();
        var form = FormOf(await client.GetDocumentAsync(Url));
        var churn = before.ChurnThresholdMonths == 9 ? 10 : 9;
        form["ChurnThresholdMonths"] = churn.ToString(CultureInfo.InvariantCulture);
        form["PoolRecycleDaysWithoutInteraction"] = "0";
        form["CompanyAddress"] = "上海市浦东新区世纪大道 100 号";

        var response = await client.PostFormAsync(Url, form);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var after = await SettingsAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(churn, after.ChurnThresholdMonths);
        Assert.Equal(0, after.PoolRecycleDaysWithoutInteraction);
        Assert.Equal("上海市浦东新区世纪大道 100 号", after.CompanyAddress);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Contains("系统设置已保存", page.Text("[role=status]"));
        var change = page.QuerySelectorAll("[data-testid=change-history-row]")
            .First(r => r.QuerySelector("[data-testid=field]")?.TextContent == "流失预警阈值（无订单月数）");
        Assert.Equal(before.ChurnThresholdMonths.ToString(CultureInfo.InvariantCulture), change.QuerySelector("[data-testid=old-value]")!.TextContent);
        Assert.Equal(churn.ToString(CultureInfo.InvariantCulture), change.QuerySelector("[data-testid=new-value]")!.TextContent);
        Assert.Contains("admin", change.TextContent);
        Assert.Equal(after.Version.ToString(), FormOf(page)["Version"]);
    }

    [Theory]
    [InlineData("zh-CN", "流失预警阈值（无订单月数）必须在 1 到 60 之间。")]
    [InlineData("en-US", "Churn warning after months without an order must be between 1 and 60.")]
    public async Task OutOfRangeValueShowsTheLocalizedMessageAndChangesNothing(string language, string message)
    {
        var client = await factory.SignInAsync("admin", language: language);
        var before = await SettingsAsync();
        var form = FormOf(await client.GetDocumentAsync(Url));
        form["ChurnThresholdMonths"] = "61";
        form["CompanyName"] = "不应保存的名称";

        var response = await client.PostFormAsync(Url, form);
        var page = await response.ReadDocumentAsync();
        var after = await SettingsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.Text("[data-valmsg-for=ChurnThresholdMonths]"));
        Assert.Equal("61", FormOf(page)["ChurnThresholdMonths"]);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.CompanyName, after.CompanyName);
        Assert.Equal(before.ChurnThresholdMonths, after.ChurnThresholdMonths);
    }

    [Fact]
    public async Task MissingNumberIsReportedAsRequired()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var form = FormOf(await client.GetDocumentAsync(Url));
        form["PoolDailyClaimLimit"] = string.Empty;

        var page = await (await client.PostFormAsync(Url, form)).ReadDocumentAsync();

        Assert.Equal("请填写每人每日公海领取上限。", page.Text("[data-valmsg-for=PoolDailyClaimLimit]"));
    }

    [Fact]
    public async Task SlaHoursAreSavedToThePriorityItems()
    {
        var client = await factory.SignInAsync("admin");
        var priorities = await PrioritiesAsync();
        var form = FormOf(await client.GetDocumentAsync(Url));
        for (var i = 0; i < priorities.Count; i++)
            form[$"Sla[{i}].Hours"] = (i + 2).ToString(CultureInfo.InvariantCulture);

        var response = await client.PostFormAsync(Url, form);
        var saved = await PrioritiesAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Enumerable.Range(2, priorities.Count).Select(h => (int?)h), saved.Select(p => p.Value));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("8761")]
    public async Task SlaHoursOutOfRangeShowTheLocalizedMessageAndChangeNothing(string hours)
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var before = await PrioritiesAsync();
        var form = FormOf(await client.GetDocumentAsync(Url));
        form["Sla[1].Hours"] = hours;
        form["Sla[0].Hours"] = "1";

        var response = await client.PostFormAsync(Url, form);
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("服务时限（小时）必须在 1 到 8760 之间。", page.Text("[data-valmsg-for='Sla[1].Hours']"));
        Assert.Equal(before[1].NameZh, page.QuerySelectorAll("[data-testid=sla-row] label")[1].TextContent.Trim());
        Assert.Equal(before.Select(p => p.Value), (await PrioritiesAsync()).Select(p => p.Value));
    }

    [Fact]
    public async Task StaleVersionShowsTheConflictMessageAndKeepsTheOtherSave()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var form = FormOf(await client.GetDocumentAsync(Url));
        await factory.WithDbAsync(async db =>
        {
            var settings = await db.SystemSettings.SingleAsync();
            settings.UpdateCompany("别人刚保存的公司名", null, null, null);
            return await db.SaveChangesAsync();
        });
        form["CompanyName"] = "我的公司名";

        var response = await client.PostFormAsync(Url, form);
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该记录已被他人修改", page.Text("[data-testid=settings-errors]"));
        Assert.Equal("别人刚保存的公司名", (await SettingsAsync()).CompanyName);
    }

    [Fact]
    public async Task StaleSlaHoursAreRefusedToo()
    {
        var client = await factory.SignInAsync("admin", language: "en-US");
        var form = FormOf(await client.GetDocumentAsync(Url));
        await factory.WithDbAsync(async db =>
        {
            var first = await db.DictionaryItems.Where(d => d.Category == DictionaryCategories.Priority && d.IsActive)
                .OrderBy(d => d.SortOrder).ThenBy(d => d.Id).FirstAsync();
            first.SetValue(77);
            return await db.SaveChangesAsync();
        });
        form["Sla[0].Hours"] = "3";

        var page = await (await client.PostFormAsync(Url, form)).ReadDocumentAsync();

        Assert.Contains("Someone else changed this record", page.Text("[data-testid=settings-errors]"));
        Assert.Equal(77, (await PrioritiesAsync())[0].Value);
    }

    [Fact]
    public void DomainRefusalNamesTheFieldByItsLabel()
    {
        var l = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var message = l.Message(new DomainException("Settings.OutOfRange", "Settings.PoolRecycleMonthsWithoutOrder", 0, 120));

            Assert.Equal("无订单回收公海月数必须在 0 到 120 之间。", message);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task PageHasNoInlineScriptsOrStylesEvenWithErrors()
    {
        var client = await factory.SignInAsync("admin");
        var form = FormOf(await client.GetDocumentAsync(Url));
        form["ChurnThresholdMonths"] = "0";
        var pages = new[] { await client.GetDocumentAsync(Url), await (await client.PostFormAsync(Url, form)).ReadDocumentAsync() };

        foreach (var page in pages)
        {
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
            Assert.Empty(page.QuerySelectorAll("style"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
        }
    }

    [Fact]
    public async Task SidebarLinksTheAdministratorToSettings()
    {
        var page = await (await factory.SignInAsync("admin")).GetDocumentAsync("/");

        Assert.NotNull(page.QuerySelector("[data-nav-group='Nav.Admin'] a[href='/Admin/Settings']"));
    }

    [Theory]
    [InlineData("zhang.wei")]
    [InlineData("li.na")]
    [InlineData("manager.east")]
    [InlineData("manager.north")]
    public async Task NonAdministratorsGet403OnEverySettingsRequest(string user)
    {
        var client = await factory.SignInAsync(user, language: "zh-CN");
        var before = await SettingsAsync();

        var get = await client.GetAsync(Url);
        var post = await client.PostFormAsync(Url, new Dictionary<string, string>
        {
            ["Version"] = before.Version.ToString(),
            ["CompanyName"] = "越权修改",
            ["ChurnThresholdMonths"] = "1",
            ["PoolRecycleDaysWithoutInteraction"] = "1",
            ["PoolRecycleMonthsWithoutOrder"] = "1",
            ["PoolMaxCustomersPerUser"] = "1",
            ["PoolDailyClaimLimit"] = "1",
        }, formPage: "/");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("无权访问", (await get.ReadDocumentAsync()).Text("[data-testid=error-title]"));
        Assert.Equal(before.Version, (await SettingsAsync()).Version);
    }

    [Fact]
    public async Task AnonymousIsSentToLogin()
    {
        var response = await factory.NewClient().GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
