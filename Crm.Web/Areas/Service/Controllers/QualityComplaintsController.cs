using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
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
/// 产品质量投诉 (seed 004): every field of the paper form, handled Open → Investigating → Resolved → Closed
/// through the entity. A complaint is visible exactly when its customer is, so one outside the user's scope
/// answers 404.
/// </summary>
[Area("Service")]
[Authorize(Policy = P.Service.View)]
public sealed class QualityComplaintsController(
    CrmDbContext db,
    ComplaintService complaints,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private ServiceLookups? _lookups;

    private ServiceLookups Lookups => _lookups ??= new ServiceLookups(db, currentUser);

    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ComplaintListFilter filter, CancellationToken cancellationToken)
    {
        var query = ModelState.IsValid ? filter.Apply(db, currentUser) : db.QualityComplaints.Where(_ => false).OrderBy(c => c.Id);
        var chinese = Chinese;
        var rows = await query
            .Select(c => new ComplaintRow(
                c.Id, c.Number, c.CustomerId,
                db.Customers.Where(k => k.Id == c.CustomerId).Select(k => k.Name).FirstOrDefault(),
                c.FeedbackDate,
                db.Products.Where(p => p.Id == c.ProductId).Select(p => p.Name).FirstOrDefault(),
                c.ProblemQuantity,
                db.DictionaryItems.Where(d => d.Id == c.UrgencyId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.Users.Where(u => u.Id == c.HandlerId).Select(u => u.DisplayName).FirstOrDefault(),
                c.Status))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);

        return View(new ComplaintIndexViewModel(
            filter, rows,
            await Lookups.ProductOptionsAsync(filter.ProductId is { } p ? [p] : [], cancellationToken),
            await dictionary.ForAsync(C.Priority, filter.UrgencyId, cancellationToken),
            currentUser.HasPermission(P.Service.Edit)));
    }

    /// <summary>The list as a file (<c>?format=csv|xlsx</c> with the list's filters): all pages, in scope, audited.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] ComplaintListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();

        var chinese = Chinese;
        var rows = filter.Apply(db, currentUser)
            .Select(c => new ComplaintExportRow(
                c.Number,
                db.Customers.Where(k => k.Id == c.CustomerId).Select(k => k.Code).FirstOrDefault(),
                db.Customers.Where(k => k.Id == c.CustomerId).Select(k => k.Name).FirstOrDefault(),
                db.Contacts.Where(k => k.Id == c.ContactId).Select(k => k.Name).FirstOrDefault(),
                c.FeedbackDate, c.ProjectName, c.ProjectQuantity,
                db.Products.Where(p => p.Id == c.ProductId).Select(p => p.Name).FirstOrDefault(),
                c.ProblemFoundDate, c.ProblemQuantity,
                db.DictionaryItems.Where(d => d.Id == c.UrgencyId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                c.Site, c.Details, c.InitialIntent, c.AppraisalOpinion,
                db.Users.Where(u => u.Id == c.HandlerId).Select(u => u.DisplayName).FirstOrDefault(),
                c.HandlingResult, c.Status));

        string[] headerKeys =
        [
            "QualityComplaint.Number", "Customers.Code", "QualityComplaint.Customer", "QualityComplaint.Contact", "QualityComplaint.FeedbackDate",
            "QualityComplaint.ProjectName", "QualityComplaint.ProjectQuantity", "QualityComplaint.Product", "QualityComplaint.ProblemFoundDate",
            "QualityComplaint.ProblemQuantity", "QualityComplaint.Urgency", "QualityComplaint.Site", "QualityComplaint.Details",
            "QualityComplaint.InitialIntent", "QualityComplaint.AppraisalOpinion", "QualityComplaint.Handler", "QualityComplaint.HandlingResult",
            "Complaints.Status",
        ];
        var headers = headerKeys.Select(k => l[k].Value).ToList();
        object?[] Values(ComplaintExportRow r) =>
        [
            r.Number, r.CustomerCode, r.Customer, r.Contact, ServiceFormat.Date(r.FeedbackDate), r.ProjectName, r.ProjectQuantity, r.Product,
            r.ProblemFoundDate is null ? null : ServiceFormat.Date(r.ProblemFoundDate), r.ProblemQuantity, r.Urgency, r.Site, r.Details,
            r.InitialIntent, r.AppraisalOpinion, r.Handler, r.HandlingResult, l["QualityComplaintStatus." + r.Status].Value,
        ];

        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"quality-complaints-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
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

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(QualityComplaint), ServiceFormat.FilterSummary(Request.Query),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    /// <summary>Complaint counts and problem quantities per product over a range of feedback dates (default: the last 12 months).</summary>
    [HttpGet]
    public async Task<IActionResult> ByProduct([FromQuery] ComplaintsByProductFilter filter, CancellationToken cancellationToken)
    {
        if (filter.From is null && filter.To is null && !Request.Query.ContainsKey(nameof(filter.From)))
        {
            var today = DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);
            filter.From = today.AddMonths(-12);
            filter.To = today;
        }

        var rows = ModelState.IsValid ? await complaints.ByProductAsync(filter.From, filter.To, cancellationToken) : [];
        return View(new ComplaintsByProductViewModel(filter, rows));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var chinese = Chinese;
        var found = await db.QualityComplaints.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                Complaint = c,
                Customer = db.Customers.Where(k => k.Id == c.CustomerId).Select(k => k.Name).FirstOrDefault(),
                Contact = db.Contacts.Where(k => k.Id == c.ContactId).Select(k => k.Name).FirstOrDefault(),
                Product = db.Products.Where(p => p.Id == c.ProductId).Select(p => p.Code + " " + p.Name).FirstOrDefault(),
                Urgency = db.DictionaryItems.Where(d => d.Id == c.UrgencyId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                Handler = db.Users.Where(u => u.Id == c.HandlerId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return NotFound();

        var c = found.Complaint;
        var canEdit = currentUser.HasPermission(P.Service.Edit);
        return View(new ComplaintDetailsViewModel(
            c.Id, c.Number, c.Status, c.Version, c.CustomerId, found.Customer, found.Contact, c.FeedbackDate, c.ProjectName, c.ProjectQuantity,
            c.ProductId, found.Product, c.ProblemFoundDate, c.ProblemQuantity, found.Urgency, c.Site, c.Details, c.InitialIntent,
            c.AppraisalOpinion, found.Handler, c.HandlingResult,
            canEdit && c.Status != QualityComplaintStatus.Closed,
            canEdit && c.CanMoveTo(QualityComplaintStatus.Investigating),
            canEdit && c.CanMoveTo(QualityComplaintStatus.Resolved),
            canEdit && c.CanMoveTo(QualityComplaintStatus.Closed)));
    }

    /// <summary>A new complaint: without a customer the page is a customer picker; with one, the form.</summary>
    [HttpGet]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Create(int? customerId, string? customerSearch, CancellationToken cancellationToken)
    {
        if (customerId is null)
            return View("Pick", new ServiceCustomerPicker(customerSearch, await Lookups.CustomerOptionsAsync(customerSearch, cancellationToken)));
        var customer = await Lookups.CustomerAsync(customerId.Value, cancellationToken);
        if (customer is null)
            return NotFound();
        var today = DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);
        var form = new ComplaintEditModel { CustomerId = customer.Id, FeedbackDate = today, HandlerId = currentUser.UserId };
        return View("Form", await FormAsync(null, null, customer, form, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Create(ComplaintEditModel form, CancellationToken cancellationToken)
    {
        var customer = form.CustomerId is { } customerId ? await Lookups.CustomerAsync(customerId, cancellationToken) : null;
        if (customer is null)
            return NotFound();
        await ValidateAsync(form, customer.Id, null, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                var complaint = new QualityComplaint(await complaints.NextNumberAsync(cancellationToken), customer.Id, form.ToDetails());
                db.QualityComplaints.Add(complaint);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Complaints.Created", complaint.Number].Value;
                return RedirectToAction(nameof(Details), new { id = complaint.Id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        return View("Form", await FormAsync(null, null, customer, form, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var complaint = await db.QualityComplaints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
            return NotFound();
        if (complaint.Status == QualityComplaintStatus.Closed)
        {
            TempData["Error"] = l.Message(new DomainException("QualityComplaint.Closed"));
            return RedirectToAction(nameof(Details), new { id });
        }

        var customer = (await Lookups.CustomerAsync(complaint.CustomerId, cancellationToken))!;
        return View("Form", await FormAsync(complaint.Id, complaint.Number, customer, ComplaintEditModel.From(complaint), cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Edit(int id, ComplaintEditModel form, CancellationToken cancellationToken)
    {
        var complaint = await db.QualityComplaints.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
            return NotFound();
        // The customer of a complaint does not change; the posted one is ignored.
        form.CustomerId = complaint.CustomerId;
        var current = ComplaintEditModel.From(complaint);
        await ValidateAsync(form, complaint.CustomerId, current, cancellationToken);
        if (ModelState.IsValid && complaint.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(complaint).Property(c => c.Version).OriginalValue = form.Version;
                complaint.Update(form.ToDetails());
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Complaints.Saved", complaint.Number].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        var customer = (await Lookups.CustomerAsync(complaint.CustomerId, cancellationToken))!;
        return View("Form", await FormAsync(complaint.Id, complaint.Number, customer, form, cancellationToken));
    }

    /// <summary>开始调查.</summary>
    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public Task<IActionResult> Investigate(int id, Guid version, CancellationToken cancellationToken) =>
        MoveAsync(id, version, c => c.StartInvestigation(), "Complaints.Investigating", cancellationToken);

    /// <summary>处理完毕: the handling result is required.</summary>
    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public Task<IActionResult> Resolve(int id, Guid version, string? handlingResult, CancellationToken cancellationToken) =>
        MoveAsync(id, version, c => c.Resolve(handlingResult ?? string.Empty), "Complaints.Resolved", cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public Task<IActionResult> Close(int id, Guid version, CancellationToken cancellationToken) =>
        MoveAsync(id, version, c => c.Close(), "Complaints.ClosedMessage", cancellationToken);

    private async Task<IActionResult> MoveAsync(int id, Guid version, Action<QualityComplaint> move, string successKey, CancellationToken cancellationToken)
    {
        var complaint = await db.QualityComplaints.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
            return NotFound();
        if (complaint.Version != version)
        {
            TempData["Error"] = l["Common.ConcurrencyConflict"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        try
        {
            db.Entry(complaint).Property(c => c.Version).OriginalValue = version;
            move(complaint);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l[successKey, complaint.Number].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task ValidateAsync(ComplaintEditModel form, int customerId, ComplaintEditModel? current, CancellationToken cancellationToken)
    {
        if (!await Lookups.IsContactOfAsync(customerId, form.ContactId, cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.ContactId), l["Validation.ChooseFromList"]);
        if (!await dictionary.IsValidAsync(C.Priority, form.UrgencyId, current?.UrgencyId, cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.UrgencyId), l["Validation.ChooseFromList"]);
        if (form.ProductId is { } product && !await Lookups.AreProductsAsync([product], current?.ProductId is { } p ? [p] : [], cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.ProductId), l["Validation.ChooseFromList"]);
        if (!await Lookups.IsUsableUserAsync(form.HandlerId, current?.HandlerId, cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.HandlerId), l["Validation.ChooseFromList"]);
    }

    private async Task<ComplaintFormViewModel> FormAsync(int? id, string? number, ServiceCustomer customer, ComplaintEditModel form, CancellationToken cancellationToken) =>
        new(id, number, customer, form,
            await Lookups.ContactOptionsAsync(customer.Id, form.ContactId, cancellationToken),
            await Lookups.ProductOptionsAsync(form.ProductId is { } p ? [p] : [], cancellationToken),
            await dictionary.ForAsync(C.Priority, form.UrgencyId, cancellationToken),
            await Lookups.UserOptionsAsync(form.HandlerId, cancellationToken));
}
