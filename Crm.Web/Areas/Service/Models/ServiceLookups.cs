using System.Globalization;
using Crm.Domain.Customers;
using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Service.Models;

/// <summary>
/// Dropdowns of the complaint, visit and contract forms: customers in scope (searched, bounded), their
/// contacts, products and the active users who may handle or visit.
/// </summary>
public sealed class ServiceLookups(CrmDbContext db, ICurrentUser currentUser)
{
    public const int CustomerPickerLimit = 50;

    public Task<ServiceCustomer?> CustomerAsync(int id, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new ServiceCustomer(c.Id, c.Code, c.Name, c.Status, c.OwnerId))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Customers in scope for the picker of a new record (a salesperson: his own), matching the search.</summary>
    public async Task<IReadOnlyList<SelectListItem>> CustomerOptionsAsync(string? search, CancellationToken cancellationToken)
    {
        var query = db.Customers.AsNoTracking().Where(c => c.Status != CustomerStatus.Archived && c.MergedIntoId == null);
        if (currentUser.Scope == DataScope.Own && currentUser.UserId is { } me)
            query = query.Where(c => c.OwnerId == me);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var q = search.Trim();
            var code = q.ToUpperInvariant();
            query = query.Where(c => c.Name.Contains(q) || c.Code == code);
        }

        return (await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(CustomerPickerLimit)
                .Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new SelectListItem($"{c.Name} ({c.Code})", c.Id.ToString(CultureInfo.InvariantCulture)))
            .ToList();
    }

    public async Task<IReadOnlyList<SelectListItem>> ContactOptionsAsync(int customerId, int? selected, CancellationToken cancellationToken) =>
        (await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Title }).ToListAsync(cancellationToken))
        .Select(c => new SelectListItem(c.Title is null ? c.Name : $"{c.Name} · {c.Title}", c.Id.ToString(CultureInfo.InvariantCulture), c.Id == selected))
        .ToList();

    public async Task<bool> IsContactOfAsync(int customerId, int? contactId, CancellationToken cancellationToken) =>
        contactId is null || await db.Contacts.AnyAsync(c => c.Id == contactId && c.CustomerId == customerId, cancellationToken);

    /// <summary>Active products, plus the record's current ones even if discontinued since.</summary>
    public async Task<IReadOnlyList<SelectListItem>> ProductOptionsAsync(IReadOnlyCollection<int> selected, CancellationToken cancellationToken) =>
        (await db.Products.AsNoTracking().Where(p => p.Status == ProductStatus.Active || selected.Contains(p.Id))
            .OrderBy(p => p.Code).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(cancellationToken))
        .Select(p => new SelectListItem($"{p.Code} {p.Name}", p.Id.ToString(CultureInfo.InvariantCulture), selected.Contains(p.Id)))
        .ToList();

    public async Task<bool> AreProductsAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<int> current, CancellationToken cancellationToken) =>
        ids.Count == 0 || await db.Products.CountAsync(p => ids.Contains(p.Id) && (p.Status == ProductStatus.Active || current.Contains(p.Id)), cancellationToken) == ids.Distinct().Count();

    /// <summary>Active users who may handle a complaint or make a visit, plus the record's current one.</summary>
    public async Task<IReadOnlyList<SelectListItem>> UserOptionsAsync(Guid? selected, CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().Where(u => u.IsActive || u.Id == selected)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken))
        .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString(), u.Id == selected))
        .ToList();

    public async Task<bool> IsUsableUserAsync(Guid? id, Guid? current, CancellationToken cancellationToken) =>
        id is null || await db.Users.AnyAsync(u => u.Id == id && (u.IsActive || u.Id == current), cancellationToken);
}

public sealed record ServiceCustomer(int Id, string Code, string Name, CustomerStatus Status, Guid? OwnerId);

/// <summary>Step one of a new record without a customer: search the customers in scope, choose one.</summary>
public sealed record ServiceCustomerPicker(string? Search, IReadOnlyList<SelectListItem> Options);

public static class ServiceFormat
{
    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Score(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The list's query string without page and format, for the export links.</summary>
    public static string FilterSummary(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query)
    {
        var parts = query
            .Where(q => q.Key is not ("format" or "page") && !string.IsNullOrEmpty(q.Value.ToString()))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => $"{q.Key}={q.Value}");
        var summary = string.Join('&', parts);
        return summary.Length == 0 ? "*" : summary;
    }
}
