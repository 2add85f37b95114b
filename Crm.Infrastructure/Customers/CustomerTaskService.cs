using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// Tasks split from a customer's feedback (任务) and the reminder each open task keeps for its assignee.
/// The reminder is kept in step with the task here, so no page has to remember it: one open reminder
/// for the assignee, due when the task is, while the task is open or in progress; none once it is
/// done or cancelled.
/// </summary>
public sealed class CustomerTaskService(CrmDbContext db, TimeProvider clock)
{
    public const string ReminderSource = "CustomerTask";

    /// <summary>Where a task's reminder leads: the feedback tab of the customer's 360 page.</summary>
    public static string CustomerUrl(int customerId) =>
        string.Create(CultureInfo.InvariantCulture, $"/Customers/Customers/Details/{customerId}?tab=feedback#feedback");

    /// <summary>
    /// The task the current user may act on: one of a customer in their scope, or one assigned to them
    /// (being given a task is being given what it needs, even on a customer they do not otherwise see).
    /// </summary>
    public async Task<CustomerTask?> FindForChangeAsync(int taskId, Guid? userId, CancellationToken cancellationToken = default) =>
        await db.CustomerTasks.Include(t => t.Feedback).SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
        ?? (userId is null ? null : await db.CustomerTasks.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).Include(t => t.Feedback)
            .SingleOrDefaultAsync(t => t.Id == taskId && t.AssigneeId == userId, cancellationToken));

    /// <summary>Splits a task off the feedback and gives its assignee a reminder, in one transaction.</summary>
    public async Task<CustomerTask> AddTaskAsync(Feedback feedback, string title, Guid assigneeId, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var task = feedback.AddTask(title, assigneeId, dueAt);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // The reminder names the task by its id, which the first save gives it.
        await db.SaveChangesAsync(cancellationToken);
        await SyncReminderAsync(task, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        return task;
    }

    /// <summary>Applies a transition or reassignment of the task (the entity refuses wrong ones) and saves it with its reminder.</summary>
    public async Task ChangeAsync(CustomerTask task, Action<CustomerTask> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(change);
        change(task);
        await SyncReminderAsync(task, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Brings the task's reminders in line with the task (tracked, not saved): an open task keeps one
    /// open reminder for its assignee at its due time and customer; any other open reminder of the task
    /// (a former assignee's, or one pointing at a merged-away customer) is marked done.
    /// </summary>
    public async Task SyncReminderAsync(CustomerTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var key = task.Id.ToString(CultureInfo.InvariantCulture);
        var reminders = await db.Reminders
            .Where(r => r.SourceType == ReminderSource && r.SourceKey == key && r.Status == ReminderStatus.Open)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var url = CustomerUrl(task.CustomerId);
        var open = task.Status is CustomerTaskStatus.Open or CustomerTaskStatus.InProgress;
        Reminder? kept = null;
        foreach (var reminder in reminders)
        {
            if (open && kept is null && reminder.UserId == task.AssigneeId && reminder.Url == url)
            {
                kept = reminder;
                if (reminder.DueAt != task.DueAt)
                    reminder.Reschedule(task.DueAt);
            }
            else
            {
                reminder.MarkDone(now);
            }
        }

        if (open && kept is null)
        {
            var customer = await db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter])
                .Where(c => c.Id == task.CustomerId).Select(c => c.Name).SingleAsync(cancellationToken);
            db.Reminders.Add(new Reminder(task.AssigneeId, ReminderTitles.CustomerTask(task.Title, customer), task.DueAt, url,
                task.Feedback?.Summary, ReminderSource, key));
        }
    }
}
