using Crm.Domain.Common;
using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>
/// Stock arithmetic: a level changes only by movements, each of which says what it changed; refused
/// movements change nothing; the quantities are always the sums of the movements.
/// </summary>
public sealed class StockLevelTests
{
    private static (StockMovementKind Kind, int Quantity, int OnHand, int Reserved) Deltas(StockMovement m) =>
        (m.Kind, m.Quantity, m.OnHandDelta, m.ReservedDelta);

    [Fact]
    public void NewLevelHoldsNothing()
    {
        var level = new StockLevel(productId: 1, WarehouseId);

        Assert.Equal((1, WarehouseId, 0, 0, 0), (level.ProductId, level.WarehouseId, level.OnHand, level.Reserved, level.Available));
        Assert.NotEqual(Guid.Empty, level.Version);
    }

    [Fact]
    public void ReceiptAddsUnitsOnHand()
    {
        var level = new StockLevel(1, WarehouseId);

        var movement = level.Receive(20, " 采购入库 PO-118 ", Zhang, Now);

        Assert.Equal((StockMovementKind.Receipt, 20, 20, 0), Deltas(movement));
        Assert.Equal((1, WarehouseId, "采购入库 PO-118", (Guid?)Zhang, Now, (int?)null, (int?)null),
            (movement.ProductId, movement.WarehouseId, movement.Note, movement.ByUserId, movement.OccurredAt, movement.OrderId, movement.ReturnId));
        Assert.Equal((20, 0, 20), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void ReservationPromisesUnitsWithoutMovingThem()
    {
        var level = Stock(1, onHand: 10);

        var movement = level.Reserve(4, "华为 MateBook X", orderId: 42, Zhang, Now);

        Assert.Equal((StockMovementKind.Reservation, 4, 0, 4), Deltas(movement));
        Assert.Equal(42, movement.OrderId);
        Assert.Equal((10, 4, 6), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void ReservingMoreThanAvailableIsRefusedNamingWhatIsLeft()
    {
        var level = Stock(1, onHand: 10);
        level.Reserve(7, "华为 MateBook X", 41, Zhang, Now);
        var before = Snapshot(level);

        var error = Assert.Throws<DomainException>(() => level.Reserve(4, "华为 MateBook X", 42, Zhang, Now));

        Assert.Equal("Stock.Insufficient", error.Code);
        Assert.Equal(["华为 MateBook X", 3, 4], error.Arguments);
        Assert.Equal(before, Snapshot(level));
    }

    [Fact]
    public void ReleaseGivesAReservationBack()
    {
        var level = Stock(1, onHand: 10);
        level.Reserve(4, "华为 MateBook X", 42, Zhang, Now);

        var movement = level.Release(4, 42, Zhang, Now);

        Assert.Equal((StockMovementKind.Release, 4, 0, -4), Deltas(movement));
        Assert.Equal((10, 0, 10), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void ReleasingMoreThanReservedIsRefused()
    {
        var level = Stock(1, onHand: 10);
        level.Reserve(3, "华为 MateBook X", 42, Zhang, Now);
        var before = Snapshot(level);

        var error = Assert.Throws<DomainException>(() => level.Release(4, 42, Zhang, Now));

        Assert.Equal(("Stock.ReleaseExceedsReserved", 4, 3), (error.Code, error.Arguments[0], error.Arguments[1]));
        Assert.Equal(before, Snapshot(level));
    }

    [Fact]
    public void ShipmentTakesReservedUnitsOutOfTheWarehouse()
    {
        var level = Stock(1, onHand: 10);
        level.Reserve(4, "华为 MateBook X", 42, Zhang, Now);

        var movement = level.Ship(4, 42, Zhang, Now);

        Assert.Equal((StockMovementKind.Shipment, 4, -4, -4), Deltas(movement));
        Assert.Equal((6, 0, 6), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void ShippingUnreservedUnitsIsRefused()
    {
        var level = Stock(1, onHand: 10);
        level.Reserve(3, "华为 MateBook X", 42, Zhang, Now);
        var before = Snapshot(level);

        var error = Assert.Throws<DomainException>(() => level.Ship(4, 42, Zhang, Now));

        Assert.Equal(("Stock.ShipExceedsReserved", 4, 3), (error.Code, error.Arguments[0], error.Arguments[1]));
        Assert.Equal(before, Snapshot(level));
    }

    [Fact]
    public void ReturnedUnitsGoBackOnHand()
    {
        var level = Stock(1, onHand: 6);

        var movement = level.Restock(2, returnId: 9, Zhang, Now);

        Assert.Equal((StockMovementKind.Return, 2, 2, 0), Deltas(movement));
        Assert.Equal(((int?)9, (int?)null), (movement.ReturnId, movement.OrderId));
        Assert.Equal((8, 8), (level.OnHand, level.Available));
    }

    [Theory]
    [InlineData(5, 15)]
    [InlineData(-4, 6)]
    public void AdjustmentChangesUnitsOnHandEitherWayWithItsNote(int delta, int onHand)
    {
        var level = Stock(1, onHand: 10);

        var movement = level.Adjust(delta, " 月末盘点 ", Manager, Now);

        Assert.Equal((StockMovementKind.Adjustment, Math.Abs(delta), delta, 0), Deltas(movement));
        Assert.Equal("月末盘点", movement.Note);
        Assert.Equal((onHand, 0), (level.OnHand, level.Reserved));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AdjustmentWithoutNoteIsRefused(string? note)
    {
        var level = Stock(1, onHand: 10);
        var before = Snapshot(level);

        var error = Assert.Throws<DomainException>(() => level.Adjust(-1, note!, Manager, Now));

        Assert.Equal(("Field.Required", "StockMovement.Note"), (error.Code, error.Arguments[0]));
        Assert.Equal(before, Snapshot(level));
    }

    [Fact]
    public void AdjustmentOfZeroIsRefused()
    {
        Assert.Equal("Stock.AdjustmentZero", Refusal(() => Stock(1, 10).Adjust(0, "盘点", Manager, Now)));
    }

    [Fact]
    public void AdjustmentMayGoDownToWhatIsReservedButNotBelow()
    {
        var level = Stock(1, onHand: 10);
        level.Reserve(6, "华为 MateBook X", 42, Zhang, Now);

        var error = Assert.Throws<DomainException>(() => level.Adjust(-5, "盘亏", Manager, Now));
        Assert.Equal(("Stock.AdjustmentBelowReserved", 5, 6), (error.Code, error.Arguments[0], error.Arguments[1]));
        Assert.Equal((10, 6), (level.OnHand, level.Reserved));
        level.Adjust(-4, "盘亏", Manager, Now);

        Assert.Equal((6, 6, 0), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void AdjustmentBelowZeroIsRefused()
    {
        var level = Stock(1, onHand: 3);

        Assert.Equal("Stock.AdjustmentBelowReserved", Refusal(() => level.Adjust(-4, "盘亏", Manager, Now)));
        Assert.Equal(3, level.OnHand);
    }

    [Fact]
    public void TooLongAdjustmentNoteIsRefusedAndChangesNothing()
    {
        var level = Stock(1, onHand: 3);
        var before = Snapshot(level);

        Assert.Equal("Field.TooLong", Refusal(() => level.Adjust(1, new string('注', StockMovement.NoteMaxLength + 1), Manager, Now)));
        Assert.Equal(before, Snapshot(level));
    }

    [Fact]
    public void TooLongReceiptNoteIsRefusedAndChangesNothing()
    {
        var level = Stock(1, onHand: 3);
        var before = Snapshot(level);

        Assert.Equal("Field.TooLong", Refusal(() => level.Receive(1, new string('注', StockMovement.NoteMaxLength + 1), Manager, Now)));
        Assert.Equal(before, Snapshot(level));
    }

    public static TheoryData<string, int> NonPositiveQuantities()
    {
        var data = new TheoryData<string, int>();
        foreach (var operation in new[] { "Receive", "Reserve", "Release", "Ship", "Restock" })
        {
            data.Add(operation, 0);
            data.Add(operation, -1);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonPositiveQuantities))]
    public void NonPositiveQuantitiesAreRefused(string operation, int quantity)
    {
        var level = Stock(1, onHand: 10);
        level.Reserve(5, "华为 MateBook X", 42, Zhang, Now);
        var before = Snapshot(level);

        var code = Refusal(() => Apply(level, operation, quantity));

        Assert.Equal("Stock.QuantityNotPositive", code);
        Assert.Equal(before, Snapshot(level));
    }

    [Fact]
    public void EveryMovementRenewsTheVersion()
    {
        var level = new StockLevel(1, WarehouseId);
        var versions = new List<Guid> { level.Version };

        level.Receive(10, null, Zhang, Now);
        versions.Add(level.Version);
        level.Reserve(4, "华为 MateBook X", 42, Zhang, Now);
        versions.Add(level.Version);
        level.Release(1, 42, Zhang, Now);
        versions.Add(level.Version);
        level.Ship(3, 42, Zhang, Now);
        versions.Add(level.Version);
        level.Restock(1, 9, Zhang, Now);
        versions.Add(level.Version);
        level.Adjust(-2, "盘亏", Zhang, Now);
        versions.Add(level.Version);

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public void RefusedMovementKeepsTheVersion()
    {
        var level = Stock(1, onHand: 2);
        var version = level.Version;

        Assert.Throws<DomainException>(() => level.Reserve(3, "华为 MateBook X", 42, Zhang, Now));
        Assert.Throws<DomainException>(() => level.Release(1, 42, Zhang, Now));
        Assert.Throws<DomainException>(() => level.Ship(1, 42, Zhang, Now));
        Assert.Throws<DomainException>(() => level.Adjust(-3, "盘亏", Zhang, Now));

        Assert.Equal(version, level.Version);
    }

    [Fact]
    public void QuantitiesAlwaysEqualTheSumsOfTheMovementsOverARandomHistory()
    {
        var random = new Random(20260310);
        var operations = new[] { "Receive", "Reserve", "Release", "Ship", "Restock", "Adjust" };
        var level = new StockLevel(1, WarehouseId);
        var movements = new List<StockMovement>();
        var refused = 0;

        for (var step = 0; step < 2000; step++)
        {
            var operation = operations[random.Next(operations.Length)];
            var quantity = random.Next(-2, 25);
            var before = Snapshot(level);
            try
            {
                var movement = Apply(level, operation, quantity);
                movements.Add(movement);
                Assert.True(movement.Quantity > 0);
                Assert.Equal(before.OnHand + movement.OnHandDelta, level.OnHand);
                Assert.Equal(before.Reserved + movement.ReservedDelta, level.Reserved);
                Assert.NotEqual(before.Version, level.Version);
            }
            catch (DomainException)
            {
                refused++;
                Assert.Equal(before, Snapshot(level));
            }

            Assert.Equal(movements.Sum(m => m.OnHandDelta), level.OnHand);
            Assert.Equal(movements.Sum(m => m.ReservedDelta), level.Reserved);
            Assert.InRange(level.Reserved, 0, level.OnHand);
        }

        // The seed gives a history with plenty of both, so the run says something.
        Assert.InRange(movements.Count, 500, 2000);
        Assert.InRange(refused, 100, 2000);
        Assert.All(operations.Select(Kind), kind => Assert.Contains(movements, m => m.Kind == kind));
    }

    private static StockMovementKind Kind(string operation) => operation switch
    {
        "Receive" => StockMovementKind.Receipt,
        "Reserve" => StockMovementKind.Reservation,
        "Release" => StockMovementKind.Release,
        "Ship" => StockMovementKind.Shipment,
        "Restock" => StockMovementKind.Return,
        _ => StockMovementKind.Adjustment,
    };

    private static StockMovement Apply(StockLevel level, string operation, int quantity) => operation switch
    {
        "Receive" => level.Receive(quantity, null, Zhang, Now),
        "Reserve" => level.Reserve(quantity, "华为 MateBook X", 42, Zhang, Now),
        "Release" => level.Release(quantity, 42, Zhang, Now),
        "Ship" => level.Ship(quantity, 42, Zhang, Now),
        "Restock" => level.Restock(quantity, 9, Zhang, Now),
        "Adjust" => level.Adjust(quantity - 12, "盘点", Zhang, Now),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
