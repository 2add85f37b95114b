using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Marketing;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Areas.Marketing.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Marketing.Controllers;

/// <summary>
/// 销售机会: the lists (mine, unassigned, all in scope), the form, and the page where an opportunity is
/// assigned, developed with its plan, and won or lost. Opportunities go through the data-scope filter
/// (creator, assignee, managers of its unit): one outside it answers 404. Every post carries the version
/// the page was rendered with; a stale one is refused.
/// </summary>
[Area("Marketing")]
[Authorize(Policy = P.Opportunities.View)]
public sealed class OpportunitiesController(
    CrmDbContext db,
    OpportunityService opportunities,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>How many customers the form's customer search offers at once.</summary>
    public const int CustomerChoices = 20;

    /// <summary>Rows an export reads per query.</summary>
    public const int ExportChunk = 1000;

    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] OpportunityListFilter filter, CancellationToken cancellationToken)
    {
        var query = ModelState.IsValid
            ? OpportunityListQuery.Filter(db, currentUser.UserId, filter)
            : db.Opportunities.Where(_ => false);
        var page = await OpportunityListQuery.Rows(db, OpportunityListQuery.Sort(query, filter), Chinese)
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        var rows = page with { Items = await OpportunityListQuery.WithCustomersAsync(db, page.Items, cancellationToken) };

        var canAssign = currentUser.HasPermission(P.Opportunities.Assign);
        return View(new OpportunityIndexViewModel(
            filter, rows,
            await dictionary.ForAsync(C.Source, filter.SourceId, cancellationToken),
            await CampaignOptionsAsync(filter.CampaignId, cancellationToken),
            await OpportunityOptions.OwnersAsync(db, filter.OwnerId, cancellationToken),
            canAssign && filter.View == OpportunityListView.Unassigned ? await SalesmanOptionsAsync(null, cancellationToken) : null,
            currentUser.HasPermission(P.Opportunities.Edit),
            CanExport: true,
            canAssign));
    }

    /// <summary>
    /// The list as .xlsx or CSV (<c>?format=xlsx|csv&amp;…the list's filters</c>): all pages of what the
    /// list shows, within the data scope. Written to the audit log with its filters and row count.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] OpportunityListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();

        var rows = OpportunityListQuery.Rows(db, OpportunityListQuery.Sort(OpportunityListQuery.Filter(db, currentUser.UserId, filter), filter), Chinese);
        string[] keys =
        [
            "Opportunities.Number", "Opportunity.Summary", "Opportunities.Customer", "Opportunities.Status", "Opportunities.Stage",
            "Opportunities.Probability", "Opportunities.ExpectedAmount", "Opportunities.WeightedAmount", "Opportunities.ExpectedCloseDate",
            "Opportunities.Source", "Opportunities.Campaign", "Opportunities.Owner", "Opportunities.Creator", "Opportunities.CreatedAt",
        ];
        var headers = keys.Select(k => l[k].Value).ToList();
        object?[] Values(OpportunityRow r) =>
        [
            r.Id, r.Summary, r.Customer, l["OpportunityStatus." + r.Status].Value, l["PipelineStage." + r.Stage].Value,
            r.Probability, r.ExpectedAmount, r.WeightedAmount, r.ExpectedCloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.Source, r.Campaign, r.Owner, r.Creator, userClock.Format(r.CreatedAt),
        ];

        // Read in chunks, each closed before its customers are named in a second query (one open reader per
        // connection on SQL Server); the Id tie-break of every sort keeps the chunks from overlapping.
        IEnumerable<OpportunityRow> Named()
        {
            for (var skip = 0; ; skip += ExportChunk)
            {
                var chunk = rows.Skip(skip).Take(ExportChunk).ToList();
                var names = OpportunityQueries.CustomerNames(db, chunk.Select(r => r.CustomerId));
                foreach (var row in chunk)
                    yield return row with { Customer = names.GetValueOrDefault(row.CustomerId) };
                if (chunk.Count < ExportChunk)
                    yield break;
            }
        }

        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"opportunities-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        var count = 0;
        if (xlsx)
        {
            IEnumerable<IDictionary<string, object?>> Sheet()
            {
                foreach (var row in Named())
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
            for (var skip = 0; ; skip += ExportChunk)
            {
                var chunk = await OpportunityListQuery.WithCustomersAsync(db, await rows.Skip(skip).Take(ExportChunk).ToListAsync(cancellationToken), cancellationToken);
                foreach (var row in chunk)
                {
                    count++;
                    await csv.WriteRowAsync(Values(row).Select(ExportFile.Text), cancellationToken);
                }

                if (chunk.Count < ExportChunk)
                    break;
            }

            await csv.CompleteAsync(cancellationToken);
        }

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(Opportunity), FilterSummary(),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var o = await db.Opportunities.AsNoTracking().Include(x => x.StageChanges).Include(x => x.PlanItems)
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (o is null)
            return NotFound();

        var userIds = o.StageChanges.Select(c => (Guid?)c.ByUserId).Concat(o.PlanItems.Select(i => (Guid?)i.CreatedBy))
            .Append(o.CreatorId).Append(o.AssignedTo).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string? User(Guid? userId) => userId is { } key && names.TryGetValue(key, out var name) ? name : null;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == o.CustomerId)
            .Select(c => new { c.Name, c.Code, Status = (CustomerStatus?)c.Status }).SingleOrDefaultAsync(cancellationToken);
        var customerVisible = customer is not null;
        var customerName = customer?.Name ?? (await OpportunityQueries.CustomerNamesAsync(db, [o.CustomerId], cancellationToken)).GetValueOrDefault(o.CustomerId);

        var me = currentUser.UserId;
        var edit = currentUser.HasPermission(P.Opportunities.Edit);
        var assignee = o.AssignedTo is not null && o.AssignedTo == me;
        var can = new OpportunityPermissions(
            Edit: edit && o.IsOpen,
            Assign: currentUser.HasPermission(P.Opportunities.Assign) && o.CanMoveTo(OpportunityStatus.Assigned),
            Plan: edit && assignee && o.Status is OpportunityStatus.Assigned or OpportunityStatus.Developing,
            Win: edit && assignee && o.CanMoveTo(OpportunityStatus.Won),
            Lose: edit && o.CanMoveTo(OpportunityStatus.Lost) && (o.Status == OpportunityStatus.Unassigned || assignee),
            MoveStage: edit && o.IsOpen);
        var today = DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);

        return View(new OpportunityDetailsViewModel(
            o.Id, o.Summary, o.Description, o.CustomerId, customerName, customer?.Code, customer?.Status, customerVisible,
            o.ContactName, o.ContactPhone,
            await dictionary.NameAsync(o.SourceId, cancellationToken),
            o.CampaignId is { } campaignId ? await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken) : null,
            o.Probability, o.ExpectedAmount, o.WeightedAmount, o.ExpectedCloseDate,
            o.IsOpen && o.ExpectedCloseDate < today,
            o.Status, o.Stage, o.StageChangedAt,
            User(o.CreatorId), o.CreatedAt, User(o.AssignedTo), o.AssignedAt, o.ClosedAt,
            await dictionary.NameAsync(o.LostReasonId, cancellationToken),
            o.LostToCompetitorId is { } competitorId ? await db.Competitors.Where(c => c.Id == competitorId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken) : null,
            o.LostNote, o.Version,
            o.StageChanges.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(c => new StageChangeRow(c.FromStage, c.ToStage, c.At, User(c.ByUserId))).ToList(),
            o.PlanItems.OrderBy(i => i.Date).ThenBy(i => i.Id).Select(i => new PlanItemRow(i.Id, i.Date, i.Content, i.Result, i.ResultAt, User(i.CreatedBy))).ToList(),
            can,
            can.Assign ? await SalesmanOptionsAsync(o.AssignedTo, cancellationToken) : [],
            can.Lose ? await dictionary.ForAsync(C.LostReason, null, cancellationToken) : [],
            can.Lose ? await CompetitorOptionsAsync(cancellationToken) : [],
            today));
    }

    [HttpGet]
    [Authorize(Policy = P.Opportunities.Edit)]
    public async Task<IActionResult> Create(int? customerId, string? customerQ, CancellationToken cancellationToken)
    {
        if (customerId is { } id && !await db.Customers.AnyAsync(c => c.Id == id && c.Status != CustomerStatus.Archived, cancellationToken))
            return NotFound();
        var form = new OpportunityEditModel { CustomerId = customerId, CustomerQ = customerQ?.Trim() is { Length: > 0 and <= 100 } q ? q : null };
        return View("Form", await FormAsync(null, form, null, searched: form.CustomerQ is not null, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Opportunities.Edit)]
    public async Task<IActionResult> Create(OpportunityEditModel form, CancellationToken cancellationToken)
    {
        await ValidateAsync(form, null, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                var prospect = form.CustomerId is null ? form.ProspectName : null;
                var created = await opportunities.CreateAsync(form.ToDetails(), form.CustomerId, prospect, cancellationToken);
                TempData["Success"] = l["Opportunities.Created", created.Summary].Value;
                return RedirectToAction(nameof(Details), new { id = created.Id });
            }
            catch (DomainException e)
            {
                AddDomainError(e);
            }
        }

        return View("Form", await FormAsync(null, form, null, searched: false, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Opportunities.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var o = await db.Opportunities.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (o is null)
            return NotFound();
        if (!o.IsOpen)
        {
            TempData["Error"] = l.Message(new DomainException("Opportunity.Closed", o.Status));
            return RedirectToAction(nameof(Details), new { id });
        }

        return View("Form", await FormAsync(o.Id, OpportunityEditModel.From(o), o, searched: false, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Opportunities.Edit)]
    public async Task<IActionResult> Edit(int id, OpportunityEditModel form, CancellationToken cancellationToken)
    {
        var o = await db.Opportunities.SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (o is null)
            return NotFound();
        form.CustomerId = o.CustomerId;
        form.ProspectName = null;
        await ValidateAsync(form, o, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                if (form.Version != o.Version)
                    throw new DbUpdateConcurrencyException();
                db.Entry(o).Property(x => x.Version).OriginalValue = form.Version;
                o.Update(form.ToDetails());
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Opportunities.Saved", o.Summary].Value;
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

        return View("Form", await FormAsync(o.Id, form, o, searched: false, cancellationToken));
    }

    /// <summary>指派 to one salesperson of the manager's subtree.</summary>
    [HttpPost]
    [Authorize(Policy = P.Opportunities.Assign)]
    public async Task<IActionResult> Assign(int id, Guid salesmanId, Guid version, CancellationToken cancellationToken)
    {
        var name = await db.Users.Where(u => u.Id == salesmanId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return await ChangeAsync(id, version, o => opportunities.AssignAsync(o, salesmanId, cancellationToken),
            o => l["Opportunities.AssignedMessage", o.Summary, name ?? string.Empty].Value, null, cancellationToken);
    }

    /// <summary>
    /// Assigns the opportunities ticked in the unassigned list to one salesperson. Each box carries
    /// "id:version", so one changed since the list was shown is left alone and counted as stale.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = P.Opportunities.Assign)]
    public async Task<IActionResult> BulkAssign(string[] selected, Guid salesmanId, string? returnUrl, CancellationToken cancellationToken)
    {
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Action(nameof(Index), new { view = OpportunityListView.Unassigned })!;
        var picks = selected.Select(Parse).OfType<(int Id, Guid Version)>().DistinctBy(p => p.Id).ToList();
        if (picks.Count == 0)
        {
            TempData["Error"] = l["Opportunities.BulkNothingSelected"].Value;
            return LocalRedirect(back);
        }

        var salesman = await opportunities.AssignableSalesmen().Where(u => u.Id == salesmanId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        if (salesman is null)
        {
            TempData["Error"] = l["Opportunity.AssigneeOutOfScope"].Value;
            return LocalRedirect(back);
        }

        int assigned = 0, refused = 0;
        foreach (var (id, version) in picks)
        {
            // Ids outside the manager's scope are not found, as everywhere.
            var o = await db.Opportunities.SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
            if (o is null)
                continue;
            try
            {
                if (o.Version != version)
                    throw new DbUpdateConcurrencyException();
                db.Entry(o).Property(x => x.Version).OriginalValue = version;
                await opportunities.AssignAsync(o, salesmanId, cancellationToken);
                assigned++;
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                refused++;
            }

            // Each opportunity stands alone: a refused one must not ride along with the next save.
            db.ChangeTracker.Clear();
        }

        TempData["Success"] = l["Opportunities.BulkAssigned", assigned, salesman].Value;
        if (refused > 0)
            TempData["Error"] = l["Opportunities.BulkRefused", refused].Value;
        return LocalRedirect(back);

        static (int, Guid)? Parse(string value)
        {
            var parts = value.Split(':');
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Guid.TryParse(parts[1], out var version)
                ? (id, version)
                : null;
        }
    }

    /// <summary>A dated plan item (the first one starts development); only the assignee plans.</summary>
    [HttpPost]
    [Authorize(Policy = P.Opportunities.Edit)]
    public async Task<IActionResult> AddPlanItem(int id, DateOnly? date, string? content, Guid version, CancellationToken cancellationToken)
    {
        if (date is null || string.IsNullOrWhiteSpace(content))
        {
            if (!await db.Opportunities.AnyAsync(o => o.Id == id, cancellationToken))
                return NotFound();
            TempData["Error"] = l["Opportunities.PlanItemRequired"].Value;
            return Redirect(Url.Action(nameof(Details), new { id }) + "#plan");
        }

        return await ChangeAsync(id, version, o => opportunities.AddPlanItemAsync(o, date.Value, content, cancellationToken),
            _ => l["Opportunities.PlanItemAdded"].Value, "#plan", cancellationToken);
    }

    /// <summary>执行效果 of a plan item, by the assignee.</summary>
    [HttpPost]
    [Authorize(Policy = P.Opportunities.Edit)]
    public Task<IActionResult> RecordResult(int id, int itemId, string? result, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async o =>
            {
                o.RecordPlanResult(currentUser.UserId!.Value, itemId, result ?? string.Empty, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
            },
            _ => l["Opportunities.ResultRecorded"].Value, "#plan", cancellationToken, includePlan: true);

    /// <summary>开发成功: the customer becomes active and the assignee's; the page then offers a quote or an order.</summary>
    [HttpPost]
    [Authorize(Policy = P.Opportunities.Edit)]
    public Task<IActionResult> Win(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, o => opportunities.WinAsync(o, cancellationToken),
            o => l["Opportunities.WonMessage", o.Summary].Value, null, cancellationToken);

    /// <summary>开发失败 / 终止开发: with a reason from the dictionary, optionally the competitor it went to, and a note.</summary>
    [HttpPost]
    [Authorize(Policy = P.Opportunities.Edit)]
    public async Task<IActionResult> Lose(int id, int? reasonId, int? competitorId, string? note, Guid version, CancellationToken cancellationToken)
    {
        string? problem = null;
        if (reasonId is null || !await dictionary.IsValidAsync(C.LostReason, reasonId, cancellationToken: cancellationToken))
            problem = l["Opportunities.LostReasonRequired"].Value;
        else if (competitorId is { } competitor && !await db.Competitors.AnyAsync(c => c.Id == competitor, cancellationToken))
            problem = l["Validation.ChooseFromList"].Value;
        if (problem is not null)
        {
            if (!await db.Opportunities.AnyAsync(o => o.Id == id, cancellationToken))
                return NotFound();
            TempData["Error"] = problem;
            return Redirect(Url.Action(nameof(Details), new { id }) + "#lose");
        }

        return await ChangeAsync(id, version, o => opportunities.LoseAsync(o, reasonId!.Value, competitorId, note, cancellationToken),
            o => l["Opportunities.LostMessage", o.Summary].Value, null, cancellationToken);
    }

    /// <summary>
    /// Loads the opportunity in scope (404 otherwise), refuses a stale version, applies the change and
    /// tells the outcome on the details page.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(
        int id, Guid version, Func<Opportunity, Task> change, Func<Opportunity, string> success, string? anchor,
        CancellationToken cancellationToken, bool includePlan = false)
    {
        IQueryable<Opportunity> query = includePlan ? db.Opportunities.Include(o => o.PlanItems) : db.Opportunities;
        var opportunity = await query.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (opportunity is null)
            return NotFound();
        try
        {
            // Compared here too: a change of child rows only (a plan item) would not touch the version column.
            if (opportunity.Version != version)
                throw new DbUpdateConcurrencyException();
            db.Entry(opportunity).Property(o => o.Version).OriginalValue = version;
            await change(opportunity);
            TempData["Success"] = success(opportunity);
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return Redirect(Url.Action(nameof(Details), new { id }) + anchor);
    }

    private async Task ValidateAsync(OpportunityEditModel form, Opportunity? existing, CancellationToken cancellationToken)
    {
        if (existing is null)
        {
            var hasProspect = !string.IsNullOrWhiteSpace(form.ProspectName);
            if (form.CustomerId is null && !hasProspect)
                ModelState.AddModelError(nameof(form.CustomerId), l["Opportunities.CustomerOrProspectRequired"]);
            else if (form.CustomerId is not null && hasProspect)
                ModelState.AddModelError(nameof(form.ProspectName), l["Opportunities.CustomerOrProspectBoth"]);
        }

        if (!await dictionary.IsValidAsync(C.Source, form.SourceId, existing?.SourceId, cancellationToken))
            ModelState.AddModelError(nameof(form.SourceId), l["Validation.ChooseFromList"]);
        if (form.CampaignId is { } campaign && campaign != existing?.CampaignId && !await db.Campaigns.AnyAsync(c => c.Id == campaign, cancellationToken))
            ModelState.AddModelError(nameof(form.CampaignId), l["Validation.ChooseFromList"]);

        if (form.ContactId is { } contactId && contactId != existing?.ContactId)
        {
            var contact = form.CustomerId is { } customerId
                ? await db.Contacts.AsNoTracking().Where(k => k.Id == contactId && k.CustomerId == customerId)
                    .Select(k => new { k.Name, Phone = k.Mobile ?? k.Phone }).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (contact is null)
            {
                ModelState.AddModelError(nameof(form.ContactId), l["Opportunities.ContactNotOfCustomer"]);
            }
            else
            {
                // The chosen contact fills the name and phone the user left empty.
                if (string.IsNullOrWhiteSpace(form.ContactName))
                    form.ContactName = contact.Name.Length <= Opportunity.ContactNameMaxLength ? contact.Name : contact.Name[..Opportunity.ContactNameMaxLength];
                if (string.IsNullOrWhiteSpace(form.ContactPhone) && contact.Phone is { Length: <= Opportunity.ContactPhoneMaxLength } phone)
                    form.ContactPhone = phone;
            }
        }
    }

    private void AddDomainError(DomainException e)
    {
        var field = e.Code switch
        {
            "Opportunity.CustomerNotFound" => nameof(OpportunityEditModel.CustomerId),
            "Opportunity.ProbabilityOutOfRange" => nameof(OpportunityEditModel.Probability),
            "Opportunity.AmountOutOfRange" => nameof(OpportunityEditModel.ExpectedAmount),
            _ => e.Arguments.FirstOrDefault() is string key && key.StartsWith("Opportunity.", StringComparison.Ordinal) ? key["Opportunity.".Length..] : string.Empty,
        };
        ModelState.AddModelError(field, l.Message(e));
    }

    private async Task<OpportunityFormViewModel> FormAsync(int? id, OpportunityEditModel form, Opportunity? existing, bool searched, CancellationToken cancellationToken)
    {
        string? customerName = null;
        IReadOnlyList<SelectListItem> customers = [];
        if (existing is not null)
        {
            customerName = (await OpportunityQueries.CustomerNamesAsync(db, [existing.CustomerId], cancellationToken)).GetValueOrDefault(existing.CustomerId);
        }
        else
        {
            // The picker: the customers matching the search (or the newest ones), and the one already chosen.
            var visible = db.Customers.AsNoTracking().Where(c => c.Status != CustomerStatus.Archived);
            var q = form.CustomerQ?.Trim();
            var matches = string.IsNullOrEmpty(q)
                ? visible.OrderByDescending(c => c.Id)
                : visible.Where(c => c.Name.Contains(q) || c.Code == q.ToUpperInvariant()).OrderBy(c => c.Name).ThenBy(c => c.Id);
            var found = await matches.Take(CustomerChoices).Select(c => new { c.Id, c.Name, c.Code }).ToListAsync(cancellationToken);
            if (form.CustomerId is { } chosen && found.All(c => c.Id != chosen))
            {
                found.InsertRange(0, await visible.Where(c => c.Id == chosen).Select(c => new { c.Id, c.Name, c.Code }).ToListAsync(cancellationToken));
            }

            if (searched && form.CustomerId is null && found.Count == 1 && !string.IsNullOrEmpty(q))
                form.CustomerId = found[0].Id;
            customers = found.Select(c => new SelectListItem($"{c.Name} ({c.Code})", c.Id.ToString(CultureInfo.InvariantCulture), c.Id == form.CustomerId)).ToList();
        }

        var contacts = form.CustomerId is { } customerId
            ? (await db.Contacts.AsNoTracking().Where(k => k.CustomerId == customerId).OrderByDescending(k => k.IsPrimary).ThenBy(k => k.Name)
                    .Select(k => new { k.Id, k.Name, Phone = k.Mobile ?? k.Phone }).ToListAsync(cancellationToken))
                .Select(k => new SelectListItem(k.Phone is null ? k.Name : $"{k.Name} · {k.Phone}", k.Id.ToString(CultureInfo.InvariantCulture), k.Id == form.ContactId))
                .ToList()
            : [];
        if (form.ContactId is { } contactId && contacts.All(k => k.Value != contactId.ToString(CultureInfo.InvariantCulture)) && existing?.ContactId == contactId)
            contacts.Add(new SelectListItem(existing.ContactName ?? "—", contactId.ToString(CultureInfo.InvariantCulture), true));

        return new OpportunityFormViewModel(
            id, form, customerName, customers, searched, contacts,
            await dictionary.ForAsync(C.Source, form.SourceId, cancellationToken),
            await CampaignOptionsAsync(form.CampaignId, cancellationToken));
    }

    private async Task<IReadOnlyList<SelectListItem>> CampaignOptionsAsync(int? selected, CancellationToken cancellationToken) =>
        await OpportunityOptions.CampaignsAsync(db, selected, cancellationToken);

    private async Task<IReadOnlyList<SelectListItem>> SalesmanOptionsAsync(Guid? selected, CancellationToken cancellationToken) =>
        (await opportunities.AssignableSalesmen().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken))
        .Select(u => new SelectListItem($"{u.DisplayName} ({u.UserName})", u.Id.ToString(), u.Id == selected))
        .ToList();

    private async Task<IReadOnlyList<SelectListItem>> CompetitorOptionsAsync(CancellationToken cancellationToken) =>
        (await db.Competitors.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
        .Select(c => new SelectListItem(c.Name, c.Id.ToString(CultureInfo.InvariantCulture)))
        .ToList();

    /// <summary>The filters as the query string gave them, for the audit log ("*" for the whole list).</summary>
    private string FilterSummary()
    {
        var parts = Request.Query
            .Where(q => !string.Equals(q.Key, "format", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .Where(q => !string.IsNullOrEmpty(q.Value.ToString()))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => $"{q.Key}={q.Value}");
        var summary = string.Join('&', parts);
        return summary.Length == 0 ? "*" : summary;
    }
}
