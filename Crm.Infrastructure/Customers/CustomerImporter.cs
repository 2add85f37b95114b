using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using C = Crm.Domain.Common.DictionaryCategories;
using Col = Crm.Infrastructure.Customers.SpreadsheetColumns;

namespace Crm.Infrastructure.Customers;

/// <summary>A problem with one cell (or the whole row when <see cref="Column"/> is null); the message is encoded by <see cref="ImportMessages"/>.</summary>
public sealed record ImportProblem(string? Column, string Message);

/// <summary>An existing customer a row matches. Outside the user's scope only its existence is told.</summary>
public sealed record ImportMatch(int Id, string Code, string Name, DuplicateReason Reason, bool Visible);

/// <summary>What the preview shows for one row.</summary>
public sealed record ImportPreviewRow(int RowNumber, string? Name, string? CreditCode, string? Phone, IReadOnlyList<ImportProblem> Problems, ImportMatch? Match);

/// <summary>
/// Imports customers from an uploaded file, acting as the user who uploaded it (data scope, owners they
/// may assign, audit). Rows are read as a stream and processed in batches of <see cref="BatchSize"/>:
/// a row that breaks a rule is recorded as an <see cref="ImportRowError"/> and the rest of the batch is
/// saved; a database failure rolls the whole batch back and fails the job, so a batch is all or nothing
/// and the job's counts always equal what was committed.
/// </summary>
/// <remarks>
/// Duplicates are found as on the form (credit code, then phone, then normalized name) across every
/// scope, and also among the file's own earlier rows. In update mode a match outside the user's scope
/// is skipped and reported: a salesman neither changes another's customer nor creates a second copy of
/// it. Updates keep the current value of a blank cell and never change the owner (that is an
/// assignment with its own history).
/// </remarks>
public sealed class CustomerImporter(
    CrmDbContext db,
    ICurrentUser currentUser,
    CustomerService customers,
    CodeGenerator codes,
    ImportStorage storage,
    TimeProvider clock,
    ILogger<CustomerImporter> logger)
{
    // Rows per transaction. A commit writes every index page the batch changed; the hot ones (code, dates, the
    // owner's) are rewritten by every batch, so fewer, larger batches write less: 100,000 rows took ~22 s in
    // batches of 1,000 and ~18 s in batches of 5,000 (bench/results). The job's progress moves per batch.
    public const int BatchSize = 5000;
    public const int PreviewRows = 20;

    /// <summary>Stores the file and creates its job in the uploaded state.</summary>
    public async Task<ImportJob> UploadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var format = SpreadsheetReader.FormatOf(fileName) ?? throw new DomainException("Import.UnsupportedFile");
        var userId = currentUser.UserId ?? throw new InvalidOperationException("An import needs a signed-in user.");
        Directory.CreateDirectory(storage.Root);
        var stored = storage.NewFileName(format);
        await using (var file = new FileStream(storage.PathOf(stored), FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            await content.CopyToAsync(file, cancellationToken);

        var name = Path.GetFileName(fileName);
        var job = new ImportJob(userId, ImportKind.Customers, name.Length > ImportJob.FileNameMaxLength ? name[^ImportJob.FileNameMaxLength..] : name, stored);
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }

    /// <summary>The first rows of the file, checked and matched as the import will do it.</summary>
    public async Task<IReadOnlyList<ImportPreviewRow>> PreviewAsync(ImportJob job, int take = PreviewRows, CancellationToken cancellationToken = default)
    {
        var rows = new List<SpreadsheetRow>();
        await foreach (var row in SpreadsheetReader.ReadAsync(storage.PathOf(job.StoredPath), FormatOf(job), cancellationToken))
        {
            rows.Add(row);
            if (rows.Count == take)
                break;
        }

        var lookups = await LoadLookupsAsync(cancellationToken);
        var checks = rows.Select(r => Check(r, lookups)).ToList();
        var matcher = await Matcher.LoadAsync(db, checks, cancellationToken);
        return checks.Select(c => new ImportPreviewRow(
                c.Row.RowNumber, c.Row[Col.Name], c.Row[Col.CreditCode], c.Row[Col.Phone], c.Problems,
                c.Profile is null ? null : matcher.Find(c.Profile)?.ToMatch()))
            .ToList();
    }

    /// <summary>
    /// Claims a queued job — atomically, so that of several app instances only one runs it — and imports
    /// it. The current user must already be the job's user.
    /// </summary>
    /// <returns>False when the job was not queued (another instance took it, or it is not ready).</returns>
    public async Task<bool> RunAsync(int jobId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var version = Guid.NewGuid();
        var claimed = await db.ImportJobs
            .Where(j => j.Id == jobId && j.Status == ImportStatus.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportStatus.Running)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.Version, version), cancellationToken);
        if (claimed == 0)
            return false;

        // The job was changed behind the change tracker's back: nothing tracked before may be reused.
        db.ChangeTracker.Clear();

        var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
        if (currentUser.UserId != job.UserId)
            throw new InvalidOperationException("An import runs as the user who uploaded it.");
        var path = storage.PathOf(job.StoredPath);
        var format = FormatOf(job);
        var batchStart = 0;
        await using var tuning = await BulkInsert.TuneForBulkAsync(db, cancellationToken);
        try
        {
            var total = await SpreadsheetReader.CountAsync(path, format, cancellationToken);
            await db.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.TotalRows, total), cancellationToken);

            var lookups = await LoadLookupsAsync(cancellationToken);
            var batch = new List<SpreadsheetRow>(BatchSize);
            await foreach (var row in SpreadsheetReader.ReadAsync(path, format, cancellationToken))
            {
                if (batch.Count == 0)
                    batchStart = row.RowNumber;
                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    await ImportBatchAsync(jobId, job.Mode, batch, lookups, cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
                await ImportBatchAsync(jobId, job.Mode, batch, lookups, cancellationToken);

            var done = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
            done.Complete(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Import job {JobId} failed in the batch starting at row {Row}", jobId, batchStart);
            db.ChangeTracker.Clear();
            var failed = await db.ImportJobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
            failed.Fail(e is DomainException domain ? ImportMessages.Encode(domain) : ImportMessages.Encode("Import.BatchFailed", batchStart), clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return true;
    }

    private async Task ImportBatchAsync(int jobId, DuplicateMode mode, List<SpreadsheetRow> rows, Lookups lookups, CancellationToken cancellationToken)
    {
        var checks = rows.Select(r => Check(r, lookups)).ToList();
        var matcher = await Matcher.LoadAsync(db, checks, cancellationToken);

        // Decide every row first (in memory), so that codes are reserved for exactly the rows created.
        var errors = new List<(int Row, string? Column, string Message)>();
        var creates = new List<PendingCreate>();
        var updates = new List<(RowCheck Check, int CustomerId)>();
        int skipped = 0, failed = 0, mergedInFile = 0;
        foreach (var check in checks)
        {
            if (check.Profile is null)
            {
                failed++;
                errors.AddRange(check.Problems.Select(p => (check.Row.RowNumber, p.Column, p.Message)));
                continue;
            }

            var match = mode == DuplicateMode.Create ? null : matcher.Find(check.Profile);
            if (match is null)
            {
                var pending = new PendingCreate(check);
                creates.Add(pending);
                matcher.Add(check.Profile, pending);
            }
            else if (mode == DuplicateMode.Skip)
            {
                skipped++;
            }
            else if (!match.Visible)
            {
                skipped++;
                errors.Add((check.Row.RowNumber, ColumnOf(match.Reason), ImportMessages.Encode("Import.SkippedNotYours", $"DuplicateReason.{match.Reason}")));
            }
            else if (match.Pending is { } earlier)
            {
                // The file names the same customer twice: the later row updates the earlier one.
                earlier.Check = earlier.Check with { Profile = Merge(earlier.Check.Profile!, check.Profile, check.Row) };
                mergedInFile++;
            }
            else
            {
                updates.Add((check, match.Id));
            }
        }

        var first = creates.Count == 0 ? 0 : await codes.ReserveAsync(CustomerService.CodeSequence, creates.Count, cancellationToken);
        int created = 0, updated = mergedInFile;
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var newCustomers = new List<Customer>(creates.Count);
        foreach (var (create, index) in creates.Select((c, i) => (c, i)))
        {
            try
            {
                var check = create.Check;
                newCustomers.Add(new Customer(CodeGenerator.Format(CustomerService.CodePrefix, first + index), check.Profile!, check.OrgUnitId, check.OwnerId, now));
                created++;
            }
            catch (DomainException e)
            {
                failed++;
                errors.Add((create.Check.Row.RowNumber, ColumnOf(e), ImportMessages.Encode(e)));
            }
        }

        // On SQLite the new customers (and their audit entries) go in as multi-row INSERTs: EF would send one
        // statement per row, and there each statement costs a statement journal and a flush of the name-search
        // index — most of an import's time. Other providers batch EF's own inserts.
        if (BulkInsert.IsSupported(db))
            await BulkInsert.InsertAuditedAsync(db, newCustomers, currentUser, now, cancellationToken);
        else
            db.Customers.AddRange(newCustomers);

        var ids = updates.Select(u => u.CustomerId).Distinct().ToList();
        var targets = ids.Count == 0 ? [] : await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var (check, id) in updates)
        {
            if (!targets.TryGetValue(id, out var customer))
            {
                skipped++;
                errors.Add((check.Row.RowNumber, null, ImportMessages.Encode("Import.SkippedNotYours", "DuplicateReason.Name")));
                continue;
            }

            try
            {
                customer.UpdateProfile(Merge(Profile(customer), check.Profile!, check.Row));
                updated++;
            }
            catch (DomainException e)
            {
                failed++;
                errors.Add((check.Row.RowNumber, ColumnOf(e), ImportMessages.Encode(e)));
            }
        }

        db.ImportRowErrors.AddRange(errors.Select(e => new ImportRowError(jobId, e.Row, e.Column, e.Message)));
        var job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
        job.RecordBatch(rows.Count, created, updated, skipped, failed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static SpreadsheetFormat FormatOf(ImportJob job) => SpreadsheetReader.FormatOf(job.StoredPath) ?? SpreadsheetFormat.Csv;

    private RowCheck Check(SpreadsheetRow row, Lookups lookups)
    {
        var problems = new List<ImportProblem>();

        void Problem(SpreadsheetColumn column, string code, params object[] arguments) =>
            problems.Add(new ImportProblem(column.Key, ImportMessages.Encode(code, arguments)));

        int? Item(SpreadsheetColumn column, Dictionary<string, int> items)
        {
            var value = row[column];
            if (value is null)
                return null;
            if (items.TryGetValue(value, out var id))
                return id;
            Problem(column, "Import.UnknownValue", value);
            return null;
        }

        decimal? Number(SpreadsheetColumn column)
        {
            var value = row[column]?.Replace(",", string.Empty).Replace("¥", string.Empty).Replace("￥", string.Empty).Trim();
            if (string.IsNullOrEmpty(value))
                return null;
            if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                return number;
            Problem(column, "Import.NotANumber", row[column]!);
            return null;
        }

        int? Score(SpreadsheetColumn column) => Number(column) is { } n ? (n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : -1) : null;

        var type = CustomerType.Company;
        if (row[Col.Type] is { } typeText)
        {
            if (lookups.Types.TryGetValue(typeText, out var parsed))
                type = parsed;
            else
                Problem(Col.Type, "Import.UnknownValue", typeText);
        }

        var owner = lookups.DefaultOwner;
        if (row[Col.Owner] is { } ownerText)
        {
            if (lookups.Owners.TryGetValue(ownerText, out var named))
                owner = named;
            else
                Problem(Col.Owner, "Customers.OwnerNotAllowed");
        }

        var profile = new CustomerProfile
        {
            Name = row[Col.Name] ?? string.Empty,
            Type = type,
            LevelId = Item(Col.Level, lookups.Levels),
            IndustryId = Item(Col.Industry, lookups.Industries),
            RegionId = Item(Col.Region, lookups.Regions),
            SourceId = Item(Col.Source, lookups.Sources),
            Satisfaction = Score(Col.Satisfaction),
            CreditRating = Score(Col.CreditRating),
            Address = row[Col.Address],
            Postcode = row[Col.Postcode],
            Phone = row[Col.Phone],
            Fax = row[Col.Fax],
            Website = row[Col.Website],
            CreditCode = row[Col.CreditCode],
            LegalRepresentative = row[Col.LegalRepresentative],
            RegisteredCapital = Number(Col.RegisteredCapital),
            AnnualRevenue = Number(Col.AnnualRevenue),
            BankName = row[Col.BankName],
            BankAccount = row[Col.BankAccount],
            Remarks = row[Col.Remarks],
        };

        // The entity checks its own rules (required name, credit code, lengths, ranges) with precise messages.
        try
        {
            _ = new Customer("CHECK", profile, owner.OrgUnitId, owner.Id, clock.GetUtcNow());
        }
        catch (DomainException e)
        {
            problems.Add(new ImportProblem(ColumnOf(e), ImportMessages.Encode(e)));
        }

        return new RowCheck(row, problems.Count == 0 ? profile : null, owner.Id, owner.OrgUnitId, problems);
    }

    private static string? ColumnOf(DomainException e) =>
        e.Code.StartsWith("Customer.CreditCode", StringComparison.Ordinal) ? Col.CreditCode.Key
        : e.Code == "Customer.PostcodeInvalid" ? Col.Postcode.Key
        : e.Arguments.FirstOrDefault() is string field && field.StartsWith("Customer.", StringComparison.Ordinal) ? Col.FromKey(field["Customer.".Length..])?.Key
        : null;

    private static string ColumnOf(DuplicateReason reason) => reason switch
    {
        DuplicateReason.CreditCode => Col.CreditCode.Key,
        DuplicateReason.Phone => Col.Phone.Key,
        _ => Col.Name.Key,
    };

    private static CustomerProfile Profile(Customer c) => new()
    {
        Name = c.Name, Type = c.Type, LevelId = c.LevelId, IndustryId = c.IndustryId, RegionId = c.RegionId, SourceId = c.SourceId,
        Satisfaction = c.Satisfaction, CreditRating = c.CreditRating, Address = c.Address, Postcode = c.Postcode, Phone = c.Phone,
        Fax = c.Fax, Website = c.Website, CreditCode = c.CreditCode, LegalRepresentative = c.LegalRepresentative,
        RegisteredCapital = c.RegisteredCapital, AnnualRevenue = c.AnnualRevenue, BankName = c.BankName, BankAccount = c.BankAccount,
        Remarks = c.Remarks,
    };

    /// <summary>The row's values over the current ones: a blank cell keeps what the customer has.</summary>
    private static CustomerProfile Merge(CustomerProfile current, CustomerProfile row, SpreadsheetRow cells) => new()
    {
        Name = row.Name,
        Type = cells[Col.Type] is null ? current.Type : row.Type,
        LevelId = row.LevelId ?? current.LevelId,
        IndustryId = row.IndustryId ?? current.IndustryId,
        RegionId = row.RegionId ?? current.RegionId,
        SourceId = row.SourceId ?? current.SourceId,
        Satisfaction = row.Satisfaction ?? current.Satisfaction,
        CreditRating = row.CreditRating ?? current.CreditRating,
        Address = row.Address ?? current.Address,
        Postcode = row.Postcode ?? current.Postcode,
        Phone = row.Phone ?? current.Phone,
        Fax = row.Fax ?? current.Fax,
        Website = row.Website ?? current.Website,
        CreditCode = row.CreditCode ?? current.CreditCode,
        LegalRepresentative = row.LegalRepresentative ?? current.LegalRepresentative,
        RegisteredCapital = row.RegisteredCapital ?? current.RegisteredCapital,
        AnnualRevenue = row.AnnualRevenue ?? current.AnnualRevenue,
        BankName = row.BankName ?? current.BankName,
        BankAccount = row.BankAccount ?? current.BankAccount,
        Remarks = row.Remarks ?? current.Remarks,
    };

    private async Task<Lookups> LoadLookupsAsync(CancellationToken cancellationToken)
    {
        var me = currentUser.User ?? throw new InvalidOperationException("An import needs a signed-in user.");
        var items = await db.DictionaryItems.AsNoTracking()
            .Where(d => d.IsActive && (d.Category == C.CustomerLevel || d.Category == C.Industry || d.Category == C.Region || d.Category == C.Source))
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Category, d.Code, d.NameZh, d.NameEn })
            .ToListAsync(cancellationToken);

        Dictionary<string, int> Category(string category)
        {
            var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var d in items.Where(d => d.Category == category))
            {
                map.TryAdd(d.NameZh, d.Id);
                map.TryAdd(d.NameEn, d.Id);
                map.TryAdd(d.Code, d.Id);
            }

            return map;
        }

        var owners = await customers.AssignableOwners()
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.OrgUnitId })
            .ToListAsync(cancellationToken);
        var ownerMap = new Dictionary<string, Owner>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in owners.Where(u => u.UserName is not null))
            ownerMap[u.UserName!] = new Owner(u.Id, u.OrgUnitId);
        // A display name (as the export writes it) is accepted when it names one person only.
        foreach (var group in owners.GroupBy(u => u.DisplayName).Where(g => g.Count() == 1))
            ownerMap.TryAdd(group.Key, new Owner(group.Single().Id, group.Single().OrgUnitId));

        var types = new Dictionary<string, CustomerType>(StringComparer.OrdinalIgnoreCase)
        {
            ["Company"] = CustomerType.Company, ["单位"] = CustomerType.Company, ["公司"] = CustomerType.Company, ["企业"] = CustomerType.Company,
            ["Person"] = CustomerType.Person, ["个人"] = CustomerType.Person,
        };

        return new Lookups(
            Category(C.CustomerLevel), Category(C.Industry), Category(C.Region), Category(C.Source),
            types, ownerMap, new Owner(me.UserId, me.OrgUnitId));
    }

    private sealed record Owner(Guid Id, int OrgUnitId);

    private sealed record Lookups(
        Dictionary<string, int> Levels,
        Dictionary<string, int> Industries,
        Dictionary<string, int> Regions,
        Dictionary<string, int> Sources,
        Dictionary<string, CustomerType> Types,
        Dictionary<string, Owner> Owners,
        Owner DefaultOwner);

    private sealed record RowCheck(SpreadsheetRow Row, CustomerProfile? Profile, Guid OwnerId, int OrgUnitId, IReadOnlyList<ImportProblem> Problems);

    private sealed class PendingCreate(RowCheck check)
    {
        public RowCheck Check { get; set; } = check;
    }

    private sealed record Candidate(int Id, string Code, string Name, DuplicateReason Reason, bool Visible, PendingCreate? Pending = null)
    {
        public ImportMatch ToMatch() => new(Id, Code, Name, Reason, Visible);
    }

    /// <summary>The existing customers a batch's rows may duplicate, loaded in one query, plus the rows created so far in the batch.</summary>
    private sealed class Matcher
    {
        private readonly Dictionary<string, Candidate> _byCreditCode = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Candidate> _byPhone = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Candidate> _byName = new(StringComparer.Ordinal);

        public static async Task<Matcher> LoadAsync(CrmDbContext db, IEnumerable<RowCheck> checks, CancellationToken cancellationToken)
        {
            var profiles = checks.Select(c => c.Profile).OfType<CustomerProfile>().ToList();
            var creditCodes = profiles.Select(p => CreditKey(p)).OfType<string>().Distinct().ToList();
            var phones = profiles.Select(p => Customer.PhoneKeyOf(p.Phone)).OfType<string>().Distinct().ToList();
            var names = profiles.Select(p => CustomerNameNormalizer.Normalize(p.Name)).Where(n => n.Length > 0).Distinct().ToList();
            var matcher = new Matcher();
            if (profiles.Count == 0)
                return matcher;

            var found = await db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AsNoTracking()
                // Each list travels as one (JSON) parameter: 3 × 500 values as separate parameters cost SQLite
                // 20–50 ms per batch to bind by name at 1,000,000 customers, one parameter 8 ms (bench/results).
                .Where(c => (c.CreditCode != null && EF.Parameter(creditCodes).Contains(c.CreditCode))
                            || (c.PhoneKey != null && EF.Parameter(phones).Contains(c.PhoneKey))
                            || EF.Parameter(names).Contains(c.NormalizedName))
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Code, c.Name, c.CreditCode, c.PhoneKey, c.NormalizedName })
                .ToListAsync(cancellationToken);
            var ids = found.Select(c => c.Id).ToList();
            var visible = ids.Count == 0 ? [] : (await db.Customers.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();

            // The user's own match wins over one they cannot see; otherwise the oldest.
            foreach (var c in found.OrderByDescending(c => visible.Contains(c.Id)).ThenBy(c => c.Id))
            {
                var isVisible = visible.Contains(c.Id);
                if (c.CreditCode is not null)
                    matcher._byCreditCode.TryAdd(c.CreditCode, new Candidate(c.Id, c.Code, c.Name, DuplicateReason.CreditCode, isVisible));
                if (c.PhoneKey is not null)
                    matcher._byPhone.TryAdd(c.PhoneKey, new Candidate(c.Id, c.Code, c.Name, DuplicateReason.Phone, isVisible));
                matcher._byName.TryAdd(c.NormalizedName, new Candidate(c.Id, c.Code, c.Name, DuplicateReason.Name, isVisible));
            }

            return matcher;
        }

        public Candidate? Find(CustomerProfile profile) =>
            (CreditKey(profile) is { } code && _byCreditCode.TryGetValue(code, out var byCode) ? byCode : null)
            ?? (Customer.PhoneKeyOf(profile.Phone) is { } phone && _byPhone.TryGetValue(phone, out var byPhone) ? byPhone : null)
            ?? (_byName.TryGetValue(CustomerNameNormalizer.Normalize(profile.Name), out var byName) ? byName : null);

        /// <summary>A row about to be created, so that a later row of the same file matches it.</summary>
        public void Add(CustomerProfile profile, PendingCreate pending)
        {
            if (CreditKey(profile) is { } code)
                _byCreditCode.TryAdd(code, new Candidate(0, string.Empty, profile.Name, DuplicateReason.CreditCode, true, pending));
            if (Customer.PhoneKeyOf(profile.Phone) is { } phone)
                _byPhone.TryAdd(phone, new Candidate(0, string.Empty, profile.Name, DuplicateReason.Phone, true, pending));
            _byName.TryAdd(CustomerNameNormalizer.Normalize(profile.Name), new Candidate(0, string.Empty, profile.Name, DuplicateReason.Name, true, pending));
        }

        private static string? CreditKey(CustomerProfile profile) =>
            string.IsNullOrWhiteSpace(profile.CreditCode) ? null : UnifiedSocialCreditCode.Normalize(profile.CreditCode);
    }
}
