using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
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
/// Customer import: template, upload, preview with per-row checks and duplicate matches, choice of the
/// duplicate mode, then a background job with a progress page and a result report. A user sees only
/// their own imports; anyone else's answers 404.
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.Import)]
public sealed class ImportsController(
    CrmDbContext db,
    CustomerImporter importer,
    ICurrentUser currentUser,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const long MaxFileBytes = 50L * 1024 * 1024;
    private const int FailuresShown = 200;

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await IndexModelAsync(cancellationToken));

    [HttpGet]
    public IActionResult Template(string? format)
    {
        var headers = SpreadsheetColumns.Import.Select(c => c.Header(CultureInfo.CurrentUICulture)).ToList();
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var fileName = chinese ? "客户导入模板" : "customer-import-template";
        if (ExportFile.IsXlsx(format))
        {
            var stream = new MemoryStream();
            // One example-free sheet: the header row only (MiniExcel writes headers from the row's keys).
            MiniExcelLibs.MiniExcel.SaveAs(stream, new[] { headers.ToDictionary(h => h, _ => (object?)null) }, excelType: MiniExcelLibs.ExcelType.XLSX);
            stream.Position = 0;
            return File(stream, ExportFile.XlsxContentType, fileName + ".xlsx");
        }

        var csv = new MemoryStream();
        using (var writer = CsvHelper.CsvWriter.Create(csv, new CsvHelper.CsvWriterOptions { WriteByteOrderMark = true, NewLine = "\r\n" }, leaveOpen: true))
        {
            foreach (var header in headers)
                writer.WriteField(header);
            writer.EndRecord();
        }

        csv.Position = 0;
        return File(csv, "text/csv; charset=utf-8", fileName + ".csv");
    }

    [HttpPost]
    [RequestSizeLimit(MaxFileBytes + 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + 1024 * 1024)]
    public async Task<IActionResult> Upload(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
            ModelState.AddModelError("file", l["Import.ChooseFile"]);
        else if (file.Length > MaxFileBytes)
            ModelState.AddModelError("file", l["Import.FileTooLarge", MaxFileBytes / 1024 / 1024]);
        else if (SpreadsheetReader.FormatOf(file.FileName) is null)
            ModelState.AddModelError("file", l["Import.UnsupportedFile"]);
        if (!ModelState.IsValid)
            return View(nameof(Index), await IndexModelAsync(cancellationToken));

        await using var content = file!.OpenReadStream();
        var job = await importer.UploadAsync(content, file.FileName, cancellationToken);
        return RedirectToAction(nameof(Preview), new { id = job.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Preview(int id, CancellationToken cancellationToken)
    {
        var job = await MyJobs().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
            return NotFound();
        if (job.Status != ImportStatus.Uploaded)
            return RedirectToAction(nameof(Details), new { id });

        IReadOnlyList<ImportPreviewRow> rows = [];
        string? fileError = null;
        try
        {
            rows = await importer.PreviewAsync(job, CustomerImporter.PreviewRows, cancellationToken);
        }
        catch (DomainException e)
        {
            fileError = l.Message(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            fileError = l["Import.FileMissing"];
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException)
        {
            // Not a readable workbook (a renamed file, a damaged download).
            fileError = l["Import.UnsupportedFile"];
        }

        return View(new ImportPreviewViewModel(job.Id, job.FileName, rows, fileError));
    }

    [HttpPost]
    public async Task<IActionResult> Queue(int id, DuplicateMode mode, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.Where(j => j.UserId == currentUser.UserId).SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
            return NotFound();
        if (!Enum.IsDefined(mode) || job.Status != ImportStatus.Uploaded)
        {
            TempData["Error"] = l["Import.AlreadyStarted"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        job.Queue(mode);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = l["Import.Queued"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var job = await JobRowAsync(id, cancellationToken);
        if (job is null)
            return NotFound();
        if (job.Status == ImportStatus.Uploaded)
            return RedirectToAction(nameof(Preview), new { id });

        var error = await db.ImportJobs.Where(j => j.Id == id).Select(j => j.Error).SingleAsync(cancellationToken);
        var failures = await db.ImportRowErrors.AsNoTracking().Where(e => e.ImportJobId == id)
            .OrderBy(e => e.RowNumber).ThenBy(e => e.Id).Take(FailuresShown)
            .Select(e => new { e.RowNumber, e.Column, e.Message })
            .ToListAsync(cancellationToken);
        var total = failures.Count < FailuresShown ? failures.Count : await db.ImportRowErrors.CountAsync(e => e.ImportJobId == id, cancellationToken);
        return View(new ImportDetailsViewModel(job, error is null ? null : Reason(error),
            failures.Select(f => new ImportFailureRow(f.RowNumber, ColumnName(f.Column), Reason(f.Message))).ToList(), total));
    }

    [HttpGet]
    public async Task<IActionResult> Status(int id, CancellationToken cancellationToken)
    {
        var job = await JobRowAsync(id, cancellationToken);
        if (job is null)
            return NotFound();
        var finished = job.Status is ImportStatus.Completed or ImportStatus.Failed;
        var percent = finished ? 100 : job.TotalRows == 0 ? 0 : (int)Math.Round(100.0 * job.ProcessedRows / job.TotalRows);
        return Json(new ImportStatusResponse(job.Status.ToString(), l["ImportStatus." + job.Status].Value, job.TotalRows, job.ProcessedRows,
            percent, job.CreatedCount, job.UpdatedCount, job.SkippedCount, job.FailedCount, finished,
            l["Import.Progress", job.ProcessedRows, job.TotalRows].Value));
    }

    /// <summary>Every rejected row as CSV: row, column, reason, in the reader's language.</summary>
    [HttpGet]
    public async Task<IActionResult> Errors(int id, CancellationToken cancellationToken)
    {
        var job = await JobRowAsync(id, cancellationToken);
        if (job is null)
            return NotFound();

        var name = Path.GetFileNameWithoutExtension(job.FileName);
        await using var csv = CsvResponseWriter.Start(Response, $"{name}-errors.csv");
        await csv.WriteRowAsync([l["Import.Row"], l["Import.Column"], l["Import.Reason"]], cancellationToken);
        var errors = db.ImportRowErrors.AsNoTracking().Where(e => e.ImportJobId == id).OrderBy(e => e.RowNumber).ThenBy(e => e.Id)
            .Select(e => new { e.RowNumber, e.Column, e.Message }).AsAsyncEnumerable();
        await foreach (var e in errors.WithCancellation(cancellationToken))
            await csv.WriteRowAsync([e.RowNumber.ToString(CultureInfo.InvariantCulture), ColumnName(e.Column), Reason(e.Message)], cancellationToken);
        await csv.CompleteAsync(cancellationToken);
        return new EmptyResult();
    }

    private IQueryable<ImportJob> MyJobs() => db.ImportJobs.AsNoTracking().Where(j => j.UserId == currentUser.UserId);

    private Task<ImportJobRow?> JobRowAsync(int id, CancellationToken cancellationToken) =>
        MyJobs().Where(j => j.Id == id)
            .Select(j => new ImportJobRow(j.Id, j.FileName, j.Status, j.Mode, j.TotalRows, j.ProcessedRows,
                j.CreatedCount, j.UpdatedCount, j.SkippedCount, j.FailedCount, j.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<ImportIndexViewModel> IndexModelAsync(CancellationToken cancellationToken) =>
        new(await MyJobs().OrderByDescending(j => j.Id).Take(20)
                .Select(j => new ImportJobRow(j.Id, j.FileName, j.Status, j.Mode, j.TotalRows, j.ProcessedRows,
                    j.CreatedCount, j.UpdatedCount, j.SkippedCount, j.FailedCount, j.CreatedAt))
                .ToListAsync(cancellationToken),
            MaxFileBytes / 1024 / 1024);

    private string Reason(string encoded) => l.Message(ImportMessages.Decode(encoded));

    private static string? ColumnName(string? key) =>
        key is null ? null : SpreadsheetColumns.FromKey(key)?.Header(CultureInfo.CurrentUICulture) ?? key;
}
