using Crm.Domain.Sales;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Sales;

/// <summary>One category of the tree with its depth (0 for a top category).</summary>
public sealed record ProductCategoryNode(int Id, string Name, int? ParentId, int SortOrder, int Depth);

/// <summary>
/// The whole product category tree, read at once (it is small), in display order: parents before
/// children, siblings by sort order then name. Answers the questions filters and moves need.
/// </summary>
public sealed class ProductCategoryTree
{
    private readonly Dictionary<int, ProductCategoryNode> _byId;
    private readonly ILookup<int?, ProductCategoryNode> _byParent;

    private ProductCategoryTree(IReadOnlyList<(int Id, string Name, int? ParentId, int SortOrder)> rows)
    {
        var known = rows.Select(r => r.Id).ToHashSet();
        // A parent that is missing (cannot happen with the foreign key) would hide a branch; treat it as a root.
        var parentOf = rows.ToDictionary(r => r.Id, r => r.ParentId is { } p && known.Contains(p) ? r.ParentId : null);
        var children = rows.ToLookup(r => parentOf[r.Id]);
        var ordered = new List<ProductCategoryNode>(rows.Count);
        var seen = new HashSet<int>();

        void Walk(int? parent, int depth)
        {
            foreach (var row in children[parent].OrderBy(r => r.SortOrder).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id))
            {
                if (!seen.Add(row.Id))
                    continue;
                ordered.Add(new ProductCategoryNode(row.Id, row.Name, parentOf[row.Id], row.SortOrder, depth));
                Walk(row.Id, depth + 1);
            }
        }

        Walk(null, 0);
        Nodes = ordered;
        _byId = ordered.ToDictionary(n => n.Id);
        _byParent = ordered.ToLookup(n => n.ParentId);
    }

    /// <summary>Every category in display order.</summary>
    public IReadOnlyList<ProductCategoryNode> Nodes { get; }

    public static async Task<ProductCategoryTree> LoadAsync(CrmDbContext db, CancellationToken cancellationToken = default)
    {
        var rows = await db.ProductCategories.AsNoTracking()
            .Select(c => new { c.Id, c.Name, c.ParentId, c.SortOrder })
            .ToListAsync(cancellationToken);
        return new ProductCategoryTree(rows.Select(r => (r.Id, r.Name, r.ParentId, r.SortOrder)).ToList());
    }

    public ProductCategoryNode? Find(int id) => _byId.GetValueOrDefault(id);

    public IEnumerable<ProductCategoryNode> ChildrenOf(int? id) => _byParent[id];

    /// <summary>The category and everything below it; empty when it does not exist.</summary>
    public IReadOnlyList<int> SelfAndDescendants(int id)
    {
        if (!_byId.ContainsKey(id))
            return [];
        var result = new List<int>();
        var stack = new Stack<int>([id]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            result.Add(current);
            foreach (var child in _byParent[current])
                stack.Push(child.Id);
        }

        return result;
    }

    /// <summary>The category and its ancestors up to the top, nearest first; empty when it does not exist.</summary>
    public IReadOnlyList<int> SelfAndAncestors(int id)
    {
        var result = new List<int>();
        for (var node = Find(id); node is not null && !result.Contains(node.Id); node = node.ParentId is { } p ? Find(p) : null)
            result.Add(node.Id);
        return result;
    }

    /// <summary>"办公设备 / 打印机": the names from the top down to the category.</summary>
    public string PathOf(int id, string separator = " / ") =>
        string.Join(separator, SelfAndAncestors(id).Reverse().Select(i => _byId[i].Name));
}
