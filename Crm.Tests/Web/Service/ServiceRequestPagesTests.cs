using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Service;

/// <summary>
/// Service requests as the creator (zhang.wei), the handler (li.na), their manager (manager.east) and a
/// manager of another company (manager.north) see and move them. Each test arranges its own customer and request.
/// </summary>
public sealed class ServiceRequestPagesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<ServiceRequest> RequestOfAsync(int id) =>
        factory.WithDbAsync(db => db.ServiceRequests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == id));

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>The request's version as a form rendered now would carry it.</summary>
    private async Task<string> VersionAsync(HttpClient client, int id)
    {
        _ = client;
        return (await RequestOfAsync(id)).Version.ToString();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, int id, string action, Dictionary<string, string> fields) =>
        client.PostFormAsync($"/Service/Requests/{action}/{id}", fields, formPage: $"/Service/Requests/Details/{id}");

    [Fact]
    public async Task SalesmanCreatesARequestForHisCustomerDueAfterThePrioritysHoursUnderItsContract()
    {
        var (customerId, type, priority, contractId) = await factory.WithDbAsync(async db =>
        {
            var customer = await SalesArrange.CustomerAsync(db, "zhang.wei");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var contract = new ServiceContract(SalesArrange.Unique("THT"), customer, today.AddDays(-30), today.AddDays(300), ServiceLevel.Premium, 3);
            db.ServiceContracts.Add(contract);
            await db.SaveChangesAsync();
            return (customer,
                await ServiceTestData.DictionaryAsync(db, DictionaryCategories.ServiceType, "Complaint"),
                await ServiceTestData.DictionaryAsync(db, DictionaryCategories.Priority, DictionaryCategories.Priorities.High),
                contract.Id);
        });
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var form = await client.GetDocumentAsync($"/Service/Requests/Create?customerId={customerId}");
        Assert.NotNull(form.QuerySelector("[data-testid=service-request-form]"));
        var page = await FollowAsync(client, await client.PostFormAsync("/Service/Requests/Create", new Dictionary<string, string>
        {
            ["CustomerId"] = Id(customerId), ["TypeId"] = Id(type), ["PriorityId"] = Id(priority),
            ["Summary"] = "设备异响", ["Details"] = "开机后有异响", ["Version"] = Guid.Empty.ToString(),
        }, formPage: $"/Service/Requests/Create?customerId={customerId}"));

        var request = await factory.WithDbAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(r => r.CustomerId == customerId));
        Assert.StartsWith("FW", request.Number);
        Assert.Equal((ServiceRequestStatus.New, request.ReceivedAt.AddHours(8), (int?)contractId), (request.Status, request.DueAt, request.ContractId));
        var contract = await factory.WithDbAsync(db => db.ServiceContracts.AsNoTracking().SingleAsync(c => c.Id == contractId));
        Assert.Equal(1, contract.CasesUsed);
        Assert.Contains(request.Number, page.Text(".alert-success"));
        Assert.Contains("剩余 2 次", page.Text("[data-testid=contract-badge]"));
    }

    [Fact]
    public async Task ARequestIsVisibleToItsCreatorAndHisManagersOnly()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db));

        foreach (var (user, expected) in new[] { ("zhang.wei", HttpStatusCode.OK), ("manager.east", HttpStatusCode.OK), ("li.na", HttpStatusCode.NotFound), ("manager.north", HttpStatusCode.NotFound) })
        {
            var client = await factory.SignInAsync(user);
            Assert.Equal(expected, (await client.GetAsync($"/Service/Requests/Details/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task AManagerOfAnotherCompanyCannotMoveARequestOutsideHisScope()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db));
        var north = await factory.SignInAsync("manager.north");
        var handler = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "manager.north").Select(u => u.Id).SingleAsync());

        var response = await north.PostFormAsync($"/Service/Requests/Assign/{id}",
            new Dictionary<string, string> { ["HandlerId"] = handler.ToString(), ["Version"] = Guid.Empty.ToString() }, formPage: "/Service/Requests");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ServiceRequestStatus.New, (await RequestOfAsync(id)).Status);
    }

    [Fact]
    public async Task ASalesmanMayNotAssign()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db));
        var client = await factory.SignInAsync("zhang.wei");
        var liNa = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "li.na").Select(u => u.Id).SingleAsync());

        var page = await client.GetDocumentAsync($"/Service/Requests/Details/{id}");
        Assert.Null(page.QuerySelector("[data-testid=assign-form]"));
        var response = await PostAsync(client, id, "Assign", new() { ["HandlerId"] = liNa.ToString(), ["Version"] = await VersionAsync(client, id) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ServiceRequestStatus.New, (await RequestOfAsync(id)).Status);
    }

    [Fact]
    public async Task ManagerAssignsWithinHisSubtreeAndTheHandlerSeesItInHisQueueWithTheCustomersName()
    {
        var (id, customerId) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, summary: "分配测试"));
        var customerName = await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).SingleAsync());
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var (liNa, north) = await factory.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == "li.na").Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == "manager.north").Select(u => u.Id).SingleAsync()));

        var details = await manager.GetDocumentAsync($"/Service/Requests/Details/{id}");
        Assert.Null(details.QuerySelector($"#HandlerId option[value='{north}']"));
        var refused = await FollowAsync(manager, await PostAsync(manager, id, "Assign", new() { ["HandlerId"] = north.ToString(), ["Version"] = await VersionAsync(manager, id) }));
        Assert.Contains("处理人必须是您所辖组织内的在职用户", refused.Text(".alert-danger"));
        await FollowAsync(manager, await PostAsync(manager, id, "Assign", new() { ["HandlerId"] = liNa.ToString(), ["Version"] = await VersionAsync(manager, id) }));

        var request = await RequestOfAsync(id);
        Assert.Equal((ServiceRequestStatus.Assigned, (Guid?)liNa), (request.Status, request.HandlerId));
        var handler = await factory.SignInAsync("li.na", language: "zh-CN");
        var queue = await handler.GetDocumentAsync("/Service/Requests?view=mine");
        var row = Assert.Single(queue.QuerySelectorAll("[data-testid=request-row]"), r => r.GetAttribute("data-request-id") == Id(id));
        Assert.Contains(customerName, row.TextContent);
        var page = await handler.GetDocumentAsync($"/Service/Requests/Details/{id}");
        Assert.Equal(customerName, page.Text("[data-testid=request-customer]"));
        Assert.NotNull(page.QuerySelector("[data-testid=handle-form]"));
        Assert.Equal(HttpStatusCode.NotFound, (await handler.GetAsync($"/Customers/Customers/Details/{customerId}")).StatusCode);
        Assert.Contains(await factory.WithDbAsync(db => db.Reminders.AsNoTracking().Where(r => r.UserId == liNa).Select(r => r.Url).ToListAsync()),
            url => url == $"/Service/Requests/Details/{id}");
    }

    [Fact]
    public async Task AStaleHandlingFormIsRefused()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db));
        await factory.WithDbAsync(async db => { await ServiceTestData.AssignAsync(db, id); return 0; });
        var handler = await factory.SignInAsync("li.na", language: "zh-CN");
        var stale = await VersionAsync(handler, id);
        // Someone else saves the request in between (an edit of its summary).
        await factory.WithDbAsync(async db =>
        {
            var r = await db.ServiceRequests.SingleAsync(x => x.Id == id);
            r.Update(r.TypeId, r.PriorityId, 24, "改过的摘要", null, null, null);
            return await db.SaveChangesAsync();
        });

        var page = await FollowAsync(handler, await PostAsync(handler, id, "Handle", new() { ["Handling"] = "处理了", ["MinutesSpent"] = "10", ["Version"] = stale }));

        Assert.Equal(ServiceRequestStatus.Assigned, (await RequestOfAsync(id)).Status);
        Assert.NotEmpty(page.Text(".alert-danger"));
    }

    [Fact]
    public async Task AStaleEditIsRefused()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, summary: "原摘要"));
        var client = await factory.SignInAsync("zhang.wei");
        var form = await client.GetDocumentAsync($"/Service/Requests/Edit/{id}");
        string Field(string name) => form.QuerySelector($"[name={name}]")!.GetAttribute("value") ?? form.QuerySelector($"select[name={name}] option[selected]")?.GetAttribute("value") ?? string.Empty;
        var fields = new Dictionary<string, string>
        {
            ["TypeId"] = form.QuerySelector("select[name=TypeId] option[selected]")!.GetAttribute("value")!,
            ["PriorityId"] = form.QuerySelector("select[name=PriorityId] option[selected]")!.GetAttribute("value")!,
            ["Summary"] = "我的修改", ["Version"] = Field("Version"),
        };
        await factory.WithDbAsync(async db =>
        {
            var r = await db.ServiceRequests.SingleAsync(x => x.Id == id);
            r.Update(r.TypeId, r.PriorityId, 24, "别人的修改", null, null, null);
            return await db.SaveChangesAsync();
        });

        var response = await client.PostFormAsync($"/Service/Requests/Edit/{id}", fields, formPage: $"/Service/Requests/Edit/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("别人的修改", (await RequestOfAsync(id)).Summary);
    }

    [Fact]
    public async Task PoorFeedbackSendsItBackAndArchivingPlansAReturnVisitWithAReminderForTheOwner()
    {
        var (id, customerId) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db));
        await factory.WithDbAsync(async db => { await ServiceTestData.AssignAsync(db, id); return 0; });
        var handler = await factory.SignInAsync("li.na", language: "zh-CN");
        var creator = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        await FollowAsync(handler, await PostAsync(handler, id, "Handle", new() { ["Handling"] = "远程指导", ["MinutesSpent"] = "20", ["Version"] = await VersionAsync(handler, id) }));
        var sentBack = await FollowAsync(creator, await PostAsync(creator, id, "Feedback", new() { ["Result"] = "没修好", ["Satisfaction"] = "2", ["Version"] = await VersionAsync(creator, id) }));
        Assert.Contains("已退回处理人", sentBack.Text(".alert-success"));
        Assert.Equal(ServiceRequestStatus.Assigned, (await RequestOfAsync(id)).Status);
        Assert.Null(sentBack.QuerySelector("[data-testid=archive-form]"));

        await FollowAsync(handler, await PostAsync(handler, id, "Handle", new() { ["Handling"] = "上门维修", ["MinutesSpent"] = "60", ["Version"] = await VersionAsync(handler, id) }));
        await FollowAsync(creator, await PostAsync(creator, id, "Feedback", new() { ["Result"] = "满意", ["Satisfaction"] = "5", ["Version"] = await VersionAsync(creator, id) }));
        var archived = await FollowAsync(creator, await PostAsync(creator, id, "Archive", new() { ["version"] = await VersionAsync(creator, id) }));

        var request = await RequestOfAsync(id);
        Assert.Equal((ServiceRequestStatus.Archived, 80, 5), (request.Status, request.MinutesSpent, request.Satisfaction));
        Assert.Equal(8, archived.QuerySelectorAll("[data-testid=timeline-step]").Length);
        var (visit, reminder, owner) = await factory.WithDbAsync(async db => (
            await db.ReturnVisits.AsNoTracking().SingleAsync(v => v.ServiceRequestId == id),
            await db.Reminders.AsNoTracking().SingleAsync(r => r.SourceType == "ReturnVisit" && r.Url!.Contains("/Service/Visits/Details/")
                                                              && r.Details!.Contains($"/Service/Requests/Details/{id}")),
            await db.Customers.Where(c => c.Id == customerId).Select(c => c.OwnerId).SingleAsync()));
        Assert.Equal((ReturnVisitStatus.Planned, customerId, owner!.Value), (visit.Status, visit.CustomerId, visit.VisitorId));
        Assert.Equal((owner.Value, $"/Service/Visits/Details/{visit.Id}"), (reminder.UserId, reminder.Url));
    }

    [Fact]
    public async Task OnlyTheHandlerSeesTheHandlingForm()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db));
        await factory.WithDbAsync(async db => { await ServiceTestData.AssignAsync(db, id); return 0; });
        var creator = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        Assert.Null((await creator.GetDocumentAsync($"/Service/Requests/Details/{id}")).QuerySelector("[data-testid=handle-form]"));
        var page = await FollowAsync(creator, await PostAsync(creator, id, "Handle", new() { ["Handling"] = "我来", ["MinutesSpent"] = "5", ["Version"] = await VersionAsync(creator, id) }));

        Assert.Equal(ServiceRequestStatus.Assigned, (await RequestOfAsync(id)).Status);
        Assert.NotEmpty(page.Text(".alert-danger"));
    }

    [Fact]
    public async Task OverdueRequestsAreFlaggedInTheListAndFilteredOnRequest()
    {
        var (late, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, at: DateTimeOffset.UtcNow.AddHours(-30), summary: "超期的请求"));
        var (onTime, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, summary: "未超期的请求"));
        var client = await factory.SignInAsync("zhang.wei");

        var all = await client.GetDocumentAsync("/Service/Requests?view=all");
        string? Flag(IDocument page, int id) => page.QuerySelector($"[data-testid=request-row][data-request-id='{id}']")?.GetAttribute("data-overdue");
        Assert.Equal(("true", "false"), (Flag(all, late), Flag(all, onTime)));
        var overdue = await client.GetDocumentAsync("/Service/Requests?view=all&overdue=true");
        Assert.Equal(("true", (string?)null), (Flag(overdue, late), Flag(overdue, onTime)));
    }

    [Fact]
    public async Task TheToAssignViewIsForManagers()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, summary: "待分配视图"));
        var manager = await factory.SignInAsync("manager.east");
        var salesman = await factory.SignInAsync("zhang.wei");

        var managers = await manager.GetDocumentAsync("/Service/Requests?view=assign");
        Assert.NotNull(managers.QuerySelector($"[data-request-id='{id}']"));
        Assert.NotNull(managers.QuerySelector("[data-testid=view-assign]"));
        var salesmans = await salesman.GetDocumentAsync("/Service/Requests?view=assign");
        Assert.Null(salesmans.QuerySelector("[data-testid=view-assign]"));
    }

    [Fact]
    public async Task TheExportHoldsTheRequestsInScope()
    {
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, summary: "导出测试请求"));
        var number = (await RequestOfAsync(id)).Number;

        var mine = await (await factory.SignInAsync("zhang.wei")).GetStringAsync("/Service/Requests/Export?format=csv");
        var theirs = await (await factory.SignInAsync("manager.north")).GetStringAsync("/Service/Requests/Export?format=csv");

        Assert.Contains(number, mine);
        Assert.DoesNotContain(number, theirs);
    }

    [Fact]
    public async Task LinkedAndSuggestedArticlesShowOnTheRequest()
    {
        var articleId = await factory.WithDbAsync(db => ServiceTestData.ArticleAsync(db, title: "卡纸处理指南", tags: "卡纸测试词"));
        var (id, _) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, summary: "卡纸测试词"));
        var client = await factory.SignInAsync("zhang.wei");

        var before = await client.GetDocumentAsync($"/Service/Requests/Details/{id}");
        Assert.Contains("卡纸处理指南", before.Text("[data-testid=suggested-articles]"));
        var after = await FollowAsync(client, await PostAsync(client, id, "LinkArticle", new() { ["articleId"] = Id(articleId) }));

        Assert.Contains("卡纸处理指南", after.Text("[data-testid=linked-article]"));
        Assert.True(await factory.WithDbAsync(db => db.ServiceRequestArticles.AnyAsync(x => x.ServiceRequestId == id && x.ArticleId == articleId)));
    }

    [Fact]
    public async Task TheCustomerServiceTabListsTheRequestsWithTheOverdueCount()
    {
        var (late, customerId) = await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, at: DateTimeOffset.UtcNow.AddHours(-30), summary: "客户超期请求"));
        await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, summary: "客户新请求", customerId: customerId));
        var client = await factory.SignInAsync("zhang.wei");

        var page = await client.GetDocumentAsync($"/Customers/Customers/Details/{customerId}?tab=service");

        Assert.Equal("1", page.Text("[data-testid=tab-service-overdue]"));
        var rows = page.QuerySelectorAll("[data-testid=customer-service-row]");
        Assert.Equal(2, rows.Length);
        Assert.Contains("客户新请求", rows[0].TextContent);
        Assert.Equal("true", rows[1].GetAttribute("data-overdue"));
        Assert.NotNull(page.QuerySelector($"[data-testid=new-service-request][href*='customerId={customerId}']"));
    }

    [Fact]
    public async Task TheDashboardShowsTheServiceWidgetsByPermission()
    {
        await factory.WithDbAsync(db => ServiceTestData.RequestAsync(db, at: DateTimeOffset.UtcNow.AddYears(-3), summary: "仪表盘待分配"));

        var manager = await (await factory.SignInAsync("manager.east")).GetDocumentAsync("/");
        var salesman = await (await factory.SignInAsync("zhang.wei")).GetDocumentAsync("/");

        Assert.Contains("仪表盘待分配", manager.Text("[data-testid=widget-service-assign]"));
        Assert.NotNull(salesman.QuerySelector("[data-testid=widget-service-mine]"));
        Assert.Null(salesman.QuerySelector("[data-testid=widget-service-assign]"));
    }
}
