using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web;

public sealed class RemindersPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static Task<Guid> UserIdAsync(CrmDbContext db, string userName) =>
        db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();

    /// <summary>Starts a test from a user without reminders (the demo data gives some to zhang.wei and manager.east).</summary>
    private Task ClearAsync(string userName) => factory.WithDbAsync(async db =>
    {
        var id = await UserIdAsync(db, userName);
        return await db.Reminders.Where(r => r.UserId == id).ExecuteDeleteAsync();
    });

    private Task<int> AddAsync(string userName, string title, TimeSpan dueIn, bool done = false, TimeSpan? snoozeFor = null, string? url = null) =>
        factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var reminder = new Reminder(await UserIdAsync(db, userName), title, now + dueIn, url, details: title + " 的说明");
            if (snoozeFor is { } snooze)
                reminder.Snooze(now + snooze, now);
            if (done)
                reminder.MarkDone(now);
            db.Reminders.Add(reminder);
            await db.SaveChangesAsync();
            return reminder.Id;
        });

    private Task<Reminder> ReminderAsync(int id) =>
        factory.WithDbAsync(db => db.Reminders.AsNoTracking().SingleAsync(r => r.Id == id));

    private static List<string> Titles(IDocument page) =>
        page.QuerySelectorAll("[data-testid=reminder-title]").Select(t => t.TextContent.Trim()).ToList();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string>? fields = null) =>
        client.PostFormAsync(url, fields ?? [], formPage: "/Reminders");

    [Fact]
    public async Task TabsListTheUsersDueUpcomingAndDoneReminders()
    {
        await ClearAsync("li.na");
        await AddAsync("li.na", "回访 上海华辰科技", TimeSpan.FromHours(-1));
        await AddAsync("li.na", "确认 杭州云启网络 的报价", TimeSpan.FromHours(-3));
        await AddAsync("li.na", "推迟的回访", TimeSpan.FromHours(-2), snoozeFor: TimeSpan.FromHours(1));
        await AddAsync("li.na", "下周的拜访", TimeSpan.FromDays(2));
        await AddAsync("li.na", "已寄出的合同", TimeSpan.FromDays(-1), done: true);
        var client = await factory.SignInAsync("li.na", language: "zh-CN");

        var due = await client.GetDocumentAsync("/Reminders");
        var upcoming = await client.GetDocumentAsync("/Reminders?tab=Upcoming");
        var done = await client.GetDocumentAsync("/Reminders?tab=Done");

        Assert.Equal(["回访 上海华辰科技", "确认 杭州云启网络 的报价"], Titles(due));
        Assert.Equal(["推迟的回访", "下周的拜访"], Titles(upcoming));
        Assert.Equal(["已寄出的合同"], Titles(done));
        Assert.Contains("推迟至", upcoming.QuerySelectorAll("[data-testid=reminder]")[0].TextContent);
        Assert.NotNull(done.QuerySelector("[data-testid=reminder-reopen]"));
        Assert.Null(done.QuerySelector("[data-testid=reminder-done]"));
        Assert.Equal("2", due.Text("[data-testid=tab-Due] .badge"));
        Assert.DoesNotContain(Titles(due), t => t.Contains("采购负责人", StringComparison.Ordinal)); // zhang.wei's demo reminder
    }

    [Fact]
    public async Task DueTimeIsShownInTheOrganisationsZoneAndTheLinkLeadsToTheRecord()
    {
        await ClearAsync("li.na");
        var id = await AddAsync("li.na", "处理服务请求", TimeSpan.FromMinutes(-30), url: "/Service/Requests/Details/7");
        var client = await factory.SignInAsync("li.na");
        var reminder = await ReminderAsync(id);

        var page = await client.GetDocumentAsync("/Reminders");

        Assert.Equal(TimeZoneInfo.ConvertTime(reminder.DueAt, Shanghai).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), page.Text("[data-testid=reminder-due]"));
        Assert.Equal("/Service/Requests/Details/7", page.QuerySelector("[data-testid=reminder-link]")!.GetAttribute("href"));
        Assert.Contains("处理服务请求 的说明", page.Text("[data-testid=reminder]"));
    }

    [Theory]
    [InlineData("Due", "当前没有到期的提醒")]
    [InlineData("Upcoming", "没有即将到期的提醒")]
    [InlineData("Done", "还没有已完成的提醒")]
    public async Task EmptyTabSaysWhatCreatesReminders(string tab, string empty)
    {
        await ClearAsync("wang.fang");
        var client = await factory.SignInAsync("wang.fang", language: "zh-CN");

        var page = await client.GetDocumentAsync($"/Reminders?tab={tab}");

        Assert.Contains(empty, page.Text("[data-testid=empty-state]"));
        Assert.Contains("交往记录的跟进日期", page.Text("[data-testid=empty-state]"));
    }

    [Fact]
    public async Task DoneMarksTheReminderDoneAndReopenOpensItAgain()
    {
        await ClearAsync("li.na");
        var id = await AddAsync("li.na", "回访 上海华辰科技", TimeSpan.FromHours(-1));
        var client = await factory.SignInAsync("li.na", language: "zh-CN");

        var done = await PostAsync(client, $"/Reminders/Done/{id}?tab=Due");
        var afterDone = await ReminderAsync(id);
        var message = (await client.GetDocumentAsync(done.Headers.Location!.OriginalString)).Text("[role=status]");
        var reopen = await PostAsync(client, $"/Reminders/Reopen/{id}?tab=Done");
        var afterReopen = await ReminderAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(ReminderStatus.Done, afterDone.Status);
        Assert.NotNull(afterDone.DoneAt);
        Assert.Contains("提醒已完成", message);
        Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);
        Assert.Equal(ReminderStatus.Open, afterReopen.Status);
        Assert.Null(afterReopen.DoneAt);
    }

    [Fact]
    public async Task DoneTwiceShowsTheRefusal()
    {
        await ClearAsync("li.na");
        var id = await AddAsync("li.na", "已完成的提醒", TimeSpan.FromHours(-1), done: true);
        var client = await factory.SignInAsync("li.na", language: "zh-CN");
        var doneAt = (await ReminderAsync(id)).DoneAt;

        var response = await PostAsync(client, $"/Reminders/Done/{id}");
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal("该提醒已完成。", page.Text(".alert-danger"));
        Assert.Equal(doneAt, (await ReminderAsync(id)).DoneAt);
    }

    [Fact]
    public async Task SnoozeForAnHourMovesTheReminderToUpcoming()
    {
        await ClearAsync("li.na");
        var id = await AddAsync("li.na", "回访 上海华辰科技", TimeSpan.FromHours(-1));
        var client = await factory.SignInAsync("li.na");
        var before = DateTimeOffset.UtcNow;

        await PostAsync(client, $"/Reminders/Snooze/{id}", new() { ["choice"] = "Hour" });
        var reminder = await ReminderAsync(id);

        Assert.InRange(reminder.SnoozedUntil!.Value, before.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Empty(Titles(await client.GetDocumentAsync("/Reminders")));
        Assert.Equal(["回访 上海华辰科技"], Titles(await client.GetDocumentAsync("/Reminders?tab=Upcoming")));
    }

    [Fact]
    public async Task SnoozeUntilTomorrowMeansNineOClockInTheOrganisationsZone()
    {
        await ClearAsync("li.na");
        var id = await AddAsync("li.na", "回访 上海华辰科技", TimeSpan.FromHours(-1));
        var client = await factory.SignInAsync("li.na");

        await PostAsync(client, $"/Reminders/Snooze/{id}", new() { ["choice"] = "Tomorrow" });
        var until = TimeZoneInfo.ConvertTime((await ReminderAsync(id)).SnoozedUntil!.Value, Shanghai);

        Assert.Equal(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).Date.AddDays(1).AddHours(9), until.DateTime);
    }

    [Fact]
    public async Task SnoozeUntilNextWeekMeansMondayNineOClock()
    {
        await ClearAsync("li.na");
        var id = await AddAsync("li.na", "回访 上海华辰科技", TimeSpan.FromHours(-1));
        var client = await factory.SignInAsync("li.na");

        await PostAsync(client, $"/Reminders/Snooze/{id}", new() { ["choice"] = "NextWeek" });
        var until = TimeZoneInfo.ConvertTime((await ReminderAsync(id)).SnoozedUntil!.Value, Shanghai);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).Date;

        Assert.Equal(DayOfWeek.Monday, until.DayOfWeek);
        Assert.Equal(new TimeSpan(9, 0, 0), until.TimeOfDay);
        Assert.InRange((until.Date - today).TotalDays, 1, 7);
    }

    [Fact]
    public async Task SnoozeUntilAChosenLocalTimeIsReadInTheOrganisationsZone()
    {
        await ClearAsync("li.na");
        var id = await AddAsync("li.na", "回访 上海华辰科技", TimeSpan.FromHours(-1));
        var client = await factory.SignInAsync("li.na");
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).Date.AddDays(3).AddHours(14).AddMinutes(30);

        await PostAsync(client, $"/Reminders/Snooze/{id}", new()
        {
            ["choice"] = "Custom",
            ["until"] = local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        });

        Assert.Equal(new DateTimeOffset(local, TimeSpan.FromHours(8)), (await ReminderAsync(id)).SnoozedUntil);
    }

    [Fact]
    public async Task SnoozeIntoThePastShowsTheRefusalAndChangesNothing()
    {
        await ClearAsync("li.na");
        var id = await AddAsync("li.na", "回访 上海华辰科技", TimeSpan.FromHours(-1));
        var client = await factory.SignInAsync("li.na", language: "zh-CN");

        var response = await PostAsync(client, $"/Reminders/Snooze/{id}", new() { ["choice"] = "Custom", ["until"] = "2020-01-01T09:00" });
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal("请选择一个将来的时间。", page.Text(".alert-danger"));
        Assert.Null((await ReminderAsync(id)).SnoozedUntil);
    }

    [Fact]
    public async Task SnoozeWithoutATimeAsksForOne()
    {
        await ClearAsync("li.na");
        var id = await AddAsync("li.na", "回访 上海华辰科技", TimeSpan.FromHours(-1));
        var client = await factory.SignInAsync("li.na", language: "en-US");

        var response = await PostAsync(client, $"/Reminders/Snooze/{id}", new() { ["choice"] = "Custom", ["until"] = string.Empty });
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal("Choose when to be reminded again.", page.Text(".alert-danger"));
        Assert.Null((await ReminderAsync(id)).SnoozedUntil);
    }

    [Fact]
    public async Task AnotherUsersReminderIsNotFoundOnEveryAction()
    {
        await ClearAsync("li.na");
        var open = await AddAsync("li.na", "李娜的提醒", TimeSpan.FromHours(-1));
        var done = await AddAsync("li.na", "李娜已完成的提醒", TimeSpan.FromHours(-1), done: true);
        var intruder = await factory.SignInAsync("zhang.wei");

        var responses = new[]
        {
            await PostAsync(intruder, $"/Reminders/Done/{open}"),
            await PostAsync(intruder, $"/Reminders/Reopen/{done}"),
            await PostAsync(intruder, $"/Reminders/Snooze/{open}", new() { ["choice"] = "Hour" }),
            await PostAsync(intruder, $"/Reminders/Snooze/{open}", new() { ["choice"] = "Custom" }),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(ReminderStatus.Open, (await ReminderAsync(open)).Status);
        Assert.Null((await ReminderAsync(open)).SnoozedUntil);
        Assert.Equal(ReminderStatus.Done, (await ReminderAsync(done)).Status);
        Assert.DoesNotContain("李娜的提醒", Titles(await intruder.GetDocumentAsync("/Reminders")));
    }

    [Fact]
    public async Task HeaderBadgeCountsDueRemindersAndDisappearsAtZero()
    {
        await ClearAsync("zhao.lei");
        var client = await factory.SignInAsync("zhao.lei", language: "zh-CN");
        Assert.Null((await client.GetDocumentAsync("/")).QuerySelector("[data-testid=reminders-badge]"));

        var first = await AddAsync("zhao.lei", "回访 一", TimeSpan.FromHours(-1));
        var second = await AddAsync("zhao.lei", "回访 二", TimeSpan.FromMinutes(-5));
        await AddAsync("zhao.lei", "明天的回访", TimeSpan.FromDays(1));
        await AddAsync("zhao.lei", "推迟的回访", TimeSpan.FromHours(-1), snoozeFor: TimeSpan.FromHours(3));
        await AddAsync("zhao.lei", "已完成", TimeSpan.FromHours(-1), done: true);
        var home = await client.GetDocumentAsync("/");
        var badge = home.QuerySelector("header [data-testid=reminders-badge]");

        Assert.NotNull(badge);
        Assert.Equal("/Reminders", badge.GetAttribute("href"));
        Assert.Equal("2", badge.QuerySelector("[data-testid=reminders-badge-count]")!.TextContent.Trim());
        Assert.Equal("2 条提醒已到期", badge.QuerySelector(".visually-hidden")!.TextContent.Trim());

        await PostAsync(client, $"/Reminders/Done/{first}");
        await PostAsync(client, $"/Reminders/Done/{second}");

        Assert.Null((await client.GetDocumentAsync("/Reminders")).QuerySelector("[data-testid=reminders-badge]"));
    }

    [Fact]
    public async Task DemoRemindersShowOnAFreshStart()
    {
        var client = await factory.SignInAsync("manager.east", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Reminders");

        Assert.Equal("1", page.Text("[data-testid=reminders-badge-count]"));
        Assert.Single(Titles(page));
        Assert.Single(Titles(await client.GetDocumentAsync("/Reminders?tab=Upcoming")));
        Assert.Single(Titles(await client.GetDocumentAsync("/Reminders?tab=Done")));
    }

    [Fact]
    public async Task SidebarLinksEveryUserToTheirReminders()
    {
        var client = await factory.SignInAsync("wang.fang", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Reminders");
        var link = page.QuerySelector("[data-testid=sidebar] [data-testid=nav-reminders]")!;

        Assert.Equal("/Reminders", link.GetAttribute("href"));
        Assert.Equal("提醒", link.TextContent.Trim());
        Assert.Equal("page", link.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task PagesHaveNoInlineScriptsOrStyles()
    {
        await ClearAsync("li.na");
        await AddAsync("li.na", "回访", TimeSpan.FromHours(-1));
        await AddAsync("li.na", "以后", TimeSpan.FromDays(1));
        await AddAsync("li.na", "完成", TimeSpan.FromDays(-1), done: true);
        var client = await factory.SignInAsync("li.na");

        foreach (var tab in new[] { "Due", "Upcoming", "Done" })
        {
            var page = await client.GetDocumentAsync($"/Reminders?tab={tab}");
            Assert.NotEmpty(Titles(page));
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
            Assert.Empty(page.QuerySelectorAll("style"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
        }
    }

    [Fact]
    public async Task AnonymousIsSentToLogin()
    {
        var response = await factory.NewClient().GetAsync("/Reminders");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
