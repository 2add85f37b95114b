using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
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
/// 市场活动. Campaigns and their responses are company-wide (no data scope); the opportunities linked to
/// a campaign, and so its evaluation, count only those the user may see.
/// </summary>
[Area("Marketing")]
[Authorize(Policy = P.Campaigns.View)]
public sealed class CampaignsController(
    CrmDbContext db,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const int ResponseLimit = 200;
    private const int CustomerSuggestionLimit = 200;

    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] CampaignListFilter filter, CancellationToken cancellationToken)
    {
        var chinese = Chinese;
        var rows = await Rows(ModelState.IsValid ? Filter(filter) : db.Campaigns.Where(_ => false), chinese)
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        return View(new CampaignIndexViewModel(
            filter, rows,
            await dictionary.ForAsync(C.CampaignType, filter.TypeId, cancellationToken),
            currentUser.HasPermission(P.Campaigns.Manage)));
    }

    /// <summary>The list as CSV or .xlsx: the same filters and sort, all pages; written to the audit log.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] CampaignListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();

        var xlsx = Crm.Web.Areas.Customers.Models.ExportFile.IsXlsx(format);
        string[] headers =
        [
            l["Campaign.Name"], l["Campaign.Type"], l["Campaign.Status"], l["Campaign.StartDate"], l["Campaign.EndDate"],
            l["Campaign.Budget"], l["Campaign.ActualCost"], l["Campaign.TargetSegment"], l["Campaigns.Responses"],
        ];
        var fileName = $"campaigns-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        var count = await MarketingExport.WriteAsync(Response, fileName, xlsx, headers, Rows(Filter(filter), Chinese),
            r => [r.Name, r.Type, l["CampaignStatus." + r.Status].Value, MarketingFormat.Date(r.StartDate), MarketingFormat.Date(r.EndDate),
                r.Budget, r.ActualCost, r.TargetSegment, r.Responses],
            cancellationToken);

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(Campaign), MarketingExport.FilterSummary(Request.Query),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null, count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await DetailsAsync(id, new CampaignResponseEditModel { Date = Today() }, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    [Authorize(Policy = P.Campaigns.Manage)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var today = Today();
        return View("Form", await FormAsync(null, new CampaignEditModel { StartDate = today, EndDate = today, Budget = 0m }, null, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Campaigns.Manage)]
    public async Task<IActionResult> Create(CampaignEditModel form, CancellationToken cancellationToken)
    {
        await ValidateTypeAsync(form, null, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                var campaign = new Campaign(form.Name, form.TypeId!.Value, form.StartDate!.Value, form.EndDate!.Value, form.Budget!.Value);
                form.ApplyTo(campaign);
                db.Campaigns.Add(campaign);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Campaigns.Created", campaign.Name].Value;
                return RedirectToAction(nameof(Details), new { id = campaign.Id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddError(e);
            }
        }

        return View("Form", await FormAsync(null, form, null, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Campaigns.Manage)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return campaign is null ? NotFound() : View("Form", await FormAsync(id, CampaignEditModel.From(campaign), campaign.TypeId, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Campaigns.Manage)]
    public async Task<IActionResult> Edit(int id, CampaignEditModel form, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
            return NotFound();

        await ValidateTypeAsync(form, campaign.TypeId, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(campaign).Property(c => c.Version).OriginalValue = form.Version;
                form.ApplyTo(campaign);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Campaigns.Saved", campaign.Name].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddError(e);
            }
        }

        return View("Form", await FormAsync(id, form, campaign.TypeId, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Campaigns.Manage)]
    public Task<IActionResult> Start(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, version, c => c.Start(), cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Campaigns.Manage)]
    public Task<IActionResult> Complete(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, version, c => c.Complete(), cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Campaigns.Manage)]
    public Task<IActionResult> Cancel(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, version, c => c.Cancel(), cancellationToken);

    /// <summary>Logs a response (活动反馈); the customer, when given, must be one the user can see.</summary>
    [HttpPost]
    [Authorize(Policy = P.Campaigns.Manage)]
    public async Task<IActionResult> AddResponse(int id, [Bind(Prefix = "NewResponse")] CampaignResponseEditModel form, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
            return NotFound();

        const string prefix = "NewResponse.";
        var customerId = await ResolveCustomerAsync(form.Customer, prefix + nameof(form.Customer), cancellationToken);
        if (!await dictionary.IsValidAsync(C.InteractionChannel, form.ChannelId, cancellationToken: cancellationToken))
            ModelState.AddModelError(prefix + nameof(form.ChannelId), l["Validation.ChooseFromList"]);

        if (ModelState.IsValid)
        {
            try
            {
                campaign.AddResponse(form.Date!.Value, customerId, form.ContactName, form.ChannelId, form.Content!, currentUser.UserId!.Value);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Campaigns.ResponseAdded"].Value;
                return RedirectToAction(nameof(Details), "Campaigns", new { id }, "responses");
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                var field = e is DomainException { Arguments: [string key, ..] } && key.StartsWith("CampaignResponse.", StringComparison.Ordinal)
                    ? prefix + key["CampaignResponse.".Length..]
                    : null;
                ModelState.AddError(l, e, field);
            }
        }

        db.ChangeTracker.Clear();
        return View(nameof(Details), await DetailsAsync(id, form, cancellationToken));
    }

    private IQueryable<Campaign> Filter(CampaignListFilter f)
    {
        var query = db.Campaigns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(c => c.Name.Contains(q) || (c.TargetSegment != null && c.TargetSegment.Contains(q)));
        }

        if (f.TypeId is { } type)
            query = query.Where(c => c.TypeId == type);
        if (f.Status is { } status)
            query = query.Where(c => c.Status == status);
        if (f.From is { } from)
            query = query.Where(c => c.EndDate >= from);
        if (f.To is { } to)
            query = query.Where(c => c.StartDate <= to);
        return (f.Sort?.ToLowerInvariant(), f.Descending) switch
        {
            ("name", false) => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
            ("name", true) => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
            ("start", false) => query.OrderBy(c => c.StartDate).ThenBy(c => c.Id),
            ("end", false) => query.OrderBy(c => c.EndDate).ThenBy(c => c.Id),
            ("end", true) => query.OrderByDescending(c => c.EndDate).ThenByDescending(c => c.Id),
            ("status", false) => query.OrderBy(c => c.Status).ThenByDescending(c => c.StartDate).ThenBy(c => c.Id),
            ("status", true) => query.OrderByDescending(c => c.Status).ThenByDescending(c => c.StartDate).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id),
        };
    }

    private IQueryable<CampaignRow> Rows(IQueryable<Campaign> ordered, bool chinese) =>
        ordered.Select(c => new CampaignRow(
            c.Id, c.Name,
            db.DictionaryItems.Where(d => d.Id == c.TypeId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
            c.Status, c.StartDate, c.EndDate, c.Budget, c.ActualCost, c.TargetSegment, c.Responses.Count));

    private async Task<CampaignDetailsViewModel?> DetailsAsync(int id, CampaignResponseEditModel newResponse, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
            return null;

        var chinese = Chinese;
        var responses = await db.Set<CampaignResponse>().AsNoTracking().Where(r => r.CampaignId == id)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id)
            .Take(ResponseLimit)
            .Select(r => new CampaignResponseRow(
                r.Id, r.Date,
                // Named only when the customer is in the user's scope (the filter hides the others).
                db.Customers.Any(c => c.Id == r.CustomerId) ? r.CustomerId : null,
                db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).FirstOrDefault(),
                r.ContactName,
                db.DictionaryItems.Where(d => d.Id == r.ChannelId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                r.Content,
                db.Users.Where(u => u.Id == r.RecordedBy).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);

        // The data-scope filter applies: a salesman sees the ones he created or is assigned.
        var linked = db.Opportunities.AsNoTracking().Where(o => o.CampaignId == id);
        var opportunities = await linked.OrderByDescending(o => o.Id)
            .Take(CampaignDetailsViewModel.OpportunityLimit)
            .Select(o => new CampaignOpportunityRow(
                o.Id, o.Summary, o.CustomerId,
                db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                o.Status, o.Stage, o.ExpectedAmount, o.ExpectedCloseDate))
            .ToListAsync(cancellationToken);

        var next = new[] { CampaignStatus.Running, CampaignStatus.Completed, CampaignStatus.Cancelled }.Where(campaign.CanMoveTo).ToList();
        var canManage = currentUser.HasPermission(P.Campaigns.Manage);
        return new CampaignDetailsViewModel(
            campaign.Id, campaign.Name, await dictionary.NameAsync(campaign.TypeId, cancellationToken), campaign.Status,
            campaign.StartDate, campaign.EndDate, campaign.Budget, campaign.ActualCost, campaign.TargetSegment, campaign.Description,
            campaign.Version, responses, opportunities, await EvaluateAsync(campaign, linked, cancellationToken),
            canManage, next, newResponse,
            canManage ? await dictionary.ForAsync(C.InteractionChannel, newResponse.ChannelId, cancellationToken) : [],
            canManage ? await CustomerSuggestionsAsync(cancellationToken) : []);
    }

    /// <summary>
    /// The evaluation: responses of the campaign; opportunities that name it (in scope), won count and
    /// won amount (expected amount of the won ones — orders placed later are not added), cost per
    /// opportunity and ROI against the actual cost.
    /// </summary>
    private async Task<CampaignEvaluation> EvaluateAsync(Campaign campaign, IQueryable<Opportunity> linked, CancellationToken cancellationToken)
    {
        var responses = db.Set<CampaignResponse>().Where(r => r.CampaignId == campaign.Id);
        var responseCount = await responses.CountAsync(cancellationToken);
        var respondingCustomers = await responses.Where(r => r.CustomerId != null).Select(r => r.CustomerId).Distinct().CountAsync(cancellationToken);
        var byStatus = await linked.GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Amount = g.Sum(o => o.ExpectedAmount ?? 0m) })
            .ToListAsync(cancellationToken);
        int Count(params OpportunityStatus[] statuses) => byStatus.Where(s => statuses.Contains(s.Status)).Sum(s => s.Count);
        return new CampaignEvaluation(
            responseCount,
            respondingCustomers,
            byStatus.Sum(s => s.Count),
            Count(OpportunityStatus.Unassigned, OpportunityStatus.Assigned, OpportunityStatus.Developing),
            Count(OpportunityStatus.Won),
            Count(OpportunityStatus.Lost),
            byStatus.Where(s => s.Status == OpportunityStatus.Won).Sum(s => s.Amount),
            campaign.ActualCost,
            currentUser.Scope == DataScope.All);
    }

    /// <summary>Customers the user can see, most recently contacted first, for the response form's suggestion list.</summary>
    private async Task<IReadOnlyList<SelectListItem>> CustomerSuggestionsAsync(CancellationToken cancellationToken) =>
        (await db.Customers.AsNoTracking().Where(c => c.Status != CustomerStatus.Archived)
            .OrderByDescending(c => c.LastInteractionAt).ThenByDescending(c => c.Id)
            .Take(CustomerSuggestionLimit)
            .Select(c => new { c.Code, c.Name })
            .ToListAsync(cancellationToken))
        .Select(c => new SelectListItem(c.Name, $"{c.Code} {c.Name}"))
        .ToList();

    /// <summary>
    /// The customer typed in the response form: its code (optionally followed by the name, as the
    /// suggestions offer it) or its exact name, among the customers the user can see.
    /// </summary>
    private async Task<int?> ResolveCustomerAsync(string? text, string field, CancellationToken cancellationToken)
    {
        var typed = text?.Trim();
        if (string.IsNullOrEmpty(typed))
            return null;
        var visible = db.Customers.AsNoTracking().Where(c => c.Status != CustomerStatus.Archived);
        var code = typed.Split(' ', 2)[0].ToUpperInvariant();
        if (code.StartsWith(CustomerService.CodePrefix, StringComparison.Ordinal) && code.Length > CustomerService.CodePrefix.Length
            && code[CustomerService.CodePrefix.Length..].All(char.IsAsciiDigit)
            && await visible.Where(c => c.Code == code).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken) is { } byCode)
            return byCode;

        var byName = await visible.Where(c => c.Name == typed).Select(c => c.Id).Take(2).ToListAsync(cancellationToken);
        if (byName.Count == 1)
            return byName[0];
        ModelState.AddModelError(field, byName.Count == 0 ? l["Campaigns.CustomerNotFound"] : l["Campaigns.CustomerAmbiguous"]);
        return null;
    }

    private async Task<IActionResult> ChangeStatusAsync(int id, Guid version, Action<Campaign> change, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
            return NotFound();
        try
        {
            db.Entry(campaign).Property(c => c.Version).OriginalValue = version;
            change(campaign);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l["Campaigns.StatusChanged", campaign.Name, l["CampaignStatus." + campaign.Status].Value].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task ValidateTypeAsync(CampaignEditModel form, int? current, CancellationToken cancellationToken)
    {
        if (form.TypeId is not null && !await dictionary.IsValidAsync(C.CampaignType, form.TypeId, current, cancellationToken))
            ModelState.AddModelError(nameof(form.TypeId), l["Validation.ChooseFromList"]);
        if (form.StartDate is { } start && form.EndDate is { } end && end < start)
            ModelState.AddModelError(nameof(form.EndDate), l["Campaign.DatesReversed"]);
    }

    private void AddError(Exception e)
    {
        var field = e switch
        {
            DomainException { Code: "Campaign.DatesReversed" } => nameof(CampaignEditModel.EndDate),
            DomainException { Arguments: [string key, ..] } when key.StartsWith("Campaign.", StringComparison.Ordinal) => key["Campaign.".Length..],
            _ => null,
        };
        ModelState.AddError(l, e, field);
    }

    private async Task<CampaignFormViewModel> FormAsync(int? id, CampaignEditModel form, int? currentType, CancellationToken cancellationToken) =>
        new(id, form, await dictionary.ForAsync(C.CampaignType, form.TypeId ?? currentType, cancellationToken));

    private DateOnly Today() => DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);
}
