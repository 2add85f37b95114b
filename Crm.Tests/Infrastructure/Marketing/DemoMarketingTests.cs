using System.Diagnostics;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Seeding;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Crm.Tests.Infrastructure.Marketing;

/// <summary>
/// The marketing demo on a fresh demo database: what it holds, that histories are consistent, and that
/// the data scope gives each salesperson only his opportunities. (Once DemoSeeder calls it, the call
/// here finds the data already seeded and adds nothing; the checks hold either way.)
/// </summary>
public sealed class DemoMarketingTests(CrmWebFactory factory, ITestOutputHelper output) : IClassFixture<CrmWebFactory>
{
    private async Task SeedAsync()
    {
        factory.NewClient(); // starts the app (migrations, demo data) outside the measurement
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await factory.WithDbAsync(async db =>
        {
            await DemoMarketing.SeedAsync(db, TimeProvider.System);
            return 0;
        });
        // Reported, not asserted: the wall time depends on the machine's load, the CPU time much less.
        output.WriteLine($"DemoMarketing.SeedAsync took {watch.ElapsedMilliseconds} ms ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms CPU)");
    }

    [Fact]
    public async Task SeedsCompetitorsCampaignsAndOpportunitiesInEveryState()
    {
        await SeedAsync();

        await factory.WithDbAsync(async db =>
        {
            var competitors = await db.Competitors.Include(c => c.Products).ToListAsync();
            Assert.Equal(5, competitors.Count);
            Assert.All(competitors, c =>
            {
                Assert.InRange(c.Products.Count, 2, 4);
                Assert.NotNull(c.Strengths);
                Assert.NotNull(c.Weaknesses);
                Assert.NotNull(c.Opportunities);
                Assert.NotNull(c.Threats);
            });

            var campaigns = await db.Campaigns.Include(c => c.Responses).ToListAsync();
            Assert.Equal(6, campaigns.Count);
            Assert.Equal(Enum.GetValues<CampaignStatus>().Order(), campaigns.Select(c => c.Status).Distinct().Order());
            Assert.All(campaigns.Where(c => c.Status is CampaignStatus.Planned or CampaignStatus.Cancelled), c => Assert.Empty(c.Responses));
            Assert.True(campaigns.Where(c => c.Status == CampaignStatus.Completed).All(c => c.Responses.Count > 0));
            Assert.All(campaigns.SelectMany(c => c.Responses.Select(r => (c, r))), x => Assert.True(x.r.Date >= x.c.StartDate));

            Assert.Equal(
                [PipelineStage.Initial, PipelineStage.NeedsConfirmed, PipelineStage.Proposal, PipelineStage.Negotiation],
                (await db.PipelineStageSettings.Select(x => x.Stage).ToListAsync()).Order());

            var opportunities = await db.Opportunities.IgnoreQueryFilters().Include(o => o.StageChanges).Include(o => o.PlanItems).ToListAsync();
            Assert.InRange(opportunities.Count, 190, 210);
            Assert.Equal(Enum.GetValues<OpportunityStatus>().Order(), opportunities.Select(o => o.Status).Distinct().Order());
            Assert.Equal(Enum.GetValues<PipelineStage>().Order(), opportunities.Select(o => o.Stage).Distinct().Order());
            Assert.Contains(opportunities, o => o.CampaignId is not null);
            Assert.Contains(opportunities, o => o.PlanItems.Any(i => i.Result is not null));
            Assert.All(opportunities.Where(o => o.Status == OpportunityStatus.Developing), o => Assert.NotEmpty(o.PlanItems));

            var lost = opportunities.Where(o => o.Status == OpportunityStatus.Lost).ToList();
            Assert.All(lost, o => Assert.NotNull(o.LostReasonId));
            Assert.Contains(lost, o => o.LostToCompetitorId is not null);
            var lostReasons = await db.DictionaryItems.Where(d => d.Category == Crm.Domain.Common.DictionaryCategories.LostReason).Select(d => d.Id).ToListAsync();
            Assert.All(lost, o => Assert.Contains(o.LostReasonId!.Value, lostReasons));

            var wonCustomers = opportunities.Where(o => o.Status == OpportunityStatus.Won).Select(o => o.CustomerId).Distinct().ToList();
            Assert.NotEmpty(wonCustomers);
            Assert.False(await db.Customers.IgnoreQueryFilters().AnyAsync(c => wonCustomers.Contains(c.Id) && c.Status == CustomerStatus.Prospect));
            return 0;
        });
    }

    [Fact]
    public async Task StageHistoriesAreConsistentAndWithinTheLastYear()
    {
        await SeedAsync();
        var now = DateTimeOffset.UtcNow;

        var opportunities = await factory.WithDbAsync(db => db.Opportunities.IgnoreQueryFilters().Include(o => o.StageChanges).Include(o => o.PlanItems).ToListAsync());

        Assert.All(opportunities, o =>
        {
            var changes = o.StageChanges.OrderBy(c => c.At).ThenBy(c => c.Id).ToList();
            Assert.Null(changes[0].FromStage);
            Assert.Equal(PipelineStage.Initial, changes[0].ToStage);
            for (var i = 1; i < changes.Count; i++)
                Assert.Equal(changes[i - 1].ToStage, changes[i].FromStage);
            Assert.Equal(o.Stage, changes[^1].ToStage);
            Assert.Equal(o.StageChangedAt, changes[^1].At);
            Assert.InRange(changes[0].At, now.AddDays(-366), now);
            Assert.InRange(changes[^1].At, changes[0].At, now);
            Assert.Equal(changes[0].At, o.CreatedAt);
            Assert.Equal(!o.IsOpen, o.ClosedAt is not null);
            if (o.ClosedAt is { } closed)
                Assert.Equal(closed, changes[^1].At);
            if (o.AssignedAt is { } assigned)
                Assert.InRange(assigned, changes[0].At, now);
            Assert.All(o.PlanItems.Where(i => i.ResultAt is not null), i => Assert.True(i.ResultAt <= (o.ClosedAt ?? now)));
        });
        // Some histories are long: more than the initial entry and the outcome.
        Assert.Contains(opportunities, o => o.StageChanges.Count >= 5);
    }

    [Fact]
    public async Task SalesmanSeesOnlyWhatHeCreatedOrIsAssignedAndTheManagerHisUnassignedLeads()
    {
        await SeedAsync();
        var zhang = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "zhang.wei"));
        var all = await factory.WithDbAsync(db => db.Opportunities.IgnoreQueryFilters().Select(o => new { o.Id, o.CreatorId, o.AssignedTo, o.Status }).ToListAsync());
        var his = all.Where(o => o.CreatorId == zhang.Id || o.AssignedTo == zhang.Id).Select(o => o.Id).Order().ToList();

        var seen = await AsAsync("zhang.wei", db => db.Opportunities.Select(o => o.Id).OrderBy(id => id).ToListAsync());
        var eastUnassigned = await AsAsync("manager.east", db => db.Opportunities.CountAsync(o => o.Status == OpportunityStatus.Unassigned));
        var northUnassigned = await AsAsync("manager.north", db => db.Opportunities.CountAsync(o => o.Status == OpportunityStatus.Unassigned));

        Assert.NotEmpty(his);
        Assert.True(his.Count < all.Count / 2);
        Assert.Equal(his, seen);
        Assert.Contains(all, o => o.CreatorId == zhang.Id && o.AssignedTo is { } a && a != zhang.Id);
        Assert.InRange(eastUnassigned, 3, 20);
        Assert.Equal(0, northUnassigned);
    }

    [Fact]
    public async Task SeedingTwiceAddsNothing()
    {
        await SeedAsync();
        var before = await factory.WithDbAsync(async db => (await db.Opportunities.IgnoreQueryFilters().CountAsync(), await db.Campaigns.CountAsync(), await db.Competitors.CountAsync()));

        await SeedAsync();

        Assert.Equal(before, await factory.WithDbAsync(async db => (await db.Opportunities.IgnoreQueryFilters().CountAsync(), await db.Campaigns.CountAsync(), await db.Competitors.CountAsync())));
    }

    [Fact]
    public async Task CompetitorProductsNameOurProductsWhenTheCatalogueHasSome()
    {
        await using var fresh = new CrmWebFactory();
        fresh.NewClient();
        var linked = await fresh.WithDbAsync(async db =>
        {
            // When the demo seeder has already run the marketing demo (with its own catalogue) this only checks the links.
            if (!await db.Competitors.AnyAsync())
            {
                if (!await db.Products.AnyAsync())
                {
                    var category = new ProductCategory("服务器与存储", null);
                    db.ProductCategories.Add(category);
                    await db.SaveChangesAsync();
                    db.Products.Add(new Product("P-SRV-01", "R5 机架式服务器", category.Id, 59_000m, 50_000m, null, DateTimeOffset.UtcNow));
                    db.Products.Add(new Product("P-ERP-01", "智造 ERP 软件 企业版", category.Id, 360_000m, 300_000m, null, DateTimeOffset.UtcNow));
                    await db.SaveChangesAsync();
                }

                await DemoMarketing.SeedAsync(db, TimeProvider.System);
            }

            var products = await db.Products.Select(p => p.Id).ToListAsync();
            var links = await db.Set<CompetitorProduct>().Where(p => p.OurProductId != null).Select(p => p.OurProductId!.Value).ToListAsync();
            Assert.All(links, id => Assert.Contains(id, products));
            return (Products: products.Count, Links: links.Count);
        });

        Assert.True(linked.Links > 0, $"{linked.Products} products, none linked");
    }

    private async Task<T> AsAsync<T>(string userName, Func<CrmDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var id = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var loaded = await scope.ServiceProvider.GetRequiredService<UserContextLoader>().LoadAsync(id);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(loaded!.Context);
        return await query(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }
}
