using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Domain.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web;

/// <summary>The dashboard cards and the module tabs of the customer 360 on the demo data, per role.</summary>
public sealed class DashboardAndModuleTabsTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<Guid> UserIdAsync(string name) => factory.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task TheSalesmansPipelineCardListsHisOpenOpportunitiesAndNoAssignmentCount()
    {
        var zhang = await UserIdAsync("zhang.wei");
        var open = await factory.WithDbAsync(db => db.Opportunities.IgnoreQueryFilters()
            .Where(o => o.OwnerId == zhang && o.Status != OpportunityStatus.Won && o.Status != OpportunityStatus.Lost)
            .Select(o => o.Summary).ToListAsync());
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var page = await client.GetDocumentAsync("/");

        var listed = page.QuerySelectorAll("[data-testid=pipeline-mine] li a").Select(a => a.TextContent.Trim()).ToList();
        Assert.NotEmpty(open);
        Assert.Equal(Math.Min(5, open.Count), listed.Count);
        Assert.All(listed, summary => Assert.Contains(summary, open));
        Assert.Null(page.QuerySelector("[data-testid=pipeline-unassigned]"));
        Assert.Null(page.QuerySelector("[data-testid=todo-approvals]"));
    }

    [Fact]
    public async Task TheManagersToDoCountsTheApprovalsWaitingInHisScope()
    {
        var pending = await factory.WithDbAsync(db => db.Approvals.IgnoreQueryFilters()
            .CountAsync(a => a.Status == ApprovalStatus.Pending && db.OrgUnits.Any(u => u.Id == a.OrgUnitId && u.Path.StartsWith(
                db.OrgUnits.Where(e => e.Name == "华东公司").Select(e => e.Path).First()))));
        var client = await factory.SignInAsync("manager.east", language: "zh-CN");

        var page = await client.GetDocumentAsync("/");

        Assert.True(pending > 0);
        Assert.Contains($"{pending} 条审批等待您处理", page.Text("[data-testid=todo-approvals]"));
        Assert.NotNull(page.QuerySelector("[data-testid=dashboard-churn]"));
    }

    [Fact]
    public async Task TheOrdersOpportunitiesAndChurnTabsShowTheCustomersOwnRows()
    {
        var zhang = await UserIdAsync("zhang.wei");
        var (id, orders, opportunities) = await factory.WithDbAsync(async db =>
        {
            var customer = await db.Customers.Where(c => c.OwnerId == zhang && db.Orders.Any(o => o.CustomerId == c.Id))
                .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            return (customer, await db.Orders.CountAsync(o => o.CustomerId == customer), await db.Opportunities.IgnoreQueryFilters().CountAsync(o => o.CustomerId == customer));
        });
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var ordersTab = await client.GetDocumentAsync($"/Customers/Customers/Details/{id}?tab=orders");
        var opportunitiesTab = await client.GetDocumentAsync($"/Customers/Customers/Details/{id}?tab=opportunities");
        var churnTab = await client.GetDocumentAsync($"/Customers/Customers/Details/{id}?tab=churn");

        Assert.Equal(orders.ToString(System.Globalization.CultureInfo.InvariantCulture), ordersTab.Text("[data-testid=tab-orders] .badge"));
        Assert.Equal(Math.Min(10, orders), ordersTab.QuerySelectorAll("[data-testid=pane-orders] [data-testid=customer-order]").Length);
        var shown = opportunitiesTab.QuerySelectorAll("[data-testid=pane-opportunities] [data-testid=customer-opportunity]").Length;
        Assert.Equal(opportunitiesTab.Text("[data-testid=tab-opportunities] .badge"), shown.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(shown, 0, opportunities);
        Assert.NotNull(churnTab.QuerySelector("[data-testid=pane-churn] [data-testid=churn-history]"));
    }

    [Fact]
    public async Task AnotherSalesmansCustomerTabsAnswerNotFound()
    {
        var zhang = await UserIdAsync("zhang.wei");
        var id = await factory.WithDbAsync(db => db.Customers.Where(c => c.OwnerId == zhang).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var client = await factory.SignInAsync("li.na");

        var response = await client.GetAsync($"/Customers/Customers/Details/{id}?tab=orders");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
