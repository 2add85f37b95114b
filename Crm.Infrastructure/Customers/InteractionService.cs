using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// Saves an interaction together with what follows from it: the customer's last-interaction time and
/// the follow-up reminder for the customer's owner (created, rescheduled, or closed when the date is cleared).
/// </summary>
public sealed class InteractionService(CrmDbContext db, TimeProvider clock)
{
    public const string ReminderSource = "Interaction";

    public static string LinkOf(int customerId) => $"/Customers/Customers/Details/{customerId}?tab=interactions#interactions";

    public static string TitleOf(string customerName, Interaction interaction) =>
        $"跟进：{customerName} — {interaction.NextStep ?? interaction.Summary}";

    /// <summary>The reminder of a new follow-up; the interaction must have its id already.</summary>
    public static Reminder NewReminder(Guid userId, Customer customer, Interaction interaction) =>
        new(userId, TitleOf(customer.Name, interaction), interaction.FollowUpAt!.Value, LinkOf(customer.Id),
            interaction.NextStep, ReminderSource, interaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Adds (when new) or updates the interaction and its consequences in one transaction. The reminder
    /// goes to the customer's owner, or to <paramref name="recordedBy"/> for a customer in the public pool.
    /// </summary>
    public async Task SaveAsync(Customer customer, Interaction interaction, Guid? recordedBy, CancellationToken cancellationToken = default)
    {
        if (interaction.CustomerId != customer.Id)
            throw new InvalidOperationException("The interaction belongs to another customer.");
        if (customer.Status == CustomerStatus.Archived)
            throw new DomainException("Customer.Archived");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Entry(interaction).State == EntityState.Detached)
            db.Interactions.Add(interaction);
        customer.RecordInteraction(interaction.OccurredAt);
        await db.SaveChangesAsync(cancellationToken);

        if ((customer.OwnerId ?? recordedBy) is { } userId)
            await SyncReminderAsync(userId, customer, interaction, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task SyncReminderAsync(Guid userId, Customer customer, Interaction interaction, CancellationToken cancellationToken)
    {
        var key = interaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var existing = await db.Reminders.Where(r => r.SourceType == ReminderSource && r.SourceKey == key).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var current = existing.FirstOrDefault(r => r.UserId == userId);

        // A reminder left with a former owner is closed; the current owner follows up.
        foreach (var stale in existing.Where(r => r != current && r.Status == ReminderStatus.Open))
            stale.MarkDone(now);

        if (interaction.FollowUpAt is { } due)
        {
            if (current is null)
            {
                db.Reminders.Add(NewReminder(userId, customer, interaction));
            }
            else if (current.DueAt != due)
            {
                if (current.Status == ReminderStatus.Done)
                    current.Reopen();
                current.Reschedule(due);
            }
        }
        else if (current is { Status: ReminderStatus.Open })
        {
            current.MarkDone(now);
        }
    }
}
