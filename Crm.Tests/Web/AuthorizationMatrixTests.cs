using System.Text.RegularExpressions;
using Crm.Tests.Support;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Web;

/// <summary>Every GET route as every demo identity answers exactly as <see cref="RouteMatrix"/> says.</summary>
public sealed partial class AuthorizationMatrixTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    [Fact]
    public void EveryGetEndpointHasARowInTheMatrix()
    {
        factory.NewClient();
        var covered = RouteMatrix.Rows.Select(r => r.Action).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>() is not { SuppressMatching: true })
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(ActionOf)
            .Where(a => !covered.Contains(a))
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "GET routes missing from RouteMatrix: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryRouteAnswersEachIdentityAsTheMatrixSays()
    {
        var failures = new List<string>();
        var clients = new HttpClient[RouteMatrix.Identities.Length];
        for (var i = 0; i < clients.Length; i++)
            clients[i] = RouteMatrix.Identities[i] is { } user ? await factory.SignInAsync(user) : factory.NewClient();

        foreach (var row in RouteMatrix.Rows)
        {
            var url = await ResolveAsync(factory, row.Url);
            for (var i = 0; i < clients.Length; i++)
            {
                var response = await clients[i].GetAsync(url);
                var actual = (int)response.StatusCode;
                if (actual != row.Expected[i])
                    failures.Add($"{url} as {RouteMatrix.Identities[i] ?? "anonymous"}: expected {row.Expected[i]}, got {actual}");
                if (RouteMatrix.Identities[i] is null && actual == 302)
                    Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string ActionOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is { } action)
        {
            var area = action.RouteValues.TryGetValue("area", out var a) && !string.IsNullOrEmpty(a) ? a + "/" : string.Empty;
            return $"{area}{action.ControllerName}/{action.ActionName}";
        }

        return endpoint.RoutePattern.RawText ?? endpoint.DisplayName ?? "?";
    }

    /// <summary>Replaces the matrix's placeholders with ids from the demo data.</summary>
    internal static async Task<string> ResolveAsync(CrmWebFactory factory, string url)
    {
        var result = url;
        foreach (Match m in Placeholder().Matches(url))
        {
            var (kind, name) = (m.Groups[1].Value, m.Groups[2].Value);
            var id = await factory.WithDbAsync<string?>(async db => kind switch
            {
                "user" => (await db.Users.SingleAsync(u => u.UserName == name)).Id.ToString(),
                "role" => (await db.Roles.SingleAsync(r => r.Name == name)).Id.ToString(),
                "unit" => (await db.OrgUnits.SingleAsync(o => o.Name == name)).Id.ToString(),
                "dict" => (await db.DictionaryItems.SingleAsync(d => d.Category + "/" + d.Code == name)).Id.ToString(),
                "customer" => (await db.Customers
                    .Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == name))
                    .OrderBy(c => c.Id).FirstAsync()).Id.ToString(),
                "contact" => (await db.Contacts
                    .Where(k => k.CustomerId == db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == name)).Min(c => c.Id))
                    .OrderBy(k => k.Id).FirstAsync()).Id.ToString(),
                "interaction" => (await db.Interactions
                    .Where(i => i.CustomerId == db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == name)).Min(c => c.Id))
                    .OrderBy(i => i.Id).FirstAsync()).Id.ToString(),
                "product" => (await db.Products.SingleAsync(p => p.Code == name)).Id.ToString(),
                "category" => (await db.ProductCategories.SingleAsync(c => c.Name == name)).Id.ToString(),
                "warehouse" => (await db.Warehouses.SingleAsync(w => w.Code == name)).Id.ToString(),
                "importjob" => (await ImportJobAsync(db, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "shippedorder" => (await ShippedOrderAsync(db, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "return" => (await ReturnAsync(db, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "churn" => (await ChurnWarningAsync(db, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "opportunity" => (await OpportunityAsync(db, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "campaign" => (await Marketing.CampaignTestData.FirstCampaignAsync(db)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "competitor" => (await Marketing.CampaignTestData.FirstCompetitorProductAsync(db)).CompetitorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "competitorproduct" => await Marketing.CampaignTestData.FirstCompetitorProductAsync(db) is var (competitorId, productId)
                    ? $"{competitorId}?productId={productId}"
                    : null,
                "servicerequest" => (await ServiceRequestAsync(db, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "article" => (await db.KnowledgeArticles.OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync()
                              ?? await Service.ServiceTestData.ArticleAsync(db)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "complaint" => (await Support.ServiceRecordArrange.ComplaintOfAsync(db, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "visit" => (await Support.ServiceRecordArrange.PlannedVisitOfAsync(db, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "contract" => (await Support.ServiceRecordArrange.ContractOfAsync(db, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            });
            // Sales documents are made with their own arrangement (products, stock) outside this context.
            id = kind switch
            {
                "order" => (await Sales.OrdersTestData.MatrixOrderAsync(factory, name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "quote" => (await Sales.OrdersTestData.MatrixQuoteAsync(factory, name.Split('/')[0],
                    name.Contains('/') ? Enum.Parse<Crm.Domain.Sales.QuoteStatus>(name.Split('/')[1]) : Crm.Domain.Sales.QuoteStatus.Draft))
                    .ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => id,
            };
            result = result.Replace(m.Value, id ?? throw new InvalidOperationException($"Unknown placeholder {m.Value}"));
        }

        return result;
    }

    private static async Task<int> ImportJobAsync(Crm.Infrastructure.Persistence.CrmDbContext db, string name)
    {
        var (userName, state) = (name.Split('/')[0], Enum.Parse<Crm.Domain.Customers.ImportStatus>(name.Split('/')[1]));
        var userId = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
        var existing = await db.ImportJobs.Where(j => j.UserId == userId && j.Status == state).Select(j => (int?)j.Id).FirstOrDefaultAsync();
        if (existing is { } id)
            return id;
        var job = new Crm.Domain.Customers.ImportJob(userId, Crm.Domain.Customers.ImportKind.Customers, "matrix.csv", "matrix-missing.csv");
        if (state == Crm.Domain.Customers.ImportStatus.Queued)
            job.Queue(Crm.Domain.Customers.DuplicateMode.Skip);
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    }

    private static async Task<int> ShippedOrderAsync(Crm.Infrastructure.Persistence.CrmDbContext db, string owner)
    {
        var existing = await db.Orders
            .Where(o => (o.Status == Crm.Domain.Sales.OrderStatus.Shipped || o.Status == Crm.Domain.Sales.OrderStatus.Completed)
                        && o.Lines.Any(l => l.ShippedQuantity > l.ReturnedQuantity)
                        && db.Customers.Any(c => c.Id == o.CustomerId && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)))
            .OrderBy(o => o.Id).Select(o => (int?)o.Id).FirstOrDefaultAsync();
        if (existing is { } id)
            return id;
        var customerId = await SalesArrange.CustomerAsync(db, owner);
        var product = await SalesArrange.ProductAsync(db, units: 20);
        return await SalesArrange.OrderAsync(db, customerId, product.WarehouseId, [(product.ProductId, 5)]);
    }

    private static async Task<int> ReturnAsync(Crm.Infrastructure.Persistence.CrmDbContext db, string owner)
    {
        var existing = await db.Returns
            .Where(r => db.Customers.Any(c => c.Id == r.CustomerId && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)))
            .OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync();
        return existing ?? await SalesArrange.ReturnAsync(db, await ShippedOrderAsync(db, owner), [(1, 1)]);
    }

    private static async Task<int> ChurnWarningAsync(Crm.Infrastructure.Persistence.CrmDbContext db, string owner)
    {
        var existing = await db.ChurnWarnings
            .Where(w => db.Customers.Any(c => c.Id == w.CustomerId && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)))
            .OrderBy(w => w.Id).Select(w => (int?)w.Id).FirstOrDefaultAsync();
        return existing ?? (await SalesArrange.ChurnWarningAsync(db, owner)).WarningId;
    }

    private static async Task<int> OpportunityAsync(Crm.Infrastructure.Persistence.CrmDbContext db, string userName)
    {
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        var existing = await db.Opportunities
            .Where(o => o.CreatorId == user.Id && o.OwnerId == user.Id && o.Status != Crm.Domain.Marketing.OpportunityStatus.Won && o.Status != Crm.Domain.Marketing.OpportunityStatus.Lost)
            .OrderBy(o => o.Id).Select(o => (int?)o.Id).FirstOrDefaultAsync();
        if (existing is { } id)
            return id;
        var customer = await db.Customers.Where(c => c.OwnerId == user.Id).OrderBy(c => c.Id).FirstAsync();
        var opportunity = new Crm.Domain.Marketing.Opportunity(
            customer.Id, new Crm.Domain.Marketing.OpportunityDetails("路由矩阵机会", ExpectedAmount: 10_000m), user.Id, user.OrgUnitId, 10, DateTimeOffset.UtcNow);
        db.Opportunities.Add(opportunity);
        await db.SaveChangesAsync();
        return opportunity.Id;
    }

    /// <summary>A service request created by that user for a customer of his (New), arranged when missing.</summary>
    private static async Task<int> ServiceRequestAsync(Crm.Infrastructure.Persistence.CrmDbContext db, string creator)
    {
        var existing = await db.ServiceRequests
            .Where(r => db.Users.Any(u => u.Id == r.CreatorId && u.UserName == creator) && r.HandlerId == null)
            .OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync();
        return existing ?? (await Service.ServiceTestData.RequestAsync(db, creator)).RequestId;
    }

    [GeneratedRegex(@"\{(\w+):([^}]+)\}")]
    private static partial Regex Placeholder();
}
