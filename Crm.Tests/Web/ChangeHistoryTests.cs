using Crm.Domain.Common;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web;

/// <summary>The change-history view component, seen through the settings page that uses it.</summary>
public sealed class ChangeHistoryTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private const string Url = "/Admin/Settings";

    private Task ReplaceSettingsHistoryAsync(params AuditEntry[] entries) => factory.WithDbAsync(async db =>
    {
        await db.AuditEntries.Where(a => a.EntityType == nameof(SystemSettings) && a.EntityKey == "1").ExecuteDeleteAsync();
        db.AuditEntries.AddRange(entries);
        return await db.SaveChangesAsync();
    });

    private static AuditEntry Change(DateTimeOffset at, string field, string? oldValue, string? newValue, string? user = "admin") =>
        new(at, AuditAction.Update, nameof(SystemSettings), "1", null, user, "127.0.0.1", field, oldValue, newValue);

    [Fact]
    public async Task RecordWithoutChangesShowsTheEmptyState()
    {
        await ReplaceSettingsHistoryAsync();
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync(Url);

        Assert.Contains("暂无变更记录", page.Text("[data-testid=change-history-empty]"));
        Assert.Empty(page.QuerySelectorAll("[data-testid=change-history-row]"));
    }

    [Fact]
    public async Task ChangesAreListedNewestFirstWithLabelsAndLocalTimes()
    {
        var at = new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
        await ReplaceSettingsHistoryAsync(
            Change(at, nameof(SystemSettings.PoolDailyClaimLimit), "20", "30"),
            Change(at.AddMinutes(5), nameof(SystemSettings.CompanyAddress), null, "上海市浦东新区", user: null),
            Change(at.AddMinutes(10), "UnknownField", "a", "b"));
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var rows = (await client.GetDocumentAsync(Url)).QuerySelectorAll("[data-testid=change-history-row]");

        Assert.Equal(3, rows.Length);
        Assert.Equal("UnknownField", rows[0].QuerySelector("[data-testid=field]")!.TextContent);
        Assert.Equal("公司地址", rows[1].QuerySelector("[data-testid=field]")!.TextContent);
        Assert.Contains("系统", rows[1].TextContent);
        Assert.Contains("（空）", rows[1].TextContent);
        Assert.Equal("每人每日公海领取上限", rows[2].QuerySelector("[data-testid=field]")!.TextContent);
        Assert.Contains("2026-03-02 09:30:00", rows[2].TextContent);
        Assert.Equal("20", rows[2].QuerySelector("[data-testid=old-value]")!.TextContent);
        Assert.Equal("30", rows[2].QuerySelector("[data-testid=new-value]")!.TextContent);
    }

    [Fact]
    public async Task InstantValuesAreShownInTheOrganisationsZone()
    {
        await ReplaceSettingsHistoryAsync(Change(DateTimeOffset.UtcNow, "SomeDate", "2026-03-02T01:30:00.0000000+00:00", null));
        var client = await factory.SignInAsync("admin");

        var row = (await client.GetDocumentAsync(Url)).QuerySelector("[data-testid=change-history-row]")!;

        Assert.Equal("2026-03-02 09:30:00", row.QuerySelector("[data-testid=old-value]")!.TextContent);
    }

    [Fact]
    public async Task HistoryIsBoundedToTheLatestFiftyAndLinksToTheAuditLog()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        await ReplaceSettingsHistoryAsync(Enumerable.Range(1, 60)
            .Select(i => Change(start.AddMinutes(i), nameof(SystemSettings.PoolDailyClaimLimit), (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray());
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync(Url);
        var rows = page.QuerySelectorAll("[data-testid=change-history-row]");

        Assert.Equal(50, rows.Length);
        Assert.Equal("60", rows[0].QuerySelector("[data-testid=new-value]")!.TextContent);
        Assert.Equal("11", rows[^1].QuerySelector("[data-testid=new-value]")!.TextContent);
        Assert.Contains("50", page.Text("[data-testid=change-history-more]"));
        Assert.Equal("/Admin/Audit?EntityType=SystemSettings&EntityKey=1", page.QuerySelector("[data-testid=change-history-audit-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task OnlyTheRecordsOwnEntriesAreShown()
    {
        await ReplaceSettingsHistoryAsync(Change(DateTimeOffset.UtcNow, nameof(SystemSettings.CompanyName), "甲", "乙"));
        await factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Update, nameof(SystemSettings), "2", null, "admin", null, "CompanyName", "别的记录", "不该出现"));
            db.AuditEntries.Add(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Update, nameof(DictionaryItem), "1", null, "admin", null, "Value", "4", "不该出现"));
            return await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync("admin");

        var rows = (await client.GetDocumentAsync(Url)).QuerySelectorAll("[data-testid=change-history-row]");

        Assert.Single(rows);
        Assert.DoesNotContain("不该出现", rows[0].TextContent);
    }
}
