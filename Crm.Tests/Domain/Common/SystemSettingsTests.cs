using Crm.Domain.Common;

namespace Crm.Tests.Domain.Common;

public sealed class SystemSettingsTests
{
    [Fact]
    public void DefaultsAreTheDocumentedRules()
    {
        var settings = SystemSettings.Defaults();

        Assert.Equal(SystemSettings.SingletonId, settings.Id);
        Assert.Equal(6, settings.ChurnThresholdMonths);
        Assert.Equal(30, settings.PoolRecycleDaysWithoutInteraction);
        Assert.Equal(12, settings.PoolRecycleMonthsWithoutOrder);
    }

    [Fact]
    public void CustomerRulesAcceptTheBoundsOfEachRange()
    {
        var settings = SystemSettings.Defaults();

        settings.UpdateCustomerRules(60, 0, 0, 100_000, 1);

        Assert.Equal(60, settings.ChurnThresholdMonths);
        Assert.Equal(0, settings.PoolRecycleDaysWithoutInteraction);
        Assert.Equal(0, settings.PoolRecycleMonthsWithoutOrder);
        Assert.Equal(100_000, settings.PoolMaxCustomersPerUser);
        Assert.Equal(1, settings.PoolDailyClaimLimit);
    }

    [Theory]
    [InlineData(0, 30, 6, 200, 20, "Settings.ChurnThresholdMonths", 1, 60)]
    [InlineData(61, 30, 6, 200, 20, "Settings.ChurnThresholdMonths", 1, 60)]
    [InlineData(6, -1, 6, 200, 20, "Settings.PoolRecycleDaysWithoutInteraction", 0, 3650)]
    [InlineData(6, 3651, 6, 200, 20, "Settings.PoolRecycleDaysWithoutInteraction", 0, 3650)]
    [InlineData(6, 30, 121, 200, 20, "Settings.PoolRecycleMonthsWithoutOrder", 0, 120)]
    [InlineData(6, 30, 6, 0, 20, "Settings.PoolMaxCustomersPerUser", 1, 100_000)]
    [InlineData(6, 30, 6, 200, 10_001, "Settings.PoolDailyClaimLimit", 1, 10_000)]
    public void OutOfRangeRuleIsRefusedNamingTheFieldAndItsBounds(
        int churn, int recycleDays, int recycleMonths, int maxPerUser, int dailyClaims, string field, int min, int max)
    {
        var settings = SystemSettings.Defaults();

        var error = Assert.Throws<DomainException>(() => settings.UpdateCustomerRules(churn, recycleDays, recycleMonths, maxPerUser, dailyClaims));

        Assert.Equal("Settings.OutOfRange", error.Code);
        Assert.Equal(new object[] { field, min, max }, error.Arguments);
    }

    [Fact]
    public void CompanyNameIsRequiredAndOptionalFieldsAreTrimmedToNull()
    {
        var settings = SystemSettings.Defaults();

        Assert.Equal("Settings.CompanyNameRequired", Assert.Throws<DomainException>(() => settings.UpdateCompany("  ", null, null, null)).Code);
        settings.UpdateCompany(" 上海华辰科技有限公司 ", "  ", " 021-12345678 ", null);

        Assert.Equal("上海华辰科技有限公司", settings.CompanyName);
        Assert.Null(settings.CompanyAddress);
        Assert.Equal("021-12345678", settings.CompanyPhone);
    }

    [Fact]
    public void TooLongTaxNumberIsRefusedNamingTheField()
    {
        var settings = SystemSettings.Defaults();

        var error = Assert.Throws<DomainException>(() => settings.UpdateCompany("Crm", null, null, new string('9', SystemSettings.TaxNumberMaxLength + 1)));

        Assert.Equal("Settings.TooLong", error.Code);
        Assert.Equal("Settings.CompanyTaxNumber", error.Arguments[0]);
    }
}
