using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Domain.Service;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Service;
using Crm.Tests.Infrastructure.Customers;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure.Service;

/// <summary>Service requests as the service creates and moves them: numbers, SLA from the priority, contract allowance, assignment, archive.</summary>
public sealed class ServiceRequestServiceTests : IAsyncLifetime
{
    private PoolWorld _world = null!;
    private int _type;
    private int _urgent;
    private int _product;
    private int _otherProduct;

    public async Task InitializeAsync()
    {
        _world = await PoolWorld.CreateAsync();
        await using var db = _world.SystemContext();
        var type = new DictionaryItem(DictionaryCategories.ServiceType, "Complaint", "投诉", "Complaint", 1, null, isSystem: true);
        var urgent = new DictionaryItem(DictionaryCategories.Priority, DictionaryCategories.Priorities.Urgent, "紧急", "Urgent", 1, 4, isSystem: true);
        db.DictionaryItems.AddRange(type, urgent);
        var category = new Crm.Domain.Sales.ProductCategory("打印机", null);
        db.ProductCategories.Add(category);
        await db.SaveChangesAsync();
        var product = new Crm.Domain.Sales.Product("SP01", "激光打印机", category.Id, 100m, 80m, null, _world.Clock.GetUtcNow());
        var other = new Crm.Domain.Sales.Product("SP02", "复印机", category.Id, 100m, 80m, null, _world.Clock.GetUtcNow());
        db.Products.AddRange(product, other);
        await db.SaveChangesAsync();
        (_type, _urgent, _product, _otherProduct) = (type.Id, urgent.Id, product.Id, other.Id);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private CurrentUser Zhang => PoolWorld.As(_world.Zhang, _world.Team1, DataScope.Own, Permissions.Service.View, Permissions.Service.Edit, Permissions.Customers.View);

    private CurrentUser Manager => PoolWorld.As(_world.ManagerEast, _world.East, DataScope.OrgUnitSubtree, Permissions.Service.View, Permissions.Service.Edit, Permissions.Service.Assign);

    private (SqliteCrmDbContext Db, ServiceRequestService Service) For(CurrentUser user)
    {
        var db = _world.Database.NewContext(user, _world.Clock);
        return (db, new ServiceRequestService(db, user, _world.Clock, new CodeGenerator(db), _world.Configuration));
    }

    private async Task<int> ContractAsync(int customerId, int? allowance, int usedAlready = 0, params int[] products)
    {
        await using var db = _world.SystemContext();
        var today = DateOnly.FromDateTime(_world.Clock.GetUtcNow().UtcDateTime);
        var contract = new ServiceContract("HT" + Guid.NewGuid().ToString("N")[..8], customerId, today.AddDays(-10), today.AddDays(100), ServiceLevel.Standard, allowance);
        contract.SetProducts(products);
        for (var i = 0; i < usedAlready; i++)
            contract.UseCase(today);
        db.ServiceContracts.Add(contract);
        await db.SaveChangesAsync();
        return contract.Id;
    }

    private async Task<ServiceRequest> CreateAsync(int customerId, int? productId = null)
    {
        var (db, service) = For(Zhang);
        await using (db)
            return await service.CreateAsync(new ServiceRequestInput(customerId, _type, _urgent, "打印机卡纸", null, null, productId));
    }

    private async Task<T> ReadAsync<T>(Func<CrmDbContext, Task<T>> read)
    {
        await using var db = _world.SystemContext();
        return await read(db);
    }

    [Fact]
    public async Task ARequestIsNumberedAndDueAfterThePrioritysHours()
    {
        var customer = await _world.AddCustomerAsync("服务客户", _world.Team1.Id, _world.Zhang);

        var first = await CreateAsync(customer);
        var second = await CreateAsync(customer);

        Assert.Equal(("FW00000001", "FW00000002"), (first.Number, second.Number));
        Assert.Equal(_world.Clock.GetUtcNow().AddHours(4), first.DueAt);
        Assert.Equal((_world.Zhang, _world.Team1.Id), (first.CreatorId, first.OrgUnitId));
    }

    [Fact]
    public async Task ARequestUnderAContractUsesOneCaseOfItsAllowance()
    {
        var customer = await _world.AddCustomerAsync("合同客户", _world.Team1.Id, _world.Zhang);
        var contractId = await ContractAsync(customer, allowance: 2);

        var request = await CreateAsync(customer);

        Assert.Equal(contractId, request.ContractId);
        Assert.Equal(1, await ReadAsync(db => db.ServiceContracts.Where(c => c.Id == contractId).Select(c => c.CasesUsed).SingleAsync()));
    }

    [Fact]
    public async Task AContractWithoutCasesLeftOrForOtherProductsDoesNotCover()
    {
        var customer = await _world.AddCustomerAsync("合同用完客户", _world.Team1.Id, _world.Zhang);
        var exhausted = await ContractAsync(customer, allowance: 1, usedAlready: 1);
        var forOther = await ContractAsync(customer, allowance: null, 0, _otherProduct);

        var unrelated = await CreateAsync(customer, _product);
        var covered = await CreateAsync(customer, _otherProduct);

        Assert.Null(unrelated.ContractId);
        Assert.Equal(forOther, covered.ContractId);
        Assert.Equal(1, await ReadAsync(db => db.ServiceContracts.Where(c => c.Id == exhausted).Select(c => c.CasesUsed).SingleAsync()));
    }

    [Fact]
    public async Task ACustomerOutsideTheUsersScopeIsRefused()
    {
        var customer = await _world.AddCustomerAsync("别人的客户", _world.Team3.Id, _world.Wang);

        var error = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(customer));

        Assert.Equal("ServiceRequests.CustomerNotFound", error.Code);
    }

    [Fact]
    public async Task TheManagerAssignsWithinHisSubtreeOnly()
    {
        var customer = await _world.AddCustomerAsync("分配客户", _world.Team1.Id, _world.Zhang);
        var request = await CreateAsync(customer);
        var (db, service) = For(Manager);
        await using (db)
        {
            var loaded = await db.ServiceRequests.Include(r => r.Events).SingleAsync(r => r.Id == request.Id);
            var error = await Assert.ThrowsAsync<DomainException>(() => service.AssignAsync(loaded, _world.Wang));
            Assert.Equal("ServiceRequests.HandlerOutOfScope", error.Code);
            await service.AssignAsync(loaded, _world.Li);
        }

        var saved = await ReadAsync(x => x.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.Equal((ServiceRequestStatus.Assigned, (Guid?)_world.Li), (saved.Status, saved.HandlerId));
    }

    [Fact]
    public async Task ArchivingPlansAReturnVisitAWeekLaterWithAReminderForTheOwner()
    {
        var customer = await _world.AddCustomerAsync("回访客户", _world.Team1.Id, _world.Zhang);
        var request = await CreateAsync(customer);
        await using (var db = _world.SystemContext())
        {
            var r = await db.ServiceRequests.Include(x => x.Events).SingleAsync(x => x.Id == request.Id);
            var now = _world.Clock.GetUtcNow();
            r.Assign(_world.Li, _world.ManagerEast, now);
            r.Handle(_world.Li, "已修复", 30, now);
            r.RecordFeedback(_world.Zhang, "满意", 4, now);
            await db.SaveChangesAsync();
        }

        var (context, service) = For(Manager);
        ReturnVisit visit;
        await using (context)
            visit = await service.ArchiveAsync(await context.ServiceRequests.Include(x => x.Events).SingleAsync(x => x.Id == request.Id));

        // 2026-11-23 01:00 UTC is 09:00 in Shanghai: the visit is planned on the 30th, due at its local midnight.
        Assert.Equal((new DateOnly(2026, 11, 30), _world.Zhang, (int?)request.Id), (visit.PlannedDate, visit.VisitorId, visit.ServiceRequestId));
        var reminder = await ReadAsync(db => db.Reminders.AsNoTracking().SingleAsync(r => r.SourceType == ServiceRequestService.ReminderSource));
        Assert.Equal((_world.Zhang, $"/Service/Visits/Details/{visit.Id}"), (reminder.UserId, reminder.Url));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero), reminder.DueAt);
    }
}
