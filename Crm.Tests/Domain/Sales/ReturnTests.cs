using Crm.Domain.Common;
using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>
/// Returns (退货) against shipped order lines: the quantity limits, the flow Requested → Approved →
/// Received → Refunded or Rejected, restocking on receipt, and the amounts returned.
/// </summary>
public sealed class ReturnTests
{
    private const int Reason = 51;
    private static readonly DateTimeOffset Later = Now.AddDays(7);

    private static readonly (ReturnStatus From, ReturnStatus To)[] Allowed =
    [
        (ReturnStatus.Requested, ReturnStatus.Approved),
        (ReturnStatus.Requested, ReturnStatus.Rejected),
        (ReturnStatus.Approved, ReturnStatus.Received),
        (ReturnStatus.Received, ReturnStatus.Refunded),
    ];

    /// <summary>The statuses a method moves to; nothing moves a return back to requested.</summary>
    private static readonly ReturnStatus[] Targets = [ReturnStatus.Approved, ReturnStatus.Received, ReturnStatus.Refunded, ReturnStatus.Rejected];

    public static TheoryData<ReturnStatus, ReturnStatus> AllowedTransitions() => ToTheoryData(Allowed);

    public static TheoryData<ReturnStatus, ReturnStatus> RefusedTransitions() =>
        ToTheoryData(Enum.GetValues<ReturnStatus>().SelectMany(from => Targets.Select(to => (from, to))).Except(Allowed));

    public static TheoryData<ReturnStatus, ReturnStatus> AllPairs() =>
        ToTheoryData(Enum.GetValues<ReturnStatus>().SelectMany(from => Enum.GetValues<ReturnStatus>().Select(to => (from, to))));

    private static TheoryData<ReturnStatus, ReturnStatus> ToTheoryData(IEnumerable<(ReturnStatus From, ReturnStatus To)> pairs)
    {
        var data = new TheoryData<ReturnStatus, ReturnStatus>();
        foreach (var (from, to) in pairs)
            data.Add(from, to);
        return data;
    }

    /// <summary>
    /// Order 42, shipped from the test warehouse: line 1 is 5 laptops at 100.00, line 2 is 3 keyboards
    /// at 33.33 less 10 % (amount 89.99).
    /// </summary>
    private sealed class Shipped
    {
        public Shipped(OrderStatus status = OrderStatus.Shipped)
        {
            Order = SalesTestData.Order();
            Order.AddLine(Product(1, "华为 MateBook X"), 5, PriceType.List, null, 0m);
            Order.AddLine(Product(2, "罗技 MX Keys", list: 40m, floor: 20m), 3, PriceType.List, 33.33m, 10m);
            Laptops = Stock(1, onHand: 10);
            Keyboards = Stock(2, onHand: 10);
            if (status == OrderStatus.Cancelled)
            {
                Order.Cancel("取消", StockOf(), Zhang, Now);
                return;
            }

            if (status == OrderStatus.Draft)
                return;
            Order.Confirm(Levels, Zhang, Now);
            if (status == OrderStatus.Confirmed)
                return;
            Order.Ship(Levels, Zhang, Now);
            if (status == OrderStatus.Completed)
                Order.Complete(Now);
        }

        public Order Order { get; }

        public StockLevel Laptops { get; }

        public StockLevel Keyboards { get; }

        public Dictionary<int, StockLevel> Levels => StockOf(Laptops, Keyboards);

        public Return Request(params (int LineNo, int Quantity)[] quantities) =>
            TestIds.Set(Order.RequestReturn("RT202603170001", quantities, Reason, " 屏幕坏点 ", Zhang, Later), 9);

        public int[] Returned => Order.Lines.Select(l => l.ReturnedQuantity).ToArray();
    }

    private static (Shipped Sale, Return Return) InStatus(ReturnStatus status)
    {
        var sale = new Shipped();
        var request = sale.Request((1, 2));
        switch (status)
        {
            case ReturnStatus.Approved:
                request.Approve(Manager, null, Now);
                break;
            case ReturnStatus.Received:
                request.Approve(Manager, null, Now);
                request.Receive(sale.Levels, Zhang, Now);
                break;
            case ReturnStatus.Refunded:
                request.Approve(Manager, null, Now);
                request.Receive(sale.Levels, Zhang, Now);
                request.Refund(Now);
                break;
            case ReturnStatus.Rejected:
                request.Reject(sale.Order, Manager, "不在退货期内", Now);
                break;
        }

        Assert.Equal(status, request.Status);
        return (sale, request);
    }

    private static void Move(Shipped sale, Return request, ReturnStatus to)
    {
        switch (to)
        {
            case ReturnStatus.Approved:
                request.Approve(Manager, "同意", Later);
                break;
            case ReturnStatus.Rejected:
                request.Reject(sale.Order, Manager, "不同意", Later);
                break;
            case ReturnStatus.Received:
                request.Receive(sale.Levels, Zhang, Later);
                break;
            case ReturnStatus.Refunded:
                request.Refund(Later);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(to));
        }
    }

    [Fact]
    public void RequestDescribesTheOrderAndTheReturnedLines()
    {
        var sale = new Shipped();

        var request = sale.Request((1, 2), (2, 1));

        Assert.Equal(("RT202603170001", ReturnStatus.Requested, 42, "SO202603100001", CustomerId, OrgUnitId, WarehouseId),
            (request.Number, request.Status, request.OrderId, request.OrderNumber, request.CustomerId, request.OrgUnitId, request.WarehouseId));
        Assert.Equal((Reason, "屏幕坏点", Zhang, Later), (request.ReasonId, request.Description, request.RequestedBy, request.RequestedAt));
        Assert.Equal(
            [(1, 1, "华为 MateBook X", 2, 100m, 200m), (2, 2, "罗技 MX Keys", 1, 30m, 30m)],
            request.Lines.Select(l => (l.LineNo, l.ProductId, l.ProductName, l.Quantity, l.UnitPrice, l.Amount)));
        Assert.Equal(230m, request.Amount);
        Assert.Equal([2, 1], sale.Returned);
    }

    [Fact]
    public void WholeShippedQuantityCanBeReturned()
    {
        var sale = new Shipped();

        var request = sale.Request((1, 5), (2, 3));

        Assert.Equal(500m + 89.99m, request.Amount);
        Assert.All(sale.Order.Lines, l => Assert.Equal(0, l.ReturnableQuantity));
    }

    [Fact]
    public void CompletedOrderTakesReturnsToo()
    {
        var sale = new Shipped(OrderStatus.Completed);

        Assert.Equal(ReturnStatus.Requested, sale.Request((1, 1)).Status);
    }

    [Theory]
    [InlineData(OrderStatus.Draft)]
    [InlineData(OrderStatus.Confirmed)]
    [InlineData(OrderStatus.Cancelled)]
    public void OrderNotShippedTakesNoReturnNamingIt(OrderStatus status)
    {
        var sale = new Shipped(status);

        var error = Assert.Throws<DomainException>(() => sale.Request((1, 1)));

        Assert.Equal(("Return.OrderNotShipped", "SO202603100001"), (error.Code, error.Arguments[0]));
        Assert.Equal([0, 0], sale.Returned);
    }

    [Fact]
    public void ReturningMoreThanShippedIsRefusedNamingTheProductAndWhatIsReturnable()
    {
        var sale = new Shipped();

        var error = Assert.Throws<DomainException>(() => sale.Request((2, 4)));

        Assert.Equal("Return.QuantityExceedsReturnable", error.Code);
        Assert.Equal(["罗技 MX Keys", 3, 4], error.Arguments);
    }

    [Fact]
    public void SecondReturnMayTakeOnlyWhatTheFirstLeft()
    {
        var sale = new Shipped();
        sale.Request((1, 3));

        var error = Assert.Throws<DomainException>(() => sale.Request((1, 3)));
        Assert.Equal(["华为 MateBook X", 2, 3], error.Arguments);
        sale.Request((1, 2));

        Assert.Equal(["华为 MateBook X", 0, 1], Assert.Throws<DomainException>(() => sale.Request((1, 1))).Arguments);
        Assert.Equal([5, 0], sale.Returned);
    }

    [Fact]
    public void RefusedRequestCountsNothingAsReturned()
    {
        // Line 1 is fine, line 2 asks for too much: neither counts.
        var sale = new Shipped();

        Assert.Equal("Return.QuantityExceedsReturnable", Refusal(() => sale.Request((1, 2), (2, 5))));

        Assert.Equal([0, 0], sale.Returned);
    }

    [Fact]
    public void RequestWithoutQuantitiesIsRefused()
    {
        var sale = new Shipped();

        Assert.Equal("Return.NoLines", Refusal(() => sale.Request()));
        Assert.Equal("Return.NoLines", Refusal(() => sale.Request((1, 0), (2, 0))));
    }

    [Fact]
    public void LinesLeftAtZeroAreNotReturned()
    {
        var sale = new Shipped();

        var request = sale.Request((1, 0), (2, 2));

        Assert.Equal(2, Assert.Single(request.Lines).LineNo);
        Assert.Equal([0, 2], sale.Returned);
    }

    [Fact]
    public void NegativeQuantityIsRefused()
    {
        var sale = new Shipped();

        Assert.Equal("Return.QuantityNotPositive", Refusal(() => sale.Request((1, 2), (2, -1))));
        Assert.Equal([0, 0], sale.Returned);
    }

    [Fact]
    public void SameLineTwiceIsRefused()
    {
        var sale = new Shipped();

        Assert.Equal("Return.DuplicateLine", Refusal(() => sale.Request((1, 1), (1, 1))));
        Assert.Equal([0, 0], sale.Returned);
    }

    [Fact]
    public void LineTheOrderDoesNotHaveIsRefused()
    {
        var sale = new Shipped();

        var error = Assert.Throws<DomainException>(() => sale.Request((1, 1), (3, 1)));

        Assert.Equal(("SalesDocument.LineNotFound", 3), (error.Code, error.Arguments[0]));
        Assert.Equal([0, 0], sale.Returned);
    }

    [Fact]
    public void RejectionGivesTheQuantitiesBack()
    {
        var sale = new Shipped();
        var request = sale.Request((1, 5), (2, 1));

        request.Reject(sale.Order, Manager, " 超过退货期 ", Later);

        Assert.Equal((ReturnStatus.Rejected, (Guid?)Manager, (DateTimeOffset?)Later, "超过退货期"),
            (request.Status, request.DecidedBy, request.DecidedAt, request.DecisionComment));
        Assert.Equal([0, 0], sale.Returned);
        Assert.Equal([5, 3], sale.Order.Lines.Select(l => l.ReturnableQuantity));
        Assert.Equal(5, Assert.Single(sale.Request((1, 5)).Lines).Quantity);
    }

    [Fact]
    public void RejectionGivesBackOnlyItsOwnQuantities()
    {
        var sale = new Shipped();
        sale.Request((1, 2));
        var second = TestIds.Set(sale.Order.RequestReturn("RT202603170002", [(1, 3)], Reason, null, Zhang, Later), 10);

        second.Reject(sale.Order, Manager, "重复申请", Later);

        Assert.Equal([2, 0], sale.Returned);
    }

    [Fact]
    public void RejectingWithAnotherOrderIsAProgrammingError()
    {
        var sale = new Shipped();
        var request = sale.Request((1, 2));
        var other = new Shipped().Order;
        TestIds.Set(other, 99);

        Assert.Throws<InvalidOperationException>(() => request.Reject(other, Manager, "错单", Later));
        Assert.Equal(ReturnStatus.Requested, request.Status);
    }

    [Fact]
    public void ApprovalRecordsWhoDecidedWhenAndWhy()
    {
        var (_, request) = InStatus(ReturnStatus.Requested);

        request.Approve(Manager, "  ", Later);

        Assert.Equal((ReturnStatus.Approved, (Guid?)Manager, (DateTimeOffset?)Later, (string?)null),
            (request.Status, request.DecidedBy, request.DecidedAt, request.DecisionComment));
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void AllowedTransitionMovesTheReturn(ReturnStatus from, ReturnStatus to)
    {
        var (sale, request) = InStatus(from);

        Move(sale, request, to);

        Assert.Equal(to, request.Status);
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void RefusedTransitionThrowsNamingBothStatesAndChangesNothing(ReturnStatus from, ReturnStatus to)
    {
        var (sale, request) = InStatus(from);
        var before = (request.DecidedBy, request.DecidedAt, request.DecisionComment, request.ReceivedAt, request.RefundedAt);
        var returned = sale.Returned;
        var stock = Snapshot(sale.Laptops);

        var error = Assert.Throws<DomainException>(() => Move(sale, request, to));

        Assert.Equal("Return.StatusTransitionNotAllowed", error.Code);
        Assert.Equal([from, to], error.Arguments.Cast<ReturnStatus>());
        Assert.Equal(from, request.Status);
        Assert.Equal(before, (request.DecidedBy, request.DecidedAt, request.DecisionComment, request.ReceivedAt, request.RefundedAt));
        Assert.Equal(returned, sale.Returned);
        Assert.Equal(stock, Snapshot(sale.Laptops));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void CanMoveToAnswersFromTheSameTable(ReturnStatus from, ReturnStatus to)
    {
        Assert.Equal(Allowed.Contains((from, to)), InStatus(from).Return.CanMoveTo(to));
    }

    [Fact]
    public void ReceivingRestocksTheReturnedUnitsInTheOrdersWarehouse()
    {
        var sale = new Shipped();
        var request = sale.Request((1, 2), (2, 3));
        request.Approve(Manager, null, Now);
        var laptopsBefore = (sale.Laptops.OnHand, sale.Laptops.Reserved);

        var movements = request.Receive(sale.Levels, Zhang, Later);

        Assert.Equal(
            [(1, StockMovementKind.Return, 2, 2, 0, (int?)9), (2, StockMovementKind.Return, 3, 3, 0, 9)],
            movements.Select(m => (m.ProductId, m.Kind, m.Quantity, m.OnHandDelta, m.ReservedDelta, m.ReturnId)));
        Assert.All(movements, m => Assert.Equal((WarehouseId, (Guid?)Zhang, Later), (m.WarehouseId, m.ByUserId, m.OccurredAt)));
        Assert.Equal((laptopsBefore.OnHand + 2, laptopsBefore.Reserved), (sale.Laptops.OnHand, sale.Laptops.Reserved));
        Assert.Equal((7 + 3, 10), (sale.Keyboards.OnHand, sale.Keyboards.Available));
        Assert.Equal((ReturnStatus.Received, (DateTimeOffset?)Later), (request.Status, request.ReceivedAt));
    }

    [Fact]
    public void RefundIsStamped()
    {
        var (_, request) = InStatus(ReturnStatus.Received);

        request.Refund(Later);

        Assert.Equal((ReturnStatus.Refunded, (DateTimeOffset?)Later), (request.Status, request.RefundedAt));
    }

    [Theory]
    [InlineData(1, "30.00")]
    [InlineData(2, "59.99")]
    [InlineData(3, "89.99")]
    public void PartialQuantityReturnsItsShareOfTheLineAmountRoundedToTheFen(int quantity, string amount)
    {
        // The line: 3 × 33.33 less 10 % = 89.991, sold for 89.99; a unit's share is 29.996….
        var sale = new Shipped();

        var request = sale.Request((2, quantity));

        var line = Assert.Single(request.Lines);
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), line.Amount);
        Assert.Equal(line.Amount, request.Amount);
        Assert.Equal(30.00m, line.UnitPrice);
    }

    [Fact]
    public void PartialReturnsOfALineNeverAddUpToMoreThanItsAmount()
    {
        // 2 × 99.99 less 50 % = 99.99; each unit's share is 49.995, rounded to 50.00 twice.
        var order = Order();
        order.AddLine(Product(1, list: 100m, floor: 0m), 2, PriceType.List, 99.99m, 50m);
        var level = Stock(1, 5);
        order.Confirm(StockOf(level), Zhang, Now);
        order.Ship(StockOf(level), Zhang, Now);

        var first = order.RequestReturn("RT1", [(1, 1)], Reason, null, Zhang, Later);
        var second = order.RequestReturn("RT2", [(1, 1)], Reason, null, Zhang, Later);

        Assert.Equal(order.Lines[0].Amount, first.Amount + second.Amount);
    }
}
