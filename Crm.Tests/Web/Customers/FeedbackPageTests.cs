using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

/// <summary>
/// Feedback and its tasks through the pages, as the salespeople of 销售一组 use them. Each test works on a
/// customer of its own (zhang.wei's n-th), so they do not see each other's feedback.
/// </summary>
public sealed class FeedbackPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<int> CustomerOfAsync(string userName, int index) =>
        factory.WithDbAsync(db => db.Customers
            .Where(c => c.Status != CustomerStatus.Archived && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == userName))
            .OrderBy(c => c.Id).Skip(index).Select(c => c.Id).FirstAsync());

    private Task<Guid> UserIdAsync(string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, fields.ToDictionary(f => f.Key, f => f.Value), formPage: "/");

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    private async Task<int> RecordFeedbackAsync(HttpClient client, int customerId, string summary)
    {
        var response = await PostAsync(client, $"/Customers/Feedback/Create?customerId={customerId}",
            ("ReceivedAt", "2025-03-10T10:00"), ("Summary", summary), ("Details", "客户来电反映"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.WithDbAsync(db => db.Feedbacks.Where(f => f.CustomerId == customerId && f.Summary == summary).Select(f => f.Id).SingleAsync());
    }

    private async Task<int> AddTaskAsync(HttpClient client, int feedbackId, string title, Guid assignee, string due = "2099-01-01T18:00")
    {
        var response = await PostAsync(client, $"/Customers/Feedback/AddTask/{feedbackId}",
            ("Title", title), ("AssigneeId", assignee.ToString()), ("DueAt", due));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.WithDbAsync(db => db.CustomerTasks.Where(t => t.FeedbackId == feedbackId && t.Title == title).Select(t => t.Id).SingleAsync());
    }

    private Task<List<Reminder>> RemindersAsync(int taskId) =>
        factory.WithDbAsync(db =>
        {
            var key = taskId.ToString(CultureInfo.InvariantCulture);
            return db.Reminders.Where(r => r.SourceType == "CustomerTask" && r.SourceKey == key).OrderBy(r => r.Id).ToListAsync();
        });

    private static IElement TaskRow(IDocument page, int taskId) =>
        page.QuerySelectorAll("[data-testid=task]").Single(r => r.GetAttribute("data-id") == taskId.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task FeedbackIsRecordedInTheOrganisationsTimeZoneAndShownNewestFirst()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var customerId = await CustomerOfAsync("zhang.wei", 0);

        var older = await RecordFeedbackAsync(client, customerId, "包装破损");
        var response = await PostAsync(client, $"/Customers/Feedback/Create?customerId={customerId}",
            ("ReceivedAt", "2025-03-11T09:30"), ("Summary", "发票抬头有误"));
        var page = await FollowAsync(client, response);

        Assert.Contains("已登记客户反馈“发票抬头有误”", page.Text("[role=status]"));
        Assert.Equal(["发票抬头有误", "包装破损"], page.QuerySelectorAll("[data-testid=feedback-summary]").Select(e => e.TextContent.Trim()));
        Assert.Contains("2025-03-10 10:00:00", page.QuerySelectorAll("[data-testid=feedback]")[1].TextContent);
        var stored = await factory.WithDbAsync(db => db.Feedbacks.Where(f => f.Id == older).Select(f => f.ReceivedAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 2, 0, 0, TimeSpan.Zero), stored);
    }

    [Fact]
    public async Task FeedbackWithoutSummaryIsRefusedWithTheFieldNamed()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var customerId = await CustomerOfAsync("zhang.wei", 1);

        var response = await PostAsync(client, $"/Customers/Feedback/Create?customerId={customerId}", ("ReceivedAt", "2025-03-10T10:00"), ("Summary", ""));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("反馈概要", page.Text("[data-valmsg-for=Summary]"));
        Assert.False(await factory.WithDbAsync(db => db.Feedbacks.AnyAsync(f => f.CustomerId == customerId)));
    }

    [Fact]
    public async Task CustomerWithoutFeedbackShowsTheEmptyState()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var customerId = await CustomerOfAsync("zhang.wei", 2);

        var page = await client.GetDocumentAsync($"/Customers/Feedback?customerId={customerId}");

        Assert.Contains("暂无客户反馈", page.Text("[data-testid=feedback-empty]"));
        Assert.NotNull(page.QuerySelector("[data-testid=new-feedback]"));
    }

    [Fact]
    public async Task TaskGoesThroughItsStatesWithItsReminderAndWrongStepsAreRefused()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var customerId = await CustomerOfAsync("zhang.wei", 3);
        var zhang = await UserIdAsync("zhang.wei");
        var feedbackId = await RecordFeedbackAsync(client, customerId, "设备噪音大");
        var taskId = await AddTaskAsync(client, feedbackId, "安排工程师上门", zhang);

        var reminder = Assert.Single(await RemindersAsync(taskId));
        Assert.Equal((zhang, ReminderStatus.Open), (reminder.UserId, reminder.Status));
        Assert.Equal($"/Customers/Customers/Details/{customerId}?tab=feedback#feedback", reminder.Url);
        var page = await client.GetDocumentAsync($"/Customers/Feedback?customerId={customerId}");
        Assert.Equal("Open", TaskRow(page, taskId).GetAttribute("data-status"));
        Assert.Equal("待处理", TaskRow(page, taskId).QuerySelector(".badge")!.TextContent);

        var returnUrl = $"/Customers/Feedback?customerId={customerId}";
        await PostAsync(client, $"/Customers/Feedback/Start/{taskId}", ("returnUrl", returnUrl));
        page = await FollowAsync(client, await PostAsync(client, $"/Customers/Feedback/Complete/{taskId}", ("returnUrl", returnUrl)));
        Assert.Equal("Done", TaskRow(page, taskId).GetAttribute("data-status"));
        Assert.Contains("任务“安排工程师上门”已完成", page.Text("[role=status]"));
        Assert.NotNull(page.QuerySelector("[data-testid=settled]"));
        Assert.Equal(ReminderStatus.Done, Assert.Single(await RemindersAsync(taskId)).Status);

        page = await FollowAsync(client, await PostAsync(client, $"/Customers/Feedback/Cancel/{taskId}", ("returnUrl", returnUrl)));
        Assert.Contains("任务状态不能从“已完成”变为“已取消”", page.Text("[role=alert]"));
        Assert.Equal("Done", TaskRow(page, taskId).GetAttribute("data-status"));

        page = await FollowAsync(client, await PostAsync(client, $"/Customers/Feedback/Reopen/{taskId}", ("returnUrl", returnUrl)));
        Assert.Equal("InProgress", TaskRow(page, taskId).GetAttribute("data-status"));
        Assert.Equal([ReminderStatus.Done, ReminderStatus.Open], (await RemindersAsync(taskId)).Select(r => r.Status));
    }

    [Fact]
    public async Task ManagerReassignsATaskAndTheReminderMovesToTheNewAssignee()
    {
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var customerId = await CustomerOfAsync("zhang.wei", 4);
        var (zhang, li) = (await UserIdAsync("zhang.wei"), await UserIdAsync("li.na"));
        var feedbackId = await RecordFeedbackAsync(manager, customerId, "要求延长保修");
        var taskId = await AddTaskAsync(manager, feedbackId, "评估保修方案", zhang);

        var response = await PostAsync(manager, $"/Customers/Feedback/Reassign/{taskId}", ("AssigneeId", li.ToString()), ("DueAt", "2099-02-01T09:00"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reminders = await RemindersAsync(taskId);
        Assert.Equal(ReminderStatus.Done, reminders.Single(r => r.UserId == zhang).Status);
        var open = Assert.Single(reminders, r => r.Status == ReminderStatus.Open);
        Assert.Equal(li, open.UserId);
        Assert.Equal(new DateTimeOffset(2099, 2, 1, 1, 0, 0, TimeSpan.Zero), open.DueAt);

        // The new assignee sees the task among hers, though the customer is not hers: named, not linked.
        var liClient = await factory.SignInAsync("li.na", language: "zh-CN");
        var mine = await liClient.GetDocumentAsync("/Customers/Tasks");
        var row = TaskRow(mine, taskId);
        Assert.Null(row.QuerySelector("[data-testid=task-customer] a"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(liClient, $"/Customers/Feedback/Start/{taskId}")).StatusCode);
        Assert.Equal(CustomerTaskStatus.InProgress, await factory.WithDbAsync(db => db.CustomerTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task SalesmanCannotAssignATaskToSomeoneElse()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var customerId = await CustomerOfAsync("zhang.wei", 5);
        var feedbackId = await RecordFeedbackAsync(client, customerId, "价格异议");

        var response = await PostAsync(client, $"/Customers/Feedback/AddTask/{feedbackId}",
            ("Title", "重新报价"), ("AssigneeId", (await UserIdAsync("li.na")).ToString()), ("DueAt", "2099-01-01T18:00"));
        var page = await FollowAsync(client, response);

        Assert.Contains("您不能把任务分配给该用户", page.Text("[role=alert]"));
        Assert.False(await factory.WithDbAsync(db => db.CustomerTasks.AnyAsync(t => t.FeedbackId == feedbackId)));
    }

    [Fact]
    public async Task MyTasksListsOpenTasksByDueDateWithOverdueHighlightedAndTheCustomerLinked()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var customerId = await CustomerOfAsync("zhang.wei", 6);
        var zhang = await UserIdAsync("zhang.wei");
        var feedbackId = await RecordFeedbackAsync(client, customerId, "催促交付");
        var later = await AddTaskAsync(client, feedbackId, "确认交付日期", zhang, "2099-05-01T10:00");
        var overdue = await AddTaskAsync(client, feedbackId, "回电说明进度", zhang, "2020-05-01T10:00");
        var done = await AddTaskAsync(client, feedbackId, "已处理的任务", zhang, "2020-04-01T10:00");
        await PostAsync(client, $"/Customers/Feedback/Complete/{done}");

        var page = await client.GetDocumentAsync("/Customers/Tasks");

        var ids = page.QuerySelectorAll("[data-testid=task]").Select(r => int.Parse(r.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(ids.IndexOf(overdue) < ids.IndexOf(later));
        Assert.DoesNotContain(done, ids);
        Assert.NotNull(TaskRow(page, overdue).QuerySelector("[data-testid=overdue]"));
        Assert.Null(TaskRow(page, later).QuerySelector("[data-testid=overdue]"));
        Assert.Equal($"/Customers/Customers/Details/{customerId}?tab=feedback#feedback", TaskRow(page, later).QuerySelector("[data-testid=task-customer] a")!.GetAttribute("href"));

        var li = await factory.SignInAsync("li.na");
        var hers = await li.GetDocumentAsync("/Customers/Tasks");
        Assert.DoesNotContain(hers.QuerySelectorAll("[data-testid=task]"), r => r.GetAttribute("data-id") == later.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ColleagueGets404OnEveryFeedbackPostForACustomerNotHers()
    {
        var zhangClient = await factory.SignInAsync("zhang.wei");
        var customerId = await CustomerOfAsync("zhang.wei", 7);
        var feedbackId = await RecordFeedbackAsync(zhangClient, customerId, "售后响应慢");
        var zhang = await UserIdAsync("zhang.wei");
        var taskId = await AddTaskAsync(zhangClient, feedbackId, "核查工单", zhang);
        var li = await factory.SignInAsync("li.na");

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(li, $"/Customers/Feedback/Create?customerId={customerId}", ("ReceivedAt", "2025-03-10T10:00"), ("Summary", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(li, $"/Customers/Feedback/AddTask/{feedbackId}", ("Title", "x"), ("AssigneeId", zhang.ToString()), ("DueAt", "2099-01-01T10:00"))).StatusCode);
        foreach (var action in new[] { "Start", "Complete", "Cancel", "Reopen" })
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(li, $"/Customers/Feedback/{action}/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(li, $"/Customers/Feedback/Reassign/{taskId}", ("AssigneeId", zhang.ToString()), ("DueAt", "2099-01-01T10:00"))).StatusCode);

        Assert.Equal(CustomerTaskStatus.Open, await factory.WithDbAsync(db => db.CustomerTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Feedbacks.CountAsync(f => f.CustomerId == customerId)));
    }

    [Fact]
    public async Task FeedbackPagesHaveNoInlineScriptsOrStyles()
    {
        var client = await factory.SignInAsync("zhang.wei");
        var customerId = await CustomerOfAsync("zhang.wei", 3);
        foreach (var url in new[] { $"/Customers/Feedback?customerId={customerId}", $"/Customers/Feedback/Create?customerId={customerId}", "/Customers/Tasks" })
        {
            var page = await client.GetDocumentAsync(url);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
        }
    }
}
