using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Sales;

/// <summary>
/// The order moves whose rules span aggregates: stock in the order's warehouse, and the customer —
/// revenue, last order, prospect → active, and recovery of a churning customer (closing its open churn
/// warning). Each move is one SaveChanges; a concurrent change of the order, the customer or a stock
/// level makes it fail with <see cref="DbUpdateConcurrencyException"/> and nothing is saved.
/// </summary>
public sealed class OrderService(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock, InventoryService inventory)
{
    /// <summary>The orders list and details (the 360's order tab links here).</summary>
    public static string LinkOf(int orderId) => $"/Sales/Orders/Details/{orderId}";

    public async Task ConfirmAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var customer = await CustomerOfAsync(order.CustomerId, cancellationToken);
        if (customer.Status == CustomerStatus.Archived)
            throw new DomainException("Customer.Archived");
        var now = clock.GetUtcNow();
        var levels = await inventory.GetLevelsAsync(order.WarehouseId, order.Lines.Select(l => l.ProductId).ToList(), cancellationToken);
        db.StockMovements.AddRange(order.Confirm(levels, currentUser.UserId, now));
        customer.RecordSale(order.Total, now);
        var warning = await db.ChurnWarnings.FirstOrDefaultAsync(w => w.CustomerId == customer.Id && w.Status == ChurnWarningStatus.Open, cancellationToken);
        warning?.Recover(order.Id, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ShipAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var levels = await inventory.GetLevelsAsync(order.WarehouseId, order.Lines.Select(l => l.ProductId).ToList(), cancellationToken);
        db.StockMovements.AddRange(order.Ship(levels, currentUser.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task CompleteAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.Complete(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Cancels; a confirmed order gives back its reservation and leaves the customer's revenue.</summary>
    public async Task CancelAsync(Order order, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var wasSale = order.IsSale;
        var levels = wasSale
            ? await inventory.GetLevelsAsync(order.WarehouseId, order.Lines.Select(l => l.ProductId).ToList(), cancellationToken)
            : [];
        db.StockMovements.AddRange(order.Cancel(reason, levels, currentUser.UserId, clock.GetUtcNow()));
        if (wasSale)
        {
            var customer = await CustomerOfAsync(order.CustomerId, cancellationToken);
            var lastBefore = await db.Orders.IgnoreQueryFilters([CrmDbContext.DataScopeFilter])
                .Where(o => o.CustomerId == customer.Id && o.Id != order.Id
                            && (o.Status == OrderStatus.Confirmed || o.Status == OrderStatus.Shipped || o.Status == OrderStatus.Completed))
                .MaxAsync(o => o.ConfirmedAt, cancellationToken);
            customer.ReverseSale(order.Total, lastBefore);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The customer of an order the user can see. The order is visible only through its customer, so
    /// the customer is too; an archived or merged one still answers.
    /// </summary>
    private async Task<Customer> CustomerOfAsync(int customerId, CancellationToken cancellationToken) =>
        await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
        ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Customer {customerId} is not visible."));
}
