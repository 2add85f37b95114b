using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

/// <summary>
/// A customer's contacts as the owner, his managers and colleagues see them. Each test works on a
/// customer of its own (a fresh one, or a different one of zhang.wei's demo customers).
/// </summary>
public sealed class ContactPagesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static int _sequence;

    private Task<int> NewCustomerAsync(string owner = "zhang.wei") => factory.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == owner);
        var customer = new Customer($"TCT{Interlocked.Increment(ref _sequence):D5}{Random.Shared.Next(1000, 9999)}",
            new CustomerProfile { Name = $"联系人测试客户{Guid.NewGuid():N}"[..20] }, user.OrgUnitId, user.Id, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    });

    private Task<List<Contact>> ContactsOfAsync(int customerId) =>
        factory.WithDbAsync(db => db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).ToListAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, fields.ToDictionary(f => f.Key, f => f.Value), formPage: "/");

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    private static Task<HttpResponseMessage> CreateContactAsync(HttpClient client, int customerId, string name, bool primary = false, string? mobile = null) =>
        PostAsync(client, $"/Customers/Contacts/Create?customerId={customerId}",
            ("Name", name), ("Gender", "Female"), ("Title", "采购经理"), ("Mobile", mobile ?? "13912345678"),
            ("Birthday", "1985-06-01"), ("IsPrimary", primary ? "true" : "false"));

    [Fact]
    public async Task TheFirstContactBecomesPrimaryAndShowsOnTheCustomerPage()
    {
        var customerId = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var empty = await client.GetDocumentAsync($"/Customers/Customers/Details/{customerId}?tab=contacts");
        Assert.Contains("第一位联系人将成为主要联系人", empty.Text("[data-testid=contacts-empty]"));
        var page = await FollowAsync(client, await CreateContactAsync(client, customerId, "周雪梅", mobile: "13800001111"));

        Assert.Contains("已添加联系人 周雪梅。", page.Text(".alert-success"));
        var contact = Assert.Single(await ContactsOfAsync(customerId));
        Assert.True(contact.IsPrimary);
        Assert.Equal(Gender.Female, contact.Gender);
        Assert.Equal(new DateOnly(1985, 6, 1), contact.Birthday);
        Assert.Equal("周雪梅", page.Text("[data-testid=primary-contact-name]"));
        Assert.Equal("13800001111", page.Text("[data-testid=primary-contact-mobile]"));
        Assert.Equal("1", page.Text("[data-testid=tab-contacts] .badge"));
        Assert.Equal("周雪梅", page.Text("[data-testid=contact] [data-testid=contact-name]"));
    }

    [Fact]
    public async Task ChoosingAnotherPrimaryContactClearsThePreviousOne()
    {
        var customerId = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei");
        await CreateContactAsync(client, customerId, "王建华");
        await CreateContactAsync(client, customerId, "李秀英");
        var (first, second) = (await ContactsOfAsync(customerId)) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        Assert.True(first.IsPrimary);
        Assert.False(second.IsPrimary);

        await CreateContactAsync(client, customerId, "陈志强", primary: true);
        Assert.Equal(["陈志强"], (await ContactsOfAsync(customerId)).Where(c => c.IsPrimary).Select(c => c.Name));

        var edit = await client.GetDocumentAsync($"/Customers/Contacts/Edit/{second.Id}");
        var version = edit.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var saved = await PostAsync(client, $"/Customers/Contacts/Edit/{second.Id}",
            ("Name", "李秀英"), ("Gender", "Female"), ("Title", "总经理"), ("IsPrimary", "true"), ("Version", version));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var contacts = await ContactsOfAsync(customerId);
        Assert.Equal(["李秀英"], contacts.Where(c => c.IsPrimary).Select(c => c.Name));
        Assert.Equal("总经理", contacts.Single(c => c.Id == second.Id).Title);
    }

    [Fact]
    public async Task DeletingAContactAnInteractionRefersToIsRefusedWithAMessage()
    {
        var customerId = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await CreateContactAsync(client, customerId, "刘海峰");
        await CreateContactAsync(client, customerId, "赵丽娟");
        var (used, unused) = (await ContactsOfAsync(customerId)) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        await PostAsync(client, $"/Customers/Interactions/Create?customerId={customerId}",
            ("OccurredAt", "2025-03-01T10:00"), ("ContactId", used.Id.ToString()), ("Summary", "电话沟通"));

        var refused = await FollowAsync(client, await PostAsync(client, $"/Customers/Contacts/Delete/{used.Id}"));
        var deleted = await FollowAsync(client, await PostAsync(client, $"/Customers/Contacts/Delete/{unused.Id}"));

        Assert.Contains("联系人 刘海峰 已被其他记录引用（交往记录 1）", refused.Text(".alert-danger"));
        Assert.Contains("已删除联系人 赵丽娟。", deleted.Text(".alert-success"));
        Assert.Equal(["刘海峰"], (await ContactsOfAsync(customerId)).Select(c => c.Name));
    }

    [Fact]
    public async Task DeletingThePrimaryContactMakesTheOldestRemainingOnePrimary()
    {
        var customerId = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei");
        await CreateContactAsync(client, customerId, "甲联系人");
        await CreateContactAsync(client, customerId, "乙联系人");
        var primary = (await ContactsOfAsync(customerId)).Single(c => c.IsPrimary);

        await PostAsync(client, $"/Customers/Contacts/Delete/{primary.Id}");

        Assert.True(Assert.Single(await ContactsOfAsync(customerId)).IsPrimary);
    }

    [Fact]
    public async Task AStaleEditIsRefusedWithTheConflictMessage()
    {
        var customerId = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await CreateContactAsync(client, customerId, "孙浩然");
        var contact = Assert.Single(await ContactsOfAsync(customerId));
        var stale = contact.Version.ToString();
        await PostAsync(client, $"/Customers/Contacts/Edit/{contact.Id}", ("Name", "孙浩然"), ("Title", "技术总监"), ("Version", stale));

        var response = await PostAsync(client, $"/Customers/Contacts/Edit/{contact.Id}", ("Name", "孙浩然"), ("Title", "财务主管"), ("Version", stale));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("在您编辑期间，该记录已被他人修改", (await response.ReadDocumentAsync()).Text(".alert-danger"));
        Assert.Equal("技术总监", Assert.Single(await ContactsOfAsync(customerId)).Title);
    }

    [Fact]
    public async Task AnInvalidEmailIsShownAtTheField()
    {
        var customerId = await NewCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "en-US");

        var response = await PostAsync(client, $"/Customers/Contacts/Create?customerId={customerId}", ("Name", "Lin"), ("Email", "lin.example.cn"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.NotEmpty(page.Text("[data-valmsg-for=Email]"));
        Assert.Empty(await ContactsOfAsync(customerId));
    }

    [Fact]
    public async Task ContactsOfACustomerOutOfScopeDoNotExistForTheUser()
    {
        var customerId = await NewCustomerAsync();
        var owner = await factory.SignInAsync("zhang.wei");
        await CreateContactAsync(owner, customerId, "郭文博");
        var contact = Assert.Single(await ContactsOfAsync(customerId));

        foreach (var userName in new[] { "li.na", "manager.north" })
        {
            var client = await factory.SignInAsync(userName);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Contacts/Create?customerId={customerId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Contacts/Edit/{contact.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await CreateContactAsync(client, customerId, "不该出现")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Customers/Contacts/Edit/{contact.Id}", ("Name", "改名"), ("Version", contact.Version.ToString()))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Customers/Contacts/Delete/{contact.Id}")).StatusCode);
        }

        var manager = await factory.SignInAsync("manager.east");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Customers/Contacts/Edit/{contact.Id}")).StatusCode);
        Assert.Equal(["郭文博"], (await ContactsOfAsync(customerId)).Select(c => c.Name));
    }

    [Fact]
    public async Task AnAnonymousPostIsSentToTheLoginPage()
    {
        var customerId = await NewCustomerAsync();
        var client = factory.NewClient();

        var response = await client.PostFormAsync($"/Customers/Contacts/Create?customerId={customerId}",
            new Dictionary<string, string> { ["Name"] = "匿名" }, formPage: "/Account/Login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        Assert.Empty(await ContactsOfAsync(customerId));
    }
}
