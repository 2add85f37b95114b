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
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Service.Controllers;

/// <summary>
/// 服务请求: created by anyone with Service.Edit for a customer they see, assigned by a manager to a
/// handler of their subtree, handled by the handler, closed by the customer's feedback and archived (which
/// schedules the return visit). A request is visible to its creator, its handler, the managers of its
/// org unit and whoever sees its customer (the context's filter), so one outside that answers 404. The customer's name and contacts are
/// read through <see cref="ServiceRequestQueries"/>, because a handler may not see the customer itself.
/// </summary>
[Area("Service")]
[Authorize(Policy = P.Service.View)]
public sealed class RequestsController(
    CrmDbContext db,
    ServiceRequestService service,
    ServiceRequestQueries parties,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const int SuggestionLimit = 5;

    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    private bool CanAssign => currentUser.HasPermission(P.Service.Assign);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ServiceRequestListFilter filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var query = ModelState.IsValid
            ? filter.Apply(db, userClock, currentUser.UserId, CanAssign, now, await filter.CustomerIdsAsync(parties, cancellationToken))
            : db.ServiceRequests.Where(_ => false).OrderBy(r => r.Id);
        var page = await Rows(query, now).ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        var names = await parties.CustomersAsync(page.Items.Select(r => r.CustomerId), cancellationToken);
        var rows = page with { Items = page.Items.Select(r => r with { Customer = names.GetValueOrDefault(r.CustomerId)?.Name }).ToList() };
        return View(new ServiceRequestIndexViewModel(
            filter, filter.EffectiveView(CanAssign), rows,
            await dictionary.ForAsync(C.ServiceType, filter.TypeId, cancellationToken),
            await dictionary.ForAsync(C.Priority, filter.PriorityId, cancellationToken),
            currentUser.HasPermission(P.Service.Edit), CanAssign));
    }

    /// <summary>The list as a file (<c>?format=csv|xlsx</c> with the list's view and filters), all pages, audited.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] ServiceRequestListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();

        var chinese = Chinese;
        var requests = filter.Apply(db, userClock, currentUser.UserId, CanAssign, clock.GetUtcNow(), await filter.CustomerIdsAsync(parties, cancellationToken));
        // Customer names are read on their own (a handler may not see the customer), for the customers of the exported requests only.
        var customers = await parties.CustomersAsync(await requests.Select(r => r.CustomerId).Distinct().ToListAsync(cancellationToken), cancellationToken);
        var rows = requests
            .Select(r => new ServiceRequestExportRow(
                r.Number, r.CustomerId,
                db.DictionaryItems.Where(d => d.Id == r.TypeId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == r.PriorityId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                r.Summary, r.Status, r.ReceivedAt, r.DueAt,
                db.Users.Where(u => u.Id == r.CreatorId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Where(u => u.Id == r.HandlerId).Select(u => u.DisplayName).FirstOrDefault(),
                r.HandledAt, r.MinutesSpent, r.Satisfaction, r.ArchivedAt));

        string[] headerKeys =
        [
            "ServiceRequest.Number", "Customers.Code", "ServiceRequests.Customer", "ServiceRequests.Type", "ServiceRequests.Priority",
            "ServiceRequest.Summary", "ServiceRequests.Status", "ServiceRequests.ReceivedAt", "ServiceRequests.DueAt", "ServiceRequests.Creator",
            "ServiceRequests.Handler", "ServiceRequests.HandledAt", "ServiceRequests.MinutesSpent", "ServiceRequests.Satisfaction", "ServiceRequests.ArchivedAt",
        ];
        var headers = headerKeys.Select(k => l[k].Value).ToList();
        object?[] Values(ServiceRequestExportRow r) =>
        [
            r.Number, customers.GetValueOrDefault(r.CustomerId)?.Code, customers.GetValueOrDefault(r.CustomerId)?.Name, r.Type, r.Priority, r.Summary, l["ServiceRequestStatus." + r.Status].Value,
            userClock.Format(r.ReceivedAt), userClock.Format(r.DueAt), r.Creator, r.Handler, Format(r.HandledAt), r.MinutesSpent,
            r.Satisfaction, Format(r.ArchivedAt),
        ];

        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"service-requests-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
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

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(ServiceRequest), FilterSummary(),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var request = await db.ServiceRequests.AsNoTracking().Include(r => r.Events).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return NotFound();
        return View(await DetailsAsync(request, cancellationToken));
    }

    /// <summary>New request: without a customer, the picker of customers in scope; with one, the form.</summary>
    [HttpGet]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Create(int? customerId, string? customerSearch, CancellationToken cancellationToken)
    {
        var form = new ServiceRequestFormModel { CustomerId = customerId ?? 0 };
        if (customerId is { } id)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Status }).SingleOrDefaultAsync(cancellationToken);
            if (customer is null)
                return NotFound();
            if (customer.Status == CustomerStatus.Archived)
                ModelState.AddModelError(string.Empty, l["Customer.Archived"]);
            form.PriorityId = await db.DictionaryItems.AsNoTracking()
                .Where(d => d.Category == C.Priority && d.Code == C.Priorities.Normal && d.IsActive).Select(d => (int?)d.Id).FirstOrDefaultAsync(cancellationToken);
        }

        return View("Form", await FormAsync(null, null, form, customerSearch, cancellationToken));
    }

    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Create(ServiceRequestFormModel form, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == form.CustomerId, cancellationToken))
            return NotFound();
        if (ModelState.IsValid)
        {
            try
            {
                var created = await service.CreateAsync(Input(form), cancellationToken);
                TempData["Success"] = l["ServiceRequests.Created", created.Number].Value;
                return RedirectToAction(nameof(Details), new { id = created.Id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
                db.ChangeTracker.Clear();
            }
        }

        return View("Form", await FormAsync(null, null, form, null, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var request = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return NotFound();
        var form = new ServiceRequestFormModel
        {
            CustomerId = request.CustomerId, TypeId = request.TypeId, PriorityId = request.PriorityId, ContactId = request.ContactId,
            ProductId = request.ProductId, Summary = request.Summary, Details = request.Details, Version = request.Version,
        };
        return View("Form", await FormAsync(request.Id, request.Number, form, null, cancellationToken));
    }

    /// <summary>Edits what was asked; a stale form (another save since it was opened) is refused.</summary>
    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Edit(int id, ServiceRequestFormModel form, CancellationToken cancellationToken)
    {
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return NotFound();
        form.CustomerId = request.CustomerId;
        if (ModelState.IsValid && request.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(request).Property(r => r.Version).OriginalValue = form.Version;
                await service.UpdateAsync(request, Input(form), cancellationToken);
                TempData["Success"] = l["ServiceRequests.Saved", request.Number].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        return View("Form", await FormAsync(request.Id, request.Number, form, null, cancellationToken));
    }

    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Service.Assign)]
    public Task<IActionResult> Assign(int id, ServiceRequestAssignModel form, CancellationToken cancellationToken) =>
        MoveAsync(id, form.Version, r => service.AssignAsync(r, form.HandlerId!.Value, cancellationToken), "ServiceRequests.AssignedMessage", cancellationToken);

    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Service.Edit)]
    public Task<IActionResult> Handle(int id, ServiceRequestHandleModel form, CancellationToken cancellationToken) =>
        MoveAsync(id, form.Version, r => service.HandleAsync(r, form.Handling!, form.MinutesSpent!.Value, cancellationToken), "ServiceRequests.HandledMessage", cancellationToken);

    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Feedback(int id, ServiceRequestFeedbackModel form, CancellationToken cancellationToken)
    {
        string? sentBack = null;
        var result = await MoveAsync(id, form.Version, async r =>
        {
            await service.RecordFeedbackAsync(r, form.Result!, form.Satisfaction!.Value, cancellationToken);
            if (r.Status == ServiceRequestStatus.Assigned)
                sentBack = r.Number;
        }, "ServiceRequests.FeedbackMessage", cancellationToken);
        // Below 3 the request went back to its handler: say so instead of "feedback recorded".
        if (sentBack is not null)
            TempData["Success"] = l["ServiceRequests.SentBack", sentBack].Value;
        return result;
    }

    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Service.Edit)]
    public Task<IActionResult> Archive(int id, Guid version, CancellationToken cancellationToken) =>
        MoveAsync(id, version, r => service.ArchiveAsync(r, cancellationToken), "ServiceRequests.ArchivedMessage", cancellationToken);

    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> LinkArticle(int id, int articleId, CancellationToken cancellationToken)
    {
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return NotFound();
        try
        {
            await service.LinkArticleAsync(request, articleId, cancellationToken);
            TempData["Success"] = l["ServiceRequests.ArticleLinked"].Value;
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Message(e);
        }

        return RedirectToAction(nameof(Details), null, new { id }, "articles");
    }

    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> UnlinkArticle(int id, int articleId, CancellationToken cancellationToken)
    {
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return NotFound();
        await service.UnlinkArticleAsync(request, articleId, cancellationToken);
        TempData["Success"] = l["ServiceRequests.ArticleUnlinked"].Value;
        return RedirectToAction(nameof(Details), null, new { id }, "articles");
    }

    /// <summary>One move of the flow: refused when the form is stale or the request refuses it; always back to the details.</summary>
    private async Task<IActionResult> MoveAsync(int id, Guid version, Func<ServiceRequest, Task> move, string successKey, CancellationToken cancellationToken)
    {
        var request = await db.ServiceRequests.Include(r => r.Events).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return NotFound();
        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct());
            return RedirectToAction(nameof(Details), new { id });
        }

        if (request.Version != version)
        {
            TempData["Error"] = l["Common.ConcurrencyConflict"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        try
        {
            db.Entry(request).Property(r => r.Version).OriginalValue = version;
            await move(request);
            TempData["Success"] = l[successKey, request.Number].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private IQueryable<ServiceRequestRow> Rows(IQueryable<ServiceRequest> query, DateTimeOffset now)
    {
        var chinese = Chinese;
        return query.Select(r => new ServiceRequestRow(
            r.Id, r.Number, r.CustomerId, null,
            db.DictionaryItems.Where(d => d.Id == r.TypeId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
            db.DictionaryItems.Where(d => d.Id == r.PriorityId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
            r.Summary, r.Status, r.ReceivedAt, r.DueAt,
            db.Users.Where(u => u.Id == r.HandlerId).Select(u => u.DisplayName).FirstOrDefault(),
            (r.Status == ServiceRequestStatus.New || r.Status == ServiceRequestStatus.Assigned) && r.DueAt < now));
    }

    private async Task<ServiceRequestDetailsViewModel> DetailsAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var userIds = request.Events.Select(e => e.ByUserId).Append(request.CreatorId).Append(request.HandlerId ?? Guid.Empty).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string? Name(Guid? userId) => userId is { } key && names.TryGetValue(key, out var name) ? name : null;

        var customer = (await parties.CustomersAsync([request.CustomerId], cancellationToken)).GetValueOrDefault(request.CustomerId)?.Name;
        var customerVisible = await db.Customers.AnyAsync(c => c.Id == request.CustomerId, cancellationToken);
        var contact = request.ContactId is { } contactId
            ? await parties.ContactAsync(contactId, cancellationToken)
            : null;
        var product = request.ProductId is { } productId
            ? await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => p.Name + " (" + p.Code + ")").FirstOrDefaultAsync(cancellationToken)
            : null;

        // The request's own contract is read by its id past the customer filter (the user sees the request, so
        // may see what it is under); without one, an active contract of the customer — as far as the user sees it.
        var today = service.DayOf(now);
        var contracts = request.ContractId is { } contractId
            ? await parties.ContractAsync(contractId, cancellationToken)
            : null;
        contracts ??= await db.ServiceContracts.AsNoTracking()
            .Where(c => c.CustomerId == request.CustomerId && c.StartDate <= today && c.EndDate >= today)
            .OrderBy(c => c.EndDate)
            .Select(c => new ServiceRequestContract { Id = c.Id, Number = c.Number, EndDate = c.EndDate, Level = c.Level, CaseAllowance = c.CaseAllowance, CasesUsed = c.CasesUsed })
            .FirstOrDefaultAsync(cancellationToken);
        var contract = contracts is null ? null : new ServiceContractBadge(
            contracts.Id, contracts.Number, contracts.EndDate, contracts.Level,
            contracts.CaseAllowance is { } allowed ? Math.Max(allowed - contracts.CasesUsed, 0) : null, contracts.Id == request.ContractId);

        var linked = await db.ServiceRequestArticles.AsNoTracking().Where(x => x.ServiceRequestId == request.Id)
            .Join(db.KnowledgeArticles, x => x.ArticleId, a => a.Id, (x, a) => new ServiceArticleLink(a.Id, a.Title, a.Tags, a.ViewCount))
            .ToListAsync(cancellationToken);
        var suggested = await SuggestAsync(request, linked.Select(a => a.Id).ToHashSet(), cancellationToken);

        // Its return visits follow the customer's scope (a handler who does not see the customer sees none).
        var visits = await db.ReturnVisits.AsNoTracking().Where(v => v.ServiceRequestId == request.Id)
            .OrderBy(v => v.PlannedDate).ThenBy(v => v.Id)
            .Select(v => new ServiceRequestVisit(v.Id, v.PlannedDate, v.ActualDate, v.Status, db.Users.Where(u => u.Id == v.VisitorId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);

        var canEdit = currentUser.HasPermission(P.Service.Edit);
        var canAssign = CanAssign && request.CanMoveTo(ServiceRequestStatus.Assigned);
        IReadOnlyList<SelectListItem> handlers = canAssign
            ? (await service.AssignableHandlers().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken))
                .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString(), u.Id == request.HandlerId)).ToList()
            : [];

        return new ServiceRequestDetailsViewModel(
            request.Id, request.Number, request.Version, request.Status, request.IsOverdueAt(now),
            request.CustomerId, customer, customerVisible,
            contact is null ? null : string.Join(" · ", new[] { contact.Name, contact.Mobile, contact.Phone }.Where(s => !string.IsNullOrWhiteSpace(s))),
            await dictionary.NameAsync(request.TypeId, cancellationToken),
            await dictionary.NameAsync(request.PriorityId, cancellationToken),
            product, request.Summary, request.Details, request.ReceivedAt, request.DueAt,
            Name(request.CreatorId), Name(request.HandlerId), request.Handling, request.MinutesSpent, request.HandledAt,
            request.FeedbackResult, request.Satisfaction, request.ArchivedAt, contract,
            request.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new ServiceRequestStep(e.FromStatus, e.ToStatus, e.At, Name(e.ByUserId), e.Note, e.Satisfaction)).ToList(),
            linked, suggested, handlers,
            canAssign,
            canEdit && request.HandlerId == currentUser.UserId && request.CanMoveTo(ServiceRequestStatus.Handled),
            canEdit && request.CanMoveTo(ServiceRequestStatus.FeedbackGiven),
            canEdit && request.CanMoveTo(ServiceRequestStatus.Archived),
            canEdit && request.Status != ServiceRequestStatus.Archived)
        {
            Visits = visits,
        };
    }

    /// <summary>Published articles of the request's product, or whose title or tags share a word with its summary, most viewed first.</summary>
    private async Task<IReadOnlyList<ServiceArticleLink>> SuggestAsync(ServiceRequest request, HashSet<int> linked, CancellationToken cancellationToken)
    {
        var words = request.Summary
            .Split([' ', ',', '，', '。', '.', ';', '；', ':', '：', '、', '/', '-', '(', ')', '（', '）'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => w.Length >= 2).Distinct().Take(10).ToList();
        var candidates = await db.KnowledgeArticles.AsNoTracking().Where(a => a.IsPublished)
            .OrderByDescending(a => a.ViewCount).ThenBy(a => a.Id).Take(500)
            .Select(a => new { a.Id, a.Title, a.Tags, a.ViewCount, a.ProductId })
            .ToListAsync(cancellationToken);
        bool Matches(string title, string? tags) =>
            words.Any(w => title.Contains(w, StringComparison.OrdinalIgnoreCase) || (tags?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false)
                           || (tags?.Split(',').Any(t => t.Length >= 2 && request.Summary.Contains(t, StringComparison.OrdinalIgnoreCase)) ?? false));
        return candidates
            .Where(a => !linked.Contains(a.Id) && ((request.ProductId is { } p && a.ProductId == p) || Matches(a.Title, a.Tags)))
            .OrderByDescending(a => request.ProductId is { } p && a.ProductId == p).ThenByDescending(a => a.ViewCount)
            .Take(SuggestionLimit)
            .Select(a => new ServiceArticleLink(a.Id, a.Title, a.Tags, a.ViewCount))
            .ToList();
    }

    private async Task<ServiceRequestFormViewModel> FormAsync(int? id, string? number, ServiceRequestFormModel form, string? customerSearch, CancellationToken cancellationToken)
    {
        var hasCustomer = form.CustomerId != 0;
        var customerName = hasCustomer
            ? (await parties.CustomersAsync([form.CustomerId], cancellationToken)).GetValueOrDefault(form.CustomerId)?.Name
            : null;
        IReadOnlyList<SelectListItem> contacts = hasCustomer
            ? (await parties.ContactsOfAsync(form.CustomerId, cancellationToken))
                .Select(c => new SelectListItem(c.Name, c.Id.ToString(CultureInfo.InvariantCulture), c.Id == form.ContactId)).ToList()
            : [];
        return new ServiceRequestFormViewModel(
            id, number, hasCustomer ? form.CustomerId : null, customerName, customerSearch,
            hasCustomer ? [] : await CustomerOptionsAsync(customerSearch, cancellationToken),
            form,
            await dictionary.ForAsync(C.ServiceType, form.TypeId, cancellationToken),
            await dictionary.ForAsync(C.Priority, form.PriorityId, cancellationToken),
            contacts,
            hasCustomer ? await ServiceRequestLookups.ProductOptionsAsync(db, form.ProductId, cancellationToken) : []);
    }

    /// <summary>Customers in scope for the picker: matching the search, by name, a bounded number (a salesperson: his own).</summary>
    private async Task<IReadOnlyList<SelectListItem>> CustomerOptionsAsync(string? search, CancellationToken cancellationToken)
    {
        var query = db.Customers.AsNoTracking().Where(c => c.Status != CustomerStatus.Archived && c.MergedIntoId == null);
        if (currentUser.Scope == DataScope.Own && currentUser.UserId is { } me)
            query = query.Where(c => c.OwnerId == me);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var q = search.Trim();
            var code = q.ToUpperInvariant();
            query = query.Where(c => c.Name.Contains(q) || c.Code == code);
        }

        return (await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(ServiceRequestLookups.CustomerPickerLimit)
                .Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new SelectListItem($"{c.Name} ({c.Code})", c.Id.ToString(CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static ServiceRequestInput Input(ServiceRequestFormModel form) =>
        new(form.CustomerId, form.TypeId!.Value, form.PriorityId!.Value, form.Summary!, form.Details, form.ContactId, form.ProductId);

    private string FilterSummary()
    {
        var parts = Request.Query
            .Where(q => q.Key is not ("format" or "page") && !string.IsNullOrEmpty(q.Value.ToString()))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => $"{q.Key}={q.Value}");
        var summary = string.Join('&', parts);
        return summary.Length == 0 ? "*" : summary;
    }

    private string? Format(DateTimeOffset? at) => at is { } value ? userClock.Format(value) : null;
}
