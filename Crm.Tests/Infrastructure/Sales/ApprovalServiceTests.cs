using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure.Sales;

/// <summary>Approvals of prices below the floor, as the order pages and the to-do list use them.</summary>
public sealed class ApprovalServiceTests : IAsyncLifetime
{
    private SalesWorld _sales = null!;

    public async Task InitializeAsync() => _sales = await SalesWorld.CreateAsync();

    public async Task DisposeAsync() => await _sales.DisposeAsync();

    private ApprovalService Service(CrmDbContext db, CurrentUser user) => new(db, user, _sales.World.Clock);

    /// <summary>A draft order with one line below the floor, and its approval requested by 张伟.</summary>
    private async Task<(int OrderId, int ApprovalId)> RequestedAsync()
    {
        var product = await _sales.ProductAsync("无线网卡", stock: 10, listPrice: 100m, floorPrice: 80m);
        var orderId = await _sales.DraftOrderAsync(await _sales.CustomerAsync("审批客户"), (product, 5, 60m));
        await using var db = _sales.Context(_sales.Zhang);
        var approval = await Service(db, _sales.Zhang).RequestAsync(await SalesWorld.LoadOrderAsync(db, orderId));
        return (orderId, approval.Id);
    }

    private Task<Approval> ApprovalAsync(int id) => _sales.ReadAsync(db => db.Approvals.AsNoTracking().SingleAsync(a => a.Id == id));

    [Fact]
    public async Task ARequestDescribesTheLinesBelowTheFloorInTheRequestersUnit()
    {
        var (orderId, approvalId) = await RequestedAsync();

        var approval = await ApprovalAsync(approvalId);
        Assert.Equal((ApprovalKind.OrderPrice, orderId, ApprovalStatus.Pending, 300m), (approval.Kind, approval.SubjectId, approval.Status, approval.Amount));
        Assert.Equal("无线网卡 × 5: 60.00 < 80.00", approval.Summary);
        Assert.Equal((_sales.World.Zhang, _sales.World.Team1.Id), (approval.OwnerId!.Value, approval.OrgUnitId));
        var order = await _sales.ReadAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId));
        Assert.Equal(PriceApprovalState.Pending, order.ApprovalState);
    }

    [Fact]
    public async Task TheManagersApprovalClearsTheOrderAndTellsTheRequester()
    {
        var (orderId, approvalId) = await RequestedAsync();

        await using (var db = _sales.Context(_sales.ManagerEast))
            await Service(db, _sales.ManagerEast).DecideAsync(await db.Approvals.SingleAsync(a => a.Id == approvalId), approve: true, "同意");

        var approval = await ApprovalAsync(approvalId);
        Assert.Equal((ApprovalStatus.Approved, _sales.World.ManagerEast, "同意"), (approval.Status, approval.DecidedBy!.Value, approval.Comment));
        Assert.Equal(PriceApprovalState.Approved, (await _sales.ReadAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId))).ApprovalState);
        var reminder = await _sales.ReadAsync(db => db.Reminders.AsNoTracking().SingleAsync(r => r.SourceType == ApprovalService.ReminderSource));
        Assert.Equal(_sales.World.Zhang, reminder.UserId);
        Assert.Contains("已批准", reminder.Title);
        Assert.Contains("同意", reminder.Title);
    }

    [Fact]
    public async Task TheRequesterCannotDecideHisOwnRequest()
    {
        var (orderId, approvalId) = await RequestedAsync();
        var zhangApprover = Promoted(_sales.World.Zhang);

        await using var db = _sales.Context(zhangApprover);
        var refusal = await Assert.ThrowsAsync<DomainException>(async () =>
            await Service(db, zhangApprover).DecideAsync(await db.Approvals.SingleAsync(a => a.Id == approvalId), approve: true, null));

        Assert.Equal("Approval.OwnRequest", refusal.Code);
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalAsync(approvalId)).Status);
        Assert.Equal(PriceApprovalState.Pending, (await _sales.ReadAsync(db2 => db2.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId))).ApprovalState);
    }

    [Fact]
    public async Task ChangingTheLinesWithdrawsThePendingRequest()
    {
        var (orderId, approvalId) = await RequestedAsync();
        var product = await _sales.ProductAsync("网线", stock: 100, listPrice: 10m, floorPrice: 5m);

        await using (var db = _sales.Context(_sales.Zhang))
        {
            var order = await SalesWorld.LoadOrderAsync(db, orderId);
            order.AddLine(await db.Products.Include(p => p.Prices).SingleAsync(p => p.Id == product), 10, PriceType.List, null, 0);
            await Service(db, _sales.Zhang).WithdrawIfStaleAsync(ApprovalKind.OrderPrice, order);
            await db.SaveChangesAsync();
        }

        Assert.Equal(ApprovalStatus.Withdrawn, (await ApprovalAsync(approvalId)).Status);
        Assert.Equal(PriceApprovalState.Required, (await _sales.ReadAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId))).ApprovalState);
    }

    [Fact]
    public void EachKindIsDecidedWithItsOwnPermission()
    {
        Assert.Equal(Permissions.Orders.Approve, ApprovalService.PermissionFor(ApprovalKind.QuotePrice));
        Assert.Equal(Permissions.Orders.Approve, ApprovalService.PermissionFor(ApprovalKind.OrderPrice));
        Assert.Equal(Permissions.Returns.Approve, ApprovalService.PermissionFor(ApprovalKind.Return));
    }

    /// <summary>The requester given the approving permission (as if promoted), to show the rule is about the person.</summary>
    private CurrentUser Promoted(Guid userId) =>
        Crm.Tests.Infrastructure.Customers.PoolWorld.As(userId, _sales.World.Team1, DataScope.OrgUnitSubtree, Permissions.Orders.Approve, Permissions.Orders.Edit);
}
