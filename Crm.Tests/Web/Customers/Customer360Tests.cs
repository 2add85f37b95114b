using Crm.Domain.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

/// <summary>The customer 360 tabs on the demo data, and finding a customer by a contact's name.</summary>
public sealed class Customer360Tests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<int> ZhangsFirstCustomerAsync() => factory.WithDbAsync(db =>
        db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei")).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    [Fact]
    public async Task TheCustomerPageShowsContactsInteractionsAndChangeHistoryTabsWithCounts()
    {
        var id = await ZhangsFirstCustomerAsync();
        var (contacts, interactions, primary) = await factory.WithDbAsync(async db => (
            await db.Contacts.CountAsync(c => c.CustomerId == id),
            await db.Interactions.CountAsync(i => i.CustomerId == id),
            await db.Contacts.Where(c => c.CustomerId == id && c.IsPrimary).Select(c => new { c.Name, c.Mobile }).SingleAsync()));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var page = await client.GetDocumentAsync($"/Customers/Customers/Details/{id}");

        Assert.InRange(contacts, 1, 3);
        Assert.InRange(interactions, 1, 5);
        Assert.Equal(contacts.ToString(), page.Text("[data-testid=tab-contacts] .badge"));
        Assert.Equal(interactions.ToString(), page.Text("[data-testid=tab-interactions] .badge"));
        Assert.Equal(contacts, page.QuerySelectorAll("[data-testid=contact]").Length);
        Assert.Equal(interactions, page.QuerySelectorAll("[data-testid=interaction]").Length);
        Assert.Equal(primary.Name, page.Text("[data-testid=primary-contact-name]"));
        Assert.Equal(primary.Mobile, page.Text("[data-testid=primary-contact-mobile]"));
        Assert.NotNull(page.QuerySelector("[data-testid=pane-changes] .change-history, [data-testid=pane-changes] section, [data-testid=pane-changes] div"));
        var times = page.QuerySelectorAll("[data-testid=interaction-at]").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(times.OrderByDescending(t => t, StringComparer.Ordinal), times);
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task SearchingForAContactsNameFindsTheirCustomer()
    {
        var id = await ZhangsFirstCustomerAsync();
        await factory.WithDbAsync(async db =>
        {
            db.Contacts.Add(new Contact(id, "欧阳独特"));
            return await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync("zhang.wei");

        var page = await client.GetDocumentAsync("/Customers/Customers?Q=" + Uri.EscapeDataString("阳独"));

        var links = page.QuerySelectorAll("[data-testid=customer-table] tbody tr td a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Customers/Customers/Details/{id}"], links);
        var other = await factory.SignInAsync("li.na");
        Assert.Empty((await other.GetDocumentAsync("/Customers/Customers?Q=" + Uri.EscapeDataString("阳独"))).QuerySelectorAll("[data-testid=customer-table] tbody tr"));
    }
}
