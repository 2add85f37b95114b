using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Service;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Service;

/// <summary>
/// The service gaps of issue #8 as users see them: every feedback's satisfaction, the request's contract for a
/// handler who does not see the customer, the customer's owner following his customer's requests, the org unit
/// kept by assigning, and the links between a request and its return visits.
/// </summary>
public sealed class ServiceGapsPagesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    private Task<string> VersionAsync(int id) =>
        factory.WithDbAsync(db => db.ServiceRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Version.ToString()).SingleAsync());

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, int id, string action, Dictionary<string, string> fields)
    {
        fields["Version"] = await VersionAsync(id);
        return await client.PostFormAsync($"/Service/Requests/{action}/{id}", fields, formPage: $"/Service/Requests/Details/{id}");
    }

    /// <summary>Handles the request as its handler, on a system context.</summary>
    private Task HandleAsync(int id, string handler = "li.na") => factory.WithDbAsync(async db =>
    {
        var user = await db.Users.Where(u => u.UserName == handler).Select(u => u.Id).SingleAsync();
        var request = await db.ServiceRequests.Include(r => r.Events).SingleAsync(r => r.Id == id);
        request.Handle(user, "上门处理", 30, DateTimeOffset.UtcNow);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task BothFeedbacksAreKeptShownAndCountedInTheCustomersAverage()
    {
        var (id, customerId) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db));
        await factory.WithDbAsync(async db => { await ServiceTestData.AssignAsync(db, id); return 0; });
        var creator = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        await HandleAsync(id);
        await FollowAsync(creator, await PostAsync(creator, id, "Feedback", new() { ["Result"] = "没修好", ["Satisfaction"] = "2" }));
        await HandleAsync(id);
        var page = await FollowAsync(creator, await PostAsync(creator, id, "Feedback", new() { ["Result"] = "满意", ["Satisfaction"] = "5" }));

        var scores = await factory.WithDbAsync(db => db.ServiceRequests.AsNoTracking().Where(r => r.Id == id)
            .SelectMany(r => r.Events).Where(e => e.Satisfaction != null).OrderBy(e => e.Id).Select(e => e.Satisfaction!.Value).ToListAsync());
        Assert.Equal([2, 5], scores);
        Assert.Equal(["满意度: 2/5", "满意度: 5/5"], page.QuerySelectorAll("[data-testid=step-satisfaction]").Select(e => e.TextContent.Replace("：", ": ", StringComparison.Ordinal).Trim()).ToList());
        var customer = await creator.GetDocumentAsync($"/Customers/Customers/Details/{customerId}");
        Assert.Contains("3.50 / 5", customer.Text("[data-testid=satisfaction]"));
    }

    [Fact]
    public async Task AHandlerSeesTheContractTheRequestIsUnderThoughNotTheCustomer()
    {
        var (id, customerId, number) = await factory.WithDbAsync(async db =>
        {
            var (requestId, customer) = await ServiceTestData.RequestAsync(db, summary: "合同下的请求");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var contract = new ServiceContract(SalesArrange.Unique("THT"), customer, today.AddDays(-30), today.AddDays(300), ServiceLevel.Premium, 5);
            contract.UseCase(today);
            db.ServiceContracts.Add(contract);
            await db.SaveChangesAsync();
            var request = await db.ServiceRequests.SingleAsync(r => r.Id == requestId);
            request.LinkContract(contract.Id);
            await db.SaveChangesAsync();
            return (requestId, customer, contract.Number);
        });
        await factory.WithDbAsync(async db => { await ServiceTestData.AssignAsync(db, id, "li.na"); return 0; });
        var handler = await factory.SignInAsync("li.na", language: "zh-CN");

        var page = await handler.GetDocumentAsync($"/Service/Requests/Details/{id}");

        Assert.Contains(number, page.Text("[data-testid=contract-badge]"));
        Assert.Contains("剩余 4 次", page.Text("[data-testid=contract-badge]"));
        Assert.Null(page.QuerySelector("[data-testid=no-contract]"));
        Assert.Equal(HttpStatusCode.NotFound, (await handler.GetAsync($"/Customers/Customers/Details/{customerId}")).StatusCode);
    }

    [Fact]
    public async Task TheCustomersOwnerSeesARequestOthersCreatedAndHandleAndAnotherSalesmanDoesNot()
    {
        var customerId = await factory.WithDbAsync(db => SalesArrange.CustomerAsync(db, "zhang.wei"));
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, creator: "li.na", customerId: customerId, summary: "别人建的请求"));
        await factory.WithDbAsync(async db => { await ServiceTestData.AssignAsync(db, id, "zhao.lei"); return 0; });
        var owner = await factory.SignInAsync("zhang.wei");

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/Service/Requests/Details/{id}")).StatusCode);
        var list = await owner.GetDocumentAsync("/Service/Requests?view=all");
        Assert.NotNull(list.QuerySelector($"[data-testid=request-row][data-request-id='{id.ToString(CultureInfo.InvariantCulture)}']"));
        var other = await factory.SignInAsync("wang.fang");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Service/Requests/Details/{id}")).StatusCode);
    }

    [Fact]
    public async Task AssigningToAHandlerOfAnotherUnitKeepsTheRequestInTheCreatorsUnit()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, summary: "跨组织处理"));
        var unitBefore = await factory.WithDbAsync(db => db.ServiceRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.OrgUnitId).SingleAsync());
        await factory.WithDbAsync(async db => { await ServiceTestData.AssignAsync(db, id, "wang.fang"); return 0; });

        var (unitAfter, owner) = await factory.WithDbAsync(async db => (
            await db.ServiceRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.OrgUnitId).SingleAsync(),
            await db.ServiceRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.OwnerId).SingleAsync()));
        Assert.Equal(unitBefore, unitAfter);
        Assert.Equal(await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "wang.fang").Select(u => (Guid?)u.Id).SingleAsync()), owner);
        var manager = await factory.SignInAsync("manager.east");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Service/Requests/Details/{id}")).StatusCode);
        var handler = await factory.SignInAsync("wang.fang");
        Assert.Equal(HttpStatusCode.OK, (await handler.GetAsync($"/Service/Requests/Details/{id}")).StatusCode);
    }

    [Fact]
    public async Task TheArchivedRequestLinksItsReturnVisitAndTheVisitLinksTheRequest()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, summary: "回访链接"));
        await factory.WithDbAsync(async db => { await ServiceTestData.AssignAsync(db, id); return 0; });
        var creator = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await HandleAsync(id);
        await FollowAsync(creator, await PostAsync(creator, id, "Feedback", new() { ["Result"] = "满意", ["Satisfaction"] = "4" }));

        var archived = await FollowAsync(creator, await PostAsync(creator, id, "Archive", new()));

        var (visitId, number) = await factory.WithDbAsync(async db => (
            await db.ReturnVisits.AsNoTracking().Where(v => v.ServiceRequestId == id).Select(v => v.Id).SingleAsync(),
            await db.ServiceRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Number).SingleAsync()));
        Assert.Equal($"/Service/Visits/Details/{visitId}", archived.QuerySelector("[data-testid=visit-link]")!.GetAttribute("href"));
        var visit = await creator.GetDocumentAsync($"/Service/Visits/Details/{visitId}");
        var link = visit.QuerySelector("[data-testid=request-link]")!;
        Assert.Equal(($"/Service/Requests/Details/{id}", number), (link.GetAttribute("href"), link.TextContent.Trim()));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task APlannedVisitIsRescheduledWithItsReminderAndAStaleOrDoneOneIsRefused()
    {
        var customerId = await factory.WithDbAsync(db => SalesArrange.CustomerAsync(db, "zhang.wei"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var visitId = await factory.WithDbAsync(db => ServiceRecordArrange.VisitAsync(db, customerId, "zhang.wei", today.AddDays(2)));
        var link = $"/Service/Visits/Details/{visitId}";
        await factory.WithDbAsync(async db =>
        {
            var me = await db.Users.Where(u => u.UserName == "zhang.wei").Select(u => u.Id).SingleAsync();
            db.Reminders.Add(new Crm.Domain.Common.Reminder(me, "客户回访", DateTimeOffset.UtcNow.AddDays(2), link, sourceType: "ReturnVisit", sourceKey: visitId.ToString(CultureInfo.InvariantCulture)));
            return await db.SaveChangesAsync();
        });
        var stale = await factory.WithDbAsync(db => db.ReturnVisits.AsNoTracking().Where(v => v.Id == visitId).Select(v => v.Version.ToString()).SingleAsync());
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var form = await client.GetDocumentAsync($"/Service/Visits/Reschedule/{visitId}");
        Assert.NotNull(form.QuerySelector("[data-testid=visit-reschedule-form]"));
        var moved = await FollowAsync(client, await client.PostFormAsync($"/Service/Visits/Reschedule/{visitId}", new Dictionary<string, string>
        {
            ["PlannedDate"] = Day(today.AddDays(9)), ["Reason"] = "客户出差", ["Version"] = stale,
        }, formPage: $"/Service/Visits/Reschedule/{visitId}"));

        var visit = await factory.WithDbAsync(db => db.ReturnVisits.AsNoTracking().SingleAsync(v => v.Id == visitId));
        Assert.Equal((today.AddDays(9), (DateOnly?)today.AddDays(2), "客户出差"), (visit.PlannedDate, visit.RescheduledFrom, visit.RescheduleReason));
        Assert.Contains("客户出差", moved.Text("[data-testid=rescheduled]"));
        var due = await factory.WithDbAsync(db => db.Reminders.AsNoTracking().Where(r => r.Url == link).Select(r => r.DueAt).SingleAsync());
        Assert.Equal(today.AddDays(9), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime));

        // The form opened before that save is stale now.
        var refused = await client.PostFormAsync($"/Service/Visits/Reschedule/{visitId}", new Dictionary<string, string>
        {
            ["PlannedDate"] = Day(today.AddDays(20)), ["Reason"] = "又改", ["Version"] = stale,
        }, formPage: $"/Service/Visits/Reschedule/{visitId}");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(today.AddDays(9), await factory.WithDbAsync(db => db.ReturnVisits.Where(v => v.Id == visitId).Select(v => v.PlannedDate).SingleAsync()));

        // Done: no more rescheduling.
        await factory.WithDbAsync(async db =>
        {
            var v = await db.ReturnVisits.SingleAsync(x => x.Id == visitId);
            v.Complete(today, null, null, "已回访", new SurveyScores(5), null, today);
            return await db.SaveChangesAsync();
        });
        var done = await factory.WithDbAsync(db => db.ReturnVisits.AsNoTracking().Where(v => v.Id == visitId).Select(v => v.Version.ToString()).SingleAsync());
        var afterDone = await client.PostFormAsync($"/Service/Visits/Reschedule/{visitId}", new Dictionary<string, string>
        {
            ["PlannedDate"] = Day(today.AddDays(20)), ["Reason"] = "再改", ["Version"] = done,
        }, formPage: $"/Service/Visits/Details/{visitId}");
        Assert.Equal(HttpStatusCode.OK, afterDone.StatusCode);
        Assert.Equal(today.AddDays(9), await factory.WithDbAsync(db => db.ReturnVisits.Where(v => v.Id == visitId).Select(v => v.PlannedDate).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/Service/Visits/Reschedule/{visitId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignInAsync("wang.fang")).GetAsync($"/Service/Visits/Reschedule/{visitId}")).StatusCode);
    }

    [Fact]
    public async Task TheVisitExportHoldsTheFilteredVisitsOfTheList()
    {
        var name = SalesArrange.Unique("回访导出客户");
        var customerId = await factory.WithDbAsync(db => SalesArrange.CustomerAsync(db, "zhang.wei", name));
        await factory.WithDbAsync(db => ServiceRecordArrange.VisitAsync(db, customerId, "zhang.wei"));
        await factory.WithDbAsync(db => ServiceRecordArrange.VisitAsync(db, customerId, "li.na"));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var list = await client.GetDocumentAsync($"/Service/Visits?scope=all&Q={Uri.EscapeDataString(name)}");
        Assert.Equal(2, list.QuerySelectorAll("[data-testid=visit-row]").Length);
        var export = list.QuerySelector("[data-testid=export-csv]")!.GetAttribute("href")!;
        var response = await client.GetAsync(export);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains(name, l, StringComparison.Ordinal));
        var mine = await client.GetAsync($"/Service/Visits/Export?format=csv&Q={Uri.EscapeDataString(name)}");
        Assert.Equal(2, (await mine.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task AVisitCannotBeRecordedAsDoneOnAFutureDay()
    {
        var customerId = await factory.WithDbAsync(db => SalesArrange.CustomerAsync(db, "zhang.wei"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var visitId = await factory.WithDbAsync(db => ServiceRecordArrange.VisitAsync(db, customerId, "zhang.wei", today.AddDays(3)));
        var version = await factory.WithDbAsync(db => db.ReturnVisits.AsNoTracking().Where(v => v.Id == visitId).Select(v => v.Version.ToString()).SingleAsync());
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var form = await client.GetDocumentAsync($"/Service/Visits/Record/{visitId}");
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("[name='Form.ActualDate']")!.GetAttribute("max")));
        var response = await client.PostFormAsync($"/Service/Visits/Record/{visitId}", new Dictionary<string, string>
        {
            ["Form.Version"] = version, ["Form.ActualDate"] = Day(today.AddDays(3)), ["Form.Content"] = "提前写好的回访",
        }, formPage: $"/Service/Visits/Record/{visitId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("实际回访日期不能晚于今天", (await response.ReadDocumentAsync()).Text("[data-testid=visit-record-form] .alert-danger"), StringComparison.Ordinal);
        Assert.Equal(ReturnVisitStatus.Planned, await factory.WithDbAsync(db => db.ReturnVisits.Where(v => v.Id == visitId).Select(v => v.Status).SingleAsync()));
    }
}
