using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Crm.Tests.Infrastructure;

/// <summary>
/// The per-instance reference-data cache: a value is read once, a local save to a reference table makes
/// every entry unreachable, and a value loaded across such a save is never served.
/// </summary>
public sealed class ReferenceDataCacheTests : IAsyncLifetime
{
    private readonly ReferenceDataCache _cache = new(new MemoryCache(new MemoryCacheOptions()));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private SqliteCrmDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteCrmDbContext>()
            .UseSqlite(_database.ConnectionString)
            .AddInterceptors(new AuditingInterceptor(CurrentUser.System(), TimeProvider.System), new ReferenceDataChangeInterceptor(_cache))
            .Options, CurrentUser.System());

    private async Task<IReadOnlyList<string>> LevelsAsync(int[] loads)
    {
        await using var db = NewContext();
        return await _cache.GetAsync<IReadOnlyList<string>>("levels", async ct =>
        {
            loads[0]++;
            return await db.DictionaryItems.Where(d => d.Category == DictionaryCategories.CustomerLevel).Select(d => d.Code).ToListAsync(ct);
        });
    }

    [Fact]
    public async Task AValueIsLoadedOnceAndAgainAfterALocalSaveToAReferenceTable()
    {
        var loads = new int[1];
        Assert.Empty(await LevelsAsync(loads));
        Assert.Empty(await LevelsAsync(loads));
        Assert.Equal(1, loads[0]);

        await using (var db = NewContext())
        {
            db.DictionaryItems.Add(new DictionaryItem(DictionaryCategories.CustomerLevel, "Key", "大客户", "Key account", 10));
            await db.SaveChangesAsync();
        }

        Assert.Equal(["Key"], await LevelsAsync(loads));
        Assert.Equal(2, loads[0]);
    }

    [Fact]
    public async Task SavingOtherRecordsKeepsTheCachedValues()
    {
        var loads = new int[1];
        int unit;
        await using (var db = NewContext())
        {
            var root = OrgUnit.CreateRoot("总部");
            db.OrgUnits.Add(root);
            await db.SaveChangesAsync();
            unit = root.Id;
        }

        await LevelsAsync(loads);
        await using (var db = NewContext())
        {
            db.Customers.Add(new Customer("KH00000001", new CustomerProfile { Name = "杭州测试有限公司" }, unit, null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await LevelsAsync(loads);
        Assert.Equal(1, loads[0]);
    }

    [Fact]
    public async Task AValueLoadedWhileAChangeIsSavedIsNotServedAfterwards()
    {
        var first = await _cache.GetAsync<string>("key", async _ =>
        {
            _cache.Invalidate();
            await Task.Yield();
            return "read before the change was saved";
        });
        var second = await _cache.GetAsync<string>("key", _ => Task.FromResult("read after"));

        Assert.Equal("read before the change was saved", first);
        Assert.Equal("read after", second);
    }
}
