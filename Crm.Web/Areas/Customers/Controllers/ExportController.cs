using System.Globalization;
using Crm.Domain.Common;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Customers.Controllers;

/// <summary>
/// Export of the customer list (<c>/Customers/Export?format=csv|xlsx&amp;…the list's filters</c>): exactly
/// the rows the list shows for the same filters and sort, all pages, within the user's data scope.
/// Every export is written to the audit log with its filters and row count.
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.Export)]
public sealed class ExportController(
    CrmDbContext db,
    CustomerListQuery listQuery,
    ICurrentUser currentUser,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] CustomerListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();

        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var rows = CustomerListQuery.Sort(await listQuery.FilterAsync(filter, cancellationToken), filter)
            .Select(c => new ExportRow(
                c.Code, c.Name, c.Type, c.Status,
                db.DictionaryItems.Where(d => d.Id == c.LevelId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == c.RegionId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == c.IndustryId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == c.SourceId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.OrgUnits.Where(o => o.Id == c.OrgUnitId).Select(o => o.Name).First(),
                c.CreditCode, c.Phone, c.Address, c.Postcode, c.LegalRepresentative, c.RegisteredCapital, c.AnnualRevenue,
                c.LastInteractionAt, c.CreatedAt));

        var headers = SpreadsheetColumns.Export.Select(c => c.Header(CultureInfo.CurrentUICulture)).ToList();
        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"customers-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        var count = 0;
        if (xlsx)
        {
            // MiniExcel enumerates synchronously; the query streams from the database as it goes.
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

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, "Customer", FilterSummary(),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    private object?[] Values(ExportRow r) =>
    [
        r.Code, r.Name, l["CustomerType." + r.Type].Value, l["CustomerStatus." + r.Status].Value, r.Level, r.Region, r.Industry,
        r.Source, r.Owner, r.OrgUnit, r.CreditCode, r.Phone, r.Address, r.Postcode, r.LegalRepresentative, r.RegisteredCapital,
        r.AnnualRevenue, r.LastInteractionAt is { } last ? userClock.Format(last) : null, userClock.Format(r.CreatedAt),
    ];

    /// <summary>The filters as the query string gave them, for the audit log ("*" for the whole list).</summary>
    private string FilterSummary()
    {
        var parts = Request.Query
            .Where(q => !string.Equals(q.Key, "format", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .Where(q => !string.IsNullOrEmpty(q.Value.ToString()))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => $"{q.Key}={q.Value}");
        var summary = string.Join('&', parts);
        return summary.Length == 0 ? "*" : summary;
    }
}
