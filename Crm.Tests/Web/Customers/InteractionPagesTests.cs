using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

/// <summary>
/// Recording interactions on a customer: the timeline, the customer's last-interaction time and the
/// owner's follow-up reminder. Each test works on a fresh customer of its own.
/// </summary>
public sealed class InteractionPagesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static int _sequence;

    private Task<(int Id, string Name)> NewCustomerAsync() => factory.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == "zhang.wei");
        var name = $"交往测试客户{Interlocked.Increment(ref _sequence)}号";
        var customer = new Customer($"TIN{_sequence:D5}{Random.Shared.Next(1000, 9999)}", new CustomerProfile { Name = name }, user.OrgUnitId, user.Id, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return (customer.Id, name);
    });

    private Task<Guid> UserIdAsync(string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<List<Reminder>> RemindersOfAsync(int interactionId) => factory.WithDbAsync(db =>
    {
        var key = interactionId.ToString(CultureInfo.InvariantCulture);
        return db.Reminders.AsNoTracking().Where(r => r.SourceType == "Interaction" && r.SourceKey == key).ToListAsync();
    });

    private static string Local(DateTimeOffset at) => at.ToOffset(Beijing).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, at.Offset);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, fields.ToDictionary(f => f.Key, f => f.Value), formPage: "/");

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ARecordedInteractionLeadsTheTimelineAndGivesTheOwnerAFollowUpReminder()
    {
        var (customerId, name) = await NewCustomerAsync();
        var channel = await factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == "InteractionChannel" && d.Code == "Visit").Select(d => d.Id).SingleAsync());
        var occurred = Minute(DateTimeOffset.UtcNow.AddHours(-1));
        var followUp = Minute(DateTimeOffset.UtcNow.AddDays(2));
        // The manager records it; the reminder is for the customer's owner.
        var client = await factory.SignInAsync("manager.east", language: "zh-CN");
        await PostAsync(client, $"/Customers/Interactions/Create?customerId={customerId}",
            ("OccurredAt", Local(occurred.AddDays(-3))), ("Summary", "较早的电话"));

        var response = await PostAsync(client, $"/Customers/Interactions/Create?customerId={customerId}",
            ("OccurredAt", Local(occurred)), ("ChannelId", channel.ToString(CultureInfo.InvariantCulture)), ("Summary", "上门拜访采购部"),
            ("Details", "讨论了二季度采购计划。"), ("NextStep", "发送报价单"), ("FollowUpAt", Local(followUp)));

        Assert.Equal($"/Customers/Customers/Details/{customerId}?tab=interactions#interactions", response.Headers.Location!.OriginalString);
        var page = await FollowAsync(client, response);
        Assert.Equal("2", page.Text("[data-testid=tab-interactions] .badge"));
        var first = page.QuerySelector("[data-testid=interaction]")!;
        Assert.Equal("上门拜访采购部", first.QuerySelector("[data-testid=interaction-summary]")!.TextContent.Trim());
        Assert.Equal("拜访", first.QuerySelector("[data-testid=interaction-channel]")!.TextContent.Trim());
        Assert.Equal(occurred.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), first.QuerySelector("[data-testid=interaction-at]")!.TextContent.Trim());
        Assert.Equal("page", page.QuerySelector("a#tab-interactions")!.GetAttribute("aria-current"));

        var interaction = await factory.WithDbAsync(db => db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId).OrderByDescending(i => i.OccurredAt).FirstAsync());
        Assert.Equal(occurred, interaction.OccurredAt);
        Assert.Equal(occurred, await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.LastInteractionAt).SingleAsync()));
        var reminder = Assert.Single(await RemindersOfAsync(interaction.Id));
        Assert.Equal(await UserIdAsync("zhang.wei"), reminder.UserId);
        Assert.Equal(followUp, reminder.DueAt);
        Assert.Equal($"跟进：{name} — 发送报价单", reminder.Title);
        Assert.Equal($"/Customers/Customers/Details/{customerId}?tab=interactions#interactions", reminder.Url);
        Assert.Equal(ReminderStatus.Open, reminder.Status);
    }

    [Fact]
    public async Task ChangingTheFollowUpReschedulesTheReminderAndClearingItClosesIt()
    {
        var (customerId, _) = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei");
        var occurred = Minute(DateTimeOffset.UtcNow);
        await PostAsync(client, $"/Customers/Interactions/Create?customerId={customerId}",
            ("OccurredAt", Local(occurred)), ("Summary", "电话"), ("FollowUpAt", Local(occurred.AddDays(1))));
        var id = await factory.WithDbAsync(db => db.Interactions.Where(i => i.CustomerId == customerId).Select(i => i.Id).SingleAsync());

        async Task<HttpResponseMessage> EditAsync(string? followUp)
        {
            var form = await client.GetDocumentAsync($"/Customers/Interactions/Edit/{id}");
            return await PostAsync(client, $"/Customers/Interactions/Edit/{id}",
                ("OccurredAt", Local(occurred)), ("Summary", "电话"), ("FollowUpAt", followUp ?? string.Empty),
                ("Version", form.QuerySelector("input[name=Version]")!.GetAttribute("value")!));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(Local(occurred.AddDays(5)))).StatusCode);
        var rescheduled = Assert.Single(await RemindersOfAsync(id));
        Assert.Equal(occurred.AddDays(5), rescheduled.DueAt);
        Assert.Equal(ReminderStatus.Open, rescheduled.Status);

        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(null)).StatusCode);
        var closed = Assert.Single(await RemindersOfAsync(id));
        Assert.Equal(ReminderStatus.Done, closed.Status);
        Assert.Null(await factory.WithDbAsync(db => db.Interactions.Where(i => i.Id == id).Select(i => i.FollowUpAt).SingleAsync()));
    }

    [Fact]
    public async Task AFollowUpBeforeTheInteractionIsRefusedAtTheField()
    {
        var (customerId, _) = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var response = await PostAsync(client, $"/Customers/Interactions/Create?customerId={customerId}",
            ("OccurredAt", "2025-05-10T10:00"), ("Summary", "电话"), ("FollowUpAt", "2025-05-09T10:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.ReadDocumentAsync()).Text("[data-valmsg-for=FollowUpAt]"));
        Assert.False(await factory.WithDbAsync(db => db.Interactions.AnyAsync(i => i.CustomerId == customerId)));
    }

    [Fact]
    public async Task AStaleEditIsRefusedWithTheConflictMessage()
    {
        var (customerId, _) = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await PostAsync(client, $"/Customers/Interactions/Create?customerId={customerId}", ("OccurredAt", "2025-05-10T10:00"), ("Summary", "第一版"));
        var (id, version) = await factory.WithDbAsync(async db => await db.Interactions.Where(i => i.CustomerId == customerId).Select(i => new ValueTuple<int, Guid>(i.Id, i.Version)).SingleAsync());
        await PostAsync(client, $"/Customers/Interactions/Edit/{id}", ("OccurredAt", "2025-05-10T10:00"), ("Summary", "第二版"), ("Version", version.ToString()));

        var response = await PostAsync(client, $"/Customers/Interactions/Edit/{id}", ("OccurredAt", "2025-05-10T10:00"), ("Summary", "第三版"), ("Version", version.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("在您编辑期间，该记录已被他人修改", (await response.ReadDocumentAsync()).Text(".alert-danger"));
        Assert.Equal("第二版", await factory.WithDbAsync(db => db.Interactions.Where(i => i.Id == id).Select(i => i.Summary).SingleAsync()));
    }

    [Fact]
    public async Task InteractionsOfACustomerOutOfScopeDoNotExistForTheUser()
    {
        var (customerId, _) = await NewCustomerAsync();
        var owner = await factory.SignInAsync("zhang.wei");
        await PostAsync(owner, $"/Customers/Interactions/Create?customerId={customerId}", ("OccurredAt", "2025-05-10T10:00"), ("Summary", "原始记录"));
        var (id, version) = await factory.WithDbAsync(async db => await db.Interactions.Where(i => i.CustomerId == customerId).Select(i => new ValueTuple<int, Guid>(i.Id, i.Version)).SingleAsync());

        foreach (var userName in new[] { "li.na", "manager.north" })
        {
            var client = await factory.SignInAsync(userName);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Interactions/Create?customerId={customerId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Interactions/Edit/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Customers/Interactions/Create?customerId={customerId}", ("OccurredAt", "2025-05-11T10:00"), ("Summary", "越权"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Customers/Interactions/Edit/{id}", ("OccurredAt", "2025-05-11T10:00"), ("Summary", "越权"), ("Version", version.ToString()))).StatusCode);
        }

        var manager = await factory.SignInAsync("manager.east");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Customers/Interactions/Edit/{id}")).StatusCode);
        Assert.Equal(["原始记录"], await factory.WithDbAsync(db => db.Interactions.Where(i => i.CustomerId == customerId).Select(i => i.Summary).ToListAsync()));
    }

    [Fact]
    public async Task TheReminderLinkIsLocalAndOpensTheTimeline()
    {
        Assert.Equal("/Customers/Customers/Details/42?tab=interactions#interactions", InteractionService.LinkOf(42));
        var (customerId, _) = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei");

        var page = await client.GetDocumentAsync(InteractionService.LinkOf(customerId));

        Assert.NotNull(page.QuerySelector("section#interactions [data-testid=interactions-empty]"));
        Assert.NotNull(page.QuerySelector("a#tab-interactions[aria-current=page]"));
    }
}
