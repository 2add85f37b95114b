using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Crm.Tests.Infrastructure;

/// <summary>
/// Keeps the two providers' migrations in step with the model and catches what only SQL Server would
/// reject at deployment (there is no SQL Server here: its path is proven by model and script).
/// </summary>
public sealed class ModelTests
{
    private static CrmDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<CrmDbContext>()
            .UseSqlServer("Server=localhost;Database=CrmModelCheck;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);

    private static SqliteCrmDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteCrmDbContext>().UseSqlite("Data Source=:memory:").Options);

    private static IModel DesignModel(DbContext context) => context.GetService<IDesignTimeModel>().Model;

    [Fact]
    public void SqlServerMigrationsHaveNoPendingModelChanges()
    {
        using var context = SqlServer();
        Assert.False(context.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add <Name> --context CrmDbContext --output-dir Migrations/SqlServer");
    }

    [Fact]
    public void SqliteMigrationsHaveNoPendingModelChanges()
    {
        using var context = Sqlite();
        Assert.False(context.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add <Name> --context SqliteCrmDbContext --output-dir Migrations/Sqlite");
    }

    [Fact]
    public void BothProvidersHaveTheSameMigrationsInTheSameOrder()
    {
        static IEnumerable<string> Names(DbContext c) => c.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]);
        using var sqlServer = SqlServer();
        using var sqlite = Sqlite();

        Assert.NotEmpty(Names(sqlServer));
        Assert.Equal(Names(sqlServer), Names(sqlite));
    }

    [Fact]
    public void SqlServerModelBoundsEveryIndexedStringAndEveryDomainString()
    {
        using var context = SqlServer();
        var problems = new List<string>();
        foreach (var entity in DesignModel(context).GetEntityTypes())
        {
            var indexed = entity.GetIndexes().SelectMany(i => i.Properties)
                .Concat(entity.GetKeys().SelectMany(k => k.Properties))
                .Concat(entity.GetForeignKeys().SelectMany(f => f.Properties));
            var domain = entity.ClrType.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) == true ? entity.GetProperties() : [];
            problems.AddRange(indexed.Concat(domain).Distinct()
                .Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null)
                .Select(p => $"{entity.DisplayName()}.{p.Name}"));
        }

        Assert.True(problems.Count == 0, "Strings without a max length: " + string.Join(", ", problems));
    }

    [Fact]
    public void SqlServerModelGivesEveryDecimalAPrecision()
    {
        using var context = SqlServer();
        var problems = DesignModel(context).GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => (e, p)))
            .Where(x => (Nullable.GetUnderlyingType(x.p.ClrType) ?? x.p.ClrType) == typeof(decimal) && x.p.GetPrecision() is null)
            .Select(x => $"{x.e.DisplayName()}.{x.p.Name}")
            .ToList();

        Assert.True(problems.Count == 0, "Decimals without a precision: " + string.Join(", ", problems));
    }

    [Fact]
    public void SqlServerModelHasNoCyclesOrMultipleCascadePaths()
    {
        using var context = SqlServer();
        var edges = DesignModel(context).GetEntityTypes()
            .SelectMany(e => e.GetForeignKeys())
            .Where(f => f.DeleteBehavior == DeleteBehavior.Cascade && !f.IsOwnership)
            .Select(f => (From: f.PrincipalEntityType.GetTableName()!, To: f.DeclaringEntityType.GetTableName()!))
            .ToList();
        var problems = new List<string>();

        foreach (var start in edges.Select(e => e.From).Distinct())
        {
            var paths = new Dictionary<string, int>();
            void Walk(string table, List<string> stack)
            {
                foreach (var next in edges.Where(e => e.From == table).Select(e => e.To))
                {
                    if (stack.Contains(next))
                    {
                        problems.Add("cycle: " + string.Join(" → ", stack.Append(next)));
                        continue;
                    }

                    paths[next] = paths.GetValueOrDefault(next) + 1;
                    Walk(next, [.. stack, next]);
                }
            }

            Walk(start, [start]);
            problems.AddRange(paths.Where(p => p.Value > 1).Select(p => $"{p.Value} cascade paths {start} → {p.Key}"));
        }

        Assert.True(problems.Count == 0, string.Join("; ", problems.Distinct()));
    }

    [Fact]
    public void SqlServerIdempotentScriptCreatesTheSchema()
    {
        using var context = SqlServer();

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [OrgUnits]", script);
        Assert.Contains("CREATE TABLE [AuditEntries]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_OrgUnits_Path]", script);
        Assert.Contains("IF NOT EXISTS", script);
    }

    [Fact]
    public void EnumsAreStoredAsBoundedStrings()
    {
        using var context = SqlServer();
        var enums = DesignModel(context).GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType).IsEnum)
            .ToList();

        Assert.NotEmpty(enums);
        Assert.All(enums, p =>
        {
            Assert.Equal(typeof(string), p.GetProviderClrType());
            Assert.NotNull(p.GetMaxLength());
        });
    }
}
