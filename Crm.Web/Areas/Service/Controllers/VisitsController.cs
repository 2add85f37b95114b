using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Service;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Areas.Service.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Service.Controllers;

/// <summary>
/// 客户回访 and 满意度调查: visits are planned (a reminder goes to the visitor), then recorded with the survey's
/// six scores, or cancelled. A visit is visible exactly when its customer is; one outside the scope answers 404.
/// </summary>
[Area("Service")]
[Authorize(Policy = P.Service.View)]
public sealed class VisitsController(
    CrmDbContext db,
    VisitService visits,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private ServiceLookups? _lookups;

    private ServiceLookups Lookups => _lookups ??= new ServiceLookups(db, currentUser);

    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>The organisation's day (App:TimeZone), the one the visit service checks against.</summary>
    private DateOnly Today => visits.Today;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] VisitListFilter filter, CancellationToken cancellationToken)
    {
        var today = Today;
        var query = ModelState.IsValid ? filter.Apply(db, currentUser, today) : db.ReturnVisits.Where(_ => false).OrderBy(v => v.Id);
        var chinese = Chinese;
        var rows = await query
            .Select(v => new
            {
                v.Id, v.CustomerId,
                Customer = db.Customers.Where(c => c.Id == v.CustomerId).Select(c => c.Name).FirstOrDefault(),
                v.PlannedDate, v.ActualDate,
                Method = db.DictionaryItems.Where(d => d.Id == v.MethodId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                Visitor = db.Users.Where(u => u.Id == v.VisitorId).Select(u => u.DisplayName).FirstOrDefault(),
                v.Status,
                v.ProductPriceScore, v.ServiceAttitudeScore, v.ServicePriceScore, v.TimelinessScore, v.ProductQualityScore, v.QualityImprovementScore,
            })
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        var page = new Paged<VisitRow>(
            rows.Items.Select(v => new VisitRow(
                v.Id, v.CustomerId, v.Customer, v.PlannedDate, v.ActualDate, v.Method, v.Visitor, v.Status,
                ReturnVisit.Average(v.ProductPriceScore, v.ServiceAttitudeScore, v.ServicePriceScore, v.TimelinessScore, v.ProductQualityScore, v.QualityImprovementScore),
                v.Status == ReturnVisitStatus.Planned && v.PlannedDate < today)).ToList(),
            rows.Page);
        return View(new VisitIndexViewModel(filter, page, currentUser.HasPermission(P.Service.Edit)));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var chinese = Chinese;
        var found = await db.ReturnVisits.AsNoTracking().Where(v => v.Id == id)
            .Select(v => new
            {
                Visit = v,
                Customer = db.Customers.Where(c => c.Id == v.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Contact = db.Contacts.Where(c => c.Id == v.ContactId).Select(c => c.Name).FirstOrDefault(),
                Request = db.ServiceRequests.Where(r => r.Id == v.ServiceRequestId).Select(r => r.Number).FirstOrDefault(),
                Visitor = db.Users.Where(u => u.Id == v.VisitorId).Select(u => u.DisplayName).FirstOrDefault(),
                Method = db.DictionaryItems.Where(d => d.Id == v.MethodId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return NotFound();

        var v = found.Visit;
        var planned = v.Status == ReturnVisitStatus.Planned;
        var canEdit = planned && currentUser.HasPermission(P.Service.Edit);
        return View(new VisitDetailsViewModel(
            v.Id, v.Status, v.Version, v.CustomerId, found.Customer, found.Contact, v.ServiceRequestId, found.Request, found.Visitor,
            v.PlannedDate, v.ActualDate, found.Method, v.Content,
            [
                new("ReturnVisit.ProductPriceScore", v.ProductPriceScore),
                new("ReturnVisit.ServiceAttitudeScore", v.ServiceAttitudeScore),
                new("ReturnVisit.ServicePriceScore", v.ServicePriceScore),
                new("ReturnVisit.TimelinessScore", v.TimelinessScore),
                new("ReturnVisit.ProductQualityScore", v.ProductQualityScore),
                new("ReturnVisit.QualityImprovementScore", v.QualityImprovementScore),
            ],
            v.AverageScore, v.Comments, planned && v.PlannedDate < Today, canEdit, canEdit)
        {
            RescheduledFrom = v.RescheduledFrom,
            RescheduleReason = v.RescheduleReason,
        });
    }

    /// <summary>The visit list as a file (<c>?format=csv|xlsx</c>, the list's filters and sort), all pages, audited.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] VisitListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();
        var chinese = Chinese;
        var rows = filter.Apply(db, currentUser, Today)
            .Select(v => new VisitExportRow(
                db.Customers.Where(c => c.Id == v.CustomerId).Select(c => c.Code).FirstOrDefault(),
                db.Customers.Where(c => c.Id == v.CustomerId).Select(c => c.Name).FirstOrDefault(),
                v.PlannedDate, v.ActualDate,
                db.DictionaryItems.Where(d => d.Id == v.MethodId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.Contacts.Where(c => c.Id == v.ContactId).Select(c => c.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == v.VisitorId).Select(u => u.DisplayName).FirstOrDefault(),
                v.Status, v.Content,
                v.ProductPriceScore, v.ServiceAttitudeScore, v.ServicePriceScore, v.TimelinessScore, v.ProductQualityScore, v.QualityImprovementScore,
                v.Comments,
                db.ServiceRequests.Where(r => r.Id == v.ServiceRequestId).Select(r => r.Number).FirstOrDefault()));
        string[] headerKeys =
        [
            "Customers.Code", "ReturnVisit.Customer", "ReturnVisit.PlannedDate", "ReturnVisit.ActualDate", "ReturnVisit.Method", "ReturnVisit.Contact",
            "ReturnVisit.Visitor", "Visits.Status", "ReturnVisit.Content",
            "ReturnVisit.ProductPriceScore", "ReturnVisit.ServiceAttitudeScore", "ReturnVisit.ServicePriceScore", "ReturnVisit.TimelinessScore",
            "ReturnVisit.ProductQualityScore", "ReturnVisit.QualityImprovementScore", "ReturnVisit.AverageScore", "ReturnVisit.Comments", "ServiceRequest.Number",
        ];
        var headers = headerKeys.Select(k => l[k].Value).ToList();
        object?[] Values(VisitExportRow r) =>
        [
            r.CustomerCode, r.Customer, ServiceFormat.Date(r.PlannedDate), ServiceFormat.Date(r.ActualDate), r.Method, r.Contact, r.Visitor,
            l["ReturnVisitStatus." + r.Status].Value, r.Content,
            r.ProductPriceScore, r.ServiceAttitudeScore, r.ServicePriceScore, r.TimelinessScore, r.ProductQualityScore, r.QualityImprovementScore,
            ReturnVisit.Average(r.ProductPriceScore, r.ServiceAttitudeScore, r.ServicePriceScore, r.TimelinessScore, r.ProductQualityScore, r.QualityImprovementScore),
            r.Comments, r.ServiceRequestNumber,
        ];

        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"return-visits-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        var count = 0;
        if (xlsx)
        {
            IEnumerable<IDictionary<string, object?>> Sheet()
            {
                foreach (var row in rows.AsEnumerable())
                {
                    count++;
                    yield return ExportFile.Row(headers, Values(row));
                }
            }

            await ExportFile.WriteXlsxAsync(Response, fileName, Sheet(), cancellationToken);
        }
        else
        {
            await using var csv = CsvResponseWriter.Start(Response, fileName);
            await csv.WriteRowAsync(headers, cancellationToken);
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                count++;
                await csv.WriteRowAsync(Values(row).Select(ExportFile.Text), cancellationToken);
            }

            await csv.CompleteAsync(cancellationToken);
        }

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(ReturnVisit), ServiceFormat.FilterSummary(Request.Query),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    /// <summary>改期: a planned visit moves to another day, with the reason.</summary>
    [HttpGet]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Reschedule(int id, CancellationToken cancellationToken)
    {
        var visit = await db.ReturnVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
            return NotFound();
        if (visit.Status != ReturnVisitStatus.Planned)
        {
            TempData["Error"] = l["ReturnVisit.NotPlanned", l["ReturnVisitStatus." + visit.Status].Value].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        var form = new VisitRescheduleModel { PlannedDate = visit.PlannedDate < Today ? Today : visit.PlannedDate, Version = visit.Version };
        return View(await RescheduleFormAsync(visit, form, cancellationToken));
    }

    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Reschedule(int id, VisitRescheduleModel form, CancellationToken cancellationToken)
    {
        var visit = await db.ReturnVisits.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
            return NotFound();
        if (ModelState.IsValid && visit.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(visit).Property(v => v.Version).OriginalValue = form.Version;
                await visits.RescheduleAsync(visit, form.PlannedDate!.Value, form.Reason!, cancellationToken);
                TempData["Success"] = l["Visits.Rescheduled", ServiceFormat.Date(visit.PlannedDate)].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }

            db.ChangeTracker.Clear();
            visit = await db.ReturnVisits.AsNoTracking().SingleAsync(v => v.Id == id, cancellationToken);
        }

        return View(await RescheduleFormAsync(visit, form, cancellationToken));
    }

    /// <summary>Plan a visit: without a customer the page is a customer picker; with one, the form.</summary>
    [HttpGet]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Create(int? customerId, string? customerSearch, CancellationToken cancellationToken)
    {
        if (customerId is null)
            return View("Pick", new ServiceCustomerPicker(customerSearch, await Lookups.CustomerOptionsAsync(customerSearch, cancellationToken)));
        var customer = await Lookups.CustomerAsync(customerId.Value, cancellationToken);
        if (customer is null)
            return NotFound();
        var form = new VisitPlanModel { CustomerId = customer.Id, PlannedDate = Today.AddDays(1), VisitorId = currentUser.UserId };
        return View(await PlanFormAsync(customer, form, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Create(VisitPlanModel form, CancellationToken cancellationToken)
    {
        var customer = form.CustomerId is { } customerId ? await Lookups.CustomerAsync(customerId, cancellationToken) : null;
        if (customer is null)
            return NotFound();
        if (!await Lookups.IsContactOfAsync(customer.Id, form.ContactId, cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.ContactId), l["Validation.ChooseFromList"]);
        if (!await dictionary.IsValidAsync(C.VisitMethod, form.MethodId, null, cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.MethodId), l["Validation.ChooseFromList"]);
        if (!await Lookups.IsUsableUserAsync(form.VisitorId, null, cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.VisitorId), l["Validation.ChooseFromList"]);
        if (ModelState.IsValid)
        {
            try
            {
                var visit = new ReturnVisit(customer.Id, form.PlannedDate!.Value, form.MethodId, form.VisitorId!.Value, null, form.Content);
                visit.Plan(form.PlannedDate!.Value, form.MethodId, form.ContactId, form.Content);
                await visits.PlanAsync(visit, customer.Name, cancellationToken);
                TempData["Success"] = l["Visits.Planned", customer.Name].Value;
                return RedirectToAction(nameof(Details), new { id = visit.Id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        return View(await PlanFormAsync(customer, form, cancellationToken));
    }

    /// <summary>Record the visit: when it took place, how, what was said, and the survey.</summary>
    [HttpGet]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Record(int id, CancellationToken cancellationToken)
    {
        var visit = await db.ReturnVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
            return NotFound();
        if (visit.Status != ReturnVisitStatus.Planned)
        {
            TempData["Error"] = l["ReturnVisit.NotPlanned", l["ReturnVisitStatus." + visit.Status].Value].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        var form = new VisitRecordModel
        {
            ActualDate = Today, MethodId = visit.MethodId, ContactId = visit.ContactId, Content = visit.Content, Version = visit.Version,
        };
        return View(await RecordFormAsync(visit, form, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Record(int id, VisitRecordModel form, CancellationToken cancellationToken)
    {
        var visit = await db.ReturnVisits.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
            return NotFound();
        if (!await Lookups.IsContactOfAsync(visit.CustomerId, form.ContactId, cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.ContactId), l["Validation.ChooseFromList"]);
        if (!await dictionary.IsValidAsync(C.VisitMethod, form.MethodId, visit.MethodId, cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.MethodId), l["Validation.ChooseFromList"]);
        if (ModelState.IsValid && visit.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(visit).Property(v => v.Version).OriginalValue = form.Version;
                await visits.CompleteAsync(visit, form.ActualDate!.Value, form.MethodId, form.ContactId, form.Content ?? string.Empty, form.Scores(), form.Comments, cancellationToken);
                TempData["Success"] = l["Visits.Recorded"].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }

            db.ChangeTracker.Clear();
            visit = await db.ReturnVisits.AsNoTracking().SingleAsync(v => v.Id == id, cancellationToken);
        }

        return View(await RecordFormAsync(visit, form, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Cancel(int id, Guid version, CancellationToken cancellationToken)
    {
        var visit = await db.ReturnVisits.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
            return NotFound();
        if (visit.Version != version)
        {
            TempData["Error"] = l["Common.ConcurrencyConflict"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        try
        {
            db.Entry(visit).Property(v => v.Version).OriginalValue = version;
            await visits.CancelAsync(visit, cancellationToken);
            TempData["Success"] = l["Visits.CancelledMessage"].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is Crm.Domain.Common.DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<VisitPlanViewModel> PlanFormAsync(ServiceCustomer customer, VisitPlanModel form, CancellationToken cancellationToken) =>
        new(customer, form,
            await dictionary.ForAsync(C.VisitMethod, form.MethodId, cancellationToken),
            await Lookups.ContactOptionsAsync(customer.Id, form.ContactId, cancellationToken),
            await Lookups.UserOptionsAsync(form.VisitorId, cancellationToken));

    private async Task<VisitRescheduleViewModel> RescheduleFormAsync(ReturnVisit visit, VisitRescheduleModel form, CancellationToken cancellationToken) =>
        new(visit.Id, (await Lookups.CustomerAsync(visit.CustomerId, cancellationToken))!, visit.PlannedDate, form, Today);

    private async Task<VisitRecordViewModel> RecordFormAsync(ReturnVisit visit, VisitRecordModel form, CancellationToken cancellationToken) =>
        new(visit.Id, (await Lookups.CustomerAsync(visit.CustomerId, cancellationToken))!, visit.PlannedDate, form,
            await dictionary.ForAsync(C.VisitMethod, form.MethodId ?? visit.MethodId, cancellationToken),
            await Lookups.ContactOptionsAsync(visit.CustomerId, form.ContactId, cancellationToken))
        {
            Today = Today,
        };
}
