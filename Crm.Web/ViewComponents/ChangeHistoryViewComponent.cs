using System.Globalization;
using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.ViewComponents;

/// <summary>
/// The change history of one record from the audit log, newest first and bounded. The page that shows it
/// has already decided the user may see the record; the entries are read by (type, key), which the
/// audit log's (EntityType, EntityKey, At) index serves.
/// </summary>
public sealed class ChangeHistoryViewComponent(
    CrmDbContext db, ICurrentUser currentUser, UserClock clock, IStringLocalizer<SharedResource> l) : ViewComponent
{
    public const int Limit = 50;

    /// <param name="entityType">The CLR name of the entity, as the audit log records it (e.g. "SystemSettings").</param>
    /// <param name="entityKey">The record's key as text (e.g. "1").</param>
    /// <param name="fieldPrefix">Resource-key prefix of the field labels ("{prefix}.{Field}"); the entity type by default.</param>
    public async Task<IViewComponentResult> InvokeAsync(string entityType, string entityKey, string? fieldPrefix = null)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityKey == entityKey)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(Limit + 1)
            .Select(a => new { a.Id, a.At, a.UserName, a.Action, a.Field, a.OldValue, a.NewValue })
            .ToListAsync(HttpContext.RequestAborted);

        var prefix = fieldPrefix ?? entityType;
        var rows = entries.Take(Limit)
            .Select(a => new ChangeHistoryRow(
                a.Id, clock.Format(a.At), a.UserName, a.Action,
                a.Field is null ? null : FieldLabel(prefix, a.Field),
                Display(a.OldValue), Display(a.NewValue)))
            .ToList();
        return View(new ChangeHistoryViewModel(
            entityType, entityKey, rows, entries.Count > Limit, currentUser.HasPermission(P.Audit.View)));
    }

    private string FieldLabel(string prefix, string field)
    {
        var label = l[$"{prefix}.{field}"];
        return label.ResourceNotFound ? field : label.Value;
    }

    /// <summary>Instants are logged in UTC round-trip form; the user reads them in the organisation's zone.</summary>
    private string? Display(string? value) =>
        value is { Length: >= 20 and <= 40 } && value[4] == '-'
        && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant)
            ? clock.Format(instant)
            : value;
}

public sealed record ChangeHistoryRow(
    long Id, string At, string? UserName, AuditAction Action, string? Field, string? OldValue, string? NewValue);

public sealed record ChangeHistoryViewModel(
    string EntityType, string EntityKey, IReadOnlyList<ChangeHistoryRow> Rows, bool HasMore, bool CanOpenAuditLog)
{
    public int Limit => ChangeHistoryViewComponent.Limit;

    /// <summary>An id unique per record on a page, for the heading the section is labelled by.</summary>
    public string HeadingId => "history-" + new string($"{EntityType}-{EntityKey}".Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
