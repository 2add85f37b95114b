using System.Net;
using Crm.Domain.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

public sealed class CustomersPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<Customer> FirstCustomerOfAsync(string userName, int skip = 0) =>
        factory.WithDbAsync(db => db.Customers
            .Where(c => c.Status != CustomerStatus.Archived && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == userName))
            .OrderBy(c => c.Id).Skip(skip).FirstAsync());

    private static Dictionary<string, string> Form(string name, string? creditCode = null, string? phone = null) => new()
    {
        ["Name"] = name,
        ["Type"] = "Company",
        ["CreditCode"] = creditCode ?? string.Empty,
        ["Phone"] = phone ?? string.Empty,
    };

    [Fact]
    public async Task SalesmanListCountsExactlyHisOwnCustomers()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var expected = await factory.WithDbAsync(db => db.Customers.CountAsync(c =>
            c.Status != CustomerStatus.Archived && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei")));

        var page = await client.GetDocumentAsync("/Customers/Customers");

        Assert.Contains($"共 {expected} 条", page.Text("[data-testid=page-summary]"));
        Assert.Equal(20, page.QuerySelectorAll("[data-testid=customer-table] tbody tr").Length);
    }

    [Fact]
    public async Task ManagerSeesHisCompanyAndNothingOfTheOther()
    {
        var client = await factory.SignInAsync("manager.north", language: "zh-CN");
        var wang = await FirstCustomerOfAsync("wang.fang");
        var zhang = await FirstCustomerOfAsync("zhang.wei");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Customers/Customers/Details/{wang.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Customers/Details/{zhang.Id}")).StatusCode);
        var search = await client.GetDocumentAsync($"/Customers/Customers?Q={zhang.Code}");
        Assert.NotNull(search.QuerySelector("[data-testid=empty-state]"));
    }

    [Fact]
    public async Task SearchFindsByCodeCreditCodePhoneAndPartOfTheName()
    {
        var client = await factory.SignInAsync("zhang.wei");
        var customer = await FirstCustomerOfAsync("zhang.wei");

        foreach (var q in new[] { customer.Code.ToLowerInvariant(), customer.CreditCode!, customer.Phone!, customer.Name[2..6] })
        {
            var page = await client.GetDocumentAsync("/Customers/Customers?Q=" + Uri.EscapeDataString(q));
            var names = page.QuerySelectorAll("[data-testid=customer-table] tbody tr a[href^='/Customers/Customers/Details/']").Select(a => a.TextContent.Trim());
            Assert.Contains(customer.Name, names);
        }
    }

    [Fact]
    public async Task CreateGivesACodeAndTheCreatorAsOwner()
    {
        var client = await factory.SignInAsync("li.na", language: "zh-CN");

        var response = await client.PostFormAsync("/Customers/Customers/Create", Form("宁波海曙精工机械有限公司", phone: "0574-87001234"), "/Customers/Customers/Create");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Customers.SingleAsync(c => c.Name == "宁波海曙精工机械有限公司"));
        var li = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "li.na"));
        Assert.Matches("^KH\\d{8}$", saved.Code);
        Assert.Equal(li.Id, saved.OwnerId);
        Assert.Equal(li.OrgUnitId, saved.OrgUnitId);
        Assert.Equal(CustomerStatus.Prospect, saved.Status);
        var details = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("宁波海曙精工机械有限公司", details.Text("[data-testid=customer-name]"));
        Assert.Contains(saved.Code, details.Text(".alert-success"));
    }

    [Fact]
    public async Task WrongCheckCharacterIsExplainedAndNothingIsSaved()
    {
        var client = await factory.SignInAsync("li.na", language: "zh-CN");

        var response = await client.PostFormAsync("/Customers/Customers/Create", Form("校验位错误有限公司", "91350100M000100Y44"), "/Customers/Customers/Create");
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("校验位（第 18 位）应为“3”，而不是“4”", page.Body!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Customers.AnyAsync(c => c.Name == "校验位错误有限公司")));
    }

    [Fact]
    public async Task DuplicateIsWarnedWithALinkAndSavedOnlyOnceConfirmed()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var existing = await FirstCustomerOfAsync("zhang.wei", skip: 1);
        var form = Form(existing.Name.Replace("有限公司", "（集团）有限责任公司"));

        var warned = await (await client.PostFormAsync("/Customers/Customers/Create", form, "/Customers/Customers/Create")).ReadDocumentAsync();
        Assert.Contains(existing.Code, warned.Text("[data-testid=duplicates]"));
        Assert.NotNull(warned.QuerySelector($"[data-testid=duplicates] a[href='/Customers/Customers/Details/{existing.Id}']"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Customers.CountAsync(c => c.NormalizedName == existing.NormalizedName)));

        form["ConfirmNotDuplicate"] = "true";
        var saved = await client.PostFormAsync("/Customers/Customers/Create", form, "/Customers/Customers/Create");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Customers.CountAsync(c => c.NormalizedName == existing.NormalizedName)));
    }

    [Fact]
    public async Task DuplicateOwnedBySomeoneElseIsNamedButNotLinked()
    {
        var client = await factory.SignInAsync("li.na", language: "zh-CN");
        var hers = await FirstCustomerOfAsync("zhao.lei");

        var page = await (await client.PostFormAsync("/Customers/Customers/Create", Form("另一家公司", hers.CreditCode), "/Customers/Customers/Create")).ReadDocumentAsync();

        Assert.Contains(hers.Name, page.Text("[data-testid=duplicates]"));
        Assert.Contains("由其他人负责", page.Text("[data-testid=duplicates]"));
        Assert.Null(page.QuerySelector($"[data-testid=duplicates] a[href='/Customers/Customers/Details/{hers.Id}']"));
    }

    [Fact]
    public async Task StaleEditShowsTheConflictAndKeepsTheNewerName()
    {
        var customer = await FirstCustomerOfAsync("zhang.wei", skip: 2);
        var first = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var second = await factory.SignInAsync("manager.east", language: "zh-CN");
        var staleForm = await second.GetDocumentAsync($"/Customers/Customers/Edit/{customer.Id}");
        var staleVersion = staleForm.QuerySelector("input[name=Version]")!.GetAttribute("value")!;

        var firstEdit = Form("先改的名字有限公司");
        firstEdit["ConfirmNotDuplicate"] = "true";
        firstEdit["Version"] = (await first.GetDocumentAsync($"/Customers/Customers/Edit/{customer.Id}")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync($"/Customers/Customers/Edit/{customer.Id}", firstEdit)).StatusCode);

        var secondEdit = Form("后改的名字有限公司");
        secondEdit["ConfirmNotDuplicate"] = "true";
        secondEdit["Version"] = staleVersion;
        var refused = await second.PostFormAsync($"/Customers/Customers/Edit/{customer.Id}", secondEdit);

        Assert.Contains("该记录已被他人修改", (await refused.ReadDocumentAsync()).Body!.TextContent);
        Assert.Equal("先改的名字有限公司", (await factory.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == customer.Id))).Name);
    }

    [Fact]
    public async Task ArchiveHidesTheCustomerAndOnlyAManagerRestoresIt()
    {
        var customer = await FirstCustomerOfAsync("zhang.wei", skip: 3);
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        await zhang.PostFormAsync($"/Customers/Customers/Archive/{customer.Id}", new Dictionary<string, string>(), $"/Customers/Customers/Details/{customer.Id}");
        var list = await zhang.GetDocumentAsync($"/Customers/Customers?Q={customer.Code}");
        var restoreBySalesman = await zhang.PostFormAsync($"/Customers/Customers/Restore/{customer.Id}", new Dictionary<string, string>(), $"/Customers/Customers/Details/{customer.Id}");

        Assert.NotNull(list.QuerySelector("[data-testid=empty-state]"));
        Assert.Equal(HttpStatusCode.Forbidden, restoreBySalesman.StatusCode);
        Assert.Equal(CustomerStatus.Archived, (await factory.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == customer.Id))).Status);

        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        await manager.PostFormAsync($"/Customers/Customers/Restore/{customer.Id}", new Dictionary<string, string>(), $"/Customers/Customers/Details/{customer.Id}");
        Assert.NotEqual(CustomerStatus.Archived, (await factory.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == customer.Id))).Status);
    }

    [Fact]
    public async Task ManagerReassignsAndTheNewOwnerSeesItWithItsHistory()
    {
        var customer = await FirstCustomerOfAsync("zhang.wei", skip: 4);
        var li = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "li.na"));
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");

        await manager.PostFormAsync($"/Customers/Customers/Reassign/{customer.Id}", new Dictionary<string, string> { ["ownerId"] = li.Id.ToString() }, $"/Customers/Customers/Details/{customer.Id}");

        var liClient = await factory.SignInAsync("li.na", language: "zh-CN");
        var details = await liClient.GetDocumentAsync($"/Customers/Customers/Details/{customer.Id}?tab=pool");
        Assert.Equal("李娜", details.Text("[data-testid=owner]"));
        Assert.Contains("陈静 将其从 张伟 转给 李娜", details.Text("[data-testid=pool-history]"));
        var zhang = await factory.SignInAsync("zhang.wei");
        Assert.Equal(HttpStatusCode.NotFound, (await zhang.GetAsync($"/Customers/Customers/Details/{customer.Id}")).StatusCode);
    }

    [Fact]
    public async Task ReassigningOutsideTheManagersScopeIsRefused()
    {
        var customer = await FirstCustomerOfAsync("zhang.wei", skip: 5);
        var wang = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "wang.fang"));
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");

        var response = await manager.PostFormAsync($"/Customers/Customers/Reassign/{customer.Id}", new Dictionary<string, string> { ["ownerId"] = wang.Id.ToString() }, $"/Customers/Customers/Details/{customer.Id}");
        var page = await manager.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("不能将客户分配给该人员", page.Text(".alert-danger"));
        Assert.Equal(customer.OwnerId, (await factory.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == customer.Id))).OwnerId);
    }

    [Fact]
    public async Task ManagerReassignsSeveralAtOnceAndOutOfScopeIdsAreIgnored()
    {
        var a = await FirstCustomerOfAsync("zhang.wei", skip: 8);
        var b = await FirstCustomerOfAsync("zhang.wei", skip: 9);
        var north = await FirstCustomerOfAsync("wang.fang");
        var li = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "li.na"));
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var list = await manager.GetDocumentAsync("/Customers/Customers");
        Assert.NotNull(list.QuerySelector("[data-testid=bulk-reassign] select[name=ownerId]"));
        Assert.NotNull(list.QuerySelector("input[name=ids][form=bulk-reassign]"));

        var body = new List<KeyValuePair<string, string>>
        {
            new("ownerId", li.Id.ToString()), new("ids", a.Id.ToString()), new("ids", b.Id.ToString()), new("ids", north.Id.ToString()),
            new("__RequestVerificationToken", list.QuerySelector("#bulk-reassign input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        };
        var response = await manager.PostAsync("/Customers/Customers/BulkReassign", new FormUrlEncodedContent(body));
        var page = await manager.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("已将 2 个客户转交给 李娜", page.Text(".alert-success"));
        var owners = await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == a.Id || c.Id == b.Id || c.Id == north.Id).ToDictionaryAsync(c => c.Id, c => c.OwnerId));
        Assert.Equal(li.Id, owners[a.Id]);
        Assert.Equal(li.Id, owners[b.Id]);
        Assert.Equal(north.OwnerId, owners[north.Id]);
    }

    [Fact]
    public async Task SalesmanListHasNoBulkReassignAndItsPostIsForbidden()
    {
        var customer = await FirstCustomerOfAsync("zhang.wei", skip: 10);
        var li = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "li.na"));
        var zhang = await factory.SignInAsync("zhang.wei");

        var list = await zhang.GetDocumentAsync("/Customers/Customers");
        var response = await zhang.PostFormAsync("/Customers/Customers/BulkReassign",
            new Dictionary<string, string> { ["ownerId"] = li.Id.ToString(), ["ids"] = customer.Id.ToString() }, "/Customers/Customers");

        Assert.Null(list.QuerySelector("[data-testid=bulk-reassign]"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SalesmanCannotReassign()
    {
        var customer = await FirstCustomerOfAsync("zhang.wei", skip: 6);
        var li = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "li.na"));
        var zhang = await factory.SignInAsync("zhang.wei");

        var response = await zhang.PostFormAsync($"/Customers/Customers/Reassign/{customer.Id}", new Dictionary<string, string> { ["ownerId"] = li.Id.ToString() }, $"/Customers/Customers/Details/{customer.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/Customers/Customers/Details/{0}")]
    [InlineData("GET", "/Customers/Customers/Edit/{0}")]
    [InlineData("POST", "/Customers/Customers/Edit/{0}")]
    [InlineData("POST", "/Customers/Customers/Archive/{0}")]
    public async Task AnotherSalesmansCustomerDoesNotExistForMe(string method, string route)
    {
        var customer = await FirstCustomerOfAsync("zhang.wei", skip: 7);
        var li = await factory.SignInAsync("li.na");
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, customer.Id);

        var response = method == "GET"
            ? await li.GetAsync(url)
            : await li.PostFormAsync(url, Form("篡改"), "/Customers/Customers/Create");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(customer.Name, (await factory.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == customer.Id))).Name);
    }
}
