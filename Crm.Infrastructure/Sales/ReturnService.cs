using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Sales;

/// <summary>
/// 退货: a request against a shipped order goes to a manager for approval (<see cref="ApprovalService"/>);
/// receiving restocks the order's warehouse; refunding takes the amount out of the customer's revenue.
/// </summary>
public sealed class ReturnService(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock, SalesNumbers numbers, ApprovalService approvals, InventoryService inventory)
{
    /// <summary>
    /// Requests a return of the given line quantities and asks for its approval, in one transaction. The
    /// order's version is renewed: its lines now carry the returned quantities, and a line is not versioned,
    /// so a concurrent return of the same order or a change made from a page read before fails instead of
    /// overwriting them.
    /// </summary>
    public async Task<Return> RequestAsync(Order order, IReadOnlyCollection<(int LineNo, int Quantity)> quantities, int reasonId, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user requests returns.");
        var number = await numbers.NextReturnAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var request = order.RequestReturn(number, quantities, reasonId, description, by, now);
        order.MarkUpdated(by, now);
        db.Returns.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        approvals.AddForReturn(request, string.Join("; ", request.Lines.Select(l => $"{l.ProductName} × {l.Quantity}")));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request;
    }

    /// <summary>收货: the approved return's units go back into stock.</summary>
    public async Task ReceiveAsync(Return request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var levels = await inventory.GetLevelsAsync(request.WarehouseId, request.Lines.Select(l => l.ProductId).ToList(), cancellationToken);
        db.StockMovements.AddRange(request.Receive(levels, currentUser.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>退款: the amount counts negative in the customer's revenue.</summary>
    public async Task RefundAsync(Return request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Refund(clock.GetUtcNow());
        var customer = await db.Customers.FirstAsync(c => c.Id == request.CustomerId, cancellationToken);
        customer.RecordRefund(request.Amount);
        await db.SaveChangesAsync(cancellationToken);
    }
}
