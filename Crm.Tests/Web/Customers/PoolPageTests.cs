using System.Net;
using Crm.Domain.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

/// <summary>The public pool page over the demo data: who sees what, claiming, releasing and assigning.</summary>
public sealed class PoolPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private const string Pool = "/Customers/Pool";

    private Task<List<(int Id, string Code)>> PoolCustomersOfAsync(string company) =>
        factory.WithDbAsync(async db => (await db.Customers.AsNoTracking()
                .Where(c => c.OwnerId == null && c.Status != CustomerStatus.Archived && db.OrgUnits.Any(o => o.Id == c.OrgUnitId && o.Name == company))
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.Code }).ToListAsync())
            .Select(c => (c.Id, c.Code)).ToList());

    /// <summary>
    /// A new unowned customer at the company's level. The demo seed puts every pool customer into 华北公司
    /// (every 20th of four owners in turn is always 王芳's), so 华东公司's pool is arranged here.
    /// </summary>
    private Task<(int Id, string Code)> NewPoolCustomerAsync(string company, string name) =>
        factory.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.SingleAsync(o => o.Name == company);
            var customer = new Customer("PT" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), new CustomerProfile { Name = name }, unit.Id, null, DateTimeOffset.UtcNow);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return (customer.Id, customer.Code);
        });

    private Task<Customer> CustomerAsync(int id) =>
        factory.WithDbAsync(db => db.Customers.AsNoTracking().Include(c => c.PoolEvents).SingleAsync(c => c.Id == id));

    private Task<Guid> UserIdAsync(string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static async Task<int> PoolRowsAsync(HttpClient client, string code) =>
        (await client.GetDocumentAsync($"{Pool}?q={code}")).QuerySelectorAll("[data-testid=pool-row]").Length;

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await client.GetDocumentAsync(response.Headers.Location!.OriginalString)).Body!.TextContent;
    }

    [Fact]
    public async Task SalesmanSeesHisCompanysPoolAndManagerNorthOnlyHis()
    {
        var east = (await NewPoolCustomerAsync("华东公司", "华东公海测试客户")).Code;
        var north = (await PoolCustomersOfAsync("华北公司"))[0].Code;
        var zhang = await factory.SignInAsync("zhang.wei");
        var managerNorth = await factory.SignInAsync("manager.north");

        Assert.Equal(1, await PoolRowsAsync(zhang, east));
        Assert.Equal(0, await PoolRowsAsync(zhang, north));
        Assert.Equal(0, await PoolRowsAsync(managerNorth, east));
        Assert.Equal(1, await PoolRowsAsync(managerNorth, north));
        var page = await zhang.GetDocumentAsync(Pool);
        Assert.Contains("华东公司", page.Text("[data-testid=pool-reach]"));
        Assert.Matches(@"\d+.*200.*\d+.*20", page.Text("[data-testid=pool-caps]"));
    }

    [Fact]
    public async Task ClaimedCustomerAppearsInMyListAndLeavesThePool()
    {
        var (id, code) = await NewPoolCustomerAsync("华东公司", "待领取客户");
        var li = await factory.SignInAsync("li.na", language: "zh-CN");

        var text = await FollowAsync(li, await li.PostFormAsync($"{Pool}/Claim/{id}", new Dictionary<string, string>(), Pool));

        Assert.Contains("现由您负责", text);
        Assert.Equal(0, await PoolRowsAsync(li, code));
        var mine = await li.GetDocumentAsync($"/Customers/Customers?q={code}");
        Assert.Single(mine.QuerySelectorAll("[data-testid=customer-table] tbody tr"));
        Assert.Equal(await UserIdAsync("li.na"), (await CustomerAsync(id)).OwnerId);
    }

    [Fact]
    public async Task ClaimBeyondTheMostOneMayOwnIsRefusedNamingTheCap()
    {
        var (id, code) = await NewPoolCustomerAsync("华东公司", "超上限客户");
        await factory.WithDbAsync(async db =>
        {
            var s = await db.SystemSettings.SingleAsync();
            s.UpdateCustomerRules(s.ChurnThresholdMonths, s.PoolRecycleDaysWithoutInteraction, s.PoolRecycleMonthsWithoutOrder, 5, s.PoolDailyClaimLimit);
            return await db.SaveChangesAsync();
        });
        try
        {
            var zhao = await factory.SignInAsync("zhao.lei", language: "zh-CN");

            var text = await FollowAsync(zhao, await zhao.PostFormAsync($"{Pool}/Claim/{id}", new Dictionary<string, string>(), Pool));

            Assert.Contains("达到每人最多拥有 5 个的上限", text);
            Assert.Equal(1, await PoolRowsAsync(zhao, code));
            Assert.Null((await CustomerAsync(id)).OwnerId);
        }
        finally
        {
            await factory.WithDbAsync(async db =>
            {
                var s = await db.SystemSettings.SingleAsync();
                s.UpdateCustomerRules(s.ChurnThresholdMonths, s.PoolRecycleDaysWithoutInteraction, s.PoolRecycleMonthsWithoutOrder, 200, s.PoolDailyClaimLimit);
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task OwnerReleasesWithAReasonAndColleaguesSeeItInThePoolWithTheFormerOwner()
    {
        var zhangId = await UserIdAsync("zhang.wei");
        var (id, code) = await factory.WithDbAsync(async db => (await db.Customers.AsNoTracking()
            .Where(c => c.OwnerId == zhangId).OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Code }).FirstAsync()) switch { var c => (c.Id, c.Code) });
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var response = await zhang.PostFormAsync($"{Pool}/Release/{id}", new Dictionary<string, string> { ["reason"] = "客户已迁往外地" }, $"/Customers/Customers/Details/{id}");

        Assert.StartsWith(Pool, response.Headers.Location!.OriginalString);
        var customer = await CustomerAsync(id);
        Assert.Null(customer.OwnerId);
        Assert.Contains(customer.PoolEvents, e => e.Kind == PoolEventKind.Release && e.FromUserId == zhangId && e.Reason == "客户已迁往外地");
        var li = await factory.SignInAsync("li.na");
        var page = await li.GetDocumentAsync($"{Pool}?q={code}");
        Assert.Equal("张伟", page.Text("[data-testid=former-owner]"));
    }

    [Fact]
    public async Task LiNaCannotReleaseZhangWeisCustomer()
    {
        var zhangId = await UserIdAsync("zhang.wei");
        var id = await factory.WithDbAsync(db => db.Customers.Where(c => c.OwnerId == zhangId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var li = await factory.SignInAsync("li.na");

        var response = await li.PostFormAsync($"{Pool}/Release/{id}", new Dictionary<string, string> { ["reason"] = "x" }, "/Customers/Customers/Create");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(zhangId, (await CustomerAsync(id)).OwnerId);
    }

    [Fact]
    public async Task ManagerAssignsAPoolCustomerAndASalesmanMayNot()
    {
        var (id, _) = await NewPoolCustomerAsync("华东公司", "待分配客户");
        var zhaoId = await UserIdAsync("zhao.lei");
        var fields = new Dictionary<string, string> { ["ids"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ownerId"] = zhaoId.ToString() };
        var zhang = await factory.SignInAsync("zhang.wei");
        Assert.Equal(HttpStatusCode.Forbidden, (await zhang.PostFormAsync($"{Pool}/Assign", fields, Pool)).StatusCode);

        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var text = await FollowAsync(manager, await manager.PostFormAsync($"{Pool}/Assign", fields, Pool));

        Assert.Contains("已将 1 个客户分配给 赵磊", text);
        var customer = await CustomerAsync(id);
        Assert.Equal(zhaoId, customer.OwnerId);
        Assert.Contains(customer.PoolEvents, e => e.Kind == PoolEventKind.Assign && e.ToUserId == zhaoId && e.ByUserId != null);
    }
}
