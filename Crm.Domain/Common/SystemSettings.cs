namespace Crm.Domain.Common;

/// <summary>
/// The organisation-wide settings (系统设置), one row. Every change is validated here and audited by the
/// persistence layer like any other record.
/// </summary>
public sealed class SystemSettings : AuditableEntity
{
    public const int SingletonId = 1;
    public const int CompanyNameMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int PhoneMaxLength = 32;
    public const int TaxNumberMaxLength = 18;

    private SystemSettings()
    {
        CompanyName = string.Empty;
    }

    public static SystemSettings Defaults() => new()
    {
        Id = SingletonId,
        CompanyName = "Crm",
        ChurnThresholdMonths = 6,
        PoolRecycleDaysWithoutInteraction = 30,
        PoolRecycleMonthsWithoutOrder = 12,
        PoolMaxCustomersPerUser = 200,
        PoolDailyClaimLimit = 20,
        ContractRenewalReminderDays = 30,
    };

    public string CompanyName { get; private set; }

    public string? CompanyAddress { get; private set; }

    public string? CompanyPhone { get; private set; }

    public string? CompanyTaxNumber { get; private set; }

    /// <summary>A customer without an order for this many months gets a churn warning (流失预警).</summary>
    public int ChurnThresholdMonths { get; private set; }

    /// <summary>An owned customer with no interaction for this many days returns to the pool; 0 turns the rule off.</summary>
    public int PoolRecycleDaysWithoutInteraction { get; private set; }

    /// <summary>An owned customer with orders but none for this many months returns to the pool; 0 turns the rule off.</summary>
    public int PoolRecycleMonthsWithoutOrder { get; private set; }

    /// <summary>How many customers one salesperson may own at most.</summary>
    public int PoolMaxCustomersPerUser { get; private set; }

    /// <summary>How many customers one salesperson may claim from the pool per day.</summary>
    public int PoolDailyClaimLimit { get; private set; }

    /// <summary>How many days before a service contract ends its owner is reminded to renew it.</summary>
    public int ContractRenewalReminderDays { get; private set; }

    public void UpdateServiceRules(int contractRenewalReminderDays) =>
        ContractRenewalReminderDays = InRange(contractRenewalReminderDays, 1, 365, "Settings.ContractRenewalReminderDays");

    public void UpdateCompany(string name, string? address, string? phone, string? taxNumber)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException("Settings.CompanyNameRequired");
        CompanyName = Limit(trimmed, CompanyNameMaxLength, "Settings.CompanyName");
        CompanyAddress = Optional(address, AddressMaxLength, "Settings.CompanyAddress");
        CompanyPhone = Optional(phone, PhoneMaxLength, "Settings.CompanyPhone");
        CompanyTaxNumber = Optional(taxNumber, TaxNumberMaxLength, "Settings.CompanyTaxNumber");
    }

    public void UpdateCustomerRules(int churnMonths, int recycleDays, int recycleMonths, int maxPerUser, int dailyClaims)
    {
        ChurnThresholdMonths = InRange(churnMonths, 1, 60, "Settings.ChurnThresholdMonths");
        PoolRecycleDaysWithoutInteraction = InRange(recycleDays, 0, 3650, "Settings.PoolRecycleDaysWithoutInteraction");
        PoolRecycleMonthsWithoutOrder = InRange(recycleMonths, 0, 120, "Settings.PoolRecycleMonthsWithoutOrder");
        PoolMaxCustomersPerUser = InRange(maxPerUser, 1, 100_000, "Settings.PoolMaxCustomersPerUser");
        PoolDailyClaimLimit = InRange(dailyClaims, 1, 10_000, "Settings.PoolDailyClaimLimit");
    }

    private static int InRange(int value, int min, int max, string field) =>
        value >= min && value <= max ? value : throw new DomainException("Settings.OutOfRange", field, min, max);

    private static string Limit(string value, int max, string field) =>
        value.Length <= max ? value : throw new DomainException("Settings.TooLong", field, max);

    private static string? Optional(string? value, int max, string field)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Limit(trimmed, max, field);
    }
}
