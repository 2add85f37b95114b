using Crm.Domain.Common;

namespace Crm.Domain.Sales;

/// <summary>
/// 产品: list price, floor price (最低限价, below which a sale needs a manager's approval) and up to five
/// special prices. Every price change is kept in <see cref="PriceChanges"/>.
/// </summary>
public sealed class Product : AuditableEntity
{
    public const int CodeMaxLength = 30;
    public const int NameMaxLength = 200;
    public const int SpecificationMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const decimal MaxPrice = 99_999_999.99m;

    private readonly List<ProductPrice> _prices = [];
    private readonly List<ProductPriceChange> _priceChanges = [];

    private Product()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public Product(string code, string name, int categoryId, decimal listPrice, decimal floorPrice, Guid? by, DateTimeOffset at)
        : this()
    {
        Code = Text.Required(code, CodeMaxLength, "Product.Code");
        Name = Text.Required(name, NameMaxLength, "Product.Name");
        CategoryId = categoryId;
        Status = ProductStatus.Active;
        SetListAndFloor(listPrice, floorPrice, by, at);
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public int CategoryId { get; private set; }

    /// <summary>型号/规格.</summary>
    public string? Specification { get; private set; }

    /// <summary>The unit of measure, from the dictionary.</summary>
    public int? UnitId { get; private set; }

    public string? Description { get; private set; }

    public decimal ListPrice { get; private set; }

    public decimal FloorPrice { get; private set; }

    public ProductStatus Status { get; private set; }

    /// <summary>安全库存: below this many available units (per warehouse) the product is on the low-stock list.</summary>
    public int SafetyStock { get; private set; }

    public IReadOnlyCollection<ProductPrice> Prices => _prices;

    public IReadOnlyCollection<ProductPriceChange> PriceChanges => _priceChanges;

    public void UpdateDetails(string name, int categoryId, string? specification, int? unitId, string? description)
    {
        Name = Text.Required(name, NameMaxLength, "Product.Name");
        CategoryId = categoryId;
        Specification = Text.Optional(specification, SpecificationMaxLength, "Product.Specification");
        UnitId = unitId;
        Description = Text.Optional(description, DescriptionMaxLength, "Product.Description");
    }

    public void SetSafetyStock(int units)
    {
        if (units < 0 || units > SalesLine.MaxQuantity)
            throw new DomainException("Product.SafetyStockOutOfRange", 0, SalesLine.MaxQuantity);
        SafetyStock = units;
    }

    /// <summary>Sets the list and floor price together, because each bounds the other.</summary>
    public void SetListAndFloor(decimal listPrice, decimal floorPrice, Guid? by, DateTimeOffset at)
    {
        CheckAmount(listPrice, "Product.ListPrice");
        CheckAmount(floorPrice, "Product.FloorPrice");
        if (floorPrice > listPrice)
            throw new DomainException("Product.FloorAboveList");
        var isNew = Code.Length > 0 && Id == 0 && _priceChanges.Count == 0;
        if (isNew || listPrice != ListPrice)
            _priceChanges.Add(new ProductPriceChange(ProductPriceKind.List, isNew ? null : ListPrice, listPrice, null, null, by, at));
        if (isNew || floorPrice != FloorPrice)
            _priceChanges.Add(new ProductPriceChange(ProductPriceKind.Floor, isNew ? null : FloorPrice, floorPrice, null, null, by, at));
        ListPrice = listPrice;
        FloorPrice = floorPrice;
    }

    /// <summary>
    /// Sets one of the five special prices, or removes it when <paramref name="amount"/> is null. A
    /// promotion price needs its validity dates; the others may have them. A change renews the product's
    /// version like any other edit: the prices are rows of their own, so saving would not renew it.
    /// </summary>
    public void SetPrice(PriceType type, decimal? amount, DateOnly? validFrom, DateOnly? validTo, Guid? by, DateTimeOffset at)
    {
        if (type == PriceType.List)
            throw new DomainException("Product.ListPriceIsNotSpecial");
        var current = _prices.FirstOrDefault(p => p.Type == type);
        if (amount is null)
        {
            if (current is null)
                return;
            _prices.Remove(current);
            _priceChanges.Add(new ProductPriceChange(KindOf(type), current.Amount, null, null, null, by, at));
            MarkUpdated(by, at);
            return;
        }

        CheckAmount(amount.Value, "Product.Price." + type);
        if (type == PriceType.Promotion && (validFrom is null || validTo is null))
            throw new DomainException("Product.PromotionNeedsDates");
        if (validFrom is not null && validTo is not null && validTo < validFrom)
            throw new DomainException("Product.PriceDatesReversed");
        if (current is not null && current.Amount == amount && current.ValidFrom == validFrom && current.ValidTo == validTo)
            return;
        var old = current?.Amount;
        if (current is null)
            _prices.Add(new ProductPrice(type, amount.Value, validFrom, validTo));
        else
            current.Change(amount.Value, validFrom, validTo);
        _priceChanges.Add(new ProductPriceChange(KindOf(type), old, amount, validFrom, validTo, by, at));
        MarkUpdated(by, at);
    }

    /// <summary>
    /// The unit price of <paramref name="type"/> on <paramref name="date"/>: the special price when the
    /// product has one valid that day, otherwise the list price (and the type says which one applied).
    /// </summary>
    public ResolvedPrice PriceFor(PriceType type, DateOnly date)
    {
        if (type != PriceType.List)
        {
            var special = _prices.FirstOrDefault(p => p.Type == type);
            if (special is not null && special.IsValidOn(date))
                return new ResolvedPrice(type, special.Amount);
        }

        return new ResolvedPrice(PriceType.List, ListPrice);
    }

    public void Discontinue()
    {
        if (Status == ProductStatus.Discontinued)
            throw new DomainException("Product.AlreadyDiscontinued");
        Status = ProductStatus.Discontinued;
    }

    public void Reactivate()
    {
        if (Status == ProductStatus.Active)
            throw new DomainException("Product.AlreadyActive");
        Status = ProductStatus.Active;
    }

    /// <summary>New lines may only sell products that are on sale.</summary>
    public void EnsureSellable()
    {
        if (Status != ProductStatus.Active)
            throw new DomainException("Product.Discontinued", Name);
    }

    private static ProductPriceKind KindOf(PriceType type) => type switch
    {
        PriceType.Partner => ProductPriceKind.Partner,
        PriceType.Member => ProductPriceKind.Member,
        PriceType.Cash => ProductPriceKind.Cash,
        PriceType.Promotion => ProductPriceKind.Promotion,
        PriceType.Employee => ProductPriceKind.Employee,
        _ => ProductPriceKind.List,
    };

    private static void CheckAmount(decimal amount, string field)
    {
        if (amount < 0 || amount > MaxPrice)
            throw new DomainException("Product.PriceOutOfRange", field);
        if (decimal.Round(amount, 2) != amount)
            throw new DomainException("Product.PriceScale", field);
    }
}

public sealed record ResolvedPrice(PriceType Type, decimal Amount);

/// <summary>One of a product's special prices, optionally limited to a date range (both ends included).</summary>
public sealed class ProductPrice : Entity
{
    private ProductPrice()
    {
    }

    internal ProductPrice(PriceType type, decimal amount, DateOnly? validFrom, DateOnly? validTo)
    {
        Type = type;
        Change(amount, validFrom, validTo);
    }

    public int ProductId { get; private set; }

    public PriceType Type { get; private set; }

    public decimal Amount { get; private set; }

    public DateOnly? ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);

    internal void Change(decimal amount, DateOnly? validFrom, DateOnly? validTo)
    {
        Amount = amount;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }
}

/// <summary>A price change (调价记录): which price, from what to what, valid when, by whom. Never changed.</summary>
public sealed class ProductPriceChange : Entity
{
    private ProductPriceChange()
    {
    }

    internal ProductPriceChange(ProductPriceKind kind, decimal? oldAmount, decimal? newAmount, DateOnly? validFrom, DateOnly? validTo, Guid? by, DateTimeOffset at)
    {
        Kind = kind;
        OldAmount = oldAmount;
        NewAmount = newAmount;
        ValidFrom = validFrom;
        ValidTo = validTo;
        ChangedBy = by;
        ChangedAt = at;
    }

    public int ProductId { get; private set; }

    public ProductPriceKind Kind { get; private set; }

    public decimal? OldAmount { get; private set; }

    public decimal? NewAmount { get; private set; }

    public DateOnly? ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public Guid? ChangedBy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }
}

/// <summary>The price type a customer level sells at by default (e.g. 合作伙伴 → partner price); a setting.</summary>
public sealed class CustomerLevelPriceType : Entity
{
    private CustomerLevelPriceType()
    {
    }

    public CustomerLevelPriceType(int levelId, PriceType priceType)
    {
        LevelId = levelId;
        PriceType = priceType;
    }

    public int LevelId { get; private set; }

    public PriceType PriceType { get; private set; }

    public void Change(PriceType priceType) => PriceType = priceType;
}
