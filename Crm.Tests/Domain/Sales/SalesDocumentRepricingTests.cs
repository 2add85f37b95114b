using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>Prices are those valid on the document's date: a new date prices the lines again, except typed prices.</summary>
public sealed class SalesDocumentRepricingTests
{
    private static readonly DateOnly February = new(2026, 2, 20);
    private static readonly DateOnly March = new(2026, 3, 10);
    private static readonly DateOnly April = new(2026, 4, 10);

    /// <summary>List 100.00, floor 60.00, promotion 70.00 through March.</summary>
    private static Product Promoted()
    {
        var product = Product(1, floor: 60m);
        product.SetPrice(PriceType.Promotion, 70m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Manager, Now);
        return product;
    }

    [Fact]
    public void NewDatePricesTheLinesFromTheProductsAgain()
    {
        var product = Promoted();
        var quote = Quote(February);
        var line = quote.AddLine(product, 3, PriceType.Promotion, null, 10m);
        Assert.Equal((PriceType.List, 100m, 270m), (line.AppliedPriceType, line.UnitPrice, line.Amount));

        quote.UpdateHeader(null, March, null, null, [product]);

        Assert.Equal((PriceType.Promotion, PriceType.Promotion, 70m, 189m), (line.PriceType, line.AppliedPriceType, line.UnitPrice, line.Amount));
        Assert.Equal((March, 189m), (quote.Date, quote.Total));
    }

    [Fact]
    public void NewDateOutsideThePromotionFallsBackToTheListPrice()
    {
        var product = Promoted();
        var order = Order(March);
        var line = order.AddLine(product, 2, PriceType.Promotion, null, 0m);

        order.UpdateHeader(null, April, WarehouseId, null, null, [product]);

        Assert.Equal((PriceType.List, 100m, 200m, 200m), (line.AppliedPriceType, line.UnitPrice, line.Amount, order.Total));
    }

    [Fact]
    public void TypedPriceIsKeptWhenTheDateChanges()
    {
        var product = Promoted();
        var order = Order(February);
        var line = order.AddLine(product, 2, PriceType.Promotion, 88m, 0m);

        order.UpdateHeader(null, March, WarehouseId, null, null, [product]);

        Assert.Equal((88m, true, 176m), (line.UnitPrice, line.IsPriceOverridden, line.Amount));
        Assert.Equal(PriceType.Promotion, line.AppliedPriceType);
    }

    [Fact]
    public void TypedPriceIsKeptOverSeveralDateChanges()
    {
        // Typed 70.00 in February (list 100.00); in March the promotion is 70.00 too; in April it is gone.
        var product = Promoted();
        var order = Order(February);
        var line = order.AddLine(product, 2, PriceType.Promotion, 70m, 0m);
        Assert.True(line.IsPriceOverridden);

        order.UpdateHeader(null, March, WarehouseId, null, null, [product]);
        order.UpdateHeader(null, April, WarehouseId, null, null, [product]);

        Assert.Equal((70m, true), (line.UnitPrice, line.IsPriceOverridden));
    }

    [Fact]
    public void RepricedLinesTakeTheProductsCurrentFloorPrice()
    {
        var product = Promoted();
        var order = Order(February);
        var line = order.AddLine(product, 1, PriceType.Promotion, null, 0m);
        product.SetListAndFloor(100m, 75m, Manager, Now);

        order.UpdateHeader(null, March, WarehouseId, null, null, [product]);

        Assert.Equal((75m, 70m, true), (line.FloorPrice, line.UnitPrice, line.IsBelowFloor));
        Assert.Equal(PriceApprovalState.Required, order.ApprovalState);
    }

    [Fact]
    public void SameDateKeepsThePricesTheLinesHave()
    {
        var product = Promoted();
        var order = Order(March);
        var line = order.AddLine(product, 2, PriceType.Promotion, null, 0m);
        product.SetPrice(PriceType.Promotion, 65m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Manager, Now);

        order.UpdateHeader(5, March, WarehouseId, null, "改联系人", []);

        Assert.Equal((70m, 140m), (line.UnitPrice, order.Total));
    }

    [Fact]
    public void NewDateNeedsTheProductsOfTheLines()
    {
        var order = Order(February);
        order.AddLine(Promoted(), 2, PriceType.Promotion, null, 0m);

        Assert.Throws<InvalidOperationException>(() => order.UpdateHeader(null, March, WarehouseId, null, null, []));
    }

    [Fact]
    public void NewDateOfADocumentWithoutLinesNeedsNoProducts()
    {
        var quote = Quote(February);

        quote.UpdateHeader(null, March, March.AddDays(30), " 年度框架 ", []);

        Assert.Equal((March, (DateOnly?)March.AddDays(30), "年度框架"), (quote.Date, quote.ValidUntil, quote.Remarks));
    }

    [Fact]
    public void OrderHeaderChangesWarehouseAndDeliveryAddress()
    {
        var order = Order();

        order.UpdateHeader(null, Today, warehouseId: 2, " 北京市海淀区 ", "  ", []);

        Assert.Equal((2, "北京市海淀区", (string?)null), (order.WarehouseId, order.DeliveryAddress, order.Remarks));
    }
}
