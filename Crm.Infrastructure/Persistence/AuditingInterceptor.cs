using System.Globalization;
using System.Text.Json;
using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// On every save: stamps created/updated by and at, renews the concurrency token of edited records, and
/// writes the audit trail — one entry per changed field of an update; one entry per insert and per delete
/// carrying the record's values (a row per field there would multiply imports by the column count).
/// Keys of inserted rows exist only after the insert, so their entries are written right after it, inside
/// the same transaction (one is opened when the caller has none).
/// </summary>
public sealed class AuditingInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    // Never written to the log: they are secrets or noise.
    private static readonly HashSet<string> Masked = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"];
    private static readonly HashSet<string> Skipped = [nameof(AuditableEntity.Version), nameof(AuditableEntity.UpdatedAt), nameof(AuditableEntity.UpdatedBy)];

    private readonly List<(EntityEntry Entry, AuditEntry Audit)> _pendingInserts = [];
    private IDbContextTransaction? _ownTransaction;
    private bool _flushing;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (!_flushing && eventData.Context is { } context)
        {
            if (Prepare(context) && context.Database.CurrentTransaction is null)
                _ownTransaction = context.Database.BeginTransaction();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!_flushing && eventData.Context is { } context)
        {
            if (Prepare(context) && context.Database.CurrentTransaction is null)
                _ownTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (_flushing || eventData.Context is not { } context)
            return result;
        try
        {
            if (AddPendingInserts(context))
            {
                _flushing = true;
                context.SaveChanges();
            }

            _ownTransaction?.Commit();
        }
        finally
        {
            EndSave();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_flushing || eventData.Context is not { } context)
            return result;
        try
        {
            if (AddPendingInserts(context))
            {
                _flushing = true;
                await context.SaveChangesAsync(cancellationToken);
            }

            if (_ownTransaction is not null)
                await _ownTransaction.CommitAsync(cancellationToken);
        }
        finally
        {
            EndSave();
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (!_flushing)
            EndSave();
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!_flushing)
            EndSave();
        return Task.CompletedTask;
    }

    /// <returns>Whether inserts wait for their keys (and so need a transaction around both saves).</returns>
    private bool Prepare(DbContext context)
    {
        _pendingInserts.Clear();
        context.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow();
        var userId = currentUser.UserId;
        var audits = new List<AuditEntry>();

        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            // The log itself, key material and one-time tokens are not business records.
            if (entry.Entity is AuditEntry or DataProtectionKey or IdentityUserToken<Guid> || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            if (entry.Metadata.IsOwned())
                continue;

            var type = entry.Metadata.ClrType.Name;
            switch (entry.State)
            {
                case EntityState.Added:
                    (entry.Entity as AuditableEntity)?.MarkCreated(userId, now);
                    var insert = InsertEntryFor(entry, currentUser, now);
                    if (entry.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary))
                        _pendingInserts.Add((entry, insert));
                    else
                        audits.Add(insert);
                    break;

                case EntityState.Modified:
                    var changed = entry.Properties
                        .Where(p => p.IsModified && !Skipped.Contains(p.Metadata.Name)
                                    && !Equals(p.OriginalValue, p.CurrentValue))
                        .ToList();
                    if (changed.Count == 0)
                        break;
                    (entry.Entity as AuditableEntity)?.MarkUpdated(userId, now);
                    foreach (var p in changed)
                    {
                        var masked = Masked.Contains(p.Metadata.Name);
                        audits.Add(NewEntry(now, AuditAction.Update, type, KeyOf(entry), p.Metadata.Name,
                            masked ? "***" : Format(p.OriginalValue), masked ? "***" : Format(p.CurrentValue)));
                    }

                    break;

                case EntityState.Deleted:
                    audits.Add(NewEntry(now, AuditAction.Delete, type, KeyOf(entry), null, Snapshot(entry, current: false), null));
                    break;
            }
        }

        context.Set<AuditEntry>().AddRange(audits);
        return _pendingInserts.Count > 0;
    }

    private bool AddPendingInserts(DbContext context)
    {
        if (_pendingInserts.Count == 0)
            return false;
        foreach (var (entry, audit) in _pendingInserts)
            audit.SetEntityKey(KeyOf(entry));
        context.Set<AuditEntry>().AddRange(_pendingInserts.Select(p => p.Audit));
        _pendingInserts.Clear();
        return true;
    }

    private void EndSave()
    {
        _pendingInserts.Clear();
        _flushing = false;
        _ownTransaction?.Dispose();
        _ownTransaction = null;
    }

    private AuditEntry NewEntry(DateTimeOffset at, AuditAction action, string type, string key, string? field, string? oldValue, string? newValue) =>
        new(at, action, type, key, currentUser.UserId, currentUser.UserName, currentUser.IpAddress, field, oldValue, newValue);

    /// <summary>
    /// The entry a save writes for an inserted record: its values as a snapshot. Public for code that inserts
    /// rows without SaveChanges (<see cref="BulkInsert"/>), so that both write the same trail.
    /// </summary>
    public static AuditEntry InsertEntryFor(EntityEntry entry, ICurrentUser user, DateTimeOffset at) =>
        new(at, AuditAction.Insert, entry.Metadata.ClrType.Name, KeyOf(entry), user.UserId, user.UserName, user.IpAddress,
            null, null, Snapshot(entry, current: true));

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));

    private static string Snapshot(EntityEntry entry, bool current)
    {
        var values = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.IsPrimaryKey() || Skipped.Contains(p.Metadata.Name) || Masked.Contains(p.Metadata.Name))
                continue;
            var value = current ? p.CurrentValue : p.OriginalValue;
            if (value is not null)
                values[p.Metadata.Name] = Format(value);
        }

        return JsonSerializer.Serialize(values, SnapshotJson);
    }

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        byte[] b => Convert.ToBase64String(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
