using Crm.Domain.Common;

namespace Crm.Domain.Sales;

/// <summary>
/// 库存: the stock of one product in one warehouse. It is the running sum of its
/// <see cref="StockMovement"/>s and changes only by adding one through the methods below; nobody edits
/// the quantities. <see cref="Version"/> changes with every movement, so two orders competing for the
/// last units cannot both reserve them: the second save fails its concurrency check.
/// </summary>
public sealed class StockLevel : Entity
{
    private StockLevel()
    {
    }

    public StockLevel(int productId, int warehouseId)
    {
        ProductId = productId;
        WarehouseId = warehouseId;
        Version = Guid.NewGuid();
    }

    public int ProductId { get; private set; }

    public int WarehouseId { get; private set; }

    /// <summary>在库: physically in the warehouse.</summary>
    public int OnHand { get; private set; }

    /// <summary>已预留: promised to confirmed orders, not shipped yet.</summary>
    public int Reserved { get; private set; }

    public int Available => OnHand - Reserved;

    public Guid Version { get; private set; }

    /// <summary>入库.</summary>
    public StockMovement Receive(int quantity, string? note, Guid? by, DateTimeOffset at) =>
        Post(StockMovementKind.Receipt, Positive(quantity), quantity, 0, null, null, note, by, at);

    /// <summary>
    /// 预留 for a confirmed order; refuses to promise more than is available, naming the product and
    /// what is left.
    /// </summary>
    public StockMovement Reserve(int quantity, string productName, int orderId, Guid? by, DateTimeOffset at)
    {
        Positive(quantity);
        if (quantity > Available)
            throw new DomainException("Stock.Insufficient", productName, Math.Max(Available, 0), quantity);
        return Post(StockMovementKind.Reservation, quantity, 0, quantity, orderId, null, null, by, at);
    }

    /// <summary>释放 the reservation of a cancelled order.</summary>
    public StockMovement Release(int quantity, int orderId, Guid? by, DateTimeOffset at)
    {
        if (Positive(quantity) > Reserved)
            throw new DomainException("Stock.ReleaseExceedsReserved", quantity, Reserved);
        return Post(StockMovementKind.Release, quantity, 0, -quantity, orderId, null, null, by, at);
    }

    /// <summary>出库: ships reserved units, which leave the warehouse.</summary>
    public StockMovement Ship(int quantity, int orderId, Guid? by, DateTimeOffset at)
    {
        if (Positive(quantity) > Reserved || quantity > OnHand)
            throw new DomainException("Stock.ShipExceedsReserved", quantity, Reserved);
        return Post(StockMovementKind.Shipment, quantity, -quantity, -quantity, orderId, null, null, by, at);
    }

    /// <summary>退货入库: returned goods received back.</summary>
    public StockMovement Restock(int quantity, int returnId, Guid? by, DateTimeOffset at) =>
        Post(StockMovementKind.Return, Positive(quantity), quantity, 0, null, returnId, null, by, at);

    /// <summary>盘点调整: a count found more or fewer units; never below what is reserved.</summary>
    public StockMovement Adjust(int delta, string note, Guid? by, DateTimeOffset at)
    {
        if (delta == 0)
            throw new DomainException("Stock.AdjustmentZero");
        var reason = Text.Required(note, StockMovement.NoteMaxLength, "StockMovement.Note");
        if (OnHand + delta < Reserved)
            throw new DomainException("Stock.AdjustmentBelowReserved", OnHand + delta, Reserved);
        return Post(StockMovementKind.Adjustment, Math.Abs(delta), delta, 0, null, null, reason, by, at);
    }

    private StockMovement Post(StockMovementKind kind, int quantity, int onHandDelta, int reservedDelta, int? orderId, int? returnId, string? note, Guid? by, DateTimeOffset at)
    {
        var text = Text.Optional(note, StockMovement.NoteMaxLength, "StockMovement.Note");
        OnHand += onHandDelta;
        Reserved += reservedDelta;
        Version = Guid.NewGuid();
        return new StockMovement(ProductId, WarehouseId, kind, quantity, onHandDelta, reservedDelta, orderId, returnId,
            text, by, at);
    }

    private static int Positive(int quantity) =>
        quantity > 0 ? quantity : throw new DomainException("Stock.QuantityNotPositive");
}

/// <summary>库存变动: one change of stock, never edited or deleted. The stock level is their sum.</summary>
public sealed class StockMovement : Entity
{
    public const int NoteMaxLength = 200;

    private StockMovement()
    {
    }

    internal StockMovement(int productId, int warehouseId, StockMovementKind kind, int quantity, int onHandDelta, int reservedDelta,
        int? orderId, int? returnId, string? note, Guid? by, DateTimeOffset at)
    {
        ProductId = productId;
        WarehouseId = warehouseId;
        Kind = kind;
        Quantity = quantity;
        OnHandDelta = onHandDelta;
        ReservedDelta = reservedDelta;
        OrderId = orderId;
        ReturnId = returnId;
        Note = note;
        ByUserId = by;
        OccurredAt = at;
    }

    public int ProductId { get; private set; }

    public int WarehouseId { get; private set; }

    public StockMovementKind Kind { get; private set; }

    /// <summary>How many units moved (always positive; the deltas carry the direction).</summary>
    public int Quantity { get; private set; }

    public int OnHandDelta { get; private set; }

    public int ReservedDelta { get; private set; }

    public int? OrderId { get; private set; }

    public int? ReturnId { get; private set; }

    public string? Note { get; private set; }

    public Guid? ByUserId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }
}
