using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Crm.Domain.Common;
using CsvHelper;
using MiniExcelLibs;

namespace Crm.Infrastructure.Customers;

public enum SpreadsheetFormat
{
    Csv,
    Xlsx,
}

/// <summary>One data row of an uploaded file: its row number as the spreadsheet shows it (the header is row 1) and its cells by column key.</summary>
public sealed record SpreadsheetRow(int RowNumber, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[SpreadsheetColumn column] =>
        Cells.TryGetValue(column.Key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>
/// Reads an uploaded customer file row by row — CsvHelper for CSV, MiniExcel's streaming reader for
/// .xlsx — so that a file of any size is never held in memory. Blank rows are left out.
/// </summary>
public static class SpreadsheetReader
{
    static SpreadsheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static SpreadsheetFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => SpreadsheetFormat.Csv,
        ".xlsx" => SpreadsheetFormat.Xlsx,
        _ => null,
    };

    public static async IAsyncEnumerable<SpreadsheetRow> ReadAsync(string path, SpreadsheetFormat format, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        var rows = format == SpreadsheetFormat.Csv ? ReadCsvAsync(stream, cancellationToken) : ReadXlsxAsync(stream, cancellationToken);
        await foreach (var row in rows)
        {
            if (row.Cells.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
                yield return row;
        }
    }

    /// <summary>Counts the data rows with one more streaming pass, for the progress bar.</summary>
    public static async Task<int> CountAsync(string path, SpreadsheetFormat format, CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var _ in ReadAsync(path, format, cancellationToken))
            count++;
        return count;
    }

    private static async IAsyncEnumerable<SpreadsheetRow> ReadCsvAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var encoding = await DetectEncodingAsync(stream, cancellationToken);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
        // The header is read as a record like the others, so that row numbers match the spreadsheet's.
        await using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false, SkipEmptyLines = false }, leaveOpen: true);
        string?[]? columns = null;
        var rowNumber = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            rowNumber++;
            var values = new string?[csv.FieldCount];
            for (var i = 0; i < values.Length; i++)
                values[i] = csv.GetStringOrNull(i);
            if (columns is null)
            {
                columns = Columns(values);
                continue;
            }

            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length && i < values.Length; i++)
            {
                if (columns[i] is { } key)
                    cells[key] = values[i];
            }

            yield return new SpreadsheetRow(rowNumber, cells);
        }
    }

    private static async IAsyncEnumerable<SpreadsheetRow> ReadXlsxAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string?[]? columns = null;
        var rowNumber = 0;
        foreach (IDictionary<string, object?> row in await MiniExcel.QueryAsync(stream, useHeaderRow: false, excelType: ExcelType.XLSX, cancellationToken: cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            rowNumber++;
            var values = row.Values.Select(Text).ToArray();
            if (columns is null)
            {
                columns = Columns(values);
                continue;
            }

            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length && i < values.Length; i++)
            {
                if (columns[i] is { } key)
                    cells[key] = values[i];
            }

            yield return new SpreadsheetRow(rowNumber, cells);
        }
    }

    private static string?[] Columns(IReadOnlyList<string?> headers)
    {
        // A BOM left in the first header by a tool that wrote it twice is not part of the name.
        var columns = headers.Select(h => SpreadsheetColumns.FromHeader(h?.TrimStart('\uFEFF'))?.Key).ToArray();
        if (!columns.Contains(SpreadsheetColumns.Name.Key))
            throw new DomainException("Import.NoNameColumn", SpreadsheetColumns.Name.Zh, SpreadsheetColumns.Name.En);
        return columns;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// UTF-8 (with or without BOM), or GB18030 — what Excel in Chinese Windows writes when it saves "CSV".
    /// Leaves the stream at its start.
    /// </summary>
    private static async Task<Encoding> DetectEncodingAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        stream.Position = 0;
        // A multi-byte character cut by the buffer's end is not an error.
        var length = read == buffer.Length ? Math.Max(0, read - 3) : read;
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(buffer, 0, length);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }
}
