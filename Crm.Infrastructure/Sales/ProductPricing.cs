using Crm.Domain.Sales;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Sales;

/// <summary>Which price a customer buys at by default: the setting that maps customer levels to price types.</summary>
public sealed class ProductPricing(CrmDbContext db)
{
    /// <summary>The price type mapped to the customer level, or <see cref="PriceType.List"/> when the level is unset or unmapped.</summary>
    public async Task<PriceType> DefaultPriceTypeAsync(int? levelId, CancellationToken cancellationToken = default)
    {
        if (levelId is null)
            return PriceType.List;
        var mapped = await db.CustomerLevelPriceTypes.AsNoTracking()
            .Where(m => m.LevelId == levelId)
            .Select(m => (PriceType?)m.PriceType)
            .FirstOrDefaultAsync(cancellationToken);
        return mapped ?? PriceType.List;
    }
}
