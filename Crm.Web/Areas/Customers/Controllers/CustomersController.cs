using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Customers.Controllers;

/// <summary>
/// The customer archive (客户信息). Every query goes through the data-scope filter: a customer outside
/// the user's scope is absent from the list and answers 404 by id.
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.View)]
public sealed class CustomersController(
    CrmDbContext db,
    CustomerService customers,
    PoolService pool,
    CustomerListQuery listQuery,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    ReferenceLists lists,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] CustomerListFilter filter, CancellationToken cancellationToken)
    {
        var query = ModelState.IsValid
            ? await listQuery.FilterAsync(filter, cancellationToken)
            : db.Customers.Where(_ => false);

        var chinese = Chinese;
        var rows = await CustomerListQuery.Sort(query, filter)
            .Select(c => new CustomerRow(
                c.Id, c.Code, c.Name, c.Type, c.Status,
                db.DictionaryItems.Where(d => d.Id == c.LevelId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == c.RegionId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == c.IndustryId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.OrgUnits.Where(o => o.Id == c.OrgUnitId).Select(o => o.Name).First(),
                c.Phone, c.LastInteractionAt, c.CreatedAt))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);

        // The dropdowns come from the reference-data cache: the page itself costs its two statements.
        return View(new CustomerIndexViewModel(
            filter, rows,
            await dictionary.ForAsync(C.CustomerLevel, filter.LevelId, cancellationToken),
            await dictionary.ForAsync(C.Region, filter.RegionId, cancellationToken),
            await dictionary.ForAsync(C.Industry, filter.IndustryId, cancellationToken),
            await OwnerOptionsAsync(filter.OwnerId, cancellationToken),
            await OrgUnitOptionsAsync(filter.OrgUnitId, cancellationToken),
            currentUser.HasPermission(P.Customers.Create),
            currentUser.HasPermission(P.Customers.Assign) ? await OwnerOptionsAsync(null, cancellationToken) : null));
    }

    /// <summary>
    /// The customer 360. One statement reads the profile with its dictionary, owner and unit names, the key
    /// figures and the tab counts; the active tab adds its own rows (one or two statements). The other tabs
    /// are links, so adding a tab adds nothing to this page's cost.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Details(int id, string? tab, CancellationToken cancellationToken)
    {
        var chinese = Chinese;
        var key = id.ToString(CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        var satisfaction = Crm.Infrastructure.Service.CustomerSatisfaction.Totals(db);
        var found = await db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                Customer = c,
                Level = db.DictionaryItems.Where(d => d.Id == c.LevelId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                Industry = db.DictionaryItems.Where(d => d.Id == c.IndustryId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                Region = db.DictionaryItems.Where(d => d.Id == c.RegionId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                Source = db.DictionaryItems.Where(d => d.Id == c.SourceId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                Owner = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                OrgUnit = db.OrgUnits.Where(o => o.Id == c.OrgUnitId).Select(o => o.Name).FirstOrDefault(),
                Contacts = db.Contacts.Count(k => k.CustomerId == c.Id),
                Interactions = db.Interactions.Count(i => i.CustomerId == c.Id),
                PoolEvents = c.PoolEvents.Count,
                Feedback = db.Feedbacks.Count(f => f.CustomerId == c.Id),
                Opportunities = db.Opportunities.Count(o => o.CustomerId == c.Id),
                Orders = db.Orders.Count(o => o.CustomerId == c.Id),
                Returns = db.Returns.Count(r => r.CustomerId == c.Id),
                ChurnWarnings = db.ChurnWarnings.Count(w => w.CustomerId == c.Id),
                Service = db.ServiceRequests.Count(r => r.CustomerId == c.Id),
                ServiceOverdue = db.ServiceRequests.Count(r => r.CustomerId == c.Id
                    && (r.Status == Crm.Domain.Service.ServiceRequestStatus.New || r.Status == Crm.Domain.Service.ServiceRequestStatus.Assigned) && r.DueAt < now),
                Complaints = db.QualityComplaints.Count(q => q.CustomerId == c.Id),
                Visits = db.ReturnVisits.Count(v => v.CustomerId == c.Id),
                // Scalar subqueries each, correlated on the customer's key: a projected object (or a row taken
                // with FirstOrDefault) would be translated as a join over the whole table (ROW_NUMBER over every
                // customer's contacts, the totals of every customer) — over a second at 1,000,000 customers.
                SatisfactionSum = satisfaction.Where(t => t.CustomerId == c.Id).Select(t => t.Sum).FirstOrDefault(),
                SatisfactionCount = satisfaction.Where(t => t.CustomerId == c.Id).Select(t => t.Count).FirstOrDefault(),
                Changes = db.AuditEntries.Where(a => a.EntityType == nameof(Customer) && a.EntityKey == key)
                    .Take(Crm.Web.ViewComponents.ChangeHistoryViewComponent.Limit + 1).Count(),
                PrimaryName = db.Contacts.Where(k => k.CustomerId == c.Id && k.IsPrimary)
                    .OrderBy(k => k.Name).ThenBy(k => k.Id).Select(k => k.Name).FirstOrDefault(),
                PrimaryMobile = db.Contacts.Where(k => k.CustomerId == c.Id && k.IsPrimary)
                    .OrderBy(k => k.Name).ThenBy(k => k.Id).Select(k => k.Mobile).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return NotFound();

        var customer = found.Customer;
        var active = CustomerDetailsViewModel.TabOf(tab, currentUser.HasPermission);
        var canAssign = currentUser.HasPermission(P.Customers.Assign);
        var open = customer.Status != CustomerStatus.Archived;
        return View(new CustomerDetailsViewModel(
            customer.Id, customer.Code, customer.Name, customer.Type, customer.Status, CustomerEditModel.From(customer),
            found.Level, found.Industry, found.Region, found.Source,
            found.Owner, customer.OwnerSince, found.OrgUnit ?? string.Empty, customer.CreatedAt, customer.LastInteractionAt, customer.LastOrderAt,
            new CustomerTabCounts(found.Contacts, found.Interactions, found.PoolEvents, found.Feedback, found.Changes,
                found.Opportunities, found.Orders, found.ChurnWarnings, found.Service, found.ServiceOverdue, found.Complaints, found.Visits, found.Returns),
            found.PrimaryName is { } primaryName ? new PrimaryContactInfo(primaryName, found.PrimaryMobile) : null,
            active,
            active == "profile" && canAssign && open ? await OwnerOptionsAsync(customer.OwnerId, cancellationToken) : [],
            currentUser.HasPermission(P.Customers.Edit) && open,
            currentUser.HasPermission(P.Customers.Archive) && open,
            canAssign,
            pool.ActionsFor(customer.Id, customer.OwnerId, customer.Status),
            active == "contacts" ? await ContactsAsync(id, cancellationToken) : null,
            active == "interactions" ? await InteractionsAsync(id, cancellationToken) : null,
            active == "pool" ? await PoolHistoryAsync(id, cancellationToken) : null,
            active == "orders" ? await Crm.Web.Areas.Sales.Models.OrderQueries.ForCustomerAsync(db, id, open && currentUser.HasPermission(P.Orders.Edit), cancellationToken: cancellationToken) : null,
            active == "opportunities"
                ? new Crm.Web.Areas.Marketing.Models.CustomerOpportunitiesViewModel(id, await Crm.Web.Areas.Marketing.Models.OpportunityQueries.ForCustomerAsync(db, id, CustomerDetailsViewModel.TimelineLimit, cancellationToken))
                : null,
            active == "churn" ? await ChurnQueries.HistoryAsync(db, id, cancellationToken) : null,
            Crm.Infrastructure.Service.CustomerSatisfaction.Average(found.SatisfactionSum, found.SatisfactionCount)));
    }

    private Task<List<ContactRow>> ContactsAsync(int id, CancellationToken cancellationToken) =>
        db.Contacts.AsNoTracking().Where(c => c.CustomerId == id)
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new ContactRow(c.Id, c.Name, c.Gender, c.Title, c.Mobile, c.Phone, c.Email, c.Birthday, c.IsPrimary, c.Notes, c.Version))
            .ToListAsync(cancellationToken);

    /// <summary>The newest interactions (bounded), with channel, contact and author names in the same statement.</summary>
    private Task<List<InteractionRow>> InteractionsAsync(int id, CancellationToken cancellationToken)
    {
        var chinese = Chinese;
        return db.Interactions.AsNoTracking().Where(i => i.CustomerId == id)
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .Take(CustomerDetailsViewModel.TimelineLimit)
            .Select(i => new InteractionRow(
                i.Id, i.OccurredAt,
                db.DictionaryItems.Where(d => d.Id == i.ChannelId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                db.Contacts.Where(c => c.Id == i.ContactId).Select(c => c.Name).FirstOrDefault(),
                i.Summary, i.Details, i.NextStep, i.FollowUpAt,
                db.Users.Where(u => u.Id == i.CreatedBy).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Ownership changes, newest first, with the people's names in the same statement.</summary>
    private Task<List<PoolEventRow>> PoolHistoryAsync(int id, CancellationToken cancellationToken) =>
        db.Set<CustomerPoolEvent>().AsNoTracking().Where(e => e.CustomerId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new PoolEventRow(
                e.Kind,
                db.Users.Where(u => u.Id == e.FromUserId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Where(u => u.Id == e.ToUserId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Where(u => u.Id == e.ByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                e.At, e.Reason))
            .ToListAsync(cancellationToken);

    [HttpGet]
    [Authorize(Policy = P.Customers.Create)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Form", await FormAsync(null, null, new CustomerEditModel { OwnerId = currentUser.UserId }, [], cancellationToken));

    [HttpPost]
    [Authorize(Policy = P.Customers.Create)]
    public async Task<IActionResult> Create(CustomerEditModel form, CancellationToken cancellationToken)
    {
        var owner = await ValidateAsync(form, null, cancellationToken);
        IReadOnlyList<DuplicateMatch> duplicates = [];
        if (ModelState.IsValid && !form.ConfirmNotDuplicate)
        {
            duplicates = await customers.FindDuplicatesAsync(form.ToProfile(), null, cancellationToken);
            if (duplicates.Count > 0)
                ModelState.AddModelError(string.Empty, l["Customers.PossibleDuplicates"]);
        }

        if (ModelState.IsValid)
        {
            try
            {
                var created = await customers.CreateAsync(form.ToProfile(), owner!.Value.Id, owner.Value.OrgUnitId, cancellationToken);
                TempData["Success"] = l["Customers.Created", created.Name, created.Code].Value;
                return RedirectToAction(nameof(Details), new { id = created.Id });
            }
            catch (DomainException e)
            {
                AddDomainError(e);
            }
        }

        return View("Form", await FormAsync(null, null, form, duplicates, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
            return NotFound();
        if (customer.Status == CustomerStatus.Archived)
        {
            TempData["Error"] = l["Customer.Archived"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        return View("Form", await FormAsync(customer.Id, customer.Code, CustomerEditModel.From(customer), [], cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Edit(int id, CustomerEditModel form, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
            return NotFound();

        await ValidateAsync(form, customer, cancellationToken);
        IReadOnlyList<DuplicateMatch> duplicates = [];
        if (ModelState.IsValid && !form.ConfirmNotDuplicate)
        {
            duplicates = await customers.FindDuplicatesAsync(form.ToProfile(), id, cancellationToken);
            if (duplicates.Count > 0)
                ModelState.AddModelError(string.Empty, l["Customers.PossibleDuplicates"]);
        }

        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(customer).Property(c => c.Version).OriginalValue = form.Version;
                customer.UpdateProfile(form.ToProfile());
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Customers.Saved", customer.Name].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException e)
            {
                AddDomainError(e);
            }
            catch (DbUpdateConcurrencyException e)
            {
                ModelState.AddError(l, e);
            }
        }

        return View("Form", await FormAsync(customer.Id, customer.Code, form, duplicates, cancellationToken));
    }

    /// <summary>"Delete": the customer is archived, nothing is lost, and a manager can restore it.</summary>
    [HttpPost]
    [Authorize(Policy = P.Customers.Archive)]
    public Task<IActionResult> Archive(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, c => c.Archive(), "Customers.ArchivedMessage", cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Customers.Assign)]
    public Task<IActionResult> Restore(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, c => c.Restore(), "Customers.RestoredMessage", cancellationToken);

    /// <summary>A manager gives the customer to another salesperson in scope; it moves to that person's org unit.</summary>
    [HttpPost]
    [Authorize(Policy = P.Customers.Assign)]
    public async Task<IActionResult> Reassign(int id, Guid ownerId, CancellationToken cancellationToken)
    {
        var owner = await customers.AssignableOwners().Where(u => u.Id == ownerId).Select(u => new { u.Id, u.OrgUnitId, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            TempData["Error"] = l["Customers.OwnerNotAllowed"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        return await ChangeAsync(id, c => c.AssignTo(owner.Id, owner.OrgUnitId, currentUser.UserId!.Value, clock.GetUtcNow()),
            "Customers.ReassignedMessage", cancellationToken, owner.DisplayName);
    }

    /// <summary>Gives several customers of the list to one salesperson at once; each keeps its own history entry.</summary>
    [HttpPost]
    [Authorize(Policy = P.Customers.Assign)]
    public async Task<IActionResult> BulkReassign(int[] ids, Guid ownerId, string? returnUrl, CancellationToken cancellationToken)
    {
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Action(nameof(Index))!;
        if (ids.Length == 0)
        {
            TempData["Error"] = l["Customers.BulkNothingSelected"].Value;
            return LocalRedirect(back);
        }

        var owner = await customers.AssignableOwners().Where(u => u.Id == ownerId).Select(u => new { u.Id, u.OrgUnitId, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            TempData["Error"] = l["Customers.OwnerNotAllowed"].Value;
            return LocalRedirect(back);
        }

        // Only customers in the manager's scope are found; ids outside it are silently absent, as everywhere.
        var selected = await db.Customers.Where(c => ids.Contains(c.Id) && c.Status != CustomerStatus.Archived && c.OwnerId != owner.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var customer in selected)
            customer.AssignTo(owner.Id, owner.OrgUnitId, currentUser.UserId!.Value, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l["Customers.BulkReassigned", selected.Count, owner.DisplayName].Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Common.ConcurrencyConflict"].Value;
        }

        return LocalRedirect(back);
    }

    private async Task<IActionResult> ChangeAsync(int id, Action<Customer> change, string successKey, CancellationToken cancellationToken, params object[] extra)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
            return NotFound();
        try
        {
            change(customer);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l[successKey, [customer.Name, .. extra]].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <returns>The owner and org unit the customer will get, when the form is valid so far.</returns>
    private async Task<(Guid Id, int OrgUnitId)?> ValidateAsync(CustomerEditModel form, Customer? existing, CancellationToken cancellationToken)
    {
        async Task Check(string category, int? id, int? current, string field)
        {
            if (!await dictionary.IsValidAsync(category, id, current, cancellationToken))
                ModelState.AddModelError(field, l["Validation.ChooseFromList"]);
        }

        await Check(C.CustomerLevel, form.LevelId, existing?.LevelId, nameof(form.LevelId));
        await Check(C.Industry, form.IndustryId, existing?.IndustryId, nameof(form.IndustryId));
        await Check(C.Region, form.RegionId, existing?.RegionId, nameof(form.RegionId));
        await Check(C.Source, form.SourceId, existing?.SourceId, nameof(form.SourceId));

        if (existing is not null)
            return null;
        var ownerId = form.OwnerId ?? currentUser.UserId;
        var owner = await customers.AssignableOwners().Where(u => u.Id == ownerId).Select(u => new { u.Id, u.OrgUnitId }).SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            ModelState.AddModelError(nameof(form.OwnerId), l["Customers.OwnerNotAllowed"]);
            return null;
        }

        return (owner.Id, owner.OrgUnitId);
    }

    private void AddDomainError(DomainException e)
    {
        var field = e.Code.StartsWith("Customer.CreditCode", StringComparison.Ordinal) ? nameof(CustomerEditModel.CreditCode)
            : e.Code == "Customer.PostcodeInvalid" ? nameof(CustomerEditModel.Postcode)
            : e.Arguments.FirstOrDefault() is string key && key.StartsWith("Customer.", StringComparison.Ordinal) ? key["Customer.".Length..]
            : string.Empty;
        ModelState.AddModelError(field, l.Message(e));
    }

    private async Task<CustomerFormViewModel> FormAsync(int? id, string? code, CustomerEditModel form, IReadOnlyList<DuplicateMatch> duplicates, CancellationToken cancellationToken) =>
        new(id, code, form,
            await dictionary.ForAsync(C.CustomerLevel, form.LevelId, cancellationToken),
            await dictionary.ForAsync(C.Industry, form.IndustryId, cancellationToken),
            await dictionary.ForAsync(C.Region, form.RegionId, cancellationToken),
            await dictionary.ForAsync(C.Source, form.SourceId, cancellationToken),
            id is null ? await OwnerOptionsAsync(form.OwnerId, cancellationToken) : [],
            duplicates);

    /// <summary>
    /// The people the user may give a customer to (themself alone without assign rights) — also the owners a
    /// list can be filtered by, since those are the owners of the customers in their scope.
    /// </summary>
    private async Task<IReadOnlyList<SelectListItem>> OwnerOptionsAsync(Guid? selected, CancellationToken cancellationToken) =>
        (await customers.AssignableOwnerListAsync(cancellationToken))
            .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString(), u.Id == selected))
            .ToList();

    private async Task<IReadOnlyList<SelectListItem>> OrgUnitOptionsAsync(int? selected, CancellationToken cancellationToken)
    {
        var me = currentUser.User!;
        IEnumerable<OrgUnitEntry> rows = await lists.OrgUnitsAsync(cancellationToken);
        if (me.Scope != DataScope.All)
        {
            var (from, to) = Crm.Domain.Organization.OrgUnit.SubtreeRange(me.OrgUnitPath);
            rows = rows.Where(o => string.CompareOrdinal(o.Path, from) >= 0 && string.CompareOrdinal(o.Path, to) < 0);
        }

        var units = rows.ToList();
        var baseDepth = units.Count == 0 ? 0 : units.Min(o => o.Path.Length);
        return units.Select(o => new SelectListItem(
                new string('\u3000', (o.Path.Length - baseDepth) / Crm.Domain.Organization.OrgUnit.SegmentLength) + o.Name,
                o.Id.ToString(CultureInfo.InvariantCulture), o.Id == selected))
            .ToList();
    }
}
