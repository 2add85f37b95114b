using System.ComponentModel.DataAnnotations;
using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Service.Models;

/// <summary>A contract's term as of today: active, active and ending within the renewal window, expired, or not yet started.</summary>
public enum ContractTerm
{
    Active,
    Expiring,
    Expired,
    Future,
}

public sealed class ContractListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Contracts.Search")]
    public string? Q { get; set; }

    [Display(Name = "Contracts.Term")]
    public ContractTerm? Term { get; set; }

    [Display(Name = "ServiceContract.Level")]
    public ServiceLevel? Level { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The filtered contracts; the data scope applies through the context. Expiring = active and ending within <paramref name="days"/> days.</summary>
    public IQueryable<ServiceContract> Apply(CrmDbContext db, DateOnly today, int days)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.ServiceContracts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            query = query.Where(c => c.Number == upper || db.Customers.Any(k => k.Id == c.CustomerId && (k.Name.Contains(q) || k.Code == upper)));
        }

        var horizon = today.AddDays(days);
        query = Term switch
        {
            ContractTerm.Active => query.Where(c => c.StartDate <= today && c.EndDate >= today),
            ContractTerm.Expiring => query.Where(c => c.StartDate <= today && c.EndDate >= today && c.EndDate <= horizon),
            ContractTerm.Expired => query.Where(c => c.EndDate < today),
            ContractTerm.Future => query.Where(c => c.StartDate > today),
            _ => query,
        };
        if (Level is { } level)
            query = query.Where(c => c.Level == level);

        return (Sort?.ToLowerInvariant(), Descending) switch
        {
            ("number", false) => query.OrderBy(c => c.Number),
            ("number", true) => query.OrderByDescending(c => c.Number),
            ("start", false) => query.OrderBy(c => c.StartDate).ThenBy(c => c.Id),
            ("start", true) => query.OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id),
            ("end", true) => query.OrderByDescending(c => c.EndDate).ThenByDescending(c => c.Id),
            _ => query.OrderBy(c => c.EndDate).ThenBy(c => c.Id),
        };
    }

    public static ContractTerm TermOf(DateOnly start, DateOnly end, DateOnly today, int days) =>
        end < today ? ContractTerm.Expired
        : start > today ? ContractTerm.Future
        : end <= today.AddDays(days) ? ContractTerm.Expiring
        : ContractTerm.Active;
}

public sealed record ContractRow(
    int Id, string Number, int CustomerId, string? Customer, DateOnly StartDate, DateOnly EndDate, ServiceLevel Level,
    int? CaseAllowance, int CasesUsed, int Products, ContractTerm Term);

public sealed record ContractIndexViewModel(ContractListFilter Filter, Paged<ContractRow> Rows, int ExpiringDays, bool CanCreate);

public sealed record ContractExportRow(
    string Number, string? CustomerCode, string? Customer, DateOnly StartDate, DateOnly EndDate, ServiceLevel Level,
    int? CaseAllowance, int CasesUsed, string? Remarks);

public sealed class ContractEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ServiceContract.Customer")]
    public int? CustomerId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ServiceContract.StartDate")]
    public DateOnly? StartDate { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ServiceContract.EndDate")]
    public DateOnly? EndDate { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "ServiceContract.Level")]
    public ServiceLevel? Level { get; set; }

    [Range(0, ServiceContract.MaxCases, ErrorMessage = "Validation.Range")]
    [Display(Name = "ServiceContract.CaseAllowance")]
    public int? CaseAllowance { get; set; }

    [StringLength(ServiceContract.RemarksMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ServiceContract.Remarks")]
    public string? Remarks { get; set; }

    [Display(Name = "ServiceContract.Products")]
    public List<int> ProductIds { get; set; } = [];

    public Guid Version { get; set; }

    public static ContractEditModel From(ServiceContract c) => new()
    {
        CustomerId = c.CustomerId, StartDate = c.StartDate, EndDate = c.EndDate, Level = c.Level, CaseAllowance = c.CaseAllowance,
        Remarks = c.Remarks, ProductIds = c.Products.Select(p => p.ProductId).ToList(), Version = c.Version,
    };
}

public sealed record ContractFormViewModel(
    int? Id, string? Number, int CasesUsed, ServiceCustomer Customer, ContractEditModel Form, IReadOnlyList<SelectListItem> Products);

public sealed record ContractDetailsViewModel(
    int Id,
    string Number,
    Guid Version,
    int CustomerId,
    string? Customer,
    DateOnly StartDate,
    DateOnly EndDate,
    ServiceLevel Level,
    int? CaseAllowance,
    int CasesUsed,
    int? CasesLeft,
    string? Remarks,
    DateTimeOffset? RenewalReminderSentAt,
    IReadOnlyList<(int Id, string Code, string Name)> Products,
    ContractTerm Term,
    bool CanEdit);
