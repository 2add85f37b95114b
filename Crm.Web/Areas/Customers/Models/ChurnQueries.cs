using System.Globalization;
using Crm.Domain.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>
/// The churn history of one customer (every warning, open or closed, with its retention measures), for
/// the churn page and the customer 360's churn tab. Render it with the partial
/// <c>~/Areas/Customers/Views/Churn/_CustomerChurnHistory.cshtml</c>.
/// </summary>
public static class ChurnQueries
{
    /// <summary>
    /// The customer's warnings, newest first, each with its measures in date order and the names of the
    /// people involved. Goes through the data scope like every query: a customer the user cannot see has
    /// no history for them.
    /// </summary>
    public static async Task<IReadOnlyList<ChurnHistoryRow>> HistoryAsync(CrmDbContext db, int customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var warnings = await db.ChurnWarnings.AsNoTracking().Include(w => w.Measures)
            .Where(w => w.CustomerId == customerId)
            .OrderByDescending(w => w.WarnedAt).ThenByDescending(w => w.Id)
            .ToListAsync(cancellationToken);
        if (warnings.Count == 0)
            return [];

        var userIds = warnings.SelectMany(w => w.Measures.Select(m => (Guid?)m.RecordedBy).Append(w.ConfirmedBy)).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var reasonIds = warnings.Select(w => w.ReasonId).OfType<int>().Distinct().ToList();
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var reasons = await db.DictionaryItems.AsNoTracking().Where(d => reasonIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => chinese ? d.NameZh : d.NameEn, cancellationToken);
        var orderIds = warnings.Select(w => w.RecoveredByOrderId).OfType<int>().Distinct().ToList();
        var orders = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, cancellationToken);
        string? Name(Guid? id) => id is { } key && names.TryGetValue(key, out var name) ? name : null;

        return warnings.Select(w => new ChurnHistoryRow(
                w.Id, w.Status, w.WarnedAt, w.LastOrderAt, w.ThresholdMonths, w.ClosedAt,
                w.RecoveredByOrderId, w.RecoveredByOrderId is { } orderId && orders.TryGetValue(orderId, out var number) ? number : null,
                Name(w.ConfirmedBy), w.ReasonId is { } reasonId && reasons.TryGetValue(reasonId, out var reason) ? reason : null, w.ConfirmationNote,
                w.Measures.OrderBy(m => m.Date).ThenBy(m => m.Id)
                    .Select(m => new RetentionMeasureRow(m.Date, m.Content, Name(m.RecordedBy), m.RecordedAt)).ToList()))
            .ToList();
    }
}

/// <summary>One churn warning of a customer's history.</summary>
public sealed record ChurnHistoryRow(
    int Id,
    ChurnWarningStatus Status,
    DateTimeOffset WarnedAt,
    DateTimeOffset? LastOrderAt,
    int ThresholdMonths,
    DateTimeOffset? ClosedAt,
    int? RecoveredByOrderId,
    string? RecoveredByOrderNumber,
    string? ConfirmedBy,
    string? Reason,
    string? Note,
    IReadOnlyList<RetentionMeasureRow> Measures);

/// <summary>A retention measure (暂缓措施): its date and content, who recorded it and when.</summary>
public sealed record RetentionMeasureRow(DateOnly Date, string Content, string? RecordedBy, DateTimeOffset RecordedAt);
