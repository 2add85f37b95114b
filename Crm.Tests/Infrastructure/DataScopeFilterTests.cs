using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure;

/// <summary>
/// The data-scope mechanism on a scoped entity of the tests' own: the same filter that every future
/// module's records (customers, opportunities, orders…) get by implementing <see cref="IDataScoped"/>.
/// </summary>
public sealed class DataScopeFilterTests : IAsyncLifetime
{
    private readonly string _path = TestDatabase.NewPath();
    private readonly Guid _zhang = Guid.NewGuid();
    private readonly Guid _li = Guid.NewGuid();
    private readonly Guid _zhao = Guid.NewGuid();
    private readonly Guid _wang = Guid.NewGuid();
    private readonly Guid _managerEast = Guid.NewGuid();
    private OrgUnit _east = null!;
    private OrgUnit _team1 = null!;
    private OrgUnit _team3 = null!;

    public async Task InitializeAsync()
    {
        await using var context = NewContext(CurrentUser.System());
        await context.Database.EnsureCreatedAsync();
        var group = OrgUnit.CreateRoot("集团总部");
        _east = group.AddChild("华东公司", OrgUnitKind.Company);
        var shanghai = _east.AddChild("上海分公司", OrgUnitKind.Branch);
        _team1 = shanghai.AddChild("销售一组", OrgUnitKind.Team);
        var team2 = shanghai.AddChild("销售二组", OrgUnitKind.Team);
        var north = group.AddChild("华北公司", OrgUnitKind.Company);
        _team3 = north.AddChild("北京分公司", OrgUnitKind.Branch).AddChild("销售三组", OrgUnitKind.Team);
        context.OrgUnits.Add(group);
        await context.SaveChangesAsync();

        context.Probes.AddRange(
            new ScopeProbe("张伟的客户", _zhang, _team1.Id),
            new ScopeProbe("李娜的客户", _li, _team1.Id),
            new ScopeProbe("赵磊的客户", _zhao, team2.Id),
            new ScopeProbe("王芳的客户", _wang, _team3.Id),
            new ScopeProbe("公海客户", null, _team1.Id));
        await context.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        TestDatabase.Delete(_path);
        return Task.CompletedTask;
    }

    private ScopeProbeDbContext NewContext(ICurrentUser user) =>
        new(new DbContextOptionsBuilder<ScopeProbeDbContext>().UseSqlite($"Data Source={_path}").Options, user);

    private async Task<string[]> VisibleTo(ICurrentUser user)
    {
        await using var context = NewContext(user);
        return await context.Probes.OrderBy(p => p.Name).Select(p => p.Name).ToArrayAsync();
    }

    [Fact]
    public async Task OwnScopeSeesOnlyOwnRecords()
    {
        var names = await VisibleTo(TestDatabase.UserWith(_zhang, "zhang.wei", DataScope.Own, _team1.Id, _team1.Path));

        Assert.Equal(["张伟的客户"], names);
    }

    [Fact]
    public async Task SubtreeScopeSeesEveryUnitBelowAndNothingBeside()
    {
        var names = await VisibleTo(TestDatabase.UserWith(_managerEast, "manager.east", DataScope.OrgUnitSubtree, _east.Id, _east.Path));

        Assert.Equal(["公海客户", "张伟的客户", "李娜的客户", "赵磊的客户"], names.Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain("王芳的客户", names);
    }

    [Fact]
    public async Task SubtreeScopeOfATeamStopsAtTheTeam()
    {
        var names = await VisibleTo(TestDatabase.UserWith(_wang, "manager.team3", DataScope.OrgUnitSubtree, _team3.Id, _team3.Path));

        Assert.Equal(["王芳的客户"], names);
    }

    [Fact]
    public async Task AllScopeAndTheSystemSeeEverything()
    {
        Assert.Equal(5, (await VisibleTo(TestDatabase.UserWith(Guid.NewGuid(), "admin", DataScope.All))).Length);
        Assert.Equal(5, (await VisibleTo(CurrentUser.System())).Length);
    }

    [Fact]
    public async Task NobodySeesNothing()
    {
        Assert.Empty(await VisibleTo(new CurrentUser()));
    }

    [Fact]
    public async Task FindByIdOutsideScopeReturnsNothing()
    {
        int wangsId;
        await using (var system = NewContext(CurrentUser.System()))
            wangsId = await system.Probes.Where(p => p.OwnerId == _wang).Select(p => p.Id).SingleAsync();

        await using var context = NewContext(TestDatabase.UserWith(_zhang, "zhang.wei", DataScope.Own, _team1.Id, _team1.Path));
        Assert.Null(await context.Probes.SingleOrDefaultAsync(p => p.Id == wangsId));
    }

    [Fact]
    public async Task TheFilterIsNamedSoPoolPagesCanLiftItDeliberately()
    {
        await using var context = NewContext(TestDatabase.UserWith(_zhang, "zhang.wei", DataScope.Own, _team1.Id, _team1.Path));

        var all = await context.Probes.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).CountAsync();

        Assert.Equal(5, all);
    }
}

public sealed class ScopeProbe : IDataScoped
{
    private ScopeProbe()
    {
        Name = string.Empty;
    }

    public ScopeProbe(string name, Guid? ownerId, int orgUnitId)
    {
        Name = name;
        OwnerId = ownerId;
        OrgUnitId = orgUnitId;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public Guid? OwnerId { get; private set; }

    public int OrgUnitId { get; private set; }
}

public sealed class ScopeProbeDbContext(DbContextOptions<ScopeProbeDbContext> options, ICurrentUser user)
    : CrmDbContext(options, user)
{
    public DbSet<ScopeProbe> Probes => Set<ScopeProbe>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<ScopeProbe>(b =>
        {
            b.ToTable("ScopeProbes");
            b.Property(p => p.Name).HasMaxLength(50);
        });
        base.OnModelCreating(builder);
    }
}
