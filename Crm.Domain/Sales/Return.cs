using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Domain.Sales;

/// <summary>
/// 退货单 against lines of a shipped order (made by <see cref="Order.RequestReturn"/>). A manager approves
/// or rejects it; approved goods are received back into the order's warehouse (restocked) and then
/// refunded, which counts negative in the customer's revenue.
/// </summary>
public sealed class Return : AuditableEntity, ICustomerOwned
{
    public const int NumberMaxLength = 20;
    public const int DescriptionMaxLength = 1000;
    public const int CommentMaxLength = 500;

    private static readonly Dictionary<ReturnStatus, ReturnStatus[]> AllowedTransitions = new()
    {
        [ReturnStatus.Requested] = [ReturnStatus.Approved, ReturnStatus.Rejected],
        [ReturnStatus.Approved] = [ReturnStatus.Received],
        [ReturnStatus.Received] = [ReturnStatus.Refunded],
        [ReturnStatus.Refunded] = [],
        [ReturnStatus.Rejected] = [],
    };

    private readonly List<ReturnLine> _lines = [];

    private Return()
    {
        Number = string.Empty;
    }

    internal Return(string number, Order order, IReadOnlyList<(OrderLine Line, int Quantity, int ReturnedBefore)> lines, int reasonId, string? description, Guid requestedBy, DateTimeOffset at)
        : this()
    {
        Number = Text.Required(number, NumberMaxLength, "Return.Number");
        OrderId = order.Id;
        OrderNumber = order.Number;
        CustomerId = order.CustomerId;
        OrgUnitId = order.OrgUnitId;
        WarehouseId = order.WarehouseId;
        ReasonId = reasonId;
        Description = Text.Optional(description, DescriptionMaxLength, "Return.Description");
        RequestedBy = requestedBy;
        RequestedAt = at;
        Status = ReturnStatus.Requested;
        foreach (var (line, quantity, returnedBefore) in lines)
            _lines.Add(new ReturnLine(line, quantity, returnedBefore));
        Amount = _lines.Sum(l => l.Amount);
    }

    public string Number { get; private set; }

    public int OrderId { get; private set; }

    public string OrderNumber { get; private set; } = string.Empty;

    public int CustomerId { get; private set; }

    public int OrgUnitId { get; private set; }

    public int WarehouseId { get; private set; }

    /// <summary>退货原因, from the dictionary.</summary>
    public int ReasonId { get; private set; }

    public string? Description { get; private set; }

    public ReturnStatus Status { get; private set; }

    /// <summary>The value of the returned units at the prices they were sold at.</summary>
    public decimal Amount { get; private set; }

    public Guid RequestedBy { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionComment { get; private set; }

    public DateTimeOffset? ReceivedAt { get; private set; }

    public DateTimeOffset? RefundedAt { get; private set; }

    public IReadOnlyList<ReturnLine> Lines => _lines;

    public void Approve(Guid by, string? comment, DateTimeOffset at)
    {
        MoveTo(ReturnStatus.Approved);
        Decide(by, comment, at);
    }

    /// <summary>Rejecting makes the quantities returnable again on <paramref name="order"/>.</summary>
    public void Reject(Order order, Guid by, string? comment, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Id != OrderId)
            throw new InvalidOperationException("The order of another return was given.");
        MoveTo(ReturnStatus.Rejected);
        Decide(by, comment, at);
        order.GiveBackReturned(this);
    }

    /// <summary>收货: the returned units go back into stock (<paramref name="stock"/> by product, in the return's warehouse).</summary>
    public IReadOnlyList<StockMovement> Receive(IReadOnlyDictionary<int, StockLevel> stock, Guid? by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stock);
        if (!CanMoveTo(ReturnStatus.Received))
            throw new DomainException("Return.StatusTransitionNotAllowed", Status, ReturnStatus.Received);
        var levels = _lines.Select(l => stock.TryGetValue(l.ProductId, out var level) && level.WarehouseId == WarehouseId
            ? level
            : throw new InvalidOperationException($"No stock level of product {l.ProductId} was given.")).ToList();
        var movements = levels.Select((level, i) => level.Restock(_lines[i].Quantity, Id, by, at)).ToList();
        MoveTo(ReturnStatus.Received);
        ReceivedAt = at;
        return movements;
    }

    /// <summary>退款: from now on the amount counts negative in the customer's revenue.</summary>
    public void Refund(DateTimeOffset at)
    {
        MoveTo(ReturnStatus.Refunded);
        RefundedAt = at;
    }

    public bool CanMoveTo(ReturnStatus status) => AllowedTransitions[Status].Contains(status);

    private void Decide(Guid by, string? comment, DateTimeOffset at)
    {
        DecidedBy = by;
        DecidedAt = at;
        DecisionComment = Text.Optional(comment, CommentMaxLength, "Return.DecisionComment");
    }

    private void MoveTo(ReturnStatus status)
    {
        if (!CanMoveTo(status))
            throw new DomainException("Return.StatusTransitionNotAllowed", Status, status);
        Status = status;
    }
}

public sealed class ReturnLine : Entity
{
    private ReturnLine()
    {
        ProductName = string.Empty;
    }

    /// <summary>
    /// The amount is this part's share of the line amount, taken as the difference of the rounded
    /// cumulative shares, so that the parts of a line returned in several returns add up to its amount.
    /// </summary>
    internal ReturnLine(OrderLine line, int quantity, int returnedBefore)
    {
        OrderLineId = line.Id;
        LineNo = line.LineNo;
        ProductId = line.ProductId;
        ProductName = line.ProductName;
        Quantity = quantity;
        UnitPrice = line.NetUnitPrice;
        Amount = SalesLine.Round(line.Amount * (returnedBefore + quantity) / line.Quantity) - SalesLine.Round(line.Amount * returnedBefore / line.Quantity);
    }

    public int ReturnId { get; private set; }

    public int OrderLineId { get; private set; }

    public int LineNo { get; private set; }

    public int ProductId { get; private set; }

    public string ProductName { get; private set; }

    public int Quantity { get; private set; }

    /// <summary>The net unit price the units were sold at.</summary>
    public decimal UnitPrice { get; private set; }

    /// <summary>The share of the order line's amount these units make.</summary>
    public decimal Amount { get; private set; }
}
