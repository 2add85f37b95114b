using Crm.Domain.Common;
using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>Every price change leaves a history row (调价记录); prices that break the rules are refused and leave none.</summary>
public sealed class ProductPriceHistoryTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(5);

    private static (ProductPriceKind Kind, decimal? Old, decimal? New, DateOnly? From, DateOnly? To) Row(ProductPriceChange c) =>
        (c.Kind, c.OldAmount, c.NewAmount, c.ValidFrom, c.ValidTo);

    [Fact]
    public void NewProductRecordsItsListAndFloorPriceWithoutOldAmounts()
    {
        var product = new Product("P0001", " 华为 MateBook X ", 3, 100m, 80m, Zhang, Now);

        Assert.Equal(
            [(ProductPriceKind.List, null, 100m, null, null), (ProductPriceKind.Floor, null, 80m, null, null)],
            product.PriceChanges.Select(Row));
        Assert.All(product.PriceChanges, c => Assert.Equal((Zhang, Now), (c.ChangedBy!.Value, c.ChangedAt)));
        Assert.Equal("华为 MateBook X", product.Name);
        Assert.Equal(ProductStatus.Active, product.Status);
    }

    [Fact]
    public void ChangingOnlyTheListPriceAddsOneListRow()
    {
        var product = Product(1);

        product.SetListAndFloor(120m, 80m, Manager, Later);

        var row = product.PriceChanges.Last();
        Assert.Equal(3, product.PriceChanges.Count);
        Assert.Equal((ProductPriceKind.List, 100m, 120m, null, null), Row(row));
        Assert.Equal((Manager, Later), (row.ChangedBy!.Value, row.ChangedAt));
        Assert.Equal((120m, 80m), (product.ListPrice, product.FloorPrice));
    }

    [Fact]
    public void ChangingOnlyTheFloorPriceAddsOneFloorRow()
    {
        var product = Product(1);

        product.SetListAndFloor(100m, 85m, Manager, Later);

        Assert.Equal((ProductPriceKind.Floor, 80m, 85m, null, null), Row(product.PriceChanges.Last()));
        Assert.Equal(3, product.PriceChanges.Count);
    }

    [Fact]
    public void ChangingBothPricesAddsARowForEach()
    {
        var product = Product(1);

        product.SetListAndFloor(150m, 120m, Manager, Later);

        Assert.Equal(
            [(ProductPriceKind.List, 100m, 150m, null, null), (ProductPriceKind.Floor, 80m, 120m, null, null)],
            product.PriceChanges.Skip(2).Select(Row));
    }

    [Fact]
    public void SettingTheSameListAndFloorAgainAddsNoRow()
    {
        var product = Product(1);

        product.SetListAndFloor(100.00m, 80.0m, Manager, Later);

        Assert.Equal(2, product.PriceChanges.Count);
    }

    [Fact]
    public void NewSpecialPriceIsRecordedWithItsDates()
    {
        var product = Product(1);

        product.SetPrice(PriceType.Promotion, 70m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Manager, Later);

        Assert.Equal((ProductPriceKind.Promotion, null, 70m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), Row(product.PriceChanges.Last()));
        Assert.Equal((Manager, Later), (product.PriceChanges.Last().ChangedBy!.Value, product.PriceChanges.Last().ChangedAt));
    }

    [Theory]
    [InlineData(PriceType.Partner, ProductPriceKind.Partner)]
    [InlineData(PriceType.Member, ProductPriceKind.Member)]
    [InlineData(PriceType.Cash, ProductPriceKind.Cash)]
    [InlineData(PriceType.Employee, ProductPriceKind.Employee)]
    public void EachSpecialPriceIsRecordedUnderItsOwnKind(PriceType type, ProductPriceKind kind)
    {
        var product = Product(1);

        product.SetPrice(type, 90m, null, null, Zhang, Now);

        Assert.Equal((kind, null, 90m, null, null), Row(product.PriceChanges.Last()));
    }

    [Fact]
    public void ChangedSpecialPriceRecordsTheOldAndTheNewAmount()
    {
        var product = Product(1);
        product.SetPrice(PriceType.Partner, 90m, null, null, Zhang, Now);

        product.SetPrice(PriceType.Partner, 88.5m, null, null, Manager, Later);

        Assert.Equal((ProductPriceKind.Partner, 90m, 88.5m, null, null), Row(product.PriceChanges.Last()));
        Assert.Equal(88.5m, Assert.Single(product.Prices).Amount);
    }

    [Fact]
    public void ChangingOnlyTheDatesOfASpecialPriceIsRecordedToo()
    {
        var product = Product(1);
        product.SetPrice(PriceType.Promotion, 70m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Zhang, Now);

        product.SetPrice(PriceType.Promotion, 70m, new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 15), Zhang, Later);

        Assert.Equal((ProductPriceKind.Promotion, 70m, 70m, new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 15)), Row(product.PriceChanges.Last()));
        Assert.Equal(4, product.PriceChanges.Count);
    }

    [Fact]
    public void SettingAnUnchangedSpecialPriceAddsNoRow()
    {
        var product = Product(1);
        product.SetPrice(PriceType.Member, 95m, new DateOnly(2026, 1, 1), null, Zhang, Now);

        product.SetPrice(PriceType.Member, 95.00m, new DateOnly(2026, 1, 1), null, Zhang, Later);

        Assert.Equal(3, product.PriceChanges.Count);
    }

    [Fact]
    public void RemovedSpecialPriceIsRecordedWithItsOldAmountAndNoNewOne()
    {
        var product = Product(1);
        product.SetPrice(PriceType.Employee, 60m, null, null, Zhang, Now);

        product.SetPrice(PriceType.Employee, null, null, null, Manager, Later);

        Assert.Empty(product.Prices);
        Assert.Equal((ProductPriceKind.Employee, 60m, null, null, null), Row(product.PriceChanges.Last()));
        Assert.Equal(Manager, product.PriceChanges.Last().ChangedBy);
    }

    [Fact]
    public void RemovingASpecialPriceTheProductDoesNotHaveRecordsNothing()
    {
        var product = Product(1);

        product.SetPrice(PriceType.Cash, null, null, null, Zhang, Now);

        Assert.Equal(2, product.PriceChanges.Count);
    }

    [Fact]
    public void FloorAboveListIsRefusedAndChangesNothing()
    {
        var product = Product(1);

        Assert.Equal("Product.FloorAboveList", Refusal(() => product.SetListAndFloor(100m, 100.01m, Zhang, Later)));
        Assert.Equal("Product.FloorAboveList", Refusal(() => new Product("P2", "键盘", 3, 50m, 60m, Zhang, Now)));

        Assert.Equal((100m, 80m), (product.ListPrice, product.FloorPrice));
        Assert.Equal(2, product.PriceChanges.Count);
    }

    [Fact]
    public void FloorEqualToListIsAccepted()
    {
        var product = Product(1);

        product.SetListAndFloor(100m, 100m, Zhang, Later);

        Assert.Equal(100m, product.FloorPrice);
    }

    [Theory]
    [InlineData(null, "2026-03-31")]
    [InlineData("2026-03-01", null)]
    [InlineData(null, null)]
    public void PromotionWithoutBothDatesIsRefused(string? from, string? to)
    {
        var product = Product(1);

        Assert.Equal("Product.PromotionNeedsDates",
            Refusal(() => product.SetPrice(PriceType.Promotion, 70m, Date(from), Date(to), Zhang, Now)));
        Assert.Empty(product.Prices);
        Assert.Equal(2, product.PriceChanges.Count);
    }

    [Fact]
    public void OtherSpecialPricesNeedNoDates()
    {
        var product = Product(1);

        product.SetPrice(PriceType.Partner, 90m, null, null, Zhang, Now);

        var price = Assert.Single(product.Prices);
        Assert.Equal((PriceType.Partner, 90m, (DateOnly?)null, (DateOnly?)null), (price.Type, price.Amount, price.ValidFrom, price.ValidTo));
    }

    [Fact]
    public void PriceEndingBeforeItStartsIsRefused()
    {
        var product = Product(1);

        Assert.Equal("Product.PriceDatesReversed",
            Refusal(() => product.SetPrice(PriceType.Promotion, 70m, new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 30), Zhang, Now)));
        Assert.Empty(product.Prices);
    }

    [Fact]
    public void PriceValidForASingleDayIsAccepted()
    {
        var product = Product(1);

        product.SetPrice(PriceType.Promotion, 70m, Today, Today, Zhang, Now);

        Assert.Equal(PriceType.Promotion, product.PriceFor(PriceType.Promotion, Today).Type);
        Assert.Equal(PriceType.List, product.PriceFor(PriceType.Promotion, Today.AddDays(1)).Type);
    }

    [Theory]
    [InlineData("100.001", "80", "Product.ListPrice")]
    [InlineData("100", "79.999", "Product.FloorPrice")]
    public void ListOrFloorWithMoreThanTwoDecimalsIsRefusedNamingTheField(string list, string floor, string field)
    {
        var product = Product(1);

        var error = Assert.Throws<DomainException>(() => product.SetListAndFloor(decimal.Parse(list, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(floor, System.Globalization.CultureInfo.InvariantCulture), Zhang, Later));

        Assert.Equal("Product.PriceScale", error.Code);
        Assert.Equal([field], error.Arguments);
        Assert.Equal(2, product.PriceChanges.Count);
    }

    [Fact]
    public void SpecialPriceWithMoreThanTwoDecimalsIsRefusedNamingTheType()
    {
        var product = Product(1);

        var error = Assert.Throws<DomainException>(() => product.SetPrice(PriceType.Partner, 89.995m, null, null, Zhang, Now));

        Assert.Equal("Product.PriceScale", error.Code);
        Assert.Equal(["Product.Price.Partner"], error.Arguments);
        Assert.Empty(product.Prices);
    }

    [Fact]
    public void TrailingZerosBeyondTwoDecimalsAreNotAScaleProblem()
    {
        var product = Product(1);

        product.SetListAndFloor(120.5000m, 80.000m, Zhang, Later);

        Assert.Equal(120.5m, product.ListPrice);
    }

    [Fact]
    public void NegativeOrTooLargePricesAreRefused()
    {
        var product = Product(1);

        Assert.Equal("Product.PriceOutOfRange", Refusal(() => product.SetListAndFloor(-0.01m, 0m, Zhang, Later)));
        Assert.Equal("Product.PriceOutOfRange", Refusal(() => product.SetListAndFloor(MaxPrice + 0.01m, 0m, Zhang, Later)));
        Assert.Equal("Product.PriceOutOfRange", Refusal(() => product.SetPrice(PriceType.Cash, -1m, null, null, Zhang, Later)));
        product.SetListAndFloor(MaxPrice, 0m, Zhang, Later);
        Assert.Equal((MaxPrice, 0m), (product.ListPrice, product.FloorPrice));
    }

    [Fact]
    public void ChangingOrRemovingASpecialPriceRenewsTheVersionAndAnUnchangedOneDoesNot()
    {
        var product = Product(1);
        var original = product.Version;

        product.SetPrice(PriceType.Partner, 90m, null, null, Manager, Later);
        var afterSet = product.Version;
        product.SetPrice(PriceType.Partner, 90m, null, null, Manager, Later);
        var afterSame = product.Version;
        product.SetPrice(PriceType.Partner, null, null, null, Manager, Later);

        Assert.NotEqual(original, afterSet);
        Assert.Equal(afterSet, afterSame);
        Assert.NotEqual(afterSame, product.Version);
        Assert.Equal((Manager, Later), (product.UpdatedBy!.Value, product.UpdatedAt));
    }

    [Fact]
    public void ListPriceIsNotOneOfTheSpecialPrices()
    {
        Assert.Equal("Product.ListPriceIsNotSpecial", Refusal(() => Product(1).SetPrice(PriceType.List, 90m, null, null, Zhang, Now)));
    }

    private static DateOnly? Date(string? text) =>
        text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
