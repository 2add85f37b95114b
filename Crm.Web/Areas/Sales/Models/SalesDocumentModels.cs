using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Sales.Models;

/// <summary>The filters the quote and order lists share (each adds its own status).</summary>
public abstract class SalesListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Sales.Search")]
    public string? Q { get; set; }

    [Display(Name = "Sales.DateFrom")]
    public DateOnly? From { get; set; }

    [Display(Name = "Sales.DateTo")]
    public DateOnly? To { get; set; }

    [Display(Name = "SalesDocument.Salesman")]
    public Guid? SalesmanId { get; set; }

    [Display(Name = "SalesDocument.Customer")]
    public int? CustomerId { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The list filters and sorts of quotes and orders. Every filter and sort uses a column with an index
/// ending in the date (SalesConfigurations), so a page of 5,000,000 orders is a short index range.
/// </summary>
public static class SalesListQuery
{
    public static IQueryable<TDocument> Filter<TDocument, TLine>(CrmDbContext db, ICurrentUser user, IQueryable<TDocument> query, SalesListFilter f, string numberPrefix)
        where TDocument : SalesDocument<TLine>
        where TLine : SalesLine
    {
        // The data-scope filter applies through the customer; for scope Own it is repeated as "customer
        // among mine", which the planner serves from Customers(OwnerId) and the (CustomerId, Date) index
        // instead of probing every order of the table (the customer list does the same).
        if (user.Scope == DataScope.Own && user.UserId is { } me)
        {
            var mine = db.Customers.Where(c => c.OwnerId == me).Select(c => c.Id);
            query = query.Where(d => mine.Contains(d.CustomerId));
        }

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            var upper = q.ToUpperInvariant();
            // A number is looked up on its unique index; anything else is a customer's name.
            if (upper.StartsWith(numberPrefix, StringComparison.Ordinal) && upper.Length > numberPrefix.Length && upper[numberPrefix.Length..].All(char.IsAsciiDigit))
                query = query.Where(d => d.Number.StartsWith(upper));
            else
                query = query.Where(d => db.Customers.Any(c => c.Id == d.CustomerId && c.Name.Contains(q)));
        }

        if (f.CustomerId is { } customerId)
            query = query.Where(d => d.CustomerId == customerId);
        if (f.SalesmanId is { } salesmanId)
            query = query.Where(d => d.SalesmanId == salesmanId);
        if (f.From is { } from)
            query = query.Where(d => d.Date >= from);
        if (f.To is { } to)
            query = query.Where(d => d.Date <= to);
        return query;
    }

    public static IQueryable<TDocument> Sort<TDocument, TLine>(IQueryable<TDocument> query, SalesListFilter f)
        where TDocument : SalesDocument<TLine>
        where TLine : SalesLine => (f.Sort?.ToLowerInvariant(), f.Descending) switch
        {
            ("number", false) => query.OrderBy(d => d.Number),
            ("number", true) => query.OrderByDescending(d => d.Number),
            ("date", false) => query.OrderBy(d => d.Date).ThenBy(d => d.Id),
            _ => query.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id),
        };
}

/// <summary>Money as ¥ in the user's number format (¥1,234.56).</summary>
public static class SalesFormat
{
    public static string Money(decimal value)
    {
        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = "¥";
        return value.ToString("C2", format);
    }

    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture) + "%";

    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}

/// <summary>The customer a quote or order is for, as the forms need it.</summary>
public sealed record SalesCustomer(int Id, string Code, string Name, CustomerStatus Status, string? Address, Guid? OwnerId, int OrgUnitId);

/// <summary>The customer picker of a new quote or order: the search typed and the customers it found.</summary>
public sealed record SalesCustomerPicker(string? Search, IReadOnlyList<SelectListItem> Options);

/// <summary>A product that can be put on a line: code, name, list price and (orders) what the warehouse has available.</summary>
public sealed record ProductOption(int Id, string Code, string Name, decimal ListPrice, int? Available);

/// <summary>The latest approval request of a document: who asked, and the manager's answer.</summary>
public sealed record ApprovalOutcome(ApprovalStatus Status, string? RequestedBy, DateTimeOffset RequestedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment);

/// <summary>The header every quote and order page shows.</summary>
public sealed record SalesDocumentHeader(
    int Id, string Number, Guid Version, int CustomerId, string CustomerCode, string CustomerName, string? CustomerAddress,
    string? ContactName, string? ContactPhone, DateOnly Date, string? Salesman, string? OrgUnit, string? Remarks, decimal Total,
    PriceApprovalState ApprovalState);

/// <summary>The approval box of a document page: its state, the latest answer and whether the user may ask.</summary>
public sealed record SalesApprovalPanel(int DocumentId, Guid Version, PriceApprovalState State, ApprovalOutcome? Latest, bool CanRequest);

/// <summary>The printable page of a quote or an order, in the user's language.</summary>
public sealed record SalesPrintViewModel(
    string Title, SalesDocumentHeader Header, IReadOnlyList<SalesLineRow> Lines, string StatusText,
    IReadOnlyList<(string Label, string Value)> Facts, string CompanyName, string? CompanyAddress, string? CompanyPhone, string? CompanyTaxNumber);

/// <summary>
/// The look-ups both document controllers need: customers in scope, their contacts, warehouses,
/// sellable products, the default price type of a customer's level, the latest approval.
/// </summary>
public sealed class SalesLookups(CrmDbContext db, ICurrentUser currentUser)
{
    public const int CustomerPickerLimit = 50;
    public const int ProductLimit = 500;

    public Task<SalesCustomer?> CustomerAsync(int id, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new SalesCustomer(c.Id, c.Code, c.Name, c.Status, c.Address, c.OwnerId, c.OrgUnitId))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The salesperson credited with a new document of the customer: its owner, or the user for an unowned one.</summary>
    public async Task<(Guid SalesmanId, int OrgUnitId)> SellerOfAsync(SalesCustomer customer, CancellationToken cancellationToken)
    {
        if (customer.OwnerId is { } owner)
        {
            var unit = await db.Users.AsNoTracking().Where(u => u.Id == owner).Select(u => (int?)u.OrgUnitId).SingleOrDefaultAsync(cancellationToken);
            return (owner, unit ?? customer.OrgUnitId);
        }

        var me = currentUser.User ?? throw new InvalidOperationException("A signed-in user creates sales documents.");
        return (me.UserId, me.OrgUnitId);
    }

    /// <summary>Customers in scope for the picker of a new document: matching the search, by name, a bounded number.</summary>
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

    public Task<bool> IsContactOfAsync(int customerId, int contactId, CancellationToken cancellationToken) =>
        db.Contacts.AnyAsync(c => c.Id == contactId && c.CustomerId == customerId, cancellationToken);

    /// <summary>Active warehouses, plus the document's current one even if it was deactivated since.</summary>
    public async Task<IReadOnlyList<SelectListItem>> WarehouseOptionsAsync(int? selected, CancellationToken cancellationToken) =>
        (await db.Warehouses.AsNoTracking().Where(w => w.IsActive || w.Id == selected)
            .OrderBy(w => w.Code).Select(w => new { w.Id, w.Code, w.Name }).ToListAsync(cancellationToken))
        .Select(w => new SelectListItem($"{w.Name} ({w.Code})", w.Id.ToString(CultureInfo.InvariantCulture), w.Id == selected))
        .ToList();

    public Task<bool> IsUsableWarehouseAsync(int id, int? current, CancellationToken cancellationToken) =>
        db.Warehouses.AnyAsync(w => w.Id == id && (w.IsActive || w.Id == current), cancellationToken);

    /// <summary>Sellable products by code; with a warehouse, what it has available of each.</summary>
    public async Task<IReadOnlyList<ProductOption>> ProductOptionsAsync(int? warehouseId, CancellationToken cancellationToken) =>
        await db.Products.AsNoTracking().Where(p => p.Status == ProductStatus.Active)
            .OrderBy(p => p.Code).Take(ProductLimit)
            .Select(p => new ProductOption(p.Id, p.Code, p.Name, p.ListPrice,
                warehouseId == null ? null
                    : db.StockLevels.Where(s => s.ProductId == p.Id && s.WarehouseId == warehouseId).Select(s => (int?)(s.OnHand - s.Reserved)).FirstOrDefault() ?? 0))
            .ToListAsync(cancellationToken);

    /// <summary>A product with its special prices, to price a line.</summary>
    public Task<Product?> ProductAsync(int id, CancellationToken cancellationToken) =>
        db.Products.Include(p => p.Prices).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>The products of a document's lines with their prices, to price them again for a new date.</summary>
    public async Task<IReadOnlyCollection<Product>> ProductsOfAsync(IEnumerable<int> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Products.Include(p => p.Prices).Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>The price type the customer's level sells at by default (a setting), else the list price.</summary>
    public async Task<PriceType> DefaultPriceTypeAsync(int customerId, CancellationToken cancellationToken)
    {
        var levelId = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.LevelId).SingleOrDefaultAsync(cancellationToken);
        if (levelId is null)
            return PriceType.List;
        return await db.CustomerLevelPriceTypes.AsNoTracking().Where(m => m.LevelId == levelId)
            .Select(m => (PriceType?)m.PriceType).SingleOrDefaultAsync(cancellationToken) ?? PriceType.List;
    }

    /// <summary>The salespeople whose documents a manager may filter by: the users of the scope (none for scope Own).</summary>
    public async Task<IReadOnlyList<SelectListItem>?> SalesmanOptionsAsync(Guid? selected, CancellationToken cancellationToken)
    {
        var me = currentUser.User;
        if (me is null || me.Scope == DataScope.Own)
            return null;
        var users = db.Users.AsNoTracking();
        if (me.Scope == DataScope.OrgUnitSubtree)
        {
            var (from, to) = Crm.Domain.Organization.OrgUnit.SubtreeRange(me.OrgUnitPath);
            users = users.Where(u => db.OrgUnits.Any(o => o.Id == u.OrgUnitId && string.Compare(o.Path, from) >= 0 && string.Compare(o.Path, to) < 0));
        }

        return (await users.OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken))
            .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString(), u.Id == selected))
            .ToList();
    }

    /// <summary>The document's latest approval request the user can see (the requester always sees his own).</summary>
    public async Task<ApprovalOutcome?> LatestApprovalAsync(ApprovalKind kind, int subjectId, CancellationToken cancellationToken) =>
        await db.Approvals.AsNoTracking().Where(a => a.Kind == kind && a.SubjectId == subjectId)
            .OrderByDescending(a => a.RequestedAt).ThenByDescending(a => a.Id)
            .Select(a => new ApprovalOutcome(
                a.Status,
                db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                a.RequestedAt,
                db.Users.Where(u => u.Id == a.DecidedBy).Select(u => u.DisplayName).FirstOrDefault(),
                a.DecidedAt,
                a.Comment))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Customer, contact, salesman and org unit names of a document header.</summary>
    public async Task<SalesDocumentHeader> HeaderAsync<TLine>(SalesDocument<TLine> d, CancellationToken cancellationToken)
        where TLine : SalesLine
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == d.CustomerId)
            .Select(c => new { c.Code, c.Name, c.Address }).SingleAsync(cancellationToken);
        var contact = d.ContactId is { } contactId
            ? await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => new { c.Name, Phone = c.Mobile ?? c.Phone }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var salesman = await db.Users.AsNoTracking().Where(u => u.Id == d.SalesmanId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var unit = await db.OrgUnits.AsNoTracking().Where(o => o.Id == d.OrgUnitId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        return new SalesDocumentHeader(d.Id, d.Number, d.Version, d.CustomerId, customer.Code, customer.Name, customer.Address,
            contact?.Name, contact?.Phone, d.Date, salesman, unit, d.Remarks, d.Total, d.ApprovalState);
    }

    public Task<SystemSettings> SettingsAsync(CancellationToken cancellationToken) =>
        db.SystemSettings.AsNoTracking().SingleAsync(cancellationToken);
}

/// <summary>
/// Writes a quote or order export (CSV or .xlsx, streamed like the customer export) and records it in the
/// audit log with its filters and row count.
/// </summary>
public static class SalesExport
{
    public static async Task WriteAsync<TRow>(
        HttpContext http, CrmDbContext db, ICurrentUser currentUser, TimeProvider clock, string entityType, string fileName, bool xlsx,
        IReadOnlyList<string> headers, IQueryable<TRow> rows, Func<TRow, object?[]> values, CancellationToken cancellationToken)
    {
        var count = 0;
        if (xlsx)
        {
            IEnumerable<IDictionary<string, object?>> Sheet()
            {
                foreach (var row in rows.AsEnumerable())
                {
                    count++;
                    yield return Crm.Web.Areas.Customers.Models.ExportFile.Row(headers, values(row));
                }
            }

            await Crm.Web.Areas.Customers.Models.ExportFile.WriteXlsxAsync(http.Response, fileName, Sheet(), cancellationToken);
        }
        else
        {
            await using var csv = Crm.Web.Areas.Customers.Models.CsvResponseWriter.Start(http.Response, fileName);
            await csv.WriteRowAsync(headers, cancellationToken);
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                count++;
                await csv.WriteRowAsync(values(row).Select(Crm.Web.Areas.Customers.Models.ExportFile.Text), cancellationToken);
            }

            await csv.CompleteAsync(cancellationToken);
        }

        var filters = string.Join('&', http.Request.Query
            .Where(q => !string.Equals(q.Key, "format", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .Where(q => !string.IsNullOrEmpty(q.Value.ToString()))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => $"{q.Key}={q.Value}"));
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, entityType, filters.Length == 0 ? "*" : filters,
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
