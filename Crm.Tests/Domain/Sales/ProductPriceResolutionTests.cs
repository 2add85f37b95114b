using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>Which price a product sells at for a price type on a date (seed 000's five special prices).</summary>
public sealed class ProductPriceResolutionTests
{
    private static readonly DateOnly PromotionFrom = new(2026, 3, 1);
    private static readonly DateOnly PromotionTo = new(2026, 3, 31);

    private static Product WithAllPrices()
    {
        var product = Product(1);
        product.SetPrice(PriceType.Partner, 90m, null, null, Zhang, Now);
        product.SetPrice(PriceType.Member, 95m, null, null, Zhang, Now);
        product.SetPrice(PriceType.Cash, 97.5m, null, null, Zhang, Now);
        product.SetPrice(PriceType.Promotion, 70m, PromotionFrom, PromotionTo, Zhang, Now);
        product.SetPrice(PriceType.Employee, 60m, null, null, Zhang, Now);
        return product;
    }

    [Theory]
    [InlineData(PriceType.Partner, 90)]
    [InlineData(PriceType.Member, 95)]
    [InlineData(PriceType.Cash, 97.5)]
    [InlineData(PriceType.Promotion, 70)]
    [InlineData(PriceType.Employee, 60)]
    public void EachSpecialPriceValidOnTheDateIsTheOneApplied(PriceType type, double expected)
    {
        var price = WithAllPrices().PriceFor(type, new DateOnly(2026, 3, 15));

        Assert.Equal(new ResolvedPrice(type, (decimal)expected), price);
    }

    [Fact]
    public void ListPriceTypeSellsAtTheListPriceWhateverSpecialPricesExist()
    {
        Assert.Equal(new ResolvedPrice(PriceType.List, 100m), WithAllPrices().PriceFor(PriceType.List, new DateOnly(2026, 3, 15)));
    }

    [Theory]
    [InlineData(PriceType.Partner)]
    [InlineData(PriceType.Member)]
    [InlineData(PriceType.Cash)]
    [InlineData(PriceType.Promotion)]
    [InlineData(PriceType.Employee)]
    public void MissingSpecialPriceFallsBackToTheListPriceAndSaysSo(PriceType type)
    {
        Assert.Equal(new ResolvedPrice(PriceType.List, 100m), Product(1).PriceFor(type, Today));
    }

    [Theory]
    [InlineData("2026-02-28", PriceType.List, 100)]
    [InlineData("2026-03-01", PriceType.Promotion, 70)]
    [InlineData("2026-03-15", PriceType.Promotion, 70)]
    [InlineData("2026-03-31", PriceType.Promotion, 70)]
    [InlineData("2026-04-01", PriceType.List, 100)]
    public void PromotionAppliesOnlyBetweenItsDatesInclusiveAtBothEnds(string date, PriceType applied, double amount)
    {
        var price = WithAllPrices().PriceFor(PriceType.Promotion, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(new ResolvedPrice(applied, (decimal)amount), price);
    }

    [Theory]
    [InlineData("2026-03-31", PriceType.List)]
    [InlineData("2026-04-01", PriceType.Member)]
    [InlineData("2030-01-01", PriceType.Member)]
    public void PriceValidFromADateWithoutEndAppliesFromThatDayOn(string date, PriceType applied)
    {
        var product = Product(1);
        product.SetPrice(PriceType.Member, 95m, new DateOnly(2026, 4, 1), null, Zhang, Now);

        Assert.Equal(applied, product.PriceFor(PriceType.Member, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Type);
    }

    [Theory]
    [InlineData("2020-01-01", PriceType.Cash)]
    [InlineData("2026-06-30", PriceType.Cash)]
    [InlineData("2026-07-01", PriceType.List)]
    public void PriceValidUntilADateWithoutStartAppliesUpToThatDay(string date, PriceType applied)
    {
        var product = Product(1);
        product.SetPrice(PriceType.Cash, 97m, null, new DateOnly(2026, 6, 30), Zhang, Now);

        Assert.Equal(applied, product.PriceFor(PriceType.Cash, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Type);
    }

    [Fact]
    public void RemovedSpecialPriceFallsBackToTheListPrice()
    {
        var product = WithAllPrices();

        product.SetPrice(PriceType.Partner, null, null, null, Zhang, Now);

        Assert.Equal(new ResolvedPrice(PriceType.List, 100m), product.PriceFor(PriceType.Partner, Today));
        Assert.DoesNotContain(product.Prices, p => p.Type == PriceType.Partner);
    }

    [Fact]
    public void ListPriceFallbackFollowsTheCurrentListPrice()
    {
        var product = Product(1);

        product.SetListAndFloor(120m, 80m, Zhang, Now);

        Assert.Equal(new ResolvedPrice(PriceType.List, 120m), product.PriceFor(PriceType.Partner, Today));
    }

    [Fact]
    public void ChangedSpecialPriceReplacesTheOldOneAndItsDates()
    {
        var product = WithAllPrices();

        product.SetPrice(PriceType.Promotion, 75m, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), Zhang, Now);

        Assert.Equal(PriceType.List, product.PriceFor(PriceType.Promotion, new DateOnly(2026, 3, 15)).Type);
        Assert.Equal(new ResolvedPrice(PriceType.Promotion, 75m), product.PriceFor(PriceType.Promotion, new DateOnly(2026, 4, 30)));
        Assert.Single(product.Prices, p => p.Type == PriceType.Promotion);
    }
}
