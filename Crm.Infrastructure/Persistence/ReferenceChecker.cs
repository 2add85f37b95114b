using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Persistence;

public sealed record Reference(string EntityType, int Count);

/// <summary>
/// Which records refer to a given row, found from the model's foreign keys, so that a rule such as
/// "an org unit in use cannot be deleted" or "a dictionary item in use cannot be deleted" covers every
/// module's records, including modules written later, without each one registering itself.
/// </summary>
public sealed class ReferenceChecker(CrmDbContext db)
{
    private static readonly MethodInfo CountMethod =
        typeof(ReferenceChecker).GetMethod(nameof(CountAsync), BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static readonly MethodInfo PropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!;

    public async Task<IReadOnlyList<Reference>> FindAsync<TPrincipal>(int id, CancellationToken cancellationToken = default)
        where TPrincipal : class
    {
        var principal = db.Model.FindEntityType(typeof(TPrincipal))
            ?? throw new InvalidOperationException($"{typeof(TPrincipal).Name} is not in the model.");
        var found = new List<Reference>();
        foreach (var fk in principal.GetReferencingForeignKeys().Where(f => f.Properties.Count == 1))
        {
            var property = fk.Properties[0];
            var task = (Task<int>)CountMethod.MakeGenericMethod(fk.DeclaringEntityType.ClrType)
                .Invoke(this, [property.Name, property.ClrType, id, cancellationToken])!;
            var count = await task;
            if (count > 0)
                found.Add(new Reference(fk.DeclaringEntityType.ClrType.Name, count));
        }

        return found
            .GroupBy(r => r.EntityType)
            .Select(g => new Reference(g.Key, g.Sum(r => r.Count)))
            .ToList();
    }

    private Task<int> CountAsync<TDependent>(string property, Type propertyType, int id, CancellationToken cancellationToken)
        where TDependent : class
    {
        // e => EF.Property<TKey>(e, property) == (TKey)id, counted across every data scope.
        var e = Expression.Parameter(typeof(TDependent), "e");
        var value = Expression.Call(PropertyMethod.MakeGenericMethod(propertyType), e, Expression.Constant(property));
        var predicate = Expression.Lambda<Func<TDependent, bool>>(
            Expression.Equal(value, Expression.Convert(Expression.Constant(id), propertyType)), e);
        return db.Set<TDependent>().IgnoreQueryFilters().CountAsync(predicate, cancellationToken);
    }
}
