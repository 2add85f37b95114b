using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>
/// How a line is priced: the resolved price of its type on the document's date or a typed one, the
/// discount, the amount in decimal rounded to the fen, and whether it is below the floor price.
/// </summary>
public sealed class SalesLinePricingTests
{
    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    private static Product WithPromotion()
    {
        var product = Product(1);
        product.SetPrice(PriceType.Promotion, 70m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Zhang, Now);
        return product;
    }

    [Fact]
    public void LineTakesTheProductsResolvedPriceAndCopiesWhatItSells()
    {
        var line = Order().AddLine(WithPromotion(), 2, PriceType.Promotion, null, 0m);

        Assert.Equal((1, 1, "P0001", "华为 MateBook X"), (line.LineNo, line.ProductId, line.ProductCode, line.ProductName));
        Assert.Equal((PriceType.Promotion, PriceType.Promotion, 70m, false), (line.PriceType, line.AppliedPriceType, line.UnitPrice, line.IsPriceOverridden));
        Assert.Equal((80m, 140m), (line.FloorPrice, line.Amount));
    }

    [Fact]
    public void LineAskingForAPriceNotValidOnTheDateSellsAtListAndSaysSo()
    {
        var line = Order(new DateOnly(2026, 4, 1)).AddLine(WithPromotion(), 2, PriceType.Promotion, null, 0m);

        Assert.Equal((PriceType.Promotion, PriceType.List, 100m), (line.PriceType, line.AppliedPriceType, line.UnitPrice));
    }

    [Fact]
    public void TypedPriceOverridesTheResolvedOne()
    {
        var line = Order().AddLine(WithPromotion(), 2, PriceType.Promotion, 85m, 0m);

        Assert.Equal((85m, true, PriceType.Promotion, 170m), (line.UnitPrice, line.IsPriceOverridden, line.AppliedPriceType, line.Amount));
    }

    [Fact]
    public void TypedPriceEqualToTheResolvedOneIsNoOverride()
    {
        var line = Order().AddLine(WithPromotion(), 2, PriceType.Promotion, 70m, 0m);

        Assert.False(line.IsPriceOverridden);
    }

    [Fact]
    public void LinesKeepTheFloorPriceTheyWerePricedWith()
    {
        var product = Product(1);
        var order = Order();
        var line = order.AddLine(product, 1, PriceType.List, null, 0m);

        product.SetListAndFloor(200m, 150m, Manager, Now);

        Assert.Equal((100m, 80m, false), (line.UnitPrice, line.FloorPrice, line.IsBelowFloor));
    }

    [Theory]
    [InlineData(3, "19.99", "0", "59.97")]
    [InlineData(3, "0.10", "0", "0.30")]
    [InlineData(3, "33.33", "10", "89.99")]
    [InlineData(1, "0.05", "10", "0.05")]
    [InlineData(1, "10.05", "50", "5.03")]
    [InlineData(7, "1234.56", "12.5", "7561.68")]
    [InlineData(1, "100", "100", "0")]
    [InlineData(1_000_000, "99999999.99", "0", "99999999990000")]
    public void AmountIsQuantityTimesPriceLessDiscountRoundedToTheFenAwayFromZero(int quantity, string price, string discount, string amount)
    {
        var product = Product(1, list: MaxPrice, floor: 0m);

        var line = Order().AddLine(product, quantity, PriceType.List, D(price), D(discount));

        Assert.Equal(D(amount), line.Amount);
    }

    [Theory]
    [InlineData("10.05", "50", "5.03")]
    [InlineData("0.05", "10", "0.05")]
    [InlineData("99.99", "20", "79.99")]
    [InlineData("100", "0", "100")]
    public void NetUnitPriceIsThePriceAfterDiscountRoundedToTheFen(string price, string discount, string net)
    {
        var line = Order().AddLine(Product(1, floor: 0m), 3, PriceType.List, D(price), D(discount));

        Assert.Equal(D(net), line.NetUnitPrice);
    }

    [Fact]
    public void DocumentTotalIsTheSumOfItsLineAmounts()
    {
        var order = Order();

        order.AddLine(Product(1, floor: 0m), 3, PriceType.List, 33.33m, 10m);
        order.AddLine(Product(2, floor: 0m), 3, PriceType.List, 0.10m, 0m);
        order.AddLine(Product(3, floor: 0m), 1, PriceType.List, 10.05m, 50m);

        Assert.Equal(89.99m + 0.30m + 5.03m, order.Total);
        order.RemoveLine(2);
        Assert.Equal(89.99m + 5.03m, order.Total);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("99.99")]
    [InlineData("100")]
    public void DiscountFromZeroToAHundredPercentWithTwoDecimalsIsAccepted(string discount)
    {
        var line = Order().AddLine(Product(1, floor: 0m), 1, PriceType.List, null, D(discount));

        Assert.Equal(D(discount), line.DiscountPercent);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    [InlineData("12.345")]
    public void DiscountOutsideTheBoundsOrFinerThanHundredthsIsRefused(string discount)
    {
        var order = Order();

        Assert.Equal("SalesLine.DiscountOutOfRange", Refusal(() => order.AddLine(Product(1), 1, PriceType.List, null, D(discount))));
        Assert.Empty(order.Lines);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SalesLine.MaxQuantity + 1)]
    public void QuantityOutsideOneToTheMaximumIsRefusedNamingTheBounds(int quantity)
    {
        var order = Order();

        var error = Assert.Throws<DomainException>(() => order.AddLine(Product(1), quantity, PriceType.List, null, 0m));

        Assert.Equal("SalesLine.QuantityOutOfRange", error.Code);
        Assert.Equal([1, SalesLine.MaxQuantity], error.Arguments);
        Assert.Empty(order.Lines);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100000000.00")]
    [InlineData("99.999")]
    public void TypedPriceOutOfRangeOrFinerThanTheFenIsRefused(string price)
    {
        var order = Order();

        Assert.Equal("SalesLine.UnitPriceOutOfRange", Refusal(() => order.AddLine(Product(1), 1, PriceType.List, D(price), 0m)));
        Assert.Empty(order.Lines);
    }

    [Fact]
    public void DiscontinuedProductCannotBeAddedToADocument()
    {
        var product = Product(1, "罗技 MX Keys");
        product.Discontinue();
        var order = Order();
        var quote = Quote();

        Assert.Equal("Product.Discontinued", Refusal(() => order.AddLine(product, 1, PriceType.List, null, 0m)));
        Assert.Equal("Product.Discontinued", Refusal(() => quote.AddLine(product, 1, PriceType.List, null, 0m)));
        Assert.Empty(order.Lines);
        Assert.Empty(quote.Lines);
    }

    [Theory]
    [InlineData("80", "0", false)]
    [InlineData("79.99", "0", true)]
    [InlineData("100", "20", false)]
    [InlineData("100", "20.01", true)]
    [InlineData("99.99", "20", true)]
    [InlineData("0", "0", true)]
    public void LineIsBelowTheFloorWhenItsNetUnitPriceIs(string price, string discount, bool below)
    {
        var line = Order().AddLine(Product(1, list: 100m, floor: 80m), 5, PriceType.List, D(price), D(discount));

        Assert.Equal(below, line.IsBelowFloor);
    }

    [Fact]
    public void FloorIsComparedWithTheNetUnitPriceRoundedToTheFen()
    {
        // 100.01 × (1 − 20.01 %) = 79.997999…, which is 80.00 to the fen: at the floor, not below it.
        var line = Order().AddLine(Product(1, list: 200m, floor: 80m), 1, PriceType.List, 100.01m, 20.01m);

        Assert.Equal(80.00m, line.NetUnitPrice);
        Assert.False(line.IsBelowFloor);
    }

    [Fact]
    public void SpecialPriceBelowTheFloorCountsAsBelowTheFloor()
    {
        var product = Product(1, list: 100m, floor: 80m);
        product.SetPrice(PriceType.Employee, 60m, null, null, Manager, Now);

        var line = Order().AddLine(product, 1, PriceType.Employee, null, 0m);

        Assert.Equal((60m, false, true), (line.UnitPrice, line.IsPriceOverridden, line.IsBelowFloor));
    }

    [Fact]
    public void LinesAreNumberedInTheOrderTheyWereAdded()
    {
        var order = Order();

        order.AddLine(Product(1), 1, PriceType.List, null, 0m);
        order.AddLine(Product(2), 1, PriceType.List, null, 0m);
        order.AddLine(Product(3), 1, PriceType.List, null, 0m);
        order.RemoveLine(2);
        order.AddLine(Product(4), 1, PriceType.List, null, 0m);

        Assert.Equal([(1, 1), (3, 3), (4, 4)], order.Lines.Select(l => (l.LineNo, l.ProductId)));
    }

    [Fact]
    public void RemovingAMissingLineIsRefusedNamingIt()
    {
        var order = Order();
        order.AddLine(Product(1), 1, PriceType.List, null, 0m);

        var error = Assert.Throws<DomainException>(() => order.RemoveLine(9));

        Assert.Equal(("SalesDocument.LineNotFound", 9), (error.Code, error.Arguments[0]));
        Assert.Single(order.Lines);
    }

    [Fact]
    public void DocumentTakesAtMostTheMaximumNumberOfLines()
    {
        var quote = Quote();
        var product = Product(1);
        for (var i = 0; i < SalesDocument<QuoteLine>.MaxLines; i++)
            quote.AddLine(product, 1, PriceType.List, null, 0m);

        var error = Assert.Throws<DomainException>(() => quote.AddLine(product, 1, PriceType.List, null, 0m));

        Assert.Equal(("SalesDocument.TooManyLines", SalesDocument<QuoteLine>.MaxLines), (error.Code, error.Arguments[0]));
        Assert.Equal(SalesDocument<QuoteLine>.MaxLines, quote.Lines.Count);
    }
}
