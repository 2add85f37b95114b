using System.Net;
using Crm.Domain.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

/// <summary>合并客户 through the pages: for managers, within their scope, moving everything in one go.</summary>
public sealed class MergePageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<int> CustomerOfAsync(string userName, int index) =>
        factory.WithDbAsync(db => db.Customers
            .Where(c => c.Status != CustomerStatus.Archived && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == userName))
            .OrderBy(c => c.Id).Skip(index).Select(c => c.Id).FirstAsync());

    private Task<string> CodeOfAsync(int id) => factory.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.Code).SingleAsync());

    private static Task<HttpResponseMessage> MergeAsync(HttpClient client, int sourceId, int targetId) =>
        client.PostFormAsync("/Customers/Merge", new Dictionary<string, string> { ["sourceId"] = $"{sourceId}", ["targetId"] = $"{targetId}" }, formPage: "/");

    [Fact]
    public async Task SalesmanIsRefusedTheMergeScreenAndTheMerge()
    {
        var client = await factory.SignInAsync("zhang.wei");
        var (source, target) = (await CustomerOfAsync("zhang.wei", 0), await CustomerOfAsync("zhang.wei", 1));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Customers/Merge?sourceId={source}&targetId={target}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MergeAsync(client, source, target)).StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == source).Select(c => c.MergedIntoId).SingleAsync()));
    }

    [Fact]
    public async Task ManagerOfAnotherCompanyFindsNeitherCustomer()
    {
        var client = await factory.SignInAsync("manager.north");
        var (source, target) = (await CustomerOfAsync("zhang.wei", 2), await CustomerOfAsync("li.na", 2));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Merge?sourceId={source}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MergeAsync(client, source, target)).StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == source).Select(c => c.MergedIntoId).SingleAsync()));
    }

    [Fact]
    public async Task ManagerCannotMergeIntoACustomerOutsideHisScope()
    {
        var client = await factory.SignInAsync("manager.east");
        var (source, foreign) = (await CustomerOfAsync("zhang.wei", 3), await CustomerOfAsync("wang.fang", 0));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Customers/Merge?sourceId={source}&targetId={foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MergeAsync(client, source, foreign)).StatusCode);
        var page = await client.GetDocumentAsync($"/Customers/Merge?sourceId={source}&targetCode={await CodeOfAsync(foreign)}");
        Assert.NotNull(page.QuerySelector("[data-testid=merge-problem]"));
        Assert.Null(page.QuerySelector("[data-testid=merge-form]"));
    }

    [Fact]
    public async Task ManagerPicksTheTargetByCodeSeesWhatMovesAndMergesEverything()
    {
        var client = await factory.SignInAsync("manager.east", language: "zh-CN");
        var (source, target) = (await CustomerOfAsync("zhang.wei", 4), await CustomerOfAsync("li.na", 4));
        await factory.WithDbAsync(async db =>
        {
            db.Contacts.AddRange(new Contact(source, "王经理"), new Contact(source, "李会计"));
            var feedback = new Feedback(source, DateTimeOffset.UtcNow, null, "重复建档", null);
            feedback.AddTask("核对资料", (await db.Users.SingleAsync(u => u.UserName == "zhang.wei")).Id, DateTimeOffset.UtcNow.AddDays(1));
            db.Feedbacks.Add(feedback);
            return await db.SaveChangesAsync();
        });
        var sourceContacts = await factory.WithDbAsync(db => db.Contacts.CountAsync(c => c.CustomerId == source));
        var targetContacts = await factory.WithDbAsync(db => db.Contacts.CountAsync(c => c.CustomerId == target));

        var page = await client.GetDocumentAsync($"/Customers/Merge?sourceId={source}&targetCode={await CodeOfAsync(target)}");

        Assert.Contains(await CodeOfAsync(target), page.Text("[data-testid=target]"));
        var moves = page.QuerySelectorAll("[data-testid=source-records] li").ToDictionary(li => li.GetAttribute("data-type")!, li => li.GetAttribute("data-count"));
        Assert.Equal(sourceContacts.ToString(), moves["Contact"]);
        Assert.Equal("1", moves["CustomerTask"]);
        Assert.Contains("联系人", page.Text("[data-testid=source-records]"));
        Assert.NotNull(page.QuerySelector("[data-testid=merge-form]"));

        var response = await MergeAsync(client, source, target);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Customers/Customers/Details/{target}", response.Headers.Location!.OriginalString);
        var details = await client.GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Contains("合并到", details.Text("[role=status]"));
        var merged = await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == source).Select(c => new { c.Status, c.MergedIntoId }).SingleAsync());
        Assert.Equal((CustomerStatus.Archived, (int?)target), (merged.Status, merged.MergedIntoId));
        Assert.Equal(sourceContacts + targetContacts, await factory.WithDbAsync(db => db.Contacts.CountAsync(c => c.CustomerId == target)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Contacts.CountAsync(c => c.CustomerId == source)));
        Assert.True(await factory.WithDbAsync(db => db.CustomerTasks.AnyAsync(t => t.CustomerId == target && t.Title == "核对资料")));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Contact" && a.Field == "CustomerId")));
    }

    [Fact]
    public async Task MergeScreenHasNoInlineScriptsOrStyles()
    {
        var client = await factory.SignInAsync("manager.east");
        var (source, target) = (await CustomerOfAsync("zhang.wei", 5), await CustomerOfAsync("zhang.wei", 6));

        var page = await client.GetDocumentAsync($"/Customers/Merge?sourceId={source}&targetId={target}");

        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.NotNull(page.QuerySelector("[data-testid=merge-form]"));
    }
}
