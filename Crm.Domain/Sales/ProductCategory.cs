using Crm.Domain.Common;

namespace Crm.Domain.Sales;

/// <summary>产品类别: a node of the category tree. The tree is small; cycles are refused by the caller, which sees the whole tree.</summary>
public sealed class ProductCategory : AuditableEntity
{
    public const int NameMaxLength = 100;

    private ProductCategory()
    {
        Name = string.Empty;
    }

    public ProductCategory(string name, int? parentId, int sortOrder = 0)
        : this()
    {
        Rename(name, sortOrder);
        ParentId = parentId;
    }

    public string Name { get; private set; }

    public int? ParentId { get; private set; }

    public int SortOrder { get; private set; }

    public void Rename(string name, int sortOrder)
    {
        Name = Text.Required(name, NameMaxLength, "ProductCategory.Name");
        SortOrder = sortOrder;
    }

    /// <summary>Moves the node under <paramref name="parentId"/>; <paramref name="ancestorsOfParent"/> are the new parent's ancestors, itself included.</summary>
    public void MoveUnder(int? parentId, IEnumerable<int> ancestorsOfParent)
    {
        ArgumentNullException.ThrowIfNull(ancestorsOfParent);
        if (parentId is not null && (parentId == Id || ancestorsOfParent.Contains(Id)))
            throw new DomainException("ProductCategory.Cycle");
        ParentId = parentId;
    }
}
