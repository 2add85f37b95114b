using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>Moving and naming nodes of the product category tree.</summary>
public sealed class ProductCategoryTreeTests
{
    private static ProductCategory Category(int id, int? parentId = null) => TestIds.Set(new ProductCategory($"类别{id}", parentId), id);

    [Fact]
    public void NewCategoryHasATrimmedNameAndItsParent()
    {
        var category = new ProductCategory(" 笔记本电脑 ", parentId: 1, sortOrder: 3);

        Assert.Equal(("笔记本电脑", (int?)1, 3), (category.Name, category.ParentId, category.SortOrder));
    }

    [Fact]
    public void CategoryMovesUnderAnotherBranch()
    {
        var category = Category(5, parentId: 1);

        category.MoveUnder(2, ancestorsOfParent: [2]);

        Assert.Equal(2, category.ParentId);
    }

    [Fact]
    public void CategoryMovesToTheRoot()
    {
        var category = Category(5, parentId: 1);

        category.MoveUnder(null, []);

        Assert.Null(category.ParentId);
    }

    [Fact]
    public void CategoryCannotBeItsOwnParent()
    {
        var category = Category(5, parentId: 1);

        Assert.Equal("ProductCategory.Cycle", Refusal(() => category.MoveUnder(5, [5, 1])));
        Assert.Equal(1, category.ParentId);
    }

    [Fact]
    public void CategoryCannotMoveUnderItsOwnDescendant()
    {
        // 5 → 8 → 9: moving 5 under 9 would make a loop.
        var category = Category(5, parentId: 1);

        Assert.Equal("ProductCategory.Cycle", Refusal(() => category.MoveUnder(9, [9, 8, 5, 1])));
        Assert.Equal(1, category.ParentId);
    }

    [Fact]
    public void BlankNameIsRefused()
    {
        Assert.Equal("Field.Required", Refusal(() => Category(5).Rename("  ", 0)));
    }
}
