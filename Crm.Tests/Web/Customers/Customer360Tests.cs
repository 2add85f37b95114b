using Crm.Domain.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

/// <summary>The customer 360 tabs on the demo data, and finding a customer by a contact's name.</summary>
public sealed class Customer360Tests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<int> ZhangsFirstCustomerAsync() => factory.WithDbAsync(db =>
        db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei")).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    private static string Url(int id, string? tab = null) => $"/Customers/Customers/Details/{id}" + (tab is null ? string.Empty : $"?tab={tab}");

    [Fact]
    public async Task TheCustomerPageShowsTheCountsOnEveryTabAndTheRowsOfTheOpenTab()
    {
        var id = await ZhangsFirstCustomerAsync();
        var (contacts, interactions, primary) = await factory.WithDbAsync(async db => (
            await db.Contacts.CountAsync(c => c.CustomerId == id),
            await db.Interactions.CountAsync(i => i.CustomerId == id),
            await db.Contacts.Where(c => c.CustomerId == id && c.IsPrimary).Select(c => new { c.Name, c.Mobile }).SingleAsync()));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var profile = await client.GetDocumentAsync(Url(id));
        var contactsTab = await client.GetDocumentAsync(Url(id, "contacts"));
        var timeline = await client.GetDocumentAsync(Url(id, "interactions"));
        var changes = await client.GetDocumentAsync(Url(id, "changes"));

        Assert.InRange(contacts, 1, 3);
        Assert.InRange(interactions, 1, 5);
        foreach (var page in new[] { profile, contactsTab, timeline, changes })
        {
            Assert.Equal(contacts.ToString(), page.Text("[data-testid=tab-contacts] .badge"));
            Assert.Equal(interactions.ToString(), page.Text("[data-testid=tab-interactions] .badge"));
            Assert.Equal(primary.Name, page.Text("[data-testid=primary-contact-name]"));
            Assert.Equal(primary.Mobile, page.Text("[data-testid=primary-contact-mobile]"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
        }

        Assert.Equal(contacts, contactsTab.QuerySelectorAll("[data-testid=contact]").Length);
        Assert.Equal(interactions, timeline.QuerySelectorAll("[data-testid=interaction]").Length);
        Assert.NotNull(changes.QuerySelector("[data-testid=pane-changes] section, [data-testid=pane-changes] div"));
        var times = timeline.QuerySelectorAll("[data-testid=interaction-at]").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(times.OrderByDescending(t => t, StringComparer.Ordinal), times);
    }

    [Fact]
    public async Task OnlyTheOpenTabIsRenderedAndItsLinkIsMarkedAsTheCurrentPage()
    {
        var id = await ZhangsFirstCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei");

        var profile = await client.GetDocumentAsync(Url(id));
        var timeline = await client.GetDocumentAsync(Url(id, "interactions"));
        var unknown = await client.GetDocumentAsync(Url(id, "nonsense"));

        Assert.NotNull(profile.QuerySelector("[data-testid=pane-profile]"));
        Assert.Null(profile.QuerySelector("[data-testid=pane-interactions], [data-testid=pane-contacts], [data-testid=pane-feedback], [data-testid=pane-changes]"));
        Assert.Equal("page", profile.QuerySelector("[data-testid=tab-profile]")!.GetAttribute("aria-current"));
        Assert.Single(profile.QuerySelectorAll("[data-testid=customer-tabs] [aria-current]"));

        Assert.NotNull(timeline.QuerySelector("[data-testid=pane-interactions]"));
        Assert.Null(timeline.QuerySelector("[data-testid=pane-profile]"));
        Assert.Equal("page", timeline.QuerySelector("[data-testid=tab-interactions]")!.GetAttribute("aria-current"));
        Assert.Contains("active", timeline.QuerySelector("[data-testid=tab-interactions]")!.ClassList);
        Assert.Null(timeline.QuerySelector("[data-testid=tab-profile]")!.GetAttribute("aria-current"));

        Assert.NotNull(unknown.QuerySelector("[data-testid=pane-profile]"));
    }

    [Fact]
    public async Task TheTabsArePlainLinksThatWorkWithoutScript()
    {
        var id = await ZhangsFirstCustomerAsync();
        var client = await factory.SignInAsync("zhang.wei");

        var page = await client.GetDocumentAsync(Url(id));

        var links = page.QuerySelectorAll("[data-testid=customer-tabs] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(
            [
                Url(id), $"{Url(id, "contacts")}#contacts", $"{Url(id, "interactions")}#interactions",
                $"{Url(id, "opportunities")}#pane-opportunities", $"{Url(id, "orders")}#pane-orders", $"{Url(id, "returns")}#pane-returns",
                $"{Url(id, "service")}#pane-service", $"{Url(id, "complaints")}#complaints", $"{Url(id, "visits")}#visits",
                $"{Url(id, "churn")}#pane-churn", $"{Url(id, "pool")}#pane-pool", $"{Url(id, "feedback")}#feedback", $"{Url(id, "changes")}#changes",
            ],
            links);
        Assert.Empty(page.QuerySelectorAll("[data-testid=customer-tabs] [data-bs-toggle]"));
        Assert.NotNull(page.QuerySelector("nav[aria-labelledby=customer-name] [data-testid=customer-tabs]"));
        Assert.NotNull(page.QuerySelector("h1#customer-name"));
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
