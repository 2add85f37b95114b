using Crm.Domain.Common;
using Crm.Domain.Marketing;

namespace Crm.Tests.Domain.Marketing;

/// <summary>A competitor's profile (trimmed, lengths checked, SWOT) and its products with prices.</summary>
public sealed class CompetitorTests
{
    private static CompetitorProfile Profile(string name = "杭州恒信智能装备有限公司") =>
        new(name, "500–1000 人", "华东", "https://www.hengxin.example.cn", "老牌工业自动化厂商",
            "渠道广", "交付慢", "国产替代", "价格战");

    [Fact]
    public void NewCompetitorKeepsItsProfileAndSwot()
    {
        var competitor = new Competitor(Profile());

        Assert.Equal("杭州恒信智能装备有限公司", competitor.Name);
        Assert.Equal("500–1000 人", competitor.Scale);
        Assert.Equal("华东", competitor.Region);
        Assert.Equal("https://www.hengxin.example.cn", competitor.Website);
        Assert.Equal("老牌工业自动化厂商", competitor.Profile);
        Assert.Equal("渠道广", competitor.Strengths);
        Assert.Equal("交付慢", competitor.Weaknesses);
        Assert.Equal("国产替代", competitor.Opportunities);
        Assert.Equal("价格战", competitor.Threats);
        Assert.Empty(competitor.Products);
    }

    [Fact]
    public void UpdateTrimsAndBlankOptionalTextBecomesNull()
    {
        var competitor = new Competitor(Profile());

        competitor.Update(new CompetitorProfile("  新名字科技有限公司 ", Scale: "  ", Strengths: " 服务好 "));

        Assert.Equal("新名字科技有限公司", competitor.Name);
        Assert.Null(competitor.Scale);
        Assert.Null(competitor.Website);
        Assert.Equal("服务好", competitor.Strengths);
        Assert.Null(competitor.Threats);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void NameIsRequired(string name)
    {
        var error = Assert.Throws<DomainException>(() => new Competitor(Profile(name)));
        Assert.Equal("Field.Required", error.Code);
        Assert.Equal("Competitor.Name", error.Arguments[0]);
    }

    [Fact]
    public void TooLongSwotTextIsRefusedAndTheProfileIsKept()
    {
        var competitor = new Competitor(Profile());

        var error = Assert.Throws<DomainException>(() => competitor.Update(Profile() with { Weaknesses = new string('弱', Competitor.TextMaxLength + 1) }));

        Assert.Equal("Field.TooLong", error.Code);
        Assert.Equal("Competitor.Weaknesses", error.Arguments[0]);
        Assert.Equal("交付慢", competitor.Weaknesses);
    }

    [Fact]
    public void RefusedUpdateChangesNothing()
    {
        var competitor = new Competitor(Profile());

        Assert.Throws<DomainException>(() => competitor.Update(Profile("改过的名字") with { Threats = new string('威', Competitor.TextMaxLength + 1) }));

        Assert.Equal("杭州恒信智能装备有限公司", competitor.Name);
    }

    [Fact]
    public void ProductIsAddedWithItsPriceAndOurCompetingProduct()
    {
        var competitor = new Competitor(Profile());

        var product = competitor.AddProduct(" HX-200 伺服系统 ", " HX-200A ", 12_800.50m, 5, " 主推款 ");

        Assert.Same(product, Assert.Single(competitor.Products));
        Assert.Equal("HX-200 伺服系统", product.Name);
        Assert.Equal("HX-200A", product.Model);
        Assert.Equal(12_800.50m, product.Price);
        Assert.Equal(5, product.OurProductId);
        Assert.Equal("主推款", product.Notes);
    }

    [Fact]
    public void ProductWithoutPriceOrOurProductIsAccepted()
    {
        var product = new Competitor(Profile()).AddProduct("定制方案", null, null, null, null);

        Assert.Null(product.Price);
        Assert.Null(product.OurProductId);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000_000)]
    [InlineData(9.999)]
    public void PriceOutOfRangeIsRefusedAndNoProductIsAdded(double price)
    {
        var competitor = new Competitor(Profile());

        var error = Assert.Throws<DomainException>(() => competitor.AddProduct("X1", null, (decimal)price, null, null));

        Assert.Equal("Competitor.PriceOutOfRange", error.Code);
        Assert.Empty(competitor.Products);
    }

    [Fact]
    public void ProductUpdateChangesItsFields()
    {
        var product = new Competitor(Profile()).AddProduct("X1", "M1", 100m, 1, null);

        product.Update("X2", null, 90m, null, "降价");

        Assert.Equal(("X2", (string?)null, (decimal?)90m, (int?)null, "降价"), (product.Name, product.Model, product.Price, product.OurProductId, product.Notes));
    }

    [Fact]
    public void ProductNeedsAName()
    {
        var error = Assert.Throws<DomainException>(() => new Competitor(Profile()).AddProduct(" ", null, 1m, null, null));
        Assert.Equal("CompetitorProduct.Name", error.Arguments[0]);
    }

    [Fact]
    public void RemovingAnUnknownProductIsRefused()
    {
        var competitor = new Competitor(Profile());
        competitor.AddProduct("X1", null, null, null, null);

        var error = Assert.Throws<DomainException>(() => competitor.RemoveProduct(99));

        Assert.Equal("Competitor.ProductNotFound", error.Code);
        Assert.Single(competitor.Products);
    }

    [Fact]
    public void RemovingAProductTakesItOffTheList()
    {
        var competitor = new Competitor(Profile());
        competitor.AddProduct("X1", null, null, null, null);

        // A new product's id is 0 until it is saved, which is the id it is removed by here.
        competitor.RemoveProduct(0);

        Assert.Empty(competitor.Products);
    }
}
