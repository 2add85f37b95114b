using System.Globalization;
using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// Draws unique numbers from a <see cref="CodeSequence"/> row with an atomic UPDATE, in its own short
/// transaction, so that codes never repeat across requests or app instances. A failed save afterwards
/// leaves a gap, which codes may have. Imports reserve a block at once.
/// </summary>
public sealed class CodeGenerator(CrmDbContext db)
{
    public async Task<long> ReserveAsync(string sequence, int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var attempt = 0; ; attempt++)
        {
            var ownTransaction = db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            try
            {
                var updated = await db.Set<CodeSequence>()
                    .Where(s => s.Name == sequence)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextValue, x => x.NextValue + count), cancellationToken);
                if (updated == 0)
                {
                    db.Set<CodeSequence>().Add(new CodeSequence(sequence, 1 + count));
                    await db.SaveChangesAsync(cancellationToken);
                    if (ownTransaction is not null)
                        await ownTransaction.CommitAsync(cancellationToken);
                    return 1;
                }

                var next = await db.Set<CodeSequence>().Where(s => s.Name == sequence).Select(s => s.NextValue).SingleAsync(cancellationToken);
                if (ownTransaction is not null)
                    await ownTransaction.CommitAsync(cancellationToken);
                return next - count;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another instance created the row first: take the UPDATE path.
                db.ChangeTracker.Clear();
            }
            finally
            {
                if (ownTransaction is not null)
                    await ownTransaction.DisposeAsync();
            }
        }
    }

    public static string Format(string prefix, long number, int digits = 8) =>
        prefix + number.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
