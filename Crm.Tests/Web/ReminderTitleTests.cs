using System.Xml.Linq;
using Crm.Domain.Common;
using Crm.Infrastructure;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web;

/// <summary>Reminders the system writes read in the reader's language; a user's own title stays as written.</summary>
public sealed class ReminderTitleTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    /// <summary>Gives li.na exactly these reminders.</summary>
    private Task ArrangeAsync(Func<Guid, Reminder[]> reminders) => factory.WithDbAsync(async db =>
    {
        var id = await db.Users.Where(u => u.UserName == "li.na").Select(u => u.Id).SingleAsync();
        await db.Reminders.Where(r => r.UserId == id).ExecuteDeleteAsync();
        db.Reminders.AddRange(reminders(id));
        return await db.SaveChangesAsync();
    });

    private static DateTimeOffset HoursAgo(int hours) => DateTimeOffset.UtcNow.AddHours(-hours);

    [Theory]
    [InlineData("en-US", "Customer 上海华辰科技 went back to the public pool: no interaction for 30 days; no order for 6 months", "Approval rejected: SO-0001 — 价格太低")]
    [InlineData("zh-CN", "客户 上海华辰科技 已被收回公海：30 天无交往记录；6 个月无订单", "审批已驳回：SO-0001 — 价格太低")]
    public async Task SystemReminderReadsInTheRequestsLanguageOnTheRemindersPageAndTheDashboard(string language, string recycled, string rejected)
    {
        await ArrangeAsync(user =>
        [
            new Reminder(user, ReminderTitles.PoolRecycled("上海华辰科技", 30, 6), HoursAgo(2), "/Customers/Pool"),
            new Reminder(user, ReminderTitles.ApprovalDecided(false, "SO-0001", "价格太低"), HoursAgo(1)),
            new Reminder(user, "给客户打电话", HoursAgo(3)),
        ]);
        var client = await factory.SignInAsync("li.na", language: language);

        var page = await client.GetDocumentAsync("/Reminders");
        var home = await client.GetDocumentAsync("/");

        Assert.Equal([rejected, recycled, "给客户打电话"],
            page.QuerySelectorAll("[data-testid=reminder-title]").Select(t => t.TextContent.Trim()));
        Assert.Equal(["给客户打电话", recycled, rejected],
            home.QuerySelectorAll("[data-testid=todo-reminders] li > :first-child").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public void EveryTitleKeyHasTheChineseTextTheTitleIsStoredWith()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Crm.sln")))
            dir = dir.Parent;
        string Resource(string culture, string key) =>
            XDocument.Load(Path.Combine(dir.FullName, "Crm.Web", "Resources", $"SharedResource.{culture}.resx")).Root!.Elements("data")
                .SingleOrDefault(d => d.Attribute("name")!.Value == key)?.Element("value")!.Value ?? $"(missing {key})";

        Assert.All(ReminderTitles.ChineseFormats, kv => Assert.Equal(kv.Value, Resource("zh-CN", kv.Key)));
        Assert.All(ReminderTitles.ChineseFormats.Keys, key => Assert.DoesNotContain("(missing", Resource("en-US", key), StringComparison.Ordinal));
    }
}
