using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Service;

/// <summary>
/// A customer's average satisfaction (客户满意度), defined as the plain mean of every score the customer gave:
/// each of the six survey scores of each done return visit counts once (scores left empty do not count), and
/// every feedback on a service request counts once — each feedback event keeps its satisfaction, so a low
/// score that sent a request back to its handler counts as well as the later one that closed it.
/// All scores are 1–5, so the result is 1.00–5.00, rounded to two places; null when the customer gave none.
/// Weighting every score alike means a visit with a full survey weighs more than a single request feedback,
/// which is intended: it says more. Read in one statement (scalar subqueries), and composable into another
/// query through <see cref="Totals"/>.
/// </summary>
public static class CustomerSatisfaction
{
    /// <summary>Score sum and count per customer, within the data scope of the context.</summary>
    public static IQueryable<SatisfactionTotals> Totals(CrmDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Customers.Select(c => new SatisfactionTotals
        {
            CustomerId = c.Id,
            Sum = db.ReturnVisits.Where(v => v.CustomerId == c.Id && v.Status == ReturnVisitStatus.Done)
                      .Sum(v => (v.ProductPriceScore ?? 0) + (v.ServiceAttitudeScore ?? 0) + (v.ServicePriceScore ?? 0)
                                + (v.TimelinessScore ?? 0) + (v.ProductQualityScore ?? 0) + (v.QualityImprovementScore ?? 0))
                  + db.ServiceRequests.Where(r => r.CustomerId == c.Id).SelectMany(r => r.Events).Where(e => e.Satisfaction != null).Sum(e => e.Satisfaction ?? 0),
            Count = db.ReturnVisits.Where(v => v.CustomerId == c.Id && v.Status == ReturnVisitStatus.Done)
                        .Sum(v => (v.ProductPriceScore != null ? 1 : 0) + (v.ServiceAttitudeScore != null ? 1 : 0) + (v.ServicePriceScore != null ? 1 : 0)
                                  + (v.TimelinessScore != null ? 1 : 0) + (v.ProductQualityScore != null ? 1 : 0) + (v.QualityImprovementScore != null ? 1 : 0))
                    + db.ServiceRequests.Where(r => r.CustomerId == c.Id).SelectMany(r => r.Events).Count(e => e.Satisfaction != null),
        });
    }

    /// <summary>The customer's average satisfaction, null when none was given (or the customer is out of scope).</summary>
    public static async Task<decimal?> AverageAsync(CrmDbContext db, int customerId, CancellationToken cancellationToken = default)
    {
        var totals = await Totals(db).Where(t => t.CustomerId == customerId).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return totals is null ? null : Average(totals.Sum, totals.Count);
    }

    public static decimal? Average(int sum, int count) =>
        count == 0 ? null : decimal.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero);
}

public sealed class SatisfactionTotals
{
    public int CustomerId { get; init; }

    public int Sum { get; init; }

    public int Count { get; init; }

    public decimal? Average => CustomerSatisfaction.Average(Sum, Count);
}
