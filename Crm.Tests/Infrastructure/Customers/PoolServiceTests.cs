using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Infrastructure.Customers;

/// <summary>
/// A small organisation for pool tests: 集团 → 华东公司 (company) → 上海分公司 → 销售一组 (张伟, 李娜), and
/// 集团 → 华北公司 (company) → 销售三组 (王芳); 陈静 manages 华东公司.
/// </summary>
public sealed class PoolWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private PoolWorld(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public IConfiguration Configuration { get; } = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:TimeZone"] = "Asia/Shanghai" }).Build();

    public OrgUnit East { get; private set; } = null!;

    public OrgUnit North { get; private set; } = null!;

    public OrgUnit Team1 { get; private set; } = null!;

    public OrgUnit Team3 { get; private set; } = null!;

    public Guid Zhang { get; } = Guid.NewGuid();

    public Guid Li { get; } = Guid.NewGuid();

    public Guid Wang { get; } = Guid.NewGuid();

    public Guid ManagerEast { get; } = Guid.NewGuid();

    public static async Task<PoolWorld> CreateAsync(int maxOwned = 200, int dailyClaims = 20, int recycleDays = 30, int recycleMonths = 6)
    {
        var world = new PoolWorld(await TestDatabase.CreateAsync());
        await using var db = world.SystemContext();
        var group = OrgUnit.CreateRoot("集团总部");
        world.East = group.AddChild("华东公司", OrgUnitKind.Company);
        world.Team1 = world.East.AddChild("上海分公司", OrgUnitKind.Branch).AddChild("销售一组", OrgUnitKind.Team);
        world.North = group.AddChild("华北公司", OrgUnitKind.Company);
        world.Team3 = world.North.AddChild("销售三组", OrgUnitKind.Team);
        db.OrgUnits.Add(group);
        await db.SaveChangesAsync();
        db.Users.AddRange(
            User(world.Zhang, "zhang.wei", "张伟", world.Team1.Id),
            User(world.Li, "li.na", "李娜", world.Team1.Id),
            User(world.Wang, "wang.fang", "王芳", world.Team3.Id),
            User(world.ManagerEast, "manager.east", "陈静", world.East.Id));
        var settings = SystemSettings.Defaults();
        settings.UpdateCustomerRules(6, recycleDays, recycleMonths, maxOwned, dailyClaims);
        db.SystemSettings.Add(settings);
        await db.SaveChangesAsync();
        return world;
    }

    private static CrmUser User(Guid id, string userName, string displayName, int orgUnitId) =>
        new() { Id = id, UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = displayName, OrgUnitId = orgUnitId, SecurityStamp = Guid.NewGuid().ToString() };

    public SqliteCrmDbContext SystemContext() => Database.NewContext(CurrentUser.System(), Clock);

    public CurrentUser Salesman(Guid id, OrgUnit unit) => As(id, unit, DataScope.Own, Permissions.Customers.Pool);

    public CurrentUser Manager() => As(ManagerEast, East, DataScope.OrgUnitSubtree, Permissions.Customers.Pool, Permissions.Customers.Assign);

    public static CurrentUser As(Guid id, OrgUnit unit, DataScope scope, params string[] permissions)
    {
        var user = new CurrentUser();
        user.Set(new UserContext(id, id.ToString(), id.ToString(), unit.Id, unit.Name, unit.Path, [], permissions.ToHashSet(), scope));
        return user;
    }

    public (SqliteCrmDbContext Db, PoolService Pool) PoolFor(CurrentUser user)
    {
        var db = Database.NewContext(user, Clock);
        return (db, new PoolService(db, new CustomerService(db, new CodeGenerator(db), user, Clock, new ReferenceDataCache(new MemoryCache(new MemoryCacheOptions()))), user, Clock, Configuration));
    }

    /// <summary>Adds a customer as of the fake clock's now.</summary>
    public async Task<int> AddCustomerAsync(string name, int orgUnitId, Guid? owner, Action<Customer>? arrange = null)
    {
        await using var db = SystemContext();
        var customer = new Customer("KH" + Guid.NewGuid().ToString("N")[..10], new CustomerProfile { Name = name }, orgUnitId, owner, Clock.GetUtcNow());
        arrange?.Invoke(customer);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    public async Task<Customer> LoadAsync(int id)
    {
        await using var db = SystemContext();
        return await db.Customers.AsNoTracking().Include(c => c.PoolEvents).SingleAsync(c => c.Id == id);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

public sealed class PoolServiceTests : IAsyncLifetime
{
    private PoolWorld _world = null!;

    public async Task InitializeAsync() => _world = await PoolWorld.CreateAsync(maxOwned: 3, dailyClaims: 2);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<string[]> PoolNamesOf(CurrentUser user)
    {
        var (db, pool) = _world.PoolFor(user);
        await using (db)
            return await (await pool.PoolAsync()).OrderBy(c => c.Name).Select(c => c.Name).ToArrayAsync();
    }

    private async Task<PoolClaimResult?> ClaimAs(CurrentUser user, int customerId)
    {
        var (db, pool) = _world.PoolFor(user);
        await using (db)
            return await pool.ClaimAsync(customerId);
    }

    [Fact]
    public async Task SalesmanSeesTheUnownedCustomersOfHisCompanyOnly()
    {
        await _world.AddCustomerAsync("华东公海客户", _world.East.Id, null);
        await _world.AddCustomerAsync("一组放回的客户", _world.Team1.Id, null);
        await _world.AddCustomerAsync("华北公海客户", _world.North.Id, null);
        await _world.AddCustomerAsync("李娜的客户", _world.Team1.Id, _world.Li);
        await _world.AddCustomerAsync("已归档的公海客户", _world.East.Id, null, c => c.Archive());

        var names = await PoolNamesOf(_world.Salesman(_world.Zhang, _world.Team1));

        Assert.Equal(["一组放回的客户", "华东公海客户"], names.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task ManagerSeesTheUnownedCustomersOfHisSubtreeOnly()
    {
        await _world.AddCustomerAsync("华东公海客户", _world.East.Id, null);
        await _world.AddCustomerAsync("华北公海客户", _world.North.Id, null);
        await _world.AddCustomerAsync("张伟的客户", _world.Team1.Id, _world.Zhang);

        Assert.Equal(["华东公海客户"], await PoolNamesOf(_world.Manager()));
    }

    [Fact]
    public async Task ClaimMakesTheClaimerOwnerInHisUnitAndKeepsTheHistory()
    {
        var id = await _world.AddCustomerAsync("华东公海客户", _world.East.Id, null);

        var result = await ClaimAs(_world.Salesman(_world.Zhang, _world.Team1), id);

        Assert.True(result!.Claimed);
        var customer = await _world.LoadAsync(id);
        Assert.Equal(_world.Zhang, customer.OwnerId);
        Assert.Equal(_world.Team1.Id, customer.OrgUnitId);
        var claim = Assert.Single(customer.PoolEvents);
        Assert.Equal(PoolEventKind.Claim, claim.Kind);
        Assert.Equal(_world.Zhang, claim.ToUserId);
        Assert.Empty(await PoolNamesOf(_world.Salesman(_world.Li, _world.Team1)));
    }

    [Fact]
    public async Task ClaimIsRefusedWhenTheClaimerOwnsTheMostAllowed()
    {
        for (var i = 0; i < 3; i++)
            await _world.AddCustomerAsync($"张伟的客户{i}", _world.Team1.Id, _world.Zhang);
        var id = await _world.AddCustomerAsync("华东公海客户", _world.East.Id, null);

        var result = await ClaimAs(_world.Salesman(_world.Zhang, _world.Team1), id);

        Assert.Equal("Pool.MaxOwnedReached", result!.Refusal!.Code);
        Assert.Equal([3, 3], result.Refusal.Arguments);
        Assert.Null((await _world.LoadAsync(id)).OwnerId);
    }

    [Fact]
    public async Task ClaimIsRefusedAfterTheDailyLimitAndAllowedAgainTheNextDay()
    {
        var ids = new List<int>();
        for (var i = 0; i < 4; i++)
            ids.Add(await _world.AddCustomerAsync($"公海客户{i}", _world.East.Id, null));
        var zhang = _world.Salesman(_world.Zhang, _world.Team1);

        Assert.True((await ClaimAs(zhang, ids[0]))!.Claimed);
        _world.Clock.Advance(TimeSpan.FromHours(3));
        Assert.True((await ClaimAs(zhang, ids[1]))!.Claimed);
        var refused = await ClaimAs(zhang, ids[2]);
        Assert.Equal("Pool.DailyLimitReached", refused!.Refusal!.Code);
        Assert.Equal([2], refused.Refusal.Arguments);

        _world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await ClaimAs(zhang, ids[2]))!.Claimed);
        var (db, pool) = _world.PoolFor(zhang);
        await using (db)
            Assert.Equal(new PoolCaps(3, 3, 1, 2), await pool.CapsAsync());
    }

    [Fact]
    public async Task SecondOfTwoRacingClaimersIsRefusedBecauseSomeoneClaimedItFirst()
    {
        var id = await _world.AddCustomerAsync("抢手客户", _world.East.Id, null);
        var li = _world.Salesman(_world.Li, _world.Team1);
        var (liDb, liPool) = _world.PoolFor(li);
        await using (liDb)
        {
            // 李娜 has loaded the customer (still unowned) when 张伟's claim is saved.
            var seen = await (await liPool.PoolAsync()).SingleAsync(c => c.Id == id);
            Assert.Null(seen.OwnerId);

            Assert.True((await ClaimAs(_world.Salesman(_world.Zhang, _world.Team1), id))!.Claimed);
            var second = await liPool.ClaimAsync(id);

            Assert.Equal("Pool.ClaimedByOther", second!.Refusal!.Code);
        }

        var customer = await _world.LoadAsync(id);
        Assert.Equal(_world.Zhang, customer.OwnerId);
        Assert.Single(customer.PoolEvents);
        Assert.Equal("Pool.ClaimedByOther", (await ClaimAs(li, id))!.Refusal!.Code);
    }

    [Fact]
    public async Task OwnerReleasesWithAReasonAndTheCustomerJoinsThePool()
    {
        var id = await _world.AddCustomerAsync("张伟的客户", _world.Team1.Id, _world.Zhang);
        var (db, pool) = _world.PoolFor(_world.Salesman(_world.Zhang, _world.Team1));
        await using (db)
            Assert.NotNull(await pool.ReleaseAsync(id, "  客户已转型，不再需要  "));

        var customer = await _world.LoadAsync(id);
        Assert.Null(customer.OwnerId);
        var release = Assert.Single(customer.PoolEvents);
        Assert.Equal((PoolEventKind.Release, _world.Zhang, "客户已转型，不再需要"), (release.Kind, release.FromUserId, release.Reason));
        Assert.Equal(["张伟的客户"], await PoolNamesOf(_world.Salesman(_world.Li, _world.Team1)));
    }

    [Fact]
    public async Task NobodyButTheOwnerCanReleaseACustomer()
    {
        var id = await _world.AddCustomerAsync("张伟的客户", _world.Team1.Id, _world.Zhang);

        foreach (var user in new[] { _world.Salesman(_world.Li, _world.Team1), _world.Manager() })
        {
            var (db, pool) = _world.PoolFor(user);
            await using (db)
                Assert.Null(await pool.ReleaseAsync(id, null));
        }

        Assert.Equal(_world.Zhang, (await _world.LoadAsync(id)).OwnerId);
    }

    [Fact]
    public async Task ManagerAssignsAPoolCustomerToASalesmanOfHisScopeOnly()
    {
        var id = await _world.AddCustomerAsync("华东公海客户", _world.East.Id, null);
        var (db, pool) = _world.PoolFor(_world.Manager());
        await using (db)
        {
            Assert.Equal("Customers.OwnerNotAllowed", (await Assert.ThrowsAsync<DomainException>(() => pool.AssignAsync(id, _world.Wang, null))).Code);
            db.ChangeTracker.Clear();
            Assert.NotNull(await pool.AssignAsync(id, _world.Li, "重点跟进"));
        }

        var customer = await _world.LoadAsync(id);
        Assert.Equal((_world.Li, _world.Team1.Id), (customer.OwnerId, customer.OrgUnitId));
        var assign = Assert.Single(customer.PoolEvents);
        Assert.Equal((PoolEventKind.Assign, (Guid?)null, (Guid?)_world.Li, (Guid?)_world.ManagerEast, "重点跟进"), (assign.Kind, assign.FromUserId, assign.ToUserId, assign.ByUserId, assign.Reason));
    }
}
