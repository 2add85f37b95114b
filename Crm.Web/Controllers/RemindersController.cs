using System.Globalization;
using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Authorization;
using Crm.Web.Infrastructure;
using Crm.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Crm.Web.Controllers;

/// <summary>The signed-in user's own reminders (提醒). Another user's reminder does not exist here: 404.</summary>
[Authorize(Policy = Policies.Authenticated)]
public sealed class RemindersController(
    CrmDbContext db, ICurrentUser currentUser, TimeProvider time, UserClock clock, IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 100;
    private const string DateTimeLocalFormat = "yyyy-MM-ddTHH:mm";

    [HttpGet]
    public async Task<IActionResult> Index(ReminderTab tab = ReminderTab.Due, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var mine = Mine();
        var due = mine.DueAt(now);
        var upcoming = mine.UpcomingAt(now);
        var query = tab switch
        {
            // Newest due first; snoozed ones count from the end of their snooze.
            ReminderTab.Due => due.OrderByDescending(r => r.SnoozedUntil != null && r.SnoozedUntil > r.DueAt ? r.SnoozedUntil.Value : r.DueAt),
            // The next one to come first: that is the one to plan for.
            ReminderTab.Upcoming => upcoming.OrderBy(r => r.SnoozedUntil != null && r.SnoozedUntil > r.DueAt ? r.SnoozedUntil.Value : r.DueAt),
            _ => mine.Where(r => r.Status == ReminderStatus.Done).OrderByDescending(r => r.DoneAt).ThenByDescending(r => r.DueAt),
        };
        var rows = await query.ThenByDescending(r => r.Id)
            .Take(PageSize + 1)
            .Select(r => new ReminderRow(r.Id, r.Title, r.TitleKey, r.TitleArgs, r.Details, r.DueAt, r.SnoozedUntil, r.Url, r.Status, r.DoneAt))
            .ToListAsync(cancellationToken);
        var dueCount = await due.CountAsync(cancellationToken);
        var upcomingCount = await upcoming.CountAsync(cancellationToken);

        var localNow = clock.ToLocal(now).DateTime;
        return View(new RemindersIndexViewModel(
            tab, rows.Take(PageSize).ToList(), rows.Count > PageSize, dueCount, upcomingCount,
            localNow.ToString(DateTimeLocalFormat, CultureInfo.InvariantCulture),
            localNow.AddHours(2).ToString(DateTimeLocalFormat, CultureInfo.InvariantCulture)));
    }

    [HttpPost]
    public Task<IActionResult> Done(int id, ReminderTab tab = ReminderTab.Due, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, tab, r => r.MarkDone(time.GetUtcNow()), "Reminders.MarkedDone", cancellationToken);

    [HttpPost]
    public Task<IActionResult> Reopen(int id, ReminderTab tab = ReminderTab.Done, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, tab, r => r.Reopen(), "Reminders.Reopened", cancellationToken);

    [HttpPost]
    public async Task<IActionResult> Snooze(int id, SnoozeChoice choice, DateTime? until, ReminderTab tab = ReminderTab.Due, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? target = choice switch
        {
            SnoozeChoice.Hour => now.AddHours(1),
            SnoozeChoice.Tomorrow => LocalToUtc(DateOnly.FromDateTime(clock.ToLocal(now).DateTime).AddDays(1), 9),
            SnoozeChoice.NextWeek => LocalToUtc(NextMonday(DateOnly.FromDateTime(clock.ToLocal(now).DateTime)), 9),
            SnoozeChoice.Custom when until is { } local => LocalToUtc(local),
            _ => null,
        };
        if (ModelState.GetFieldValidationState(nameof(choice)) == ModelValidationState.Invalid || target is null)
        {
            // The reminder must still be the user's, or the answer would tell that the id exists.
            if (!await Mine().AnyAsync(r => r.Id == id, cancellationToken))
                return NotFound();
            TempData["Error"] = l["Reminders.SnoozeChooseTime"].Value;
            return RedirectToAction(nameof(Index), new { tab });
        }

        return await ChangeAsync(id, tab, r => r.Snooze(target.Value, now), "Reminders.Snoozed", cancellationToken, clock.Format(target.Value));
    }

    private async Task<IActionResult> ChangeAsync(
        int id, ReminderTab tab, Action<Reminder> change, string successKey, CancellationToken cancellationToken, params object[] successArguments)
    {
        var reminder = await Mine().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reminder is null)
            return NotFound();
        try
        {
            change(reminder);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l[successKey, successArguments].Value;
        }
        catch (Exception error) when (DomainErrors.IsRefusal(error))
        {
            TempData["Error"] = error is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Index), new { tab });
    }

    private IQueryable<Reminder> Mine()
    {
        var userId = currentUser.UserId ?? Guid.Empty;
        return db.Reminders.Where(r => r.UserId == userId);
    }

    private static DateOnly NextMonday(DateOnly today)
    {
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(days == 0 ? 7 : days);
    }

    private DateTimeOffset LocalToUtc(DateOnly day, int hour) => LocalToUtc(day.ToDateTime(new TimeOnly(hour, 0)));

    /// <summary>A wall-clock time in the organisation's zone (as a datetime-local input sends it) as a UTC instant.</summary>
    private DateTimeOffset LocalToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, clock.Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
