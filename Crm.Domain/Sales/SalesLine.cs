using Crm.Domain.Common;

namespace Crm.Domain.Sales;

/// <summary>
/// A line of a quote or an order: a product (its code, name and floor price copied when the line is
/// priced, so later price changes do not rewrite history), a quantity, the price type and its unit price
/// on the document's date — or a price the salesperson typed — a discount, and the amount.
/// </summary>
public abstract class SalesLine : Entity
{
    public const int MaxQuantity = 1_000_000;
    public const decimal MaxDiscountPercent = 100m;

    protected SalesLine()
    {
        ProductCode = string.Empty;
        ProductName = string.Empty;
    }

    public int LineNo { get; private set; }

    public int ProductId { get; private set; }

    public string ProductCode { get; private set; }

    public string ProductName { get; private set; }

    public int Quantity { get; private set; }

    /// <summary>The price type asked for.</summary>
    public PriceType PriceType { get; private set; }

    /// <summary>The price type whose price applied: the one asked for, or <see cref="PriceType.List"/> when the product has no such price valid on the date.</summary>
    public PriceType AppliedPriceType { get; private set; }

    public decimal UnitPrice { get; private set; }

    /// <summary>The salesperson typed the unit price instead of taking the resolved one.</summary>
    public bool IsPriceOverridden { get; private set; }

    /// <summary>折扣 in percent off the unit price, 0–100 with two decimals.</summary>
    public decimal DiscountPercent { get; private set; }

    public decimal FloorPrice { get; private set; }

    /// <summary>Quantity × unit price × (1 − discount), rounded to the fen.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The unit price after discount, which is what the floor price is compared with.</summary>
    public decimal NetUnitPrice => Round(UnitPrice * (1 - (DiscountPercent / 100m)));

    public bool IsBelowFloor => NetUnitPrice < FloorPrice;

    protected void Set(int lineNo, Product product, int quantity, PriceType priceType, DateOnly date, decimal? unitPrice, decimal discountPercent, bool keepTyped = false)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (quantity <= 0 || quantity > MaxQuantity)
            throw new DomainException("SalesLine.QuantityOutOfRange", 1, MaxQuantity);
        if (discountPercent < 0 || discountPercent > MaxDiscountPercent || decimal.Round(discountPercent, 2) != discountPercent)
            throw new DomainException("SalesLine.DiscountOutOfRange");
        var resolved = product.PriceFor(priceType, date);
        if (unitPrice is { } typed && (typed < 0 || typed > Product.MaxPrice || decimal.Round(typed, 2) != typed))
            throw new DomainException("SalesLine.UnitPriceOutOfRange");

        LineNo = lineNo;
        ProductId = product.Id;
        ProductCode = product.Code;
        ProductName = product.Name;
        Quantity = quantity;
        PriceType = priceType;
        AppliedPriceType = resolved.Type;
        UnitPrice = unitPrice ?? resolved.Amount;
        // A typed price stays typed, even when it happens to equal the price of some date.
        IsPriceOverridden = unitPrice is not null && (keepTyped || unitPrice != resolved.Amount);
        DiscountPercent = discountPercent;
        FloorPrice = product.FloorPrice;
        Amount = Round(Quantity * UnitPrice * (1 - (DiscountPercent / 100m)));
    }

    /// <summary>Prices the line again for a new document date; a typed price stays as typed.</summary>
    internal void Reprice(Product product, DateOnly date) =>
        Set(LineNo, product, Quantity, PriceType, date, IsPriceOverridden ? UnitPrice : null, DiscountPercent, IsPriceOverridden);

    /// <summary>Copies another line's pricing as it is (a quote's line becoming an order's).</summary>
    protected void CopyFrom(SalesLine other)
    {
        LineNo = other.LineNo;
        ProductId = other.ProductId;
        ProductCode = other.ProductCode;
        ProductName = other.ProductName;
        Quantity = other.Quantity;
        PriceType = other.PriceType;
        AppliedPriceType = other.AppliedPriceType;
        UnitPrice = other.UnitPrice;
        IsPriceOverridden = other.IsPriceOverridden;
        DiscountPercent = other.DiscountPercent;
        FloorPrice = other.FloorPrice;
        Amount = other.Amount;
    }

    public static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}

public sealed class QuoteLine : SalesLine
{
    private QuoteLine()
    {
    }

    internal QuoteLine(int lineNo, Product product, int quantity, PriceType priceType, DateOnly date, decimal? unitPrice, decimal discountPercent) =>
        Set(lineNo, product, quantity, priceType, date, unitPrice, discountPercent);

    public int QuoteId { get; private set; }
}

public sealed class OrderLine : SalesLine
{
    private OrderLine()
    {
    }

    internal OrderLine(int lineNo, Product product, int quantity, PriceType priceType, DateOnly date, decimal? unitPrice, decimal discountPercent) =>
        Set(lineNo, product, quantity, priceType, date, unitPrice, discountPercent);

    internal OrderLine(SalesLine quoted) => CopyFrom(quoted);

    public int OrderId { get; private set; }

    /// <summary>Units shipped; set when the order ships.</summary>
    public int ShippedQuantity { get; private set; }

    /// <summary>Units on returns that were not rejected; never more than shipped (also a database check).</summary>
    public int ReturnedQuantity { get; private set; }

    public int ReturnableQuantity => ShippedQuantity - ReturnedQuantity;

    internal void MarkShipped() => ShippedQuantity = Quantity;

    internal void AddReturned(int quantity)
    {
        if (quantity <= 0)
            throw new DomainException("Return.QuantityNotPositive");
        if (quantity > ReturnableQuantity)
            throw new DomainException("Return.QuantityExceedsReturnable", ProductName, ReturnableQuantity, quantity);
        ReturnedQuantity += quantity;
    }

    internal void RemoveReturned(int quantity) => ReturnedQuantity = Math.Max(0, ReturnedQuantity - quantity);
}
