using System.Globalization;
using CsvHelper;
using Crm.Infrastructure.Customers;
using Microsoft.Net.Http.Headers;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>
/// Writes CSV to the response row by row: CsvHelper fills a small buffer that is sent asynchronously
/// whenever it grows past a few kilobytes, so memory stays flat whatever the row count. UTF-8 with a BOM,
/// so that Excel opens Chinese text correctly; every cell is neutralized against formula injection.
/// </summary>
public sealed class CsvResponseWriter : IAsyncDisposable
{
    private const int ChunkBytes = 32 * 1024;
    private readonly HttpResponse _response;
    private readonly MemoryStream _buffer = new();
    private readonly CsvWriter _csv;

    private CsvResponseWriter(HttpResponse response)
    {
        _response = response;
        _csv = CsvWriter.Create(_buffer, new CsvWriterOptions { WriteByteOrderMark = true, NewLine = "\r\n" }, leaveOpen: true);
    }

    public static CsvResponseWriter Start(HttpResponse response, string fileName)
    {
        ExportFile.SetAttachment(response, fileName, "text/csv; charset=utf-8");
        return new CsvResponseWriter(response);
    }

    public async Task WriteRowAsync(IEnumerable<string?> cells, CancellationToken cancellationToken)
    {
        foreach (var cell in cells)
            _csv.WriteField(SpreadsheetText.Neutralize(cell) ?? string.Empty);
        await _csv.EndRecordAsync(cancellationToken);
        if (_buffer.Length >= ChunkBytes)
            await SendAsync(cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _csv.FlushAsync(cancellationToken);
        await SendAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _csv.DisposeAsync();
        await _buffer.DisposeAsync();
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        await _csv.FlushAsync(cancellationToken);
        if (_buffer.Length == 0)
            return;
        await _response.Body.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), cancellationToken);
        _buffer.SetLength(0);
    }
}

public static class ExportFile
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool IsXlsx(string? format) => string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);

    public static void SetAttachment(HttpResponse response, string fileName, string contentType)
    {
        response.ContentType = contentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }

    /// <summary>
    /// Writes an .xlsx through a temporary file (MiniExcel needs a seekable stream) and sends it; the rows
    /// are enumerated lazily, so neither the rows nor the workbook are held in memory.
    /// </summary>
    public static async Task WriteXlsxAsync(HttpResponse response, string fileName, IEnumerable<IDictionary<string, object?>> rows, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-export-{Guid.NewGuid():N}.xlsx");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, rows, excelType: MiniExcelLibs.ExcelType.XLSX, cancellationToken: cancellationToken);
        SetAttachment(response, fileName, XlsxContentType);
        response.ContentLength = file.Length;
        file.Position = 0;
        await file.CopyToAsync(response.Body, cancellationToken);
    }

    /// <summary>A row for MiniExcel: headers as keys, text neutralized, numbers left as numbers.</summary>
    public static IDictionary<string, object?> Row(IReadOnlyList<string> headers, IReadOnlyList<object?> values)
    {
        var row = new Dictionary<string, object?>(headers.Count, StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
            row[headers[i]] = values[i] is string text ? SpreadsheetText.Neutralize(text) : values[i];
        return row;
    }

    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>One exported customer, projected in the database query.</summary>
public sealed record ExportRow(
    string Code, string Name, Crm.Domain.Customers.CustomerType Type, Crm.Domain.Customers.CustomerStatus Status,
    string? Level, string? Region, string? Industry, string? Source, string? Owner, string OrgUnit,
    string? CreditCode, string? Phone, string? Address, string? Postcode, string? LegalRepresentative,
    decimal? RegisteredCapital, decimal? AnnualRevenue, DateTimeOffset? LastInteractionAt, DateTimeOffset CreatedAt);
