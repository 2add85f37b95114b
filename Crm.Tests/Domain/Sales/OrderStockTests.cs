using Crm.Domain.Common;
using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>
/// What an order does to stock: confirming reserves every line (or nothing, when a product is short),
/// cancelling a confirmed order releases, shipping consumes the reservation and the units on hand.
/// </summary>
public sealed class OrderStockTests
{
    private static readonly Product Laptop = Product(1, "华为 MateBook X");
    private static readonly Product Keyboard = Product(2, "罗技 MX Keys", list: 50m, floor: 40m);

    private static Order TwoLines(int laptops = 4, int keyboards = 2)
    {
        var order = Order();
        order.AddLine(Laptop, laptops, PriceType.List, null, 0m);
        order.AddLine(Keyboard, keyboards, PriceType.List, null, 0m);
        return order;
    }

    [Fact]
    public void ConfirmReservesEveryLineInTheOrdersWarehouse()
    {
        var order = TwoLines();
        var laptops = Stock(1, onHand: 10);
        var keyboards = Stock(2, onHand: 5);

        var movements = order.Confirm(StockOf(laptops, keyboards), Manager, Now);

        Assert.Equal(
            [(1, StockMovementKind.Reservation, 4, 0, 4, (int?)42), (2, StockMovementKind.Reservation, 2, 0, 2, 42)],
            movements.Select(m => (m.ProductId, m.Kind, m.Quantity, m.OnHandDelta, m.ReservedDelta, m.OrderId)));
        Assert.All(movements, m => Assert.Equal((WarehouseId, (Guid?)Manager, Now), (m.WarehouseId, m.ByUserId, m.OccurredAt)));
        Assert.Equal((10, 4, 6), (laptops.OnHand, laptops.Reserved, laptops.Available));
        Assert.Equal((5, 2, 3), (keyboards.OnHand, keyboards.Reserved, keyboards.Available));
        Assert.Equal((OrderStatus.Confirmed, (DateTimeOffset?)Now), (order.Status, order.ConfirmedAt));
    }

    [Fact]
    public void ConfirmMayTakeTheLastAvailableUnits()
    {
        var order = TwoLines(laptops: 4, keyboards: 2);
        var laptops = Stock(1, onHand: 4);
        var keyboards = Stock(2, onHand: 2);

        order.Confirm(StockOf(laptops, keyboards), Zhang, Now);

        Assert.Equal((0, 0), (laptops.Available, keyboards.Available));
    }

    [Fact]
    public void OversellingIsRefusedNamingTheProductWhatIsAvailableAndWhatWasAsked()
    {
        var order = TwoLines(laptops: 4, keyboards: 2);
        var laptops = Stock(1, onHand: 10);
        var keyboards = Stock(2, onHand: 3);
        keyboards.Reserve(2, "罗技 MX Keys", orderId: 41, Zhang, Now);

        var error = Assert.Throws<DomainException>(() => order.Confirm(StockOf(laptops, keyboards), Zhang, Now));

        Assert.Equal("Stock.Insufficient", error.Code);
        Assert.Equal(["罗技 MX Keys", 1, 2], error.Arguments);
    }

    [Fact]
    public void RefusedConfirmReservesNothingAtAll()
    {
        // The first line could be reserved, the second cannot: neither is.
        var order = TwoLines(laptops: 4, keyboards: 6);
        var laptops = Stock(1, onHand: 10);
        var keyboards = Stock(2, onHand: 5);
        var before = (Snapshot(laptops), Snapshot(keyboards));

        Assert.Equal("Stock.Insufficient", Refusal(() => order.Confirm(StockOf(laptops, keyboards), Zhang, Now)));

        Assert.Equal(before, (Snapshot(laptops), Snapshot(keyboards)));
        Assert.Equal((OrderStatus.Draft, (DateTimeOffset?)null), (order.Status, order.ConfirmedAt));
    }

    [Fact]
    public void ProductWithNothingInStockIsRefusedWithNoneAvailable()
    {
        var order = TwoLines();

        var error = Assert.Throws<DomainException>(() => order.Confirm(StockOf(Stock(1, 0), Stock(2, 5)), Zhang, Now));

        Assert.Equal(["华为 MateBook X", 0, 4], error.Arguments);
    }

    [Fact]
    public void TwoLinesOfTheSameProductAreCheckedTogether()
    {
        var order = Order();
        order.AddLine(Laptop, 3, PriceType.List, null, 0m);
        order.AddLine(Laptop, 3, PriceType.List, 90m, 0m);
        var laptops = Stock(1, onHand: 5);

        var error = Assert.Throws<DomainException>(() => order.Confirm(StockOf(laptops), Zhang, Now));

        Assert.Equal(("Stock.Insufficient", "华为 MateBook X", 5, 6), (error.Code, error.Arguments[0], error.Arguments[1], error.Arguments[2]));
        Assert.Equal(0, laptops.Reserved);
    }

    [Fact]
    public void TwoLinesOfTheSameProductWithinStockAreEachReserved()
    {
        var order = Order();
        order.AddLine(Laptop, 3, PriceType.List, null, 0m);
        order.AddLine(Laptop, 2, PriceType.List, 90m, 0m);
        var laptops = Stock(1, onHand: 5);

        var movements = order.Confirm(StockOf(laptops), Zhang, Now);

        Assert.Equal([3, 2], movements.Select(m => m.ReservedDelta));
        Assert.Equal((5, 0), (laptops.Reserved, laptops.Available));
    }

    [Fact]
    public void StockOfAnotherWarehouseIsNotTakenForTheOrdersOwn()
    {
        var order = TwoLines();
        var laptops = Stock(1, onHand: 10);
        var elsewhere = new StockLevel(2, WarehouseId + 1);
        elsewhere.Receive(100, null, Zhang, Now);

        Assert.Throws<InvalidOperationException>(() => order.Confirm(StockOf(laptops, elsewhere), Zhang, Now));

        Assert.Equal((0, 0), (laptops.Reserved, elsewhere.Reserved));
        Assert.Equal(OrderStatus.Draft, order.Status);
    }

    [Fact]
    public void CancellingAConfirmedOrderReleasesWhatItReserved()
    {
        var order = TwoLines();
        var laptops = Stock(1, onHand: 10);
        var keyboards = Stock(2, onHand: 5);
        order.Confirm(StockOf(laptops, keyboards), Zhang, Now);

        var movements = order.Cancel("客户取消", StockOf(laptops, keyboards), Manager, Now.AddHours(1));

        Assert.Equal(
            [(1, StockMovementKind.Release, 4, 0, -4, (int?)42), (2, StockMovementKind.Release, 2, 0, -2, 42)],
            movements.Select(m => (m.ProductId, m.Kind, m.Quantity, m.OnHandDelta, m.ReservedDelta, m.OrderId)));
        Assert.Equal((10, 0, 10), (laptops.OnHand, laptops.Reserved, laptops.Available));
        Assert.Equal((5, 0, 5), (keyboards.OnHand, keyboards.Reserved, keyboards.Available));
        Assert.Equal((OrderStatus.Cancelled, "客户取消"), (order.Status, order.CancelReason));
    }

    [Fact]
    public void CancellingADraftMovesNoStock()
    {
        var order = TwoLines();
        var laptops = Stock(1, onHand: 10);
        var keyboards = Stock(2, onHand: 5);
        var before = (Snapshot(laptops), Snapshot(keyboards));

        var movements = order.Cancel("重复下单", StockOf(laptops, keyboards), Zhang, Now);

        Assert.Empty(movements);
        Assert.Equal(before, (Snapshot(laptops), Snapshot(keyboards)));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void CancellingADraftNeedsNoStockLevels()
    {
        var order = TwoLines();

        order.Cancel("重复下单", StockOf(), Zhang, Now);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void ShippingConsumesTheReservationAndTheUnitsOnHand()
    {
        var order = TwoLines();
        var laptops = Stock(1, onHand: 10);
        var keyboards = Stock(2, onHand: 5);
        order.Confirm(StockOf(laptops, keyboards), Zhang, Now);
        Assert.All(order.Lines, l => Assert.Equal(0, l.ShippedQuantity));

        var movements = order.Ship(StockOf(laptops, keyboards), Manager, Now.AddDays(1));

        Assert.Equal(
            [(1, StockMovementKind.Shipment, 4, -4, -4, (int?)42), (2, StockMovementKind.Shipment, 2, -2, -2, 42)],
            movements.Select(m => (m.ProductId, m.Kind, m.Quantity, m.OnHandDelta, m.ReservedDelta, m.OrderId)));
        Assert.Equal((6, 0, 6), (laptops.OnHand, laptops.Reserved, laptops.Available));
        Assert.Equal((3, 0, 3), (keyboards.OnHand, keyboards.Reserved, keyboards.Available));
        Assert.Equal([(4, 4), (2, 2)], order.Lines.Select(l => (l.ShippedQuantity, l.ReturnableQuantity)));
        Assert.Equal((OrderStatus.Shipped, (DateTimeOffset?)Now.AddDays(1)), (order.Status, order.ShippedAt));
    }

    [Fact]
    public void ShippingLeavesOtherOrdersReservationsAlone()
    {
        var order = TwoLines(laptops: 4, keyboards: 1);
        var laptops = Stock(1, onHand: 10);
        var keyboards = Stock(2, onHand: 5);
        laptops.Reserve(5, "华为 MateBook X", orderId: 41, Zhang, Now);
        order.Confirm(StockOf(laptops, keyboards), Zhang, Now);

        order.Ship(StockOf(laptops, keyboards), Zhang, Now);

        Assert.Equal((6, 5, 1), (laptops.OnHand, laptops.Reserved, laptops.Available));
    }

    [Fact]
    public void CompletedOrderKeepsItsStock()
    {
        var order = TwoLines();
        var laptops = Stock(1, onHand: 10);
        var keyboards = Stock(2, onHand: 5);
        order.Confirm(StockOf(laptops, keyboards), Zhang, Now);
        order.Ship(StockOf(laptops, keyboards), Zhang, Now);
        var before = Snapshot(laptops);

        order.Complete(Now.AddDays(3));

        Assert.Equal(before, Snapshot(laptops));
        Assert.Equal((OrderStatus.Completed, (DateTimeOffset?)Now.AddDays(3)), (order.Status, order.CompletedAt));
    }
}
