using System.ComponentModel.DataAnnotations;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>The churn list's search, filters, sort and page, bound from the query string (shared with the export).</summary>
public sealed class ChurnListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Churn.Search")]
    public string? Q { get; set; }

    [Display(Name = "Churn.Status")]
    public ChurnWarningStatus? Status { get; set; }

    [Display(Name = "Customers.Owner")]
    public Guid? OwnerId { get; set; }

    [Display(Name = "Customers.OrgUnit")]
    public int? OrgUnitId { get; set; }

    [Display(Name = "Customers.Region")]
    public int? RegionId { get; set; }

    [Display(Name = "Customers.Level")]
    public int? LevelId { get; set; }

    [Display(Name = "Churn.WarnedFrom")]
    public DateOnly? From { get; set; }

    [Display(Name = "Churn.WarnedTo")]
    public DateOnly? To { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A warning with its customer, as the list filters and sorts them (an initializer, so that EF can translate it).</summary>
public sealed class ChurnListItem
{
    public required ChurnWarning Warning { get; init; }

    public required Customer Customer { get; init; }
}

/// <summary>
/// The churn list's query, shared by the page and the export. The data scope applies through the
/// context: a warning is visible exactly when its customer is.
/// </summary>
public static class ChurnListQuery
{
    public static async Task<IQueryable<ChurnListItem>> FilterAsync(CrmDbContext db, ICurrentUser currentUser, UserClock clock, ChurnListFilter f, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(currentUser);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(f);
        var customers = db.Customers.AsNoTracking();
        // As on the customer list: scope Own's predicate repeated in a form the (OwnerId, Id) index serves.
        if (currentUser.Scope == DataScope.Own && currentUser.UserId is { } me)
            customers = customers.Where(c => c.OwnerId == me);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            var upper = q.ToUpperInvariant();
            customers = customers.Where(c => c.Code == upper || c.Name.Contains(q));
        }

        if (f.OwnerId is { } owner)
            customers = customers.Where(c => c.OwnerId == owner);
        if (f.RegionId is { } region)
            customers = customers.Where(c => c.RegionId == region);
        if (f.LevelId is { } level)
            customers = customers.Where(c => c.LevelId == level);
        if (f.OrgUnitId is { } unitId
            && await db.OrgUnits.AsNoTracking().Where(o => o.Id == unitId).Select(o => o.Path).SingleOrDefaultAsync(cancellationToken) is { } path)
        {
            var (from, to) = Crm.Domain.Organization.OrgUnit.SubtreeRange(path);
            customers = customers.Where(c => db.OrgUnits.Any(o => o.Id == c.OrgUnitId && string.Compare(o.Path, from) >= 0 && string.Compare(o.Path, to) < 0));
        }

        var warnings = db.ChurnWarnings.AsNoTracking();
        if (f.Status is { } status)
            warnings = warnings.Where(w => w.Status == status);
        if (f.From is { } warnedFrom)
        {
            var start = clock.StartOfDay(warnedFrom);
            warnings = warnings.Where(w => w.WarnedAt >= start);
        }

        if (f.To is { } warnedTo)
        {
            var end = clock.StartOfDay(warnedTo.AddDays(1));
            warnings = warnings.Where(w => w.WarnedAt < end);
        }

        return warnings.Join(customers, w => w.CustomerId, c => c.Id, (w, c) => new ChurnListItem { Warning = w, Customer = c });
    }

    public static IQueryable<ChurnListItem> Sort(IQueryable<ChurnListItem> query, ChurnListFilter f) => (f.Sort?.ToLowerInvariant(), f.Descending) switch
    {
        ("customer", false) => query.OrderBy(x => x.Customer.Name).ThenBy(x => x.Warning.Id),
        ("customer", true) => query.OrderByDescending(x => x.Customer.Name).ThenByDescending(x => x.Warning.Id),
        ("lastorder", false) => query.OrderBy(x => x.Warning.LastOrderAt).ThenBy(x => x.Warning.Id),
        ("lastorder", true) => query.OrderByDescending(x => x.Warning.LastOrderAt).ThenByDescending(x => x.Warning.Id),
        ("status", false) => query.OrderBy(x => x.Warning.Status).ThenByDescending(x => x.Warning.Id),
        ("status", true) => query.OrderByDescending(x => x.Warning.Status).ThenByDescending(x => x.Warning.Id),
        ("warned", false) => query.OrderBy(x => x.Warning.WarnedAt).ThenBy(x => x.Warning.Id),
        _ => query.OrderByDescending(x => x.Warning.WarnedAt).ThenByDescending(x => x.Warning.Id),
    };
}

public sealed record ChurnRow(
    int Id, int CustomerId, string CustomerCode, string CustomerName, string? Owner, string OrgUnit, string? Level, string? Region,
    ChurnWarningStatus Status, DateTimeOffset WarnedAt, DateTimeOffset? LastOrderAt, DateTimeOffset? ClosedAt, int MeasureCount);

public sealed record ChurnIndexViewModel(
    ChurnListFilter Filter,
    Paged<ChurnRow> Rows,
    DateTimeOffset Now,
    IReadOnlyList<SelectListItem> Owners,
    IReadOnlyList<SelectListItem> OrgUnits,
    IReadOnlyList<SelectListItem> Regions,
    IReadOnlyList<SelectListItem> Levels,
    bool CanExport);

/// <summary>The posted retention measure (暂缓措施).</summary>
public sealed class RetentionMeasureModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Churn.MeasureDate")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(RetentionMeasure.ContentMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "RetentionMeasure.Content")]
    public string? Content { get; set; }

    /// <summary>The warning's version as the page was rendered.</summary>
    public Guid Version { get; set; }
}

/// <summary>The posted confirmation of churn (确认流失).</summary>
public sealed class ChurnConfirmModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Churn.Reason")]
    public int? ReasonId { get; set; }

    [StringLength(ChurnWarning.NoteMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "ChurnWarning.ConfirmationNote")]
    public string? Note { get; set; }

    public Guid Version { get; set; }
}

public sealed record ChurnLastOrder(int Id, string Number, DateOnly Date, decimal Total);

public sealed record ChurnDetailsViewModel(
    int Id,
    ChurnWarningStatus Status,
    Guid Version,
    int CustomerId,
    string CustomerCode,
    string CustomerName,
    CustomerStatus CustomerStatus,
    string? Owner,
    string OrgUnit,
    string? Level,
    string? Region,
    decimal LifetimeRevenue,
    DateTimeOffset WarnedAt,
    DateTimeOffset? LastOrderAt,
    int ThresholdMonths,
    int MonthsWithoutOrder,
    ChurnLastOrder? LastOrder,
    IReadOnlyList<ChurnHistoryRow> History,
    RetentionMeasureModel MeasureForm,
    ChurnConfirmModel ConfirmForm,
    IReadOnlyList<SelectListItem> Reasons,
    bool CanAddMeasure,
    bool CanConfirm)
{
    public ChurnHistoryRow Current => History.First(h => h.Id == Id);
}

/// <summary>One exported churn warning, projected in the database query.</summary>
public sealed record ChurnExportRow(
    string CustomerCode, string CustomerName, string? Owner, string OrgUnit, string? Level, string? Region, ChurnWarningStatus Status,
    DateTimeOffset WarnedAt, DateTimeOffset? LastOrderAt, int ThresholdMonths, int MeasureCount, DateTimeOffset? ClosedAt, string? Reason, string? Note);
