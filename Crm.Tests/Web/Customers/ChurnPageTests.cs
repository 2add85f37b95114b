using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

/// <summary>
/// Churn warnings as the owner, his manager, a colleague and a manager of another company see and work
/// them. Each test arranges warnings of fresh customers.
/// </summary>
public sealed class ChurnPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<(int CustomerId, int WarningId)> WarningAsync(string owner = "zhang.wei", string? name = null, int monthsAgo = 8) =>
        factory.WithDbAsync(db => SalesArrange.ChurnWarningAsync(db, owner, monthsAgo, name));

    private Task<ChurnWarning> LoadAsync(int warningId) =>
        factory.WithDbAsync(db => db.ChurnWarnings.AsNoTracking().Include(w => w.Measures).SingleAsync(w => w.Id == warningId));

    private static string VersionOf(IDocument page, string form) =>
        page.QuerySelector($"[data-testid={form}] input[name=Version]")!.GetAttribute("value")!;

    private static string Cell(IElement element, string selector) => element.QuerySelector(selector)?.TextContent.Trim() ?? string.Empty;

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheOwnerSeesHisWarningsAndAColleagueSeesNone()
    {
        var name = $"流失测试{Guid.NewGuid():N}"[..12];
        var (_, warningId) = await WarningAsync(name: name);
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var list = await zhang.GetDocumentAsync($"/Customers/Churn?Q={name}&Status=Open");
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=churn-row]"));
        Assert.Equal(warningId.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetAttribute("data-warning-id"));
        Assert.Equal(name, Cell(row, "[data-testid=churn-customer]"));
        Assert.Empty((await zhang.GetDocumentAsync($"/Customers/Churn?Q={name}&Status=Confirmed")).QuerySelectorAll("[data-testid=churn-row]"));
        // The owner filter is for managers.
        Assert.Null(list.QuerySelector("select[name=OwnerId]"));

        var details = await zhang.GetDocumentAsync($"/Customers/Churn/Details/{warningId}");
        Assert.Equal(name, details.Text("[data-testid=churn-customer-name]"));
        Assert.Equal("8", details.Text("[data-testid=months]"));
        Assert.NotNull(details.QuerySelector("[data-testid=measure-form]"));
        Assert.Null(details.QuerySelector("[data-testid=confirm-form]"));
        Assert.Single(details.QuerySelectorAll("[data-testid=churn-history-item]"));

        foreach (var user in new[] { "li.na", "manager.north" })
        {
            var other = await factory.SignInAsync(user);
            Assert.Empty((await other.GetDocumentAsync($"/Customers/Churn?Q={name}")).QuerySelectorAll("[data-testid=churn-row]"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Customers/Churn/Details/{warningId}")).StatusCode);
        }

        var manager = await factory.SignInAsync("manager.east");
        var managerList = await manager.GetDocumentAsync($"/Customers/Churn?Q={name}");
        Assert.Single(managerList.QuerySelectorAll("[data-testid=churn-row]"));
        Assert.NotNull(managerList.QuerySelector("select[name=OwnerId]"));
    }

    [Fact]
    public async Task TheOwnerAppendsRetentionMeasures()
    {
        var (_, warningId) = await WarningAsync();
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var page = await zhang.GetDocumentAsync($"/Customers/Churn/Details/{warningId}");
        Assert.NotNull(page.QuerySelector("[data-testid=measures-empty]"));

        var after = await FollowAsync(zhang, await zhang.PostFormAsync($"/Customers/Churn/AddMeasure/{warningId}", new Dictionary<string, string>
        {
            ["Version"] = VersionOf(page, "measure-form"), ["Date"] = "2026-11-20", ["Content"] = "上门拜访总经理，提供季度返利方案",
        }, formPage: $"/Customers/Churn/Details/{warningId}"));
        var again = await FollowAsync(zhang, await zhang.PostFormAsync($"/Customers/Churn/AddMeasure/{warningId}", new Dictionary<string, string>
        {
            ["Version"] = VersionOf(after, "measure-form"), ["Date"] = "2026-11-22", ["Content"] = "电话回访，客户同意试用新品",
        }, formPage: $"/Customers/Churn/Details/{warningId}"));

        Assert.Contains("已记录暂缓措施", again.Text(".alert-success"));
        var measures = (await LoadAsync(warningId)).Measures.OrderBy(m => m.Date).ToList();
        Assert.Equal(["上门拜访总经理，提供季度返利方案", "电话回访，客户同意试用新品"], measures.Select(m => m.Content));
        Assert.Equal(new DateOnly(2026, 11, 20), measures[0].Date);
        var zhangId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhang.wei").Select(u => u.Id).SingleAsync());
        Assert.All(measures, m => Assert.Equal(zhangId, m.RecordedBy));
        var rows = again.QuerySelectorAll("[data-testid=measure]");
        Assert.Equal(2, rows.Length);
        Assert.Equal("张伟", Cell(rows[0], "[data-testid=measure-by]"));
    }

    [Fact]
    public async Task AnEmptyMeasureIsRefusedAndNothingSaved()
    {
        var (_, warningId) = await WarningAsync();
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var page = await zhang.GetDocumentAsync($"/Customers/Churn/Details/{warningId}");

        var response = await zhang.PostFormAsync($"/Customers/Churn/AddMeasure/{warningId}", new Dictionary<string, string>
        {
            ["Version"] = VersionOf(page, "measure-form"), ["Date"] = "2026-11-20", ["Content"] = " ",
        }, formPage: $"/Customers/Churn/Details/{warningId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请填写暂缓措施", (await response.ReadDocumentAsync()).Text("[data-testid=measure-form]"));
        Assert.Empty((await LoadAsync(warningId)).Measures);
    }

    [Fact]
    public async Task AManagerConfirmsChurnAndASalesmanIsForbidden()
    {
        var (customerId, warningId) = await WarningAsync();
        var reason = await factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == DictionaryCategories.ChurnReason && d.Code == "Competitor").Select(d => d.Id).SingleAsync());
        var zhang = await factory.SignInAsync("zhang.wei");
        var forbidden = await zhang.PostFormAsync($"/Customers/Churn/Confirm/{warningId}", new Dictionary<string, string>
        {
            ["ReasonId"] = reason.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, formPage: $"/Customers/Churn/Details/{warningId}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(ChurnWarningStatus.Open, (await LoadAsync(warningId)).Status);

        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var page = await manager.GetDocumentAsync($"/Customers/Churn/Details/{warningId}");
        var confirmed = await FollowAsync(manager, await manager.PostFormAsync($"/Customers/Churn/Confirm/{warningId}", new Dictionary<string, string>
        {
            ["Version"] = VersionOf(page, "confirm-form"), ["ReasonId"] = reason.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Note"] = "已转向竞争对手采购",
        }, formPage: $"/Customers/Churn/Details/{warningId}"));

        var warning = await LoadAsync(warningId);
        Assert.Equal((ChurnWarningStatus.Confirmed, reason, "已转向竞争对手采购"), (warning.Status, warning.ReasonId!.Value, warning.ConfirmationNote));
        Assert.NotNull(warning.ClosedAt);
        Assert.Equal(CustomerStatus.Churned, await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Status).SingleAsync()));
        Assert.Contains("已确认流失", confirmed.Text(".alert-success"));
        Assert.Contains("被竞争对手抢走", confirmed.Text("[data-testid=churn-confirmation]"));
        Assert.Null(confirmed.QuerySelector("[data-testid=confirm-form]"));
        Assert.Null(confirmed.QuerySelector("[data-testid=measure-form]"));
    }

    [Fact]
    public async Task AStaleConfirmationOrAMissingReasonIsRefused()
    {
        var (_, warningId) = await WarningAsync();
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");

        var noReason = await manager.PostFormAsync($"/Customers/Churn/Confirm/{warningId}", new Dictionary<string, string>
        {
            ["Version"] = (await LoadAsync(warningId)).Version.ToString(),
        }, formPage: $"/Customers/Churn/Details/{warningId}");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("请填写流失原因", (await noReason.ReadDocumentAsync()).Text("[data-testid=confirm-form]"));

        var reason = await factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == DictionaryCategories.ChurnReason).Select(d => d.Id).FirstAsync());
        var stale = await manager.PostFormAsync($"/Customers/Churn/Confirm/{warningId}", new Dictionary<string, string>
        {
            ["Version"] = Guid.NewGuid().ToString(), ["ReasonId"] = reason.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, formPage: $"/Customers/Churn/Details/{warningId}");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("已被他人修改", (await stale.ReadDocumentAsync()).Text("[data-testid=errors]"));
        Assert.Equal(ChurnWarningStatus.Open, (await LoadAsync(warningId)).Status);
    }

    [Fact]
    public async Task TheHistoryQueryListsEveryWarningOfTheCustomer()
    {
        var (customerId, firstId) = await WarningAsync();
        var secondId = await factory.WithDbAsync(async db =>
        {
            var first = await db.ChurnWarnings.SingleAsync(w => w.Id == firstId);
            first.AddMeasure(new DateOnly(2026, 1, 5), "赠送延保服务", Guid.Empty, DateTimeOffset.UtcNow);
            var reason = await db.DictionaryItems.Where(d => d.Category == DictionaryCategories.ChurnReason).Select(d => d.Id).FirstAsync();
            first.Confirm(reason, "价格", Guid.Empty, DateTimeOffset.UtcNow);
            var second = new ChurnWarning(customerId, DateTimeOffset.UtcNow.AddMonths(-7), 6, DateTimeOffset.UtcNow.AddMinutes(1));
            db.ChurnWarnings.Add(second);
            await db.SaveChangesAsync();
            return second.Id;
        });

        var history = await factory.WithDbAsync(db => Crm.Web.Areas.Customers.Models.ChurnQueries.HistoryAsync(db, customerId));
        Assert.Equal([secondId, firstId], history.Select(h => h.Id));
        Assert.Equal(["赠送延保服务"], history[1].Measures.Select(m => m.Content));
        Assert.Equal(ChurnWarningStatus.Confirmed, history[1].Status);

        var page = await (await factory.SignInAsync("zhang.wei")).GetDocumentAsync($"/Customers/Churn/Details/{secondId}");
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=churn-history-item]").Length);
        Assert.Contains("赠送延保服务", page.Text("[data-testid=churn-history]"));
    }

    [Fact]
    public async Task TheListExportsWithinScope()
    {
        var name = $"导出流失{Guid.NewGuid():N}"[..12];
        await WarningAsync(name: name);
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var csv = await zhang.GetAsync($"/Customers/Churn/Export?format=csv&Q={name}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains(name, text);
        Assert.Contains("预警中", text);

        var li = await factory.SignInAsync("li.na");
        Assert.DoesNotContain(name, await (await li.GetAsync($"/Customers/Churn/Export?format=csv&Q={name}")).Content.ReadAsStringAsync());
        var xlsx = await zhang.GetAsync("/Customers/Churn/Export?format=xlsx&sort=customer");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
    }
}
