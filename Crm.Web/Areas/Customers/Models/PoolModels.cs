using System.ComponentModel.DataAnnotations;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>The pool list's search, filters, sort and page, bound from the query string.</summary>
public sealed class PoolListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customers.Search")]
    public string? Q { get; set; }

    [Display(Name = "Customers.Level")]
    public int? LevelId { get; set; }

    [Display(Name = "Customers.Region")]
    public int? RegionId { get; set; }

    [Display(Name = "Customers.Industry")]
    public int? IndustryId { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);

    public IQueryable<Customer> Apply(IQueryable<Customer> query)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            var phone = Customer.PhoneKeyOf(q);
            query = query.Where(c => c.Name.Contains(q) || c.Code == upper || c.CreditCode == upper || (phone != null && c.PhoneKey == phone));
        }

        if (LevelId is { } level)
            query = query.Where(c => c.LevelId == level);
        if (RegionId is { } region)
            query = query.Where(c => c.RegionId == region);
        if (IndustryId is { } industry)
            query = query.Where(c => c.IndustryId == industry);

        return (Sort?.ToLowerInvariant(), Descending) switch
        {
            ("name", false) => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
            ("name", true) => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
            ("code", false) => query.OrderBy(c => c.Code),
            ("code", true) => query.OrderByDescending(c => c.Code),
            ("lastinteraction", false) => query.OrderBy(c => c.LastInteractionAt).ThenBy(c => c.Id),
            ("lastinteraction", true) => query.OrderByDescending(c => c.LastInteractionAt).ThenByDescending(c => c.Id),
            _ => query.OrderByDescending(c => c.Id),
        };
    }
}

/// <param name="InPoolSince">When it last left an owner, or when it was created for customers that never had one.</param>
public sealed record PoolRow(
    int Id, string Code, string Name, string? Level, string? Region, string? Industry, string OrgUnit,
    DateTimeOffset InPoolSince, string? FormerOwner, DateTimeOffset? LastInteractionAt);

/// <param name="Company">The company whose pool a salesperson sees; null when the pool is the user's data scope.</param>
public sealed record PoolIndexViewModel(
    PoolListFilter Filter,
    Paged<PoolRow> Rows,
    PoolCaps Caps,
    string? Company,
    DateTimeOffset Now,
    IReadOnlyList<SelectListItem> Levels,
    IReadOnlyList<SelectListItem> Regions,
    IReadOnlyList<SelectListItem> Industries,
    IReadOnlyList<SelectListItem> AssignableOwners,
    bool CanAssign);
