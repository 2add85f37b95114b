using System.Globalization;
using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.ViewComponents;

/// <summary>The visits tab of the customer 360: the newest return visits with their survey average (bounded), in one statement.</summary>
public sealed class CustomerVisitsViewComponent(CrmDbContext db, TimeProvider clock, Crm.Web.Infrastructure.UserClock userClock) : ViewComponent
{
    public const int Limit = 100;

    public async Task<IViewComponentResult> InvokeAsync(int customerId)
    {
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var today = DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);
        var rows = await db.ReturnVisits.AsNoTracking().Where(v => v.CustomerId == customerId)
            .OrderByDescending(v => v.PlannedDate).ThenByDescending(v => v.Id)
            .Take(Limit)
            .Select(v => new
            {
                v.Id, v.PlannedDate, v.ActualDate, v.Status, v.Content,
                Method = db.DictionaryItems.Where(d => d.Id == v.MethodId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                Visitor = db.Users.Where(u => u.Id == v.VisitorId).Select(u => u.DisplayName).FirstOrDefault(),
                v.ProductPriceScore, v.ServiceAttitudeScore, v.ServicePriceScore, v.TimelinessScore, v.ProductQualityScore, v.QualityImprovementScore,
            })
            .ToListAsync(HttpContext.RequestAborted);
        return View(new CustomerVisitsViewModel(customerId, rows.Select(v => new CustomerVisitItem(
            v.Id, v.PlannedDate, v.ActualDate, v.Method, v.Visitor, v.Content, v.Status,
            ReturnVisit.Average(v.ProductPriceScore, v.ServiceAttitudeScore, v.ServicePriceScore, v.TimelinessScore, v.ProductQualityScore, v.QualityImprovementScore),
            v.Status == ReturnVisitStatus.Planned && v.PlannedDate < today)).ToList()));
    }
}

public sealed record CustomerVisitItem(int Id, DateOnly PlannedDate, DateOnly? ActualDate, string? Method, string? Visitor, string? Content,
    ReturnVisitStatus Status, decimal? AverageScore, bool Overdue);

public sealed record CustomerVisitsViewModel(int CustomerId, IReadOnlyList<CustomerVisitItem> Items);
