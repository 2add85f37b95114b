using Crm.Domain.Common;
using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>A product's description, safety stock and whether it is on sale.</summary>
public sealed class ProductDetailsTests
{
    [Fact]
    public void DetailsAreTrimmedAndBlankOptionalTextIsCleared()
    {
        var product = Product(1);

        product.UpdateDetails(" 华为 MateBook X Pro ", 5, " 14.2英寸 i7/32G ", 12, "   ");

        Assert.Equal(("华为 MateBook X Pro", 5, "14.2英寸 i7/32G", (int?)12, (string?)null),
            (product.Name, product.CategoryId, product.Specification, product.UnitId, product.Description));
    }

    [Fact]
    public void CodeAndNameAreRequiredAndBounded()
    {
        var blankCode = Assert.Throws<DomainException>(() => new Product(" ", "键盘", 3, 50m, 40m, Zhang, Now));
        var longName = Assert.Throws<DomainException>(() => new Product("P1", new string('键', ProductNameMaxLength + 1), 3, 50m, 40m, Zhang, Now));

        Assert.Equal(("Field.Required", "Product.Code"), (blankCode.Code, blankCode.Arguments[0]));
        Assert.Equal(("Field.TooLong", "Product.Name", ProductNameMaxLength), (longName.Code, longName.Arguments[0], longName.Arguments[1]));
    }

    [Fact]
    public void DiscontinuedProductCannotBeSoldUntilReactivated()
    {
        var product = Product(1, "罗技 MX Keys");

        product.Discontinue();

        Assert.Equal(ProductStatus.Discontinued, product.Status);
        var error = Assert.Throws<DomainException>(product.EnsureSellable);
        Assert.Equal(("Product.Discontinued", "罗技 MX Keys"), (error.Code, error.Arguments[0]));
        Assert.Equal("Product.AlreadyDiscontinued", Refusal(product.Discontinue));
        product.Reactivate();
        product.EnsureSellable();
        Assert.Equal(ProductStatus.Active, product.Status);
        Assert.Equal("Product.AlreadyActive", Refusal(product.Reactivate));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(SalesLine.MaxQuantity)]
    public void SafetyStockWithinRangeIsKept(int units)
    {
        var product = Product(1);

        product.SetSafetyStock(units);

        Assert.Equal(units, product.SafetyStock);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(SalesLine.MaxQuantity + 1)]
    public void SafetyStockOutOfRangeIsRefused(int units)
    {
        var product = Product(1);
        product.SetSafetyStock(10);

        Assert.Equal("Product.SafetyStockOutOfRange", Refusal(() => product.SetSafetyStock(units)));
        Assert.Equal(10, product.SafetyStock);
    }

    [Fact]
    public void CustomerLevelPriceTypeCanBeChanged()
    {
        var mapping = new CustomerLevelPriceType(levelId: 31, PriceType.Partner);

        mapping.Change(PriceType.Member);

        Assert.Equal((31, PriceType.Member), (mapping.LevelId, mapping.PriceType));
    }
}
