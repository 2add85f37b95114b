using System.Globalization;
using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.ViewComponents;

/// <summary>The complaints tab of the customer 360: the newest quality complaints (bounded), in one statement, through the data scope.</summary>
public sealed class CustomerComplaintsViewComponent(CrmDbContext db) : ViewComponent
{
    public const int Limit = 100;

    public async Task<IViewComponentResult> InvokeAsync(int customerId)
    {
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var rows = await db.QualityComplaints.AsNoTracking().Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.FeedbackDate).ThenByDescending(c => c.Id)
            .Take(Limit)
            .Select(c => new CustomerComplaintItem(
                c.Id, c.Number, c.FeedbackDate,
                db.Products.Where(p => p.Id == c.ProductId).Select(p => p.Name).FirstOrDefault(),
                c.ProblemQuantity,
                db.DictionaryItems.Where(d => d.Id == c.UrgencyId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                c.Details, c.Status))
            .ToListAsync(HttpContext.RequestAborted);
        return View(new CustomerComplaintsViewModel(customerId, rows));
    }
}

public sealed record CustomerComplaintItem(int Id, string Number, DateOnly FeedbackDate, string? Product, int? ProblemQuantity, string? Urgency, string Details, QualityComplaintStatus Status);

public sealed record CustomerComplaintsViewModel(int CustomerId, IReadOnlyList<CustomerComplaintItem> Items);
