using Crm.Domain.Common;

namespace Crm.Domain.Sales;

/// <summary>
/// 订单. A draft is edited freely; confirming it reserves its stock (and needs cleared prices), shipping
/// takes the units out of the warehouse, and a shipped order completes. A draft or confirmed order can
/// be cancelled, which releases what it reserved. Every move is checked against one table and a wrong
/// move always throws.
/// </summary>
public sealed class Order : SalesDocument<OrderLine>
{
    public const int CancelReasonMaxLength = 500;

    private static readonly Dictionary<OrderStatus, OrderStatus[]> AllowedTransitions = new()
    {
        [OrderStatus.Draft] = [OrderStatus.Confirmed, OrderStatus.Cancelled],
        [OrderStatus.Confirmed] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Completed],
        [OrderStatus.Completed] = [],
        [OrderStatus.Cancelled] = [],
    };

    private Order()
    {
    }

    public Order(string number, int customerId, int orgUnitId, Guid salesmanId, DateOnly date, int warehouseId, string? deliveryAddress)
        : base(number, customerId, orgUnitId, salesmanId, date)
    {
        Status = OrderStatus.Draft;
        WarehouseId = warehouseId;
        DeliveryAddress = Text.Optional(deliveryAddress, AddressMaxLength, "Order.DeliveryAddress");
    }

    public OrderStatus Status { get; private set; }

    /// <summary>The warehouse the order reserves and ships from.</summary>
    public int WarehouseId { get; private set; }

    public string? DeliveryAddress { get; private set; }

    public int? QuoteId { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? ShippedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>Confirmed, shipped or completed: the order counts as a sale.</summary>
    public bool IsSale => Status is OrderStatus.Confirmed or OrderStatus.Shipped or OrderStatus.Completed;

    protected override bool IsEditable => Status == OrderStatus.Draft;

    protected override string NotEditableCode => "Order.NotDraft";

    internal static Order FromQuote(Quote quote, string number, DateOnly date, int warehouseId, string? deliveryAddress)
    {
        var order = new Order(number, quote.CustomerId, quote.OrgUnitId, quote.SalesmanId, date, warehouseId, deliveryAddress)
        {
            QuoteId = quote.Id,
        };
        order.SetHeader(quote.ContactId, date, quote.Remarks, []);
        foreach (var line in quote.Lines)
            order._lines.Add(new OrderLine(line));
        order.InheritApproval(quote.ApprovalState);
        return order;
    }

    public void UpdateHeader(int? contactId, DateOnly date, int warehouseId, string? deliveryAddress, string? remarks, IReadOnlyCollection<Product> products)
    {
        var address = Text.Optional(deliveryAddress, AddressMaxLength, "Order.DeliveryAddress");
        SetHeader(contactId, date, remarks, products);
        WarehouseId = warehouseId;
        DeliveryAddress = address;
    }

    public OrderLine AddLine(Product product, int quantity, PriceType priceType, decimal? unitPrice, decimal discountPercent)
    {
        ArgumentNullException.ThrowIfNull(product);
        product.EnsureSellable();
        var line = new OrderLine(NextLineNo(), product, quantity, priceType, Date, unitPrice, discountPercent);
        AddLine(line);
        return line;
    }

    /// <summary>
    /// 确认: reserves every line's quantity in the order's warehouse. <paramref name="stock"/> holds the
    /// stock level of each product of the lines (a level with nothing in it where there is none). Refuses
    /// overselling naming the product and what is available; on refusal nothing is reserved.
    /// </summary>
    public IReadOnlyList<StockMovement> Confirm(IReadOnlyDictionary<int, StockLevel> stock, Guid? by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stock);
        EnsureCanMoveTo(OrderStatus.Confirmed);
        EnsureHasLines();
        EnsurePriceCleared();
        foreach (var group in _lines.GroupBy(l => l.ProductId))
        {
            var level = LevelOf(stock, group.Key);
            var wanted = group.Sum(l => l.Quantity);
            if (wanted > level.Available)
                throw new DomainException("Stock.Insufficient", group.First().ProductName, Math.Max(level.Available, 0), wanted);
        }

        var movements = _lines.Select(l => LevelOf(stock, l.ProductId).Reserve(l.Quantity, l.ProductName, Id, by, at)).ToList();
        Status = OrderStatus.Confirmed;
        ConfirmedAt = at;
        return movements;
    }

    /// <summary>发货: the reserved units leave the warehouse.</summary>
    public IReadOnlyList<StockMovement> Ship(IReadOnlyDictionary<int, StockLevel> stock, Guid? by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stock);
        EnsureCanMoveTo(OrderStatus.Shipped);
        var levels = _lines.Select(l => LevelOf(stock, l.ProductId)).ToList();
        foreach (var group in _lines.GroupBy(l => l.ProductId))
        {
            var level = LevelOf(stock, group.Key);
            var quantity = group.Sum(l => l.Quantity);
            if (quantity > level.Reserved || quantity > level.OnHand)
                throw new DomainException("Stock.ShipExceedsReserved", quantity, level.Reserved);
        }

        var movements = new List<StockMovement>();
        for (var i = 0; i < _lines.Count; i++)
        {
            movements.Add(levels[i].Ship(_lines[i].Quantity, Id, by, at));
            _lines[i].MarkShipped();
        }

        Status = OrderStatus.Shipped;
        ShippedAt = at;
        return movements;
    }

    public void Complete(DateTimeOffset at)
    {
        EnsureCanMoveTo(OrderStatus.Completed);
        Status = OrderStatus.Completed;
        CompletedAt = at;
    }

    /// <summary>取消: a confirmed order gives its reservations back.</summary>
    public IReadOnlyList<StockMovement> Cancel(string reason, IReadOnlyDictionary<int, StockLevel> stock, Guid? by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stock);
        var why = Text.Required(reason, CancelReasonMaxLength, "Order.CancelReason");
        EnsureCanMoveTo(OrderStatus.Cancelled);
        var levels = Status == OrderStatus.Confirmed ? _lines.Select(l => LevelOf(stock, l.ProductId)).ToList() : [];
        var movements = levels.Select((level, i) => level.Release(_lines[i].Quantity, Id, by, at)).ToList();
        Status = OrderStatus.Cancelled;
        CancelledAt = at;
        CancelReason = why;
        return movements;
    }

    /// <summary>
    /// 退货申请 against shipped lines: each quantity at most what was shipped less what is already on
    /// returns. The quantities count as returned from now on, and again become returnable if the return
    /// is rejected.
    /// </summary>
    public Return RequestReturn(string number, IReadOnlyCollection<(int LineNo, int Quantity)> quantities, int reasonId, string? description, Guid requestedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(quantities);
        if (Status is not (OrderStatus.Shipped or OrderStatus.Completed))
            throw new DomainException("Return.OrderNotShipped", Number);
        var wanted = quantities.Where(q => q.Quantity != 0).ToList();
        if (wanted.Count == 0)
            throw new DomainException("Return.NoLines");
        if (wanted.Select(q => q.LineNo).Distinct().Count() != wanted.Count)
            throw new DomainException("Return.DuplicateLine");
        var lines = wanted.Select(q => (Line: _lines.FirstOrDefault(l => l.LineNo == q.LineNo) ?? throw new DomainException("SalesDocument.LineNotFound", q.LineNo), q.Quantity)).ToList();
        foreach (var (line, quantity) in lines)
        {
            if (quantity <= 0)
                throw new DomainException("Return.QuantityNotPositive");
            if (quantity > line.ReturnableQuantity)
                throw new DomainException("Return.QuantityExceedsReturnable", line.ProductName, line.ReturnableQuantity, quantity);
        }

        var returned = lines.Select(l => (l.Line, l.Quantity, ReturnedBefore: l.Line.ReturnedQuantity)).ToList();
        foreach (var (line, quantity) in lines)
            line.AddReturned(quantity);
        return new Return(number, this, returned, reasonId, description, requestedBy, at);
    }

    internal void GiveBackReturned(Return rejected)
    {
        foreach (var returned in rejected.Lines)
            _lines.First(l => l.LineNo == returned.LineNo).RemoveReturned(returned.Quantity);
    }

    public bool CanMoveTo(OrderStatus status) => AllowedTransitions[Status].Contains(status);

    private void EnsureCanMoveTo(OrderStatus status)
    {
        if (!CanMoveTo(status))
            throw new DomainException("Order.StatusTransitionNotAllowed", Status, status);
    }

    private StockLevel LevelOf(IReadOnlyDictionary<int, StockLevel> stock, int productId) =>
        stock.TryGetValue(productId, out var level) && level.WarehouseId == WarehouseId
            ? level
            : throw new InvalidOperationException($"No stock level of product {productId} in warehouse {WarehouseId} was given.");
}
