using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Crm.Domain.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// 合并客户: moves everything of one customer onto another and archives the first with a pointer to the
/// second. What moves is found from the model's foreign keys to <see cref="Customer"/> (as
/// <see cref="ReferenceChecker"/> finds references), so the records of modules written later — orders,
/// opportunities, service requests — move too without registering here. Only the source's own history
/// stays with it: its ownership (pool) events, and customers merged into it earlier, which keep pointing
/// at it (the chain of <see cref="Customer.MergedIntoId"/> leads on to the survivor).
/// </summary>
public sealed class CustomerMergeService(CrmDbContext db, ReferenceChecker references, CustomerTaskService tasks)
{
    private static readonly MethodInfo LoadMethod =
        typeof(CustomerMergeService).GetMethod(nameof(LoadAsync), BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static readonly MethodInfo PropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!;

    /// <summary>Record types that stay with the source (entity CLR names, as <see cref="Reference.EntityType"/> gives them).</summary>
    public static readonly IReadOnlySet<string> Staying = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(CustomerPoolEvent),
        nameof(Customer),
    };

    /// <summary>How many records of each type the merge would move (types with none are left out).</summary>
    public async Task<IReadOnlyList<Reference>> WhatMovesAsync(int sourceId, CancellationToken cancellationToken = default) =>
        (await references.FindAsync<Customer>(sourceId, cancellationToken))
            .Where(r => !Staying.Contains(r.EntityType))
            .ToList();

    /// <summary>
    /// Moves every record of <paramref name="source"/> onto <paramref name="target"/>, archives the source
    /// as merged, and moves the reminders of open tasks to the target's page — in one transaction, so a
    /// failure leaves both customers as they were. Both are tracked entities the caller loaded in scope.
    /// </summary>
    public async Task MergeAsync(Customer source, Customer target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        // Refusals (same customer, archived source or target) come before anything is touched.
        source.MergeInto(target);

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var moved = new List<object>();
        foreach (var fk in ForeignKeysToMove())
        {
            var property = fk.Properties[0];
            var load = (Task<IList>)LoadMethod.MakeGenericMethod(fk.DeclaringEntityType.ClrType)
                .Invoke(this, [property.Name, property.ClrType, source.Id, cancellationToken])!;
            foreach (var record in await load)
            {
                Move(record, property, target.Id);
                moved.Add(record);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var task in moved.OfType<CustomerTask>())
            await tasks.SyncReminderAsync(task, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
    }

    private IEnumerable<IForeignKey> ForeignKeysToMove() =>
        db.Model.FindEntityType(typeof(Customer))!.GetReferencingForeignKeys()
            .Where(fk => fk.Properties.Count == 1 && !Staying.Contains(fk.DeclaringEntityType.ClrType.Name))
            .Where(fk => !fk.DeclaringEntityType.IsOwned())
            // Feedback before its tasks, so each task is moved once with its feedback and found moved.
            .OrderBy(fk => fk.DeclaringEntityType.ClrType == typeof(CustomerTask) ? 1 : 0)
            .ThenBy(fk => fk.DeclaringEntityType.ClrType.Name, StringComparer.Ordinal);

    /// <summary>
    /// Through the record's own <c>MoveTo(int)</c> when it has one (a contact stops being primary, a
    /// feedback takes its tasks along); otherwise by setting the foreign key.
    /// </summary>
    private void Move(object record, IProperty property, int targetId)
    {
        var moveTo = record.GetType().GetMethod("MoveTo", BindingFlags.Instance | BindingFlags.Public, [typeof(int)]);
        if (moveTo is not null && property.Name == nameof(ICustomerOwned.CustomerId))
            moveTo.Invoke(record, [targetId]);
        var entry = db.Entry(record).Property(property.Name);
        if (!Equals(entry.CurrentValue, targetId))
            entry.CurrentValue = targetId;
    }

    private async Task<IList> LoadAsync<TDependent>(string property, Type propertyType, int id, CancellationToken cancellationToken)
        where TDependent : class
    {
        // e => EF.Property<TKey>(e, property) == (TKey)id, across every data scope: the merge moves all.
        var e = Expression.Parameter(typeof(TDependent), "e");
        var value = Expression.Call(PropertyMethod.MakeGenericMethod(propertyType), e, Expression.Constant(property));
        var predicate = Expression.Lambda<Func<TDependent, bool>>(
            Expression.Equal(value, Expression.Convert(Expression.Constant(id), propertyType)), e);
        return await db.Set<TDependent>().IgnoreQueryFilters().Where(predicate).ToListAsync(cancellationToken);
    }
}
