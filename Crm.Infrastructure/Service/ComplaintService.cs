using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Service;

/// <summary>产品质量投诉: numbering and the per-product figures (complaints and problem quantities in a date range).</summary>
public sealed class ComplaintService(CrmDbContext db)
{
    /// <summary>The next complaint number (ZL = 质量), from its own sequence.</summary>
    public async Task<string> NextNumberAsync(CancellationToken cancellationToken = default) =>
        CodeGenerator.Format("ZL", await new CodeGenerator(db).ReserveAsync("QualityComplaint", 1, cancellationToken));

    /// <summary>
    /// Complaints per product with a feedback date in [<paramref name="from"/>, <paramref name="to"/>] (either
    /// open), within the user's data scope (the complaint is visible with its customer); complaints without a
    /// product form one row with a null id. Most complaints first.
    /// </summary>
    public async Task<IReadOnlyList<ComplaintsByProduct>> ByProductAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var query = db.QualityComplaints.AsNoTracking();
        if (from is { } f)
            query = query.Where(c => c.FeedbackDate >= f);
        if (to is { } t)
            query = query.Where(c => c.FeedbackDate <= t);
        var groups = await query
            .GroupBy(c => c.ProductId)
            .Select(g => new
            {
                ProductId = g.Key,
                Count = g.Count(),
                Open = g.Count(c => c.Status != QualityComplaintStatus.Resolved && c.Status != QualityComplaintStatus.Closed),
                Problems = g.Sum(c => c.ProblemQuantity ?? 0),
                Projects = g.Sum(c => c.ProjectQuantity ?? 0),
            })
            .ToListAsync(cancellationToken);
        var ids = groups.Where(g => g.ProductId != null).Select(g => g.ProductId!.Value).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new { p.Code, p.Name }, cancellationToken);
        return groups
            .Select(g => new ComplaintsByProduct(
                g.ProductId,
                g.ProductId is { } id && products.TryGetValue(id, out var p) ? p.Code : null,
                g.ProductId is { } id2 && products.TryGetValue(id2, out var p2) ? p2.Name : null,
                g.Count, g.Open, g.Problems, g.Projects))
            .OrderByDescending(r => r.Complaints).ThenByDescending(r => r.ProblemQuantity).ThenBy(r => r.ProductCode, StringComparer.Ordinal)
            .ToList();
    }
}

/// <param name="ProblemQuantity">问题数量 summed.</param>
/// <param name="ProjectQuantity">工程数量 summed.</param>
public sealed record ComplaintsByProduct(int? ProductId, string? ProductCode, string? ProductName, int Complaints, int Open, int ProblemQuantity, int ProjectQuantity)
{
    /// <summary>Problem quantity per unit of project quantity, when both are known.</summary>
    public decimal? ProblemRate => ProjectQuantity > 0 ? decimal.Round((decimal)ProblemQuantity / ProjectQuantity, 4) : null;
}
