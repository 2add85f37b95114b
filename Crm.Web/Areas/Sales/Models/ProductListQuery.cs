using Crm.Domain.Sales;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Sales.Models;

/// <summary>
/// The product list's filters and sort as one query, shared by the list page and the export so that an
/// export holds exactly the rows the user filtered.
/// </summary>
public static class ProductListQuery
{
    public static IQueryable<Product> Filter(IQueryable<Product> query, ProductListFilter f, ProductCategoryTree tree)
    {
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var pattern = ContainsPattern(f.Q);
            query = query.Where(p => EF.Functions.Like(p.Code, pattern, LikeEscape)
                || EF.Functions.Like(p.Name, pattern, LikeEscape)
                || (p.Specification != null && EF.Functions.Like(p.Specification, pattern, LikeEscape)));
        }

        if (f.CategoryId is { } categoryId)
        {
            // A category stands for its whole subtree: 办公设备 lists printers, projectors and the rest.
            var ids = tree.SelfAndDescendants(categoryId);
            query = query.Where(p => ids.Contains(p.CategoryId));
        }

        if (f.Status is { } status)
            query = query.Where(p => p.Status == status);
        return query;
    }

    public static IQueryable<Product> Sort(IQueryable<Product> query, ProductListFilter f, CrmDbContext db) => (f.Sort?.ToLowerInvariant(), f.Descending) switch
    {
        ("name", false) => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
        ("name", true) => query.OrderByDescending(p => p.Name).ThenByDescending(p => p.Id),
        ("price", false) => query.OrderBy(p => p.ListPrice).ThenBy(p => p.Id),
        ("price", true) => query.OrderByDescending(p => p.ListPrice).ThenByDescending(p => p.Id),
        ("stock", false) => query.OrderBy(p => db.StockLevels.Where(s => s.ProductId == p.Id).Sum(s => s.OnHand - s.Reserved)).ThenBy(p => p.Id),
        ("stock", true) => query.OrderByDescending(p => db.StockLevels.Where(s => s.ProductId == p.Id).Sum(s => s.OnHand - s.Reserved)).ThenByDescending(p => p.Id),
        ("code", true) => query.OrderByDescending(p => p.Code),
        _ => query.OrderBy(p => p.Code),
    };

    public const string LikeEscape = "\\";

    /// <summary>A LIKE pattern matching the text anywhere, with the text's own wildcards taken literally.</summary>
    public static string ContainsPattern(string text)
    {
        var escaped = text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);
        return "%" + escaped + "%";
    }
}
