namespace Crm.Domain.Customers;

/// <summary>The editable description of a customer, as a form or an import row provides it.</summary>
public sealed record CustomerProfile
{
    public required string Name { get; init; }

    public CustomerType Type { get; init; } = CustomerType.Company;

    public int? LevelId { get; init; }

    public int? IndustryId { get; init; }

    public int? RegionId { get; init; }

    public int? SourceId { get; init; }

    public int? Satisfaction { get; init; }

    public int? CreditRating { get; init; }

    public string? Address { get; init; }

    public string? Postcode { get; init; }

    public string? Phone { get; init; }

    public string? Fax { get; init; }

    public string? Website { get; init; }

    /// <summary>统一社会信用代码, which since 2015 is also a company's tax number.</summary>
    public string? CreditCode { get; init; }

    public string? LegalRepresentative { get; init; }

    public decimal? RegisteredCapital { get; init; }

    public decimal? AnnualRevenue { get; init; }

    public string? BankName { get; init; }

    public string? BankAccount { get; init; }

    public string? Remarks { get; init; }
}
