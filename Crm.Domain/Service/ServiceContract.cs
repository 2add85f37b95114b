using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Domain.Service;

/// <summary>
/// 服务合同: which products of a customer are covered, from when to when, at which service level, and
/// optionally how many cases it allows (counted down as requests are raised under it).
/// </summary>
public sealed class ServiceContract : AuditableEntity, ICustomerOwned
{
    public const int NumberMaxLength = 20;
    public const int RemarksMaxLength = 1000;
    public const int MaxCases = 100_000;

    private readonly List<ServiceContractProduct> _products = [];

    private ServiceContract()
    {
        Number = string.Empty;
    }

    public ServiceContract(string number, int customerId, DateOnly startDate, DateOnly endDate, ServiceLevel level, int? caseAllowance)
        : this()
    {
        Number = Text.Required(number, NumberMaxLength, "ServiceContract.Number");
        CustomerId = customerId;
        Update(startDate, endDate, level, caseAllowance, null);
    }

    public string Number { get; private set; }

    public int CustomerId { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    public ServiceLevel Level { get; private set; }

    /// <summary>How many service requests the contract covers; null = unlimited.</summary>
    public int? CaseAllowance { get; private set; }

    public int CasesUsed { get; private set; }

    public string? Remarks { get; private set; }

    /// <summary>When the renewal reminder went out, so it goes out once.</summary>
    public DateTimeOffset? RenewalReminderSentAt { get; private set; }

    public IReadOnlyList<ServiceContractProduct> Products => _products;

    public int? CasesLeft => CaseAllowance is { } allowed ? Math.Max(allowed - CasesUsed, 0) : null;

    public bool IsActiveOn(DateOnly day) => StartDate <= day && day <= EndDate;

    public bool IsExpiredOn(DateOnly day) => day > EndDate;

    /// <summary>Whether a request raised on <paramref name="day"/> is covered: in term and with cases left.</summary>
    public bool Covers(DateOnly day) => IsActiveOn(day) && (CasesLeft is null or > 0);

    public void Update(DateOnly startDate, DateOnly endDate, ServiceLevel level, int? caseAllowance, string? remarks)
    {
        if (endDate < startDate)
            throw new DomainException("ServiceContract.DatesReversed");
        if (caseAllowance is < 0 or > MaxCases)
            throw new DomainException("ServiceContract.AllowanceOutOfRange", 0, MaxCases);
        if (caseAllowance is { } allowed && allowed < CasesUsed)
            throw new DomainException("ServiceContract.AllowanceBelowUsed", CasesUsed);
        if (endDate != EndDate)
            RenewalReminderSentAt = null;
        StartDate = startDate;
        EndDate = endDate;
        Level = level;
        CaseAllowance = caseAllowance;
        Remarks = Text.Optional(remarks, RemarksMaxLength, "ServiceContract.Remarks");
    }

    public void SetProducts(IEnumerable<int> productIds)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var wanted = productIds.Distinct().ToHashSet();
        _products.RemoveAll(p => !wanted.Contains(p.ProductId));
        foreach (var id in wanted.Where(id => _products.All(p => p.ProductId != id)))
            _products.Add(new ServiceContractProduct(id));
    }

    /// <summary>A request raised under the contract uses one case; refused when none is left or out of term.</summary>
    public void UseCase(DateOnly day)
    {
        if (!IsActiveOn(day))
            throw new DomainException("ServiceContract.NotActive", Number);
        if (CasesLeft is 0)
            throw new DomainException("ServiceContract.NoCasesLeft", Number);
        CasesUsed++;
    }

    /// <summary>
    /// Gives a case back (a request raised under the contract left it). Refused when no case is used; the term
    /// does not matter — the case was counted when the request came.
    /// </summary>
    public void ReleaseCase()
    {
        if (CasesUsed <= 0)
            throw new DomainException("ServiceContract.NoCaseUsed", Number);
        CasesUsed--;
    }

    /// <summary>Whether the renewal reminder is due on <paramref name="today"/>: within the last <paramref name="daysBefore"/> days of the term and not yet sent.</summary>
    public bool RenewalReminderDue(DateOnly today, int daysBefore) =>
        RenewalReminderSentAt is null && today <= EndDate && today >= EndDate.AddDays(-daysBefore);

    public void MarkRenewalReminderSent(DateTimeOffset at) => RenewalReminderSentAt = at;
}

public sealed class ServiceContractProduct : Entity
{
    private ServiceContractProduct()
    {
    }

    internal ServiceContractProduct(int productId) => ProductId = productId;

    public int ServiceContractId { get; private set; }

    public int ProductId { get; private set; }
}
