using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Sales;

/// <summary>Changes to the product category tree that need the tree or the references to a node.</summary>
public sealed class ProductCategoryService(CrmDbContext db, ReferenceChecker references)
{
    public async Task<ProductCategory> CreateAsync(string name, int? parentId, int sortOrder, CancellationToken cancellationToken = default)
    {
        if (parentId is { } parent && !await db.ProductCategories.AnyAsync(c => c.Id == parent, cancellationToken))
            throw new DomainException("ProductCategory.NotFound");
        var category = new ProductCategory(name, parentId, sortOrder);
        db.ProductCategories.Add(category);
        await db.SaveChangesAsync(cancellationToken);
        return category;
    }

    /// <summary>Renames against the version the form was rendered with; a newer one refuses the save.</summary>
    public async Task RenameAsync(int id, string name, int sortOrder, Guid version, CancellationToken cancellationToken = default)
    {
        var category = await FindAsync(id, cancellationToken);
        db.Entry(category).Property(c => c.Version).OriginalValue = version;
        category.Rename(name, sortOrder);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Moves under another category (or to the top when <paramref name="newParentId"/> is null); a move into its own subtree is refused by the entity.</summary>
    public async Task MoveAsync(int id, int? newParentId, CancellationToken cancellationToken = default)
    {
        var category = await FindAsync(id, cancellationToken);
        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        IReadOnlyList<int> ancestors = [];
        if (newParentId is { } parent)
        {
            ancestors = tree.SelfAndAncestors(parent);
            if (ancestors.Count == 0)
                throw new DomainException("ProductCategory.NotFound");
        }

        category.MoveUnder(newParentId, ancestors);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes a category nothing refers to: no product, no subcategory, no record of any module.</summary>
    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        var category = await FindAsync(id, cancellationToken);
        var used = await references.FindAsync<ProductCategory>(id, cancellationToken);
        if (used.Count > 0)
            throw new DomainException("ProductCategory.InUse", category.Name, used);
        db.ProductCategories.Remove(category);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<ProductCategory> FindAsync(int id, CancellationToken cancellationToken) =>
        await db.ProductCategories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new DomainException("ProductCategory.NotFound");
}
