using Crm.Domain.Common;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Marketing;

/// <summary>Arranges campaigns, competitors and opportunities through the domain for the marketing page tests.</summary>
internal static class CampaignTestData
{
    public static readonly DateTimeOffset Past = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);

    public static async Task<int> FirstCampaignAsync(CrmDbContext db)
    {
        if (await db.Campaigns.OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync() is { } id)
            return id;
        var campaign = new Campaign("路由矩阵测试活动", await TypeIdAsync(db, "Seminar"), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), 1000m);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    public static async Task<(int CompetitorId, int ProductId)> FirstCompetitorProductAsync(CrmDbContext db)
    {
        var existing = await db.Set<CompetitorProduct>().OrderBy(p => p.CompetitorId).ThenBy(p => p.Id)
            .Select(p => new { p.CompetitorId, p.Id }).FirstOrDefaultAsync();
        if (existing is not null)
            return (existing.CompetitorId, existing.Id);
        var competitor = new Competitor(new CompetitorProfile("路由矩阵测试竞争对手有限公司", Region: "华东"));
        competitor.AddProduct("MX-1 测试产品", "MX-1", 999m, null, null);
        db.Competitors.Add(competitor);
        await db.SaveChangesAsync();
        return (competitor.Id, competitor.Products[0].Id);
    }

    public static Task<int> TypeIdAsync(CrmDbContext db, string code) =>
        DictionaryIdAsync(db, DictionaryCategories.CampaignType, code);

    public static Task<int> DictionaryIdAsync(CrmDbContext db, string category, string code) =>
        db.DictionaryItems.Where(d => d.Category == category && d.Code == code).Select(d => d.Id).SingleAsync();

    public static async Task<(Guid Id, int OrgUnitId)> UserAsync(CrmDbContext db, string userName) =>
        await db.Users.Where(u => u.UserName == userName).Select(u => ValueTuple.Create(u.Id, u.OrgUnitId)).SingleAsync();

    /// <summary>The first customer owned by the user (skipping <paramref name="skip"/>).</summary>
    public static Task<int> CustomerOfAsync(CrmDbContext db, string userName, int skip = 0) =>
        db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == userName))
            .OrderBy(c => c.Id).Skip(skip).Select(c => c.Id).FirstAsync();

    /// <summary>An opportunity created by <paramref name="creator"/> for its own customer and brought to <paramref name="status"/>.</summary>
    public static async Task<Opportunity> OpportunityAsync(
        CrmDbContext db, string creator, OpportunityStatus status, decimal? amount, int? campaignId = null, int? lostTo = null, string summary = "测试机会", int customerSkip = 0)
    {
        var (userId, unitId) = await UserAsync(db, creator);
        var customerId = await CustomerOfAsync(db, creator, customerSkip);
        var opportunity = new Opportunity(customerId, new OpportunityDetails(summary, ExpectedAmount: amount, CampaignId: campaignId), userId, unitId, 10, Past);
        if (status != OpportunityStatus.Unassigned)
        {
            opportunity.Assign(userId, unitId, Past.AddDays(1));
            if (status is OpportunityStatus.Developing or OpportunityStatus.Won)
                opportunity.StartDevelopment(userId, new DateOnly(2026, 1, 10), "拜访采购负责人", Past.AddDays(2));
        }

        if (status == OpportunityStatus.Won)
            opportunity.Win(userId, Past.AddDays(30));
        if (status == OpportunityStatus.Lost)
        {
            var reason = await DictionaryIdAsync(db, DictionaryCategories.LostReason, lostTo is null ? "BudgetCancelled" : "CompetitorWon");
            opportunity.Lose(userId, reason, lostTo, null, Past.AddDays(20));
        }

        db.Opportunities.Add(opportunity);
        await db.SaveChangesAsync();
        return opportunity;
    }
}
