using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Sales.Models;

/// <summary>Order queries other pages reuse.</summary>
public static class OrderQueries
{
    public const int CustomerTabLimit = 10;

    /// <summary>
    /// A customer's latest orders (newest first, on the (CustomerId, Date) index) for the customer 360;
    /// the data scope applies, so a customer out of scope has none.
    /// </summary>
    public static async Task<CustomerOrdersViewModel> ForCustomerAsync(CrmDbContext db, int customerId, bool canCreate, int take = CustomerTabLimit, CancellationToken cancellationToken = default)
    {
        var rows = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.Date).ThenByDescending(o => o.Id)
            .Take(take + 1)
            .Select(o => new CustomerOrderRow(o.Id, o.Number, o.Date, o.Status, o.ApprovalState, o.Total))
            .ToListAsync(cancellationToken);
        return new CustomerOrdersViewModel(customerId, rows.Take(take).ToList(), rows.Count > take, canCreate);
    }
}
