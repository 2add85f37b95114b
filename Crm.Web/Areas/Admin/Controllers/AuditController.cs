using Crm.Domain.Common;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Admin.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Admin.Controllers;

[Area("Admin")]
[Authorize(Policy = P.Audit.View)]
public sealed class AuditController(CrmDbContext db, UserClock clock) : Controller
{
    public const int PageSize = 50;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken cancellationToken)
    {
        var entityTypes = db.Model.GetEntityTypes()
            .Select(t => t.ClrType.Name)
            .Where(n => n != nameof(AuditEntry) && !n.StartsWith("Identity", StringComparison.Ordinal) && n != "DataProtectionKey")
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!ModelState.IsValid)
            return View(new AuditIndexViewModel(filter, [], null, entityTypes));

        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
            query = query.Where(a => a.UserName == filter.User.Trim());
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
            query = query.Where(a => a.EntityType == filter.EntityType);
        if (!string.IsNullOrWhiteSpace(filter.EntityKey))
            query = query.Where(a => a.EntityKey == filter.EntityKey.Trim());
        if (filter.Operation is { } action)
            query = query.Where(a => a.Action == action);
        if (filter.From is { } from)
        {
            var start = clock.StartOfDay(from);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = clock.StartOfDay(to.AddDays(1));
            query = query.Where(a => a.At < end);
        }

        if (filter.Before is { } before)
            query = query.Where(a => a.Id < before);

        // Newest first by id (ids grow with time); one extra row tells whether an older page exists.
        var rows = await query
            .OrderByDescending(a => a.Id)
            .Take(PageSize + 1)
            .Select(a => new AuditRow(a.Id, a.At, a.UserName, a.IpAddress, a.Action, a.EntityType, a.EntityKey, a.Field, a.OldValue, a.NewValue))
            .ToListAsync(cancellationToken);
        long? next = rows.Count > PageSize ? rows[PageSize - 1].Id : null;
        return View(new AuditIndexViewModel(filter, rows.Take(PageSize).ToList(), next, entityTypes));
    }
}
