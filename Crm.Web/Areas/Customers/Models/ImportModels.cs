using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;

namespace Crm.Web.Areas.Customers.Models;

public sealed record ImportJobRow(int Id, string FileName, ImportStatus Status, DuplicateMode Mode, int TotalRows, int ProcessedRows,
    int CreatedCount, int UpdatedCount, int SkippedCount, int FailedCount, DateTimeOffset CreatedAt);

public sealed record ImportIndexViewModel(IReadOnlyList<ImportJobRow> Jobs, long MaxMegabytes);

public sealed record ImportPreviewViewModel(int Id, string FileName, IReadOnlyList<ImportPreviewRow> Rows, string? FileError);

/// <summary>A rejected row as the report shows it, already in the reader's language.</summary>
public sealed record ImportFailureRow(int RowNumber, string? Column, string Reason);

public sealed record ImportDetailsViewModel(ImportJobRow Job, string? Error, IReadOnlyList<ImportFailureRow> Failures, int FailureTotal)
{
    public bool Finished => Job.Status is ImportStatus.Completed or ImportStatus.Failed;

    public int Percent => Job.TotalRows == 0 ? 0 : (int)Math.Round(100.0 * Job.ProcessedRows / Job.TotalRows);
}

/// <summary>What <c>/Customers/Imports/Status/{id}</c> answers to the progress script.</summary>
public sealed record ImportStatusResponse(string Status, string StatusText, int Total, int Processed, int Percent,
    int Created, int Updated, int Skipped, int Failed, bool Finished, string ProgressText);
