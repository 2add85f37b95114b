using Crm.Domain.Common;

namespace Crm.Domain.Sales;

/// <summary>
/// 报价单: prices offered to a customer. A draft is edited, sent (once its prices are cleared), accepted
/// or rejected by the customer, and an accepted quote converts into an order.
/// </summary>
public sealed class Quote : SalesDocument<QuoteLine>
{
    private static readonly Dictionary<QuoteStatus, QuoteStatus[]> AllowedTransitions = new()
    {
        [QuoteStatus.Draft] = [QuoteStatus.Sent],
        [QuoteStatus.Sent] = [QuoteStatus.Accepted, QuoteStatus.Rejected, QuoteStatus.Draft],
        [QuoteStatus.Accepted] = [QuoteStatus.Converted],
        [QuoteStatus.Rejected] = [],
        [QuoteStatus.Converted] = [],
    };

    private Quote()
    {
    }

    public Quote(string number, int customerId, int orgUnitId, Guid salesmanId, DateOnly date, DateOnly? validUntil)
        : base(number, customerId, orgUnitId, salesmanId, date)
    {
        Status = QuoteStatus.Draft;
        SetValidUntil(validUntil);
    }

    public QuoteStatus Status { get; private set; }

    /// <summary>报价有效期.</summary>
    public DateOnly? ValidUntil { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The order this quote became.</summary>
    public int? OrderId { get; private set; }

    protected override bool IsEditable => Status == QuoteStatus.Draft;

    protected override string NotEditableCode => "Quote.NotDraft";

    public void UpdateHeader(int? contactId, DateOnly date, DateOnly? validUntil, string? remarks, IReadOnlyCollection<Product> products)
    {
        if (validUntil is not null && validUntil < date)
            throw new DomainException("Quote.ValidUntilBeforeDate");
        SetHeader(contactId, date, remarks, products);
        ValidUntil = validUntil;
    }

    public QuoteLine AddLine(Product product, int quantity, PriceType priceType, decimal? unitPrice, decimal discountPercent)
    {
        ArgumentNullException.ThrowIfNull(product);
        product.EnsureSellable();
        var line = new QuoteLine(NextLineNo(), product, quantity, priceType, Date, unitPrice, discountPercent);
        AddLine(line);
        return line;
    }

    public void Send(DateTimeOffset at)
    {
        EnsureHasLines();
        EnsurePriceCleared();
        MoveTo(QuoteStatus.Sent);
        SentAt = at;
    }

    /// <summary>Back to draft to revise it; a new approval is needed if lines change.</summary>
    public void Revise() => MoveTo(QuoteStatus.Draft);

    public void Accept(DateTimeOffset at)
    {
        MoveTo(QuoteStatus.Accepted);
        DecidedAt = at;
    }

    public void Reject(DateTimeOffset at)
    {
        MoveTo(QuoteStatus.Rejected);
        DecidedAt = at;
    }

    /// <summary>Makes the draft order of an accepted quote, with the same lines and prices.</summary>
    public Order ConvertToOrder(string orderNumber, DateOnly orderDate, int warehouseId, string? deliveryAddress)
    {
        if (!CanMoveTo(QuoteStatus.Converted))
            throw new DomainException("Quote.StatusTransitionNotAllowed", Status, QuoteStatus.Converted);
        var order = Order.FromQuote(this, orderNumber, orderDate, warehouseId, deliveryAddress);
        Status = QuoteStatus.Converted;
        return order;
    }

    /// <summary>Called once the converted order has its id.</summary>
    public void LinkOrder(int orderId)
    {
        if (Status != QuoteStatus.Converted)
            throw new DomainException("Quote.NotConverted");
        OrderId = orderId;
    }

    public bool CanMoveTo(QuoteStatus status) => AllowedTransitions[Status].Contains(status);

    private void MoveTo(QuoteStatus status)
    {
        if (!CanMoveTo(status))
            throw new DomainException("Quote.StatusTransitionNotAllowed", Status, status);
        Status = status;
    }

    private void SetValidUntil(DateOnly? validUntil)
    {
        if (validUntil is not null && validUntil < Date)
            throw new DomainException("Quote.ValidUntilBeforeDate");
        ValidUntil = validUntil;
    }
}
