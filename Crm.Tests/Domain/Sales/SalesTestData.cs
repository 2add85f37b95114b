using Crm.Domain.Common;
using Crm.Domain.Sales;

namespace Crm.Tests.Domain.Sales;

/// <summary>Gives a new entity the id the database would, so products and orders can be told apart in memory.</summary>
internal static class TestIds
{
    public static T Set<T>(T entity, int id)
        where T : Entity
    {
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);
        return entity;
    }
}

/// <summary>Products, documents and stock of the sales tests, on fixed dates.</summary>
internal static class SalesTestData
{
    public const int CustomerId = 7;
    public const int OrgUnitId = 4;
    public const int WarehouseId = 1;

    /// <summary>The product's limits, here because the <see cref="Product(int, string, decimal, decimal)"/> helper hides the type's name.</summary>
    public const decimal MaxPrice = Crm.Domain.Sales.Product.MaxPrice;
    public const int ProductNameMaxLength = Crm.Domain.Sales.Product.NameMaxLength;

    public static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateOnly Today = new(2026, 3, 10);
    public static readonly Guid Zhang = new("0b7c3c5e-1d0a-4c55-9a59-3f1f6f0a0001");
    public static readonly Guid Manager = new("0b7c3c5e-1d0a-4c55-9a59-3f1f6f0a0002");

    /// <summary>A product on sale, list 100.00 and floor 80.00 unless told otherwise.</summary>
    public static Product Product(int id, string name = "华为 MateBook X", decimal list = 100m, decimal floor = 80m) =>
        TestIds.Set(new Product($"P{id:D4}", name, categoryId: 3, list, floor, Zhang, Now), id);

    public static Order Order(DateOnly? date = null, int id = 42) =>
        TestIds.Set(new Order("SO202603100001", CustomerId, OrgUnitId, Zhang, date ?? Today, WarehouseId, "上海市浦东新区张江路 88 号"), id);

    public static Quote Quote(DateOnly? date = null, int id = 17) =>
        TestIds.Set(new Quote("QT202603100001", CustomerId, OrgUnitId, Zhang, date ?? Today, validUntil: null), id);

    /// <summary>The stock of a product in the test warehouse, with <paramref name="onHand"/> units received.</summary>
    public static StockLevel Stock(int productId, int onHand)
    {
        var level = new StockLevel(productId, WarehouseId);
        if (onHand > 0)
            level.Receive(onHand, "期初入库", Zhang, Now);
        return level;
    }

    public static Dictionary<int, StockLevel> StockOf(params StockLevel[] levels) => levels.ToDictionary(l => l.ProductId);

    public static (int OnHand, int Reserved, Guid Version) Snapshot(StockLevel level) => (level.OnHand, level.Reserved, level.Version);

    public static string Refusal(Action action) => Assert.Throws<DomainException>(action).Code;
}
