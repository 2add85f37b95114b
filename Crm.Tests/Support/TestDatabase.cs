using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Support;

/// <summary>A migrated SQLite file of its own, deleted on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string path) => Path = path;

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public static async Task<TestDatabase> CreateAsync()
    {
        var db = new TestDatabase(NewPath());
        await using var context = db.NewContext(CurrentUser.System());
        await context.Database.MigrateAsync();
        return db;
    }

    public static string NewPath() => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"crm-test-{Guid.NewGuid():N}.db");

    public SqliteCrmDbContext NewContext(ICurrentUser user, TimeProvider? clock = null) =>
        new(new DbContextOptionsBuilder<SqliteCrmDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(new AuditingInterceptor(user, clock ?? TimeProvider.System))
            .Options, user);

    public static CurrentUser UserWith(Guid id, string userName, DataScope scope, int orgUnitId = 0, string orgUnitPath = "0001", string? ip = null)
    {
        var user = new CurrentUser { IpAddress = ip };
        user.Set(new UserContext(id, userName, userName, orgUnitId, "unit", orgUnitPath, [], new HashSet<string>(), scope));
        return user;
    }

    public ValueTask DisposeAsync()
    {
        Delete(Path);
        return ValueTask.CompletedTask;
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A file still open by a finishing server is left to the temp folder's cleanup.
            }
        }
    }
}
