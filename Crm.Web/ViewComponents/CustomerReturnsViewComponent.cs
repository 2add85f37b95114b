using System.Globalization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.ViewComponents;

/// <summary>
/// The returns tab of the customer 360 (退货): the newest returns (bounded) with their order, reason, status
/// and amount, in one statement; read only when the tab is open. The data scope applies as on the returns list.
/// </summary>
public sealed class CustomerReturnsViewComponent(CrmDbContext db) : ViewComponent
{
    public const int Limit = 20;

    public async Task<IViewComponentResult> InvokeAsync(int customerId, string customerCode)
    {
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var rows = await db.Returns.AsNoTracking().Where(r => r.CustomerId == customerId)
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)
            .Take(Limit + 1)
            .Select(r => new CustomerReturnRow(
                r.Id, r.Number, r.OrderId, r.OrderNumber, r.Status,
                db.DictionaryItems.Where(d => d.Id == r.ReasonId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                r.Amount, r.RequestedAt))
            .ToListAsync(HttpContext.RequestAborted);
        return View(new CustomerReturnsViewModel(customerCode, rows.Take(Limit).ToList(), rows.Count > Limit));
    }
}

public sealed record CustomerReturnRow(
    int Id, string Number, int OrderId, string OrderNumber, ReturnStatus Status, string? Reason, decimal Amount, DateTimeOffset RequestedAt);

public sealed record CustomerReturnsViewModel(string CustomerCode, IReadOnlyList<CustomerReturnRow> Returns, bool HasMore);
