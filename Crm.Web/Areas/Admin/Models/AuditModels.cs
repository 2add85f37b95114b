using System.ComponentModel.DataAnnotations;
using Crm.Domain.Common;

namespace Crm.Web.Areas.Admin.Models;

/// <summary>The audit log's filters, bound from the query string.</summary>
public sealed class AuditFilter
{
    [StringLength(256, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Audit.User")]
    public string? User { get; set; }

    [StringLength(AuditEntry.EntityTypeMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Audit.EntityType")]
    public string? EntityType { get; set; }

    [StringLength(AuditEntry.EntityKeyMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Audit.EntityKey")]
    public string? EntityKey { get; set; }

    [Display(Name = "Audit.Action")]
    public AuditAction? Operation { get; set; }

    [Display(Name = "Audit.From")]
    public DateOnly? From { get; set; }

    [Display(Name = "Audit.To")]
    public DateOnly? To { get; set; }

    /// <summary>Keyset paging: show entries older than this id.</summary>
    public long? Before { get; set; }
}

public sealed record AuditRow(
    long Id, DateTimeOffset At, string? UserName, string? IpAddress, AuditAction Action,
    string EntityType, string EntityKey, string? Field, string? OldValue, string? NewValue);

public sealed record AuditIndexViewModel(
    AuditFilter Filter, IReadOnlyList<AuditRow> Rows, long? NextBefore, IReadOnlyList<string> EntityTypes);
