using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Sales;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Customers.Controllers;

/// <summary>
/// 客户流失管理 (SPEC §2.2): the churn warnings the daily job raised, the owner's retention measures and a
/// manager's confirmation. A warning is visible exactly when its customer is; outside the scope it is 404.
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.View)]
public sealed class ChurnController(
    CrmDbContext db,
    ChurnService churn,
    CustomerService customers,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ChurnListFilter filter, CancellationToken cancellationToken)
    {
        var query = ModelState.IsValid
            ? ChurnListQuery.Sort(await ChurnListQuery.FilterAsync(db, currentUser, userClock, filter, cancellationToken), filter)
            : ChurnListQuery.Sort(db.ChurnWarnings.Where(_ => false).Join(db.Customers, w => w.CustomerId, c => c.Id, (w, c) => new ChurnListItem { Warning = w, Customer = c }), filter);
        var chinese = Chinese;
        var rows = await query
            .Select(x => new ChurnRow(
                x.Warning.Id, x.Customer.Id, x.Customer.Code, x.Customer.Name,
                db.Users.Where(u => u.Id == x.Customer.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.OrgUnits.Where(o => o.Id == x.Customer.OrgUnitId).Select(o => o.Name).First(),
                db.DictionaryItems.Where(d => d.Id == x.Customer.LevelId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == x.Customer.RegionId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                x.Warning.Status, x.Warning.WarnedAt, x.Warning.LastOrderAt, x.Warning.ClosedAt, x.Warning.Measures.Count))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);

        var isManager = currentUser.HasPermission(P.Customers.Assign);
        return View(new ChurnIndexViewModel(
            filter, rows, clock.GetUtcNow(),
            isManager ? await OwnerOptionsAsync(filter.OwnerId, cancellationToken) : [],
            await OrgUnitOptionsAsync(filter.OrgUnitId, cancellationToken),
            await dictionary.ForAsync(C.Region, filter.RegionId, cancellationToken),
            await dictionary.ForAsync(C.CustomerLevel, filter.LevelId, cancellationToken),
            currentUser.HasPermission(P.Customers.Export)));
    }

    /// <summary>The list as a file (<c>?format=csv|xlsx</c> and the list's filters), all pages, within the data scope; audited.</summary>
    [HttpGet]
    [Authorize(Policy = P.Customers.Export)]
    public async Task<IActionResult> Export([FromQuery] ChurnListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();

        var chinese = Chinese;
        var rows = ChurnListQuery.Sort(await ChurnListQuery.FilterAsync(db, currentUser, userClock, filter, cancellationToken), filter)
            .Select(x => new ChurnExportRow(
                x.Customer.Code, x.Customer.Name,
                db.Users.Where(u => u.Id == x.Customer.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.OrgUnits.Where(o => o.Id == x.Customer.OrgUnitId).Select(o => o.Name).First(),
                db.DictionaryItems.Where(d => d.Id == x.Customer.LevelId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == x.Customer.RegionId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                x.Warning.Status, x.Warning.WarnedAt, x.Warning.LastOrderAt, x.Warning.ThresholdMonths, x.Warning.Measures.Count, x.Warning.ClosedAt,
                db.DictionaryItems.Where(d => d.Id == x.Warning.ReasonId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                x.Warning.ConfirmationNote));

        string[] headerKeys =
        [
            "Customers.Code", "Customer.Name", "Customers.Owner", "Customers.OrgUnit", "Customers.Level", "Customers.Region", "Churn.Status",
            "Churn.WarnedAt", "Customers.LastOrder", "Churn.ThresholdMonths", "Churn.Measures", "Churn.ClosedAt", "Churn.Reason", "ChurnWarning.ConfirmationNote",
        ];
        var headers = headerKeys.Select(k => l[k].Value).ToList();
        object?[] Values(ChurnExportRow r) =>
        [
            r.CustomerCode, r.CustomerName, r.Owner, r.OrgUnit, r.Level, r.Region, l["ChurnWarningStatus." + r.Status].Value,
            userClock.Format(r.WarnedAt), Format(r.LastOrderAt), r.ThresholdMonths, r.MeasureCount, Format(r.ClosedAt), r.Reason, r.Note,
        ];

        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"churn-warnings-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        var count = 0;
        if (xlsx)
        {
            IEnumerable<IDictionary<string, object?>> Sheet()
            {
                foreach (var row in rows.AsEnumerable())
                {
                    count++;
                    yield return ExportFile.Row(headers, Values(row));
                }
            }

            await ExportFile.WriteXlsxAsync(Response, fileName, Sheet(), cancellationToken);
        }
        else
        {
            await using var csv = CsvResponseWriter.Start(Response, fileName);
            await csv.WriteRowAsync(headers, cancellationToken);
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                count++;
                await csv.WriteRowAsync(Values(row).Select(ExportFile.Text), cancellationToken);
            }

            await csv.CompleteAsync(cancellationToken);
        }

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(ChurnWarning), FilterSummary(),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await DetailsAsync(id, null, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>The owner (or a manager) records a retention measure; measures are never changed afterwards.</summary>
    [HttpPost]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> AddMeasure(int id, RetentionMeasureModel form, CancellationToken cancellationToken)
    {
        var warning = await db.ChurnWarnings.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (warning is null)
            return NotFound();
        if (!await MayAddMeasureAsync(warning, cancellationToken))
            return Forbid();
        if (ModelState.IsValid && warning.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                await churn.AddMeasureAsync(warning, form.Date!.Value, form.Content!, cancellationToken);
                TempData["Success"] = l["Churn.MeasureAdded"].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        db.ChangeTracker.Clear();
        return View(nameof(Details), await DetailsAsync(id, form, null, cancellationToken));
    }

    /// <summary>确认流失: a manager closes the warning with a reason and the customer becomes Churned.</summary>
    [HttpPost]
    [Authorize(Policy = P.Customers.ConfirmChurn)]
    public async Task<IActionResult> Confirm(int id, ChurnConfirmModel form, CancellationToken cancellationToken)
    {
        var warning = await db.ChurnWarnings.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (warning is null)
            return NotFound();
        if (!await dictionary.IsValidAsync(C.ChurnReason, form.ReasonId, null, cancellationToken))
            ModelState.AddModelError(nameof(form.ReasonId), l["Validation.ChooseFromList"]);
        if (ModelState.IsValid && warning.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(warning).Property(w => w.Version).OriginalValue = form.Version;
                await churn.ConfirmAsync(warning, form.ReasonId!.Value, form.Note, cancellationToken);
                TempData["Success"] = l["Churn.Confirmed"].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        db.ChangeTracker.Clear();
        return View(nameof(Details), await DetailsAsync(id, null, form, cancellationToken));
    }

    /// <summary>The customer's owner records measures; so does anyone who may confirm churn (a manager).</summary>
    private async Task<bool> MayAddMeasureAsync(ChurnWarning warning, CancellationToken cancellationToken) =>
        currentUser.HasPermission(P.Customers.ConfirmChurn)
        || (currentUser.UserId is { } me && await db.Customers.AnyAsync(c => c.Id == warning.CustomerId && c.OwnerId == me, cancellationToken));

    private async Task<ChurnDetailsViewModel?> DetailsAsync(int id, RetentionMeasureModel? measureForm, ChurnConfirmModel? confirmForm, CancellationToken cancellationToken)
    {
        var warning = await db.ChurnWarnings.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (warning is null)
            return null;
        var chinese = Chinese;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == warning.CustomerId)
            .Select(c => new
            {
                c.Id, c.Code, c.Name, c.Status, c.OwnerId, c.LifetimeRevenue, c.LastOrderAt,
                Owner = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                OrgUnit = db.OrgUnits.Where(o => o.Id == c.OrgUnitId).Select(o => o.Name).First(),
                Level = db.DictionaryItems.Where(d => d.Id == c.LevelId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                Region = db.DictionaryItems.Where(d => d.Id == c.RegionId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        var lastOrder = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customer.Id && (o.Status == OrderStatus.Confirmed || o.Status == OrderStatus.Shipped || o.Status == OrderStatus.Completed))
            .OrderByDescending(o => o.ConfirmedAt).ThenByDescending(o => o.Id)
            .Select(o => new ChurnLastOrder(o.Id, o.Number, o.Date, o.Total))
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var lastOrderAt = customer.LastOrderAt ?? warning.LastOrderAt;
        var isOpen = warning.Status == ChurnWarningStatus.Open;
        var mayMeasure = currentUser.HasPermission(P.Customers.Edit)
                         && (currentUser.HasPermission(P.Customers.ConfirmChurn) || (currentUser.UserId is { } me && customer.OwnerId == me));

        return new ChurnDetailsViewModel(
            warning.Id, warning.Status, warning.Version, customer.Id, customer.Code, customer.Name, customer.Status, customer.Owner, customer.OrgUnit,
            customer.Level, customer.Region, customer.LifetimeRevenue, warning.WarnedAt, lastOrderAt, warning.ThresholdMonths,
            lastOrderAt is { } last ? MonthsBetween(last, now) : 0,
            lastOrder,
            await ChurnQueries.HistoryAsync(db, customer.Id, cancellationToken),
            measureForm ?? new RetentionMeasureModel { Date = DateOnly.FromDateTime(userClock.ToLocal(now).DateTime), Version = warning.Version },
            confirmForm ?? new ChurnConfirmModel { Version = warning.Version },
            await dictionary.ForAsync(C.ChurnReason, confirmForm?.ReasonId, cancellationToken),
            isOpen && mayMeasure,
            isOpen && currentUser.HasPermission(P.Customers.ConfirmChurn));
    }

    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static int MonthsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        return Math.Max(0, from.AddMonths(months) > to ? months - 1 : months);
    }

    private async Task<IReadOnlyList<SelectListItem>> OwnerOptionsAsync(Guid? selected, CancellationToken cancellationToken) =>
        (await customers.AssignableOwners().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken))
            .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString(), u.Id == selected))
            .ToList();

    private async Task<IReadOnlyList<SelectListItem>> OrgUnitOptionsAsync(int? selected, CancellationToken cancellationToken)
    {
        var me = currentUser.User!;
        var units = db.OrgUnits.AsNoTracking();
        if (me.Scope != DataScope.All)
        {
            var (from, to) = Crm.Domain.Organization.OrgUnit.SubtreeRange(me.OrgUnitPath);
            units = units.Where(o => string.Compare(o.Path, from) >= 0 && string.Compare(o.Path, to) < 0);
        }

        var rows = await units.OrderBy(o => o.Path).Select(o => new { o.Id, o.Name, o.Path }).ToListAsync(cancellationToken);
        var baseDepth = rows.Count == 0 ? 0 : rows.Min(o => o.Path.Length);
        return rows.Select(o => new SelectListItem(
                new string('\u3000', (o.Path.Length - baseDepth) / Crm.Domain.Organization.OrgUnit.SegmentLength) + o.Name,
                o.Id.ToString(CultureInfo.InvariantCulture), o.Id == selected))
            .ToList();
    }

    /// <summary>The filters as the query string gave them, for the audit log ("*" for the whole list).</summary>
    private string FilterSummary()
    {
        var parts = Request.Query
            .Where(q => q.Key is not ("format" or "page") && !string.IsNullOrEmpty(q.Value.ToString()))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => $"{q.Key}={q.Value}");
        var summary = string.Join('&', parts);
        return summary.Length == 0 ? "*" : summary;
    }

    private string? Format(DateTimeOffset? at) => at is { } value ? userClock.Format(value) : null;
}
