using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Infrastructure;

/// <summary>
/// Rows written by <see cref="BulkInsert"/> are the rows EF would have written — column by column, with the
/// same types — and carry the same audit entry; every record gets its own generated key.
/// </summary>
public sealed class BulkInsertTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 30, 15, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly CurrentUser _user = TestDatabase.UserWith(Guid.NewGuid(), "importer", DataScope.All, ip: "10.0.0.7");
    private TestDatabase _database = null!;
    private int _unit;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext(CurrentUser.System());
        var root = OrgUnit.CreateRoot("总部");
        db.OrgUnits.Add(root);
        await db.SaveChangesAsync();
        _unit = root.Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static CustomerProfile Profile(string name) => new()
    {
        Name = name, Type = CustomerType.Company, Satisfaction = 4, CreditRating = 3, Address = "上海市人民路1号", Postcode = "200001",
        Phone = "021-55667788", Website = "https://example.cn",
        LegalRepresentative = "张三", RegisteredCapital = 1234567.89m, AnnualRevenue = 0.5m, BankName = "招商银行", BankAccount = "6225880000000000",
        Remarks = "备注 \"引号\"",
    };

    private async Task<List<(string Column, string Type, object? Value)>> RowAsync(string table, string keyColumn, object key)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount)
            .Select(i => (reader.GetName(i), reader.GetDataTypeName(i), reader.IsDBNull(i) ? null : reader.GetValue(i)))
            .ToList();
    }

    [Fact]
    public async Task ABulkInsertedCustomerAndItsAuditEntryMatchWhatEfWrites()
    {
        var viaEf = new Customer("KH00000001", Profile("杭州同款科技有限公司"), _unit, null, Now);
        await using (var db = _database.NewContext(_user, _clock))
        {
            db.Customers.Add(viaEf);
            await db.SaveChangesAsync();
        }

        var viaBulk = new Customer("KH00000002", Profile("杭州同款科技有限公司"), _unit, null, Now);
        await using (var db = _database.NewContext(_user, _clock))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAuditedAsync(db, [viaBulk], _user, Now);
            await transaction.CommitAsync();
            Assert.Empty(db.ChangeTracker.Entries());
        }

        Assert.NotEqual(0, viaBulk.Id);
        var ef = await RowAsync("Customers", "Id", viaEf.Id);
        var bulk = await RowAsync("Customers", "Id", viaBulk.Id);
        var differing = ef.Zip(bulk).Where(p => !Equals(p.First.Value, p.Second.Value) || p.First.Type != p.Second.Type).Select(p => p.First.Column).ToList();
        Assert.Equal(["Id", "Code", "Version"], differing);
        Assert.Equal(ef.Select(c => c.Type), bulk.Select(c => c.Type));

        await using var check = _database.NewContext(CurrentUser.System());
        var audits = await check.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Customer)).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([viaEf.Id.ToString(), viaBulk.Id.ToString()], audits.Select(a => a.EntityKey));
        var (first, second) = (audits[0], audits[1]);
        Assert.Equal((first.Action, first.At, first.UserId, first.UserName, first.IpAddress, first.Field, first.OldValue),
            (second.Action, second.At, second.UserId, second.UserName, second.IpAddress, second.Field, second.OldValue));
        Assert.Equal(first.NewValue!.Replace("KH00000001", "KH00000002", StringComparison.Ordinal), second.NewValue);
    }

    [Fact]
    public async Task EveryRecordGetsItsOwnKeyAcrossSeveralStatements()
    {
        var customers = Enumerable.Range(1, 450)
            .Select(i => new Customer($"KH{i:D8}", new CustomerProfile { Name = $"批量客户{i}" }, _unit, null, Now))
            .ToList();
        await using (var db = _database.NewContext(_user, _clock))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAuditedAsync(db, customers, _user, Now);
            await transaction.CommitAsync();
        }

        await using var check = _database.NewContext(CurrentUser.System());
        var stored = await check.Customers.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id);
        Assert.All(customers, c => Assert.Equal(stored[c.Code], c.Id));
        Assert.Equal(450, customers.Select(c => c.Id).Distinct().Count());
        Assert.Equal(450, await check.AuditEntries.CountAsync(a => a.EntityType == nameof(Customer) && a.Action == AuditAction.Insert));
    }

    [Fact]
    public async Task ABulkJobsConnectionIsTunedWhileItRunsAndGivenBackWithSqlitesDefaults()
    {
        await using var db = _database.NewContext(_user, _clock);
        // Held open by the test too, so that the connection the tuning gives back is the one read afterwards.
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        async Task<(long CacheSize, long TempStore, long Checkpoint)> PragmasAsync()
        {
            async Task<long> ReadAsync(string pragma)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA " + pragma;
                return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }

            return (await ReadAsync("cache_size"), await ReadAsync("temp_store"), await ReadAsync("wal_autocheckpoint"));
        }

        var before = await PragmasAsync();
        await using (await BulkInsert.TuneForBulkAsync(db))
        {
            Assert.Equal((-65536L, 2L, 16384L), await PragmasAsync());
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAuditedAsync(db, [new Customer("KH00000009", Profile("调优期间的客户"), _unit, null, Now)], _user, Now);
            await transaction.CommitAsync();
        }

        Assert.Equal((-2000L, 0L, 1000L), before);
        Assert.Equal(before, await PragmasAsync());
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        await db.Database.CloseConnectionAsync();
    }
}
