using Crm.Domain.Customers;

namespace Crm.Tests.Domain.Customers;

public sealed class CustomerNameNormalizerTests
{
    [Theory]
    [InlineData("上海华辰科技（集团）有限公司", "上海华辰科技(集团)有限责任公司")]
    [InlineData("上海华辰科技有限公司", "上海 华辰科技 股份有限公司")]
    [InlineData("北京ＡＢＣ贸易有限公司", "北京abc贸易公司")]
    [InlineData("Acme Trading Co., Ltd.", "ACME TRADING LIMITED")]
    [InlineData("深圳·星河电子", "深圳星河电子有限公司")]
    public void SpellingsOfOneCompanyMeet(string a, string b)
    {
        Assert.Equal(CustomerNameNormalizer.Normalize(a), CustomerNameNormalizer.Normalize(b));
    }

    [Theory]
    [InlineData("上海华辰科技有限公司", "上海华辰电子有限公司")]
    [InlineData("北京华辰科技有限公司", "上海华辰科技有限公司")]
    public void DifferentCompaniesStayApart(string a, string b)
    {
        Assert.NotEqual(CustomerNameNormalizer.Normalize(a), CustomerNameNormalizer.Normalize(b));
    }

    [Fact]
    public void ANameThatIsOnlyASuffixStillHasAKey()
    {
        Assert.NotEmpty(CustomerNameNormalizer.Normalize("有限公司"));
    }

    [Fact]
    public void KeyIsUpperCaseWithoutSpacesBracketsOrLegalForm()
    {
        Assert.Equal("上海华辰ABC科技", CustomerNameNormalizer.Normalize(" 上海华辰【abc】科技有限公司 "));
        Assert.Equal("上海华辰科技", CustomerNameNormalizer.Normalize("上海华辰科技（集团）股份有限公司"));
    }
}
