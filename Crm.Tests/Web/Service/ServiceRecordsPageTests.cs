using System.Globalization;
using System.Net;
using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Service;

/// <summary>Quality complaints, return visits and service contracts as the salesman, his manager, a colleague and a manager of another company see and make them.</summary>
public sealed class ServiceRecordsPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<int> NewCustomerAsync(string owner = "zhang.wei") => factory.WithDbAsync(db => SalesArrange.CustomerAsync(db, owner));

    [Fact]
    public async Task ASalesmanRecordsAComplaintWithEveryFieldOfTheForm()
    {
        var customerId = await NewCustomerAsync();
        var urgency = await factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == DictionaryCategories.Priority).Select(d => d.Id).FirstAsync());
        var product = await factory.WithDbAsync(db => SalesArrange.ProductAsync(db, units: 0));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var response = await client.PostFormAsync("/Service/QualityComplaints/Create", new Dictionary<string, string>
        {
            ["Form.CustomerId"] = Id(customerId),
            ["Form.FeedbackDate"] = "2026-03-10",
            ["Form.ProjectName"] = "滨江花园二期",
            ["Form.ProjectQuantity"] = "800",
            ["Form.ProductId"] = Id(product.ProductId),
            ["Form.ProblemFoundDate"] = "2026-03-08",
            ["Form.ProblemQuantity"] = "12",
            ["Form.UrgencyId"] = Id(urgency),
            ["Form.Site"] = "施工现场",
            ["Form.Details"] = "外壳开裂",
            ["Form.InitialIntent"] = "要求换货",
            ["Form.AppraisalOpinion"] = "批次工艺问题",
        }, formPage: $"/Service/QualityComplaints/Create?customerId={customerId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.QualityComplaints.AsNoTracking().SingleAsync(c => c.CustomerId == customerId));
        Assert.Equal(("滨江花园二期", 800, product.ProductId, new DateOnly(2026, 3, 8), 12, urgency, "施工现场", "外壳开裂", "要求换货", "批次工艺问题", QualityComplaintStatus.Open),
            (saved.ProjectName, saved.ProjectQuantity, saved.ProductId, saved.ProblemFoundDate, saved.ProblemQuantity, saved.UrgencyId, saved.Site, saved.Details, saved.InitialIntent, saved.AppraisalOpinion, saved.Status));
        Assert.StartsWith("ZL", saved.Number, StringComparison.Ordinal);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("外壳开裂", page.Text("[data-testid=complaint-details]"));
    }

    [Fact]
    public async Task AComplaintMovesThroughInvestigationResolutionAndClosing()
    {
        var customerId = await NewCustomerAsync();
        var id = await factory.WithDbAsync(db => ServiceRecordArrange.ComplaintAsync(db, customerId));
        var client = await factory.SignInAsync("zhang.wei");
        var url = $"/Service/QualityComplaints/Details/{id}";

        async Task<HttpResponseMessage> PostAsync(string action, Dictionary<string, string>? extra = null)
        {
            var version = await factory.WithDbAsync(db => db.QualityComplaints.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
            var fields = new Dictionary<string, string>(extra ?? []) { ["version"] = version.ToString() };
            return await client.PostFormAsync($"/Service/QualityComplaints/{action}/{id}", fields, formPage: url);
        }

        await PostAsync("Investigate");
        Assert.Equal(QualityComplaintStatus.Investigating, await StatusAsync());
        await PostAsync("Resolve", new() { ["handlingResult"] = "免费更换" });
        Assert.Equal(QualityComplaintStatus.Resolved, await StatusAsync());
        await PostAsync("Close");
        Assert.Equal(QualityComplaintStatus.Closed, await StatusAsync());
        // Closed: a second close is refused with a message and changes nothing.
        await PostAsync("Close");
        Assert.Equal(QualityComplaintStatus.Closed, await StatusAsync());
        Assert.Equal("免费更换", (await client.GetDocumentAsync(url)).Text("[data-testid=handling-result]"));

        Task<QualityComplaintStatus> StatusAsync() => factory.WithDbAsync(db => db.QualityComplaints.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
    }

    [Fact]
    public async Task AStaleComplaintEditIsRefusedAndChangesNothing()
    {
        var customerId = await NewCustomerAsync();
        var id = await factory.WithDbAsync(db => ServiceRecordArrange.ComplaintAsync(db, customerId));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var stale = (await factory.WithDbAsync(db => db.QualityComplaints.Where(c => c.Id == id).Select(c => c.Version).SingleAsync())).ToString();
        await factory.WithDbAsync(async db =>
        {
            var c = await db.QualityComplaints.SingleAsync(x => x.Id == id);
            c.StartInvestigation();
            return await db.SaveChangesAsync();
        });

        var response = await client.PostFormAsync($"/Service/QualityComplaints/Edit/{id}", new Dictionary<string, string>
        {
            ["Form.Version"] = stale,
            ["Form.FeedbackDate"] = Id(0)[..0] + DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Form.Details"] = "覆盖",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alert-danger", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("测试投诉：外壳开裂", await factory.WithDbAsync(db => db.QualityComplaints.Where(c => c.Id == id).Select(c => c.Details).SingleAsync()));
    }

    [Theory]
    [InlineData("zhang.wei", HttpStatusCode.OK)]
    [InlineData("manager.east", HttpStatusCode.OK)]
    [InlineData("li.na", HttpStatusCode.NotFound)]
    [InlineData("manager.north", HttpStatusCode.NotFound)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task RecordsAreVisibleWithTheirCustomerOnly(string user, HttpStatusCode expected)
    {
        var customerId = await NewCustomerAsync();
        var complaint = await factory.WithDbAsync(db => ServiceRecordArrange.ComplaintAsync(db, customerId));
        var visit = await factory.WithDbAsync(db => ServiceRecordArrange.VisitAsync(db, customerId, "zhang.wei"));
        var contract = await factory.WithDbAsync(db => ServiceRecordArrange.ContractAsync(db, customerId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(100)));
        var client = await factory.SignInAsync(user);

        Assert.Equal(expected, (await client.GetAsync($"/Service/QualityComplaints/Details/{complaint}")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync($"/Service/Visits/Details/{visit}")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync($"/Service/Contracts/Details/{contract}")).StatusCode);
        // A POST to a record outside the scope is 404 too, and changes nothing.
        var cancel = await client.PostFormAsync($"/Service/Visits/Cancel/{visit}", new Dictionary<string, string> { ["version"] = Guid.Empty.ToString() }, formPage: "/Service/Visits");
        Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.Redirect : HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(ReturnVisitStatus.Planned, await factory.WithDbAsync(db => db.ReturnVisits.Where(v => v.Id == visit).Select(v => v.Status).SingleAsync()));
    }

    [Fact]
    public async Task AVisitIsPlannedWithAReminderThenRecordedWithItsSurvey()
    {
        var customerId = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei");
        var me = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhang.wei").Select(u => u.Id).SingleAsync());
        var planned = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var plan = await client.PostFormAsync("/Service/Visits/Create", new Dictionary<string, string>
        {
            ["Form.CustomerId"] = Id(customerId), ["Form.PlannedDate"] = planned, ["Form.VisitorId"] = me.ToString(), ["Form.Content"] = "了解使用情况",
        }, formPage: $"/Service/Visits/Create?customerId={customerId}");

        Assert.Equal(HttpStatusCode.Redirect, plan.StatusCode);
        var visit = await factory.WithDbAsync(db => db.ReturnVisits.AsNoTracking().SingleAsync(v => v.CustomerId == customerId));
        var link = $"/Service/Visits/Details/{visit.Id}";
        Assert.Equal(ReminderStatus.Open, await factory.WithDbAsync(db => db.Reminders.Where(r => r.Url == link && r.UserId == me).Select(r => r.Status).SingleAsync()));
        Assert.Contains(visit.Id.ToString(CultureInfo.InvariantCulture),
            (await client.GetDocumentAsync("/Service/Visits?State=Planned")).QuerySelectorAll("[data-testid=visit-row]").Select(r => r.GetAttribute("data-visit-id")));

        var record = await client.PostFormAsync($"/Service/Visits/Record/{visit.Id}", new Dictionary<string, string>
        {
            ["Form.Version"] = visit.Version.ToString(), ["Form.ActualDate"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Form.Content"] = "客户满意",
            ["Form.ProductPriceScore"] = "4", ["Form.ServiceAttitudeScore"] = "5", ["Form.ServicePriceScore"] = "3",
            ["Form.TimelinessScore"] = "4", ["Form.ProductQualityScore"] = "5", ["Form.QualityImprovementScore"] = "", ["Form.Comments"] = "继续保持",
        });

        Assert.Equal(HttpStatusCode.Redirect, record.StatusCode);
        var done = await factory.WithDbAsync(db => db.ReturnVisits.AsNoTracking().SingleAsync(v => v.Id == visit.Id));
        Assert.Equal((ReturnVisitStatus.Done, 4.20m, "继续保持"), (done.Status, done.AverageScore, done.Comments));
        Assert.Equal(ReminderStatus.Done, await factory.WithDbAsync(db => db.Reminders.Where(r => r.Url == link).Select(r => r.Status).SingleAsync()));
        Assert.Equal("4.20", (await client.GetDocumentAsync(link)).Text("[data-testid=average-score]"));
        // The customer's 360 shows the average in its header and the visit on its tab.
        var profile = await client.GetDocumentAsync($"/Customers/Customers/Details/{customerId}?tab=visits");
        Assert.Contains("4.20", profile.Text("[data-testid=satisfaction]"), StringComparison.Ordinal);
        Assert.Single(profile.QuerySelectorAll("[data-testid=customer-visit-row]"));
    }

    [Fact]
    public async Task AStaleVisitRecordIsRefused()
    {
        var customerId = await NewCustomerAsync();
        var id = await factory.WithDbAsync(db => ServiceRecordArrange.VisitAsync(db, customerId, "zhang.wei"));
        var client = await factory.SignInAsync("zhang.wei");

        var response = await client.PostFormAsync($"/Service/Visits/Record/{id}", new Dictionary<string, string>
        {
            ["Form.Version"] = Guid.NewGuid().ToString(), ["Form.ActualDate"] = "2026-01-02", ["Form.Content"] = "记录",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReturnVisitStatus.Planned, await factory.WithDbAsync(db => db.ReturnVisits.Where(v => v.Id == id).Select(v => v.Status).SingleAsync()));
    }

    [Fact]
    public async Task AContractIsCreatedWithItsProductsAndShowsTheCasesUsed()
    {
        var customerId = await NewCustomerAsync();
        var product = await factory.WithDbAsync(db => SalesArrange.ProductAsync(db, units: 0));
        var client = await factory.SignInAsync("zhang.wei");
        var end = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);

        var response = await client.PostFormAsync("/Service/Contracts/Create", new Dictionary<string, string>
        {
            ["Form.CustomerId"] = Id(customerId), ["Form.StartDate"] = end.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Form.EndDate"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Form.Level"] = "Premium", ["Form.CaseAllowance"] = "5",
            ["Form.ProductIds"] = Id(product.ProductId),
        }, formPage: $"/Service/Contracts/Create?customerId={customerId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var contract = await factory.WithDbAsync(db => db.ServiceContracts.AsNoTracking().Include(c => c.Products).SingleAsync(c => c.CustomerId == customerId));
        Assert.Equal((ServiceLevel.Premium, 5, product.ProductId), (contract.Level, contract.CaseAllowance, Assert.Single(contract.Products).ProductId));
        var page = await client.GetDocumentAsync($"/Service/Contracts/Details/{contract.Id}");
        Assert.Equal(("0", "5", "Expiring"), (page.Text("[data-testid=cases-used]"), page.Text("[data-testid=cases-left]"),
            page.QuerySelector("[data-testid=contract-term] [data-term]")!.GetAttribute("data-term")));
        var expiring = await client.GetDocumentAsync("/Service/Contracts?Term=Expiring&Q=" + contract.Number);
        Assert.Single(expiring.QuerySelectorAll("[data-testid=contract-row]"));
    }

    [Fact]
    public async Task TheComplaintExportHoldsTheFilteredRows()
    {
        var customerId = await NewCustomerAsync();
        await factory.WithDbAsync(db => ServiceRecordArrange.ComplaintAsync(db, customerId));
        var number = await factory.WithDbAsync(db => db.QualityComplaints.Where(c => c.CustomerId == customerId).Select(c => c.Number).SingleAsync());
        var client = await factory.SignInAsync("manager.east");

        var response = await client.GetAsync($"/Service/QualityComplaints/Export?format=csv&Q={number}");

        var csv = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(number, csv, StringComparison.Ordinal);
    }
}
