using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Domain.Organization;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Marketing;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Infrastructure.Marketing;

/// <summary>
/// The opportunity rules that reach beyond one opportunity, on a small organisation: 集团 → 华东公司 (陈静)
/// → 上海分公司 → 销售一组 (张伟, 李娜), and 集团 → 华北公司 (刘强) → 销售三组 (王芳).
/// </summary>
public sealed class OpportunityServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly IConfiguration _configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["App:TimeZone"] = "Asia/Shanghai" }).Build();

    private TestDatabase _database = null!;
    private OrgUnit _east = null!;
    private OrgUnit _north = null!;
    private OrgUnit _team1 = null!;
    private OrgUnit _team3 = null!;
    private readonly Guid _zhang = Guid.NewGuid();
    private readonly Guid _li = Guid.NewGuid();
    private readonly Guid _wang = Guid.NewGuid();
    private readonly Guid _chen = Guid.NewGuid();
    private readonly Guid _liu = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext(CurrentUser.System(), _clock);
        var group = OrgUnit.CreateRoot("集团总部");
        _east = group.AddChild("华东公司", OrgUnitKind.Company);
        _team1 = _east.AddChild("上海分公司", OrgUnitKind.Branch).AddChild("销售一组", OrgUnitKind.Team);
        _north = group.AddChild("华北公司", OrgUnitKind.Company);
        _team3 = _north.AddChild("销售三组", OrgUnitKind.Team);
        db.OrgUnits.Add(group);
        await db.SaveChangesAsync();
        db.Users.AddRange(
            User(_zhang, "zhang.wei", "张伟", _team1.Id),
            User(_li, "li.na", "李娜", _team1.Id),
            User(_wang, "wang.fang", "王芳", _team3.Id),
            User(_chen, "manager.east", "陈静", _east.Id),
            User(_liu, "manager.north", "刘强", _north.Id));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private static CrmUser User(Guid id, string userName, string displayName, int orgUnitId) =>
        new() { Id = id, UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = displayName, OrgUnitId = orgUnitId, SecurityStamp = Guid.NewGuid().ToString() };

    private CurrentUser Salesman(Guid id) =>
        As(id, _team1, DataScope.Own, Permissions.Opportunities.View, Permissions.Opportunities.Edit);

    private CurrentUser Manager(Guid id, OrgUnit unit) =>
        As(id, unit, DataScope.OrgUnitSubtree, Permissions.Opportunities.View, Permissions.Opportunities.Edit, Permissions.Opportunities.Assign);

    private static CurrentUser As(Guid id, OrgUnit unit, DataScope scope, params string[] permissions)
    {
        var user = new CurrentUser();
        user.Set(new UserContext(id, id.ToString(), id.ToString(), unit.Id, unit.Name, unit.Path, [], permissions.ToHashSet(), scope));
        return user;
    }

    private (SqliteCrmDbContext Db, OpportunityService Service) ServiceFor(CurrentUser user)
    {
        var db = _database.NewContext(user, _clock);
        return (db, new OpportunityService(db, user, _clock, new CustomerService(db, new CodeGenerator(db), user, _clock, new ReferenceDataCache(new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()))), _configuration));
    }

    private SqliteCrmDbContext SystemContext() => _database.NewContext(CurrentUser.System(), _clock);

    private async Task<int> AddCustomerAsync(string name, int orgUnitId, Guid owner)
    {
        await using var db = SystemContext();
        var customer = new Customer("KH" + Guid.NewGuid().ToString("N")[..10], new CustomerProfile { Name = name }, orgUnitId, owner, _clock.GetUtcNow());
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    /// <summary>An opportunity created through the service by <paramref name="creator"/> for a new prospect.</summary>
    private async Task<int> CreateForProspectAsync(Guid creator, string prospect, OrgUnit unit)
    {
        var (db, service) = ServiceFor(As(creator, unit, unit == _team1 || unit == _team3 ? DataScope.Own : DataScope.OrgUnitSubtree, Permissions.Opportunities.Edit));
        await using (db)
            return (await service.CreateAsync(new OpportunityDetails("采购 " + prospect, ExpectedAmount: 80_000m), null, prospect)).Id;
    }

    [Fact]
    public async Task CreatingForANewNameMakesAProspectCustomerOwnedByTheCreator()
    {
        var id = await CreateForProspectAsync(_zhang, "苏州工业园区新材料有限公司", _team1);

        await using var db = SystemContext();
        var opportunity = await db.Opportunities.Include(o => o.StageChanges).SingleAsync(o => o.Id == id);
        var customer = await db.Customers.SingleAsync(c => c.Id == opportunity.CustomerId);
        Assert.Equal(("苏州工业园区新材料有限公司", CustomerStatus.Prospect, (Guid?)_zhang, _team1.Id), (customer.Name, customer.Status, customer.OwnerId, customer.OrgUnitId));
        Assert.Matches("^KH\\d{8}$", customer.Code);
        Assert.Equal((OpportunityStatus.Unassigned, _zhang, _team1.Id), (opportunity.Status, opportunity.CreatorId, opportunity.OrgUnitId));
        // No settings rows: the built-in default of 初步接触.
        Assert.Equal(OpportunityService.DefaultProbabilities[PipelineStage.Initial], opportunity.Probability);
        Assert.Single(opportunity.StageChanges);
    }

    [Fact]
    public async Task CreatingForAnExistingCustomerUsesItAndRefusesOneOutsideTheCreatorsScope()
    {
        var his = await AddCustomerAsync("张伟的老客户", _team1.Id, _zhang);
        var hers = await AddCustomerAsync("王芳的客户", _team3.Id, _wang);
        var (db, service) = ServiceFor(Salesman(_zhang));
        await using (db)
        {
            var created = await service.CreateAsync(new OpportunityDetails("扩容"), his, null);
            Assert.Equal(his, created.CustomerId);
            var refused = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(new OpportunityDetails("越权"), hers, null));
            Assert.Equal("Opportunity.CustomerNotFound", refused.Code);
        }

        await using var check = SystemContext();
        Assert.Equal(["扩容"], await check.Opportunities.Select(o => o.Summary).ToListAsync());
        Assert.Equal(2, await check.Customers.CountAsync());
    }

    [Fact]
    public async Task TheStageSettingDecidesTheDefaultProbability()
    {
        await using (var db = SystemContext())
        {
            db.PipelineStageSettings.AddRange(new PipelineStageSetting(PipelineStage.Initial, 15), new PipelineStageSetting(PipelineStage.Proposal, 55));
            await db.SaveChangesAsync();
        }

        var id = await CreateForProspectAsync(_zhang, "嘉兴织造厂", _team1);
        var (ctx, service) = ServiceFor(Salesman(_zhang));
        await using (ctx)
        {
            var opportunity = await ctx.Opportunities.SingleAsync(o => o.Id == id);
            Assert.Equal(15, opportunity.Probability);
            await service.MoveToStageAsync(opportunity, PipelineStage.Proposal);
            await service.MoveToStageAsync(opportunity, PipelineStage.Negotiation);
        }

        await using var check = SystemContext();
        var saved = await check.Opportunities.Include(o => o.StageChanges).SingleAsync(o => o.Id == id);
        Assert.Equal((PipelineStage.Negotiation, OpportunityService.DefaultProbabilities[PipelineStage.Negotiation]), (saved.Stage, saved.Probability));
        Assert.Equal(
            [(null, PipelineStage.Initial), (PipelineStage.Initial, PipelineStage.Proposal), (PipelineStage.Proposal, PipelineStage.Negotiation)],
            saved.StageChanges.OrderBy(c => c.Id).Select(c => (c.FromStage, c.ToStage)));
        Assert.All(saved.StageChanges, c => Assert.Equal(_zhang, c.ByUserId));
    }

    [Fact]
    public async Task AManagerAssignsOnlyWithinHisSubtreeManagerNorthCannotAssignToZhangWei()
    {
        var id = await CreateForProspectAsync(_liu, "天津港务物流", _north);

        var (db, service) = ServiceFor(Manager(_liu, _north));
        await using (db)
        {
            Assert.Equal(["manager.north", "wang.fang"], (await service.AssignableSalesmen().Select(u => u.UserName!).ToListAsync()).Order());
            var opportunity = await db.Opportunities.SingleAsync(o => o.Id == id);
            var refused = await Assert.ThrowsAsync<DomainException>(() => service.AssignAsync(opportunity, _zhang));
            Assert.Equal("Opportunity.AssigneeOutOfScope", refused.Code);
        }

        await using var check = SystemContext();
        var saved = await check.Opportunities.SingleAsync(o => o.Id == id);
        Assert.Equal((OpportunityStatus.Unassigned, (Guid?)null), (saved.Status, saved.AssignedTo));
        Assert.False(await check.Reminders.AnyAsync(r => r.UserId == _zhang));
    }

    [Fact]
    public async Task ASalesmanAssignsNobody()
    {
        var (db, service) = ServiceFor(Salesman(_zhang));
        await using (db)
            Assert.Empty(await service.AssignableSalesmen().ToListAsync());
    }

    [Fact]
    public async Task AssigningMovesTheOpportunityToTheSalesmansUnitAndRemindsHim()
    {
        var id = await CreateForProspectAsync(_chen, "杭州滨江数码", _east);

        var (db, service) = ServiceFor(Manager(_chen, _east));
        await using (db)
        {
            var opportunity = await db.Opportunities.SingleAsync(o => o.Id == id);
            await service.AssignAsync(opportunity, _li);
        }

        await using var check = SystemContext();
        var saved = await check.Opportunities.SingleAsync(o => o.Id == id);
        Assert.Equal((OpportunityStatus.Assigned, (Guid?)_li, (Guid?)_li, _team1.Id, _chen), (saved.Status, saved.AssignedTo, saved.OwnerId, saved.OrgUnitId, saved.CreatorId));
        var reminder = await check.Reminders.SingleAsync(r => r.UserId == _li);
        Assert.Equal((OpportunityService.LinkOf(id), OpportunityService.ReminderSource), (reminder.Url, reminder.SourceType));
    }

    [Fact]
    public async Task TheFirstPlanItemStartsDevelopmentAndBecomesAReminderOfTheAssignee()
    {
        var id = await AssignedProspectAsync("无锡精密仪器", _li);

        var (db, service) = ServiceFor(Salesman(_li));
        await using (db)
        {
            var opportunity = await db.Opportunities.SingleAsync(o => o.Id == id);
            await service.AddPlanItemAsync(opportunity, new DateOnly(2026, 3, 12), "上门拜访技术负责人");
        }

        await using var check = SystemContext();
        var saved = await check.Opportunities.Include(o => o.PlanItems).SingleAsync(o => o.Id == id);
        Assert.Equal(OpportunityStatus.Developing, saved.Status);
        var item = Assert.Single(saved.PlanItems);
        var reminder = await check.Reminders.SingleAsync(r => r.UserId == _li && r.SourceType == OpportunityService.ReminderSource + "Plan");
        // Midnight of 12 March in Shanghai is 16:00 UTC the day before.
        Assert.Equal((new DateTimeOffset(2026, 3, 11, 16, 0, 0, TimeSpan.Zero), item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (reminder.DueAt, reminder.SourceKey));
    }

    [Fact]
    public async Task WinningMakesTheProspectAnActiveCustomerOwnedByTheAssignee()
    {
        var id = await AssignedProspectAsync("常州新能源装备", _li);
        var (db, service) = ServiceFor(Salesman(_li));
        await using (db)
        {
            var opportunity = await db.Opportunities.SingleAsync(o => o.Id == id);
            // The prospect is zhang.wei's: li.na does not see it until she wins.
            Assert.False(await db.Customers.AnyAsync(c => c.Id == opportunity.CustomerId));
            await service.AddPlanItemAsync(opportunity, new DateOnly(2026, 3, 11), "报价");
            await service.WinAsync(opportunity);
            Assert.True(await db.Customers.AnyAsync(c => c.Id == opportunity.CustomerId));
        }

        await using var check = SystemContext();
        var saved = await check.Opportunities.SingleAsync(o => o.Id == id);
        var customer = await check.Customers.Include(c => c.PoolEvents).SingleAsync(c => c.Id == saved.CustomerId);
        Assert.Equal((OpportunityStatus.Won, PipelineStage.Won, 100), (saved.Status, saved.Stage, saved.Probability));
        Assert.Equal((CustomerStatus.Active, (Guid?)_li, _team1.Id), (customer.Status, customer.OwnerId, customer.OrgUnitId));
        Assert.Contains(customer.PoolEvents, e => e.ToUserId == _li && e.FromUserId == _zhang);
    }

    [Fact]
    public async Task WinningForAnActiveCustomerLeavesItsOwnerAlone()
    {
        var customerId = await AddCustomerAsync("老客户", _team1.Id, _zhang);
        await using (var db = SystemContext())
        {
            (await db.Customers.SingleAsync(c => c.Id == customerId)).Activate();
            await db.SaveChangesAsync();
        }

        int id;
        var (zdb, zhang) = ServiceFor(Salesman(_zhang));
        await using (zdb)
            id = (await zhang.CreateAsync(new OpportunityDetails("增购"), customerId, null)).Id;
        await AssignAsync(id, _li);
        var (ldb, li) = ServiceFor(Salesman(_li));
        await using (ldb)
        {
            var opportunity = await ldb.Opportunities.SingleAsync(o => o.Id == id);
            await li.AddPlanItemAsync(opportunity, new DateOnly(2026, 3, 11), "演示");
            await li.WinAsync(opportunity);
        }

        await using var check = SystemContext();
        var customer = await check.Customers.SingleAsync(c => c.Id == customerId);
        Assert.Equal((CustomerStatus.Active, (Guid?)_zhang), (customer.Status, customer.OwnerId));
    }

    [Fact]
    public async Task OnlyTheAssigneeWinsOrLosesAnAssignedOpportunity()
    {
        var id = await AssignedProspectAsync("南通船舶配件", _li);
        var (db, service) = ServiceFor(Manager(_chen, _east));
        await using (db)
        {
            var opportunity = await db.Opportunities.SingleAsync(o => o.Id == id);
            Assert.Equal("Opportunity.OnlyAssignee", (await Assert.ThrowsAsync<DomainException>(() => service.LoseAsync(opportunity, 1, null, null))).Code);
        }

        await using var check = SystemContext();
        Assert.Equal(OpportunityStatus.Assigned, (await check.Opportunities.SingleAsync(o => o.Id == id)).Status);
    }

    private async Task<int> AssignedProspectAsync(string prospect, Guid salesman)
    {
        var id = await CreateForProspectAsync(_zhang, prospect, _team1);
        await AssignAsync(id, salesman);
        return id;
    }

    private async Task AssignAsync(int id, Guid salesman)
    {
        var (db, service) = ServiceFor(Manager(_chen, _east));
        await using (db)
            await service.AssignAsync(await db.Opportunities.SingleAsync(o => o.Id == id), salesman);
    }
}
