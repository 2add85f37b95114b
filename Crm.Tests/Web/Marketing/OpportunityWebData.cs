using System.Text.Json;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Marketing;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Marketing;

/// <summary>Opportunities arranged straight in the database of a web test (there is no demo marketing data to rely on).</summary>
internal static class OpportunityWebData
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static Task<CrmUser> UserAsync(this CrmWebFactory factory, string userName) =>
        factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    /// <summary>
    /// An opportunity created by <paramref name="creator"/> for the first customer of <paramref name="customerOf"/>
    /// (the creator by default), then assigned, developed and moved as asked, each step by the one who may.
    /// </summary>
    public static Task<Opportunity> AddOpportunityAsync(
        this CrmWebFactory factory,
        string creator,
        string summary,
        string? customerOf = null,
        string? assignee = null,
        bool develop = false,
        decimal? amount = null,
        int? probability = null,
        DateOnly? close = null,
        PipelineStage? stage = null,
        int? campaignId = null,
        OpportunityStatus? closeAs = null,
        string? prospect = null) =>
        factory.WithDbAsync(async db =>
        {
            var by = await db.Users.SingleAsync(u => u.UserName == creator);
            var owner = customerOf ?? creator;
            int customerId;
            if (prospect is not null)
            {
                // A new customer starts as a prospect, owned by the creator.
                var customer = new Customer("KH9" + Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new CustomerProfile { Name = prospect }, by.OrgUnitId, by.Id, Now);
                db.Customers.Add(customer);
                await db.SaveChangesAsync();
                customerId = customer.Id;
            }
            else
            {
                customerId = await db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner))
                    .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            }

            var o = new Opportunity(customerId, new OpportunityDetails(summary, ExpectedAmount: amount, Probability: probability, ExpectedCloseDate: close, CampaignId: campaignId),
                by.Id, by.OrgUnitId, OpportunityService.DefaultProbabilities[PipelineStage.Initial], Now);
            Guid? assignedTo = null;
            if (assignee is not null)
            {
                var to = await db.Users.SingleAsync(u => u.UserName == assignee);
                o.Assign(to.Id, to.OrgUnitId, Now);
                assignedTo = to.Id;
                if (develop || closeAs is not null)
                    o.StartDevelopment(to.Id, DateOnly.FromDateTime(Now.UtcDateTime), "首次拜访", Now);
            }

            if (stage is { } s)
                o.MoveToStage(s, assignedTo ?? by.Id, Now, null);
            if (closeAs == OpportunityStatus.Won)
                o.Win(assignedTo!.Value, Now);
            else if (closeAs == OpportunityStatus.Lost)
                o.Lose(assignedTo!.Value, await db.DictionaryItems.Where(d => d.Category == DictionaryCategories.LostReason).Select(d => d.Id).FirstAsync(), null, null, Now);
            db.Opportunities.Add(o);
            await db.SaveChangesAsync();
            return o;
        });

    public static Task<Opportunity> LoadOpportunityAsync(this CrmWebFactory factory, int id) =>
        factory.WithDbAsync(db => db.Opportunities.AsNoTracking().Include(o => o.StageChanges).Include(o => o.PlanItems).SingleAsync(o => o.Id == id));

    /// <summary>Posts a form the way the board's script does: urlencoded, the page's antiforgery token, JSON wanted.</summary>
    public static async Task<(int Status, JsonElement Body)> PostJsonMoveAsync(this HttpClient client, IDictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync("/Marketing/Pipeline");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException("No antiforgery token on the board");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Marketing/Pipeline/Move")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body);
    }
}
