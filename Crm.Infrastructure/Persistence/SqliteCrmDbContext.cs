using Crm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crm.Infrastructure.Persistence;

/// <summary>The embedded default. Same model, its own migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteCrmDbContext : CrmDbContext
{
    public SqliteCrmDbContext(DbContextOptions<SqliteCrmDbContext> options, ICurrentUser? currentUser = null)
        : base(options, currentUser)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date type: stored as text, DateTimeOffset cannot be compared or sorted in SQL.
        // All our instants are UTC, so a binary (ticks) encoding orders correctly and stays indexable.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
