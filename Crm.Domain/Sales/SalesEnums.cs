namespace Crm.Domain.Sales;

/// <summary>
/// The price a line is sold at (seed 000): the list price, or one of the five special prices a product
/// may carry — 伙伴价, 会员价, 现金价, 促销价 (only between its dates), 员工价.
/// </summary>
public enum PriceType
{
    List,
    Partner,
    Member,
    Cash,
    Promotion,
    Employee,
}

/// <summary>Which of a product's prices a history row is about.</summary>
public enum ProductPriceKind
{
    List,
    Floor,
    Partner,
    Member,
    Cash,
    Promotion,
    Employee,
}

public enum ProductStatus
{
    Active,
    Discontinued,
}

/// <summary>
/// What moved stock. On hand changes with receipts, shipments, returns and adjustments; the reserved
/// quantity with reservations, releases and shipments (a shipment consumes its reservation).
/// </summary>
public enum StockMovementKind
{
    Receipt,
    Reservation,
    Release,
    Shipment,
    Return,
    Adjustment,
}

public enum QuoteStatus
{
    Draft,
    Sent,
    Accepted,
    Rejected,
    Converted,
}

public enum OrderStatus
{
    Draft,
    Confirmed,
    Shipped,
    Completed,
    Cancelled,
}

public enum ReturnStatus
{
    Requested,
    Approved,
    Received,
    Refunded,
    Rejected,
}

/// <summary>Where a quote or order stands with the manager's approval of prices below the floor price.</summary>
public enum PriceApprovalState
{
    /// <summary>No line is below its floor price.</summary>
    NotRequired,

    /// <summary>A line is below its floor price and nobody has asked for approval yet.</summary>
    Required,

    Pending,
    Approved,
    Rejected,
}

public enum ApprovalKind
{
    QuotePrice,
    OrderPrice,
    Return,
}

public enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,

    /// <summary>The document changed after the request, so the request no longer describes it.</summary>
    Withdrawn,
}
