using Crm.Domain.Common;

namespace Crm.Domain.Customers;

public enum ImportKind
{
    Customers,
    Contacts,
}

/// <summary>What to do with a row that matches an existing customer (by credit code, phone or name).</summary>
public enum DuplicateMode
{
    Skip,
    Update,
    Create,
}

public enum ImportStatus
{
    Uploaded,
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One upload of a customer or contact file, from preview to result report. The file itself is kept
/// in storage at <see cref="StoredPath"/>; the job records progress as batches commit.
/// </summary>
public sealed class ImportJob : AuditableEntity
{
    public const int FileNameMaxLength = 200;
    public const int PathMaxLength = 400;
    public const int ErrorMaxLength = 1000;

    private static readonly Dictionary<ImportStatus, ImportStatus[]> AllowedTransitions = new()
    {
        [ImportStatus.Uploaded] = [ImportStatus.Queued, ImportStatus.Failed],
        [ImportStatus.Queued] = [ImportStatus.Running, ImportStatus.Failed],
        [ImportStatus.Running] = [ImportStatus.Completed, ImportStatus.Failed],
        [ImportStatus.Completed] = [],
        [ImportStatus.Failed] = [],
    };

    private ImportJob()
    {
        FileName = string.Empty;
        StoredPath = string.Empty;
    }

    public ImportJob(Guid userId, ImportKind kind, string fileName, string storedPath)
    {
        UserId = userId;
        Kind = kind;
        FileName = Text.Required(fileName, FileNameMaxLength, "Import.FileName");
        StoredPath = storedPath;
        Status = ImportStatus.Uploaded;
    }

    public Guid UserId { get; private set; }

    public ImportKind Kind { get; private set; }

    public string FileName { get; private set; }

    public string StoredPath { get; private set; }

    public ImportStatus Status { get; private set; }

    public DuplicateMode Mode { get; private set; }

    public int TotalRows { get; private set; }

    public int ProcessedRows { get; private set; }

    public int CreatedCount { get; private set; }

    public int UpdatedCount { get; private set; }

    public int SkippedCount { get; private set; }

    public int FailedCount { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? Error { get; private set; }

    public void Queue(DuplicateMode mode)
    {
        MoveTo(ImportStatus.Queued);
        Mode = mode;
    }

    public void Start(int totalRows, DateTimeOffset now)
    {
        MoveTo(ImportStatus.Running);
        TotalRows = totalRows;
        StartedAt = now;
    }

    /// <summary>Adds the counts of one committed batch.</summary>
    public void RecordBatch(int processed, int created, int updated, int skipped, int failed)
    {
        if (Status != ImportStatus.Running)
            throw new DomainException("Import.NotRunning");
        ProcessedRows += processed;
        CreatedCount += created;
        UpdatedCount += updated;
        SkippedCount += skipped;
        FailedCount += failed;
    }

    public void Complete(DateTimeOffset now)
    {
        MoveTo(ImportStatus.Completed);
        FinishedAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        MoveTo(ImportStatus.Failed);
        Error = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        FinishedAt = now;
    }

    private void MoveTo(ImportStatus status)
    {
        if (!AllowedTransitions[Status].Contains(status))
            throw new DomainException("Import.StatusTransitionNotAllowed", Status, status);
        Status = status;
    }
}

/// <summary>One rejected row of an import, with the reason, for the downloadable report.</summary>
public sealed class ImportRowError
{
    public const int ColumnMaxLength = 100;
    public const int MessageMaxLength = 500;

    private ImportRowError()
    {
        Message = string.Empty;
    }

    public ImportRowError(int importJobId, int rowNumber, string? column, string message)
    {
        ImportJobId = importJobId;
        RowNumber = rowNumber;
        Column = column is { Length: > ColumnMaxLength } ? column[..ColumnMaxLength] : column;
        Message = message.Length > MessageMaxLength ? message[..MessageMaxLength] : message;
    }

    public long Id { get; private set; }

    public int ImportJobId { get; private set; }

    public int RowNumber { get; private set; }

    public string? Column { get; private set; }

    public string Message { get; private set; }
}
