using Crm.Domain.Common;
using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>
/// The order's state machine: Draft → Confirmed/Cancelled, Confirmed → Shipped/Cancelled,
/// Shipped → Completed. Every other move throws and changes nothing.
/// </summary>
public sealed class OrderStatusTransitionTests
{
    private static readonly DateTimeOffset MoveAt = Now.AddHours(5);

    private static readonly (OrderStatus From, OrderStatus To)[] Allowed =
    [
        (OrderStatus.Draft, OrderStatus.Confirmed),
        (OrderStatus.Draft, OrderStatus.Cancelled),
        (OrderStatus.Confirmed, OrderStatus.Shipped),
        (OrderStatus.Confirmed, OrderStatus.Cancelled),
        (OrderStatus.Shipped, OrderStatus.Completed),
    ];

    /// <summary>The statuses a method moves to; nothing moves an order back to draft.</summary>
    private static readonly OrderStatus[] Targets = [OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Completed, OrderStatus.Cancelled];

    public static TheoryData<OrderStatus, OrderStatus> AllowedTransitions() => ToTheoryData(Allowed);

    public static TheoryData<OrderStatus, OrderStatus> RefusedTransitions() =>
        ToTheoryData(Enum.GetValues<OrderStatus>().SelectMany(from => Targets.Select(to => (from, to))).Except(Allowed));

    public static TheoryData<OrderStatus, OrderStatus> AllPairs() =>
        ToTheoryData(Enum.GetValues<OrderStatus>().SelectMany(from => Enum.GetValues<OrderStatus>().Select(to => (from, to))));

    public static TheoryData<OrderStatus> NotDraft() => [OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Completed, OrderStatus.Cancelled];

    private static TheoryData<OrderStatus, OrderStatus> ToTheoryData(IEnumerable<(OrderStatus From, OrderStatus To)> pairs)
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var (from, to) in pairs)
            data.Add(from, to);
        return data;
    }

    /// <summary>An order of 3 units of product 1, with 10 in stock, brought to <paramref name="status"/> the way users do.</summary>
    private static (Order Order, StockLevel Level) InStatus(OrderStatus status)
    {
        var order = Order();
        order.AddLine(Product(1), 3, PriceType.List, null, 0m);
        var level = Stock(1, onHand: 10);
        var stock = StockOf(level);
        switch (status)
        {
            case OrderStatus.Confirmed:
                order.Confirm(stock, Zhang, Now);
                break;
            case OrderStatus.Shipped:
                order.Confirm(stock, Zhang, Now);
                order.Ship(stock, Zhang, Now);
                break;
            case OrderStatus.Completed:
                order.Confirm(stock, Zhang, Now);
                order.Ship(stock, Zhang, Now);
                order.Complete(Now);
                break;
            case OrderStatus.Cancelled:
                order.Cancel("客户取消", stock, Zhang, Now);
                break;
        }

        Assert.Equal(status, order.Status);
        return (order, level);
    }

    private static void Move(Order order, StockLevel level, OrderStatus to)
    {
        var stock = StockOf(level);
        switch (to)
        {
            case OrderStatus.Confirmed:
                order.Confirm(stock, Manager, MoveAt);
                break;
            case OrderStatus.Shipped:
                order.Ship(stock, Manager, MoveAt);
                break;
            case OrderStatus.Completed:
                order.Complete(MoveAt);
                break;
            case OrderStatus.Cancelled:
                order.Cancel("客户改单", stock, Manager, MoveAt);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(to));
        }
    }

    private static DateTimeOffset? StampOf(Order order, OrderStatus status) => status switch
    {
        OrderStatus.Confirmed => order.ConfirmedAt,
        OrderStatus.Shipped => order.ShippedAt,
        OrderStatus.Completed => order.CompletedAt,
        OrderStatus.Cancelled => order.CancelledAt,
        _ => null,
    };

    [Fact]
    public void NewOrderIsADraft()
    {
        var order = Order();

        Assert.Equal(OrderStatus.Draft, order.Status);
        Assert.False(order.IsSale);
        Assert.Equal(("SO202603100001", CustomerId, OrgUnitId, Zhang, Today, WarehouseId), (order.Number, order.CustomerId, order.OrgUnitId, order.SalesmanId, order.Date, order.WarehouseId));
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void AllowedTransitionMovesTheOrderAndStampsIt(OrderStatus from, OrderStatus to)
    {
        var (order, level) = InStatus(from);

        Move(order, level, to);

        Assert.Equal(to, order.Status);
        Assert.Equal(MoveAt, StampOf(order, to));
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void RefusedTransitionThrowsNamingBothStatesAndChangesNothing(OrderStatus from, OrderStatus to)
    {
        var (order, level) = InStatus(from);
        var stockBefore = Snapshot(level);
        var stampBefore = StampOf(order, to);

        var error = Assert.Throws<DomainException>(() => Move(order, level, to));

        Assert.Equal("Order.StatusTransitionNotAllowed", error.Code);
        Assert.Equal([from, to], error.Arguments.Cast<OrderStatus>());
        Assert.Equal(from, order.Status);
        Assert.Equal(stampBefore, StampOf(order, to));
        Assert.Equal(stockBefore, Snapshot(level));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void CanMoveToAnswersFromTheSameTable(OrderStatus from, OrderStatus to)
    {
        var (order, _) = InStatus(from);

        Assert.Equal(Allowed.Contains((from, to)), order.CanMoveTo(to));
    }

    [Fact]
    public void CancelSaysWhyAndNeedsAReason()
    {
        var (order, level) = InStatus(OrderStatus.Confirmed);

        Assert.Equal("Field.Required", Refusal(() => order.Cancel("  ", StockOf(level), Zhang, Now)));
        Assert.Equal((OrderStatus.Confirmed, 3), (order.Status, level.Reserved));
        order.Cancel(" 客户预算取消 ", StockOf(level), Zhang, Now);

        Assert.Equal("客户预算取消", order.CancelReason);
    }

    [Theory]
    [InlineData(OrderStatus.Draft, false)]
    [InlineData(OrderStatus.Confirmed, true)]
    [InlineData(OrderStatus.Shipped, true)]
    [InlineData(OrderStatus.Completed, true)]
    [InlineData(OrderStatus.Cancelled, false)]
    public void OnlyConfirmedShippedAndCompletedOrdersCountAsSales(OrderStatus status, bool isSale)
    {
        Assert.Equal(isSale, InStatus(status).Order.IsSale);
    }

    [Theory]
    [MemberData(nameof(NotDraft))]
    public void OrderOutOfDraftCannotBeEdited(OrderStatus status)
    {
        var (order, _) = InStatus(status);
        var total = order.Total;

        Assert.Equal("Order.NotDraft", Refusal(() => order.AddLine(Product(2), 1, PriceType.List, null, 0m)));
        Assert.Equal("Order.NotDraft", Refusal(() => order.RemoveLine(1)));
        Assert.Equal("Order.NotDraft", Refusal(() => order.UpdateHeader(null, Today, WarehouseId, null, "改", [])));
        Assert.Equal("Order.NotDraft", Refusal(order.RequestApproval));
        Assert.Equal((1, total, (string?)null), (order.Lines.Count, order.Total, order.Remarks));
    }

    [Fact]
    public void OrderWithoutLinesCannotBeConfirmed()
    {
        var order = Order();

        Assert.Equal("SalesDocument.NoLines", Refusal(() => order.Confirm(StockOf(), Zhang, Now)));
        Assert.Equal(OrderStatus.Draft, order.Status);
    }
}
