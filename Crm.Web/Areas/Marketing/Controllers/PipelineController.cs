using System.Globalization;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Marketing;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Marketing.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Marketing.Controllers;

/// <summary>
/// 商机看板: the open opportunities in scope as cards in one column per open stage, with each column's
/// count, amount and weighted amount. Cards move by drag and drop (wwwroot/js/pipeline.js posts to
/// <see cref="Move"/> and gets JSON back) or, without script, by the small form on every card, which
/// posts to the same action and comes back to the board.
/// </summary>
[Area("Marketing")]
[Authorize(Policy = P.Opportunities.View)]
public sealed class PipelineController(
    CrmDbContext db,
    OpportunityService opportunities,
    ICurrentUser currentUser,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>Cards shown per column, closing soonest first; the totals still count every card.</summary>
    public const int CardsPerColumn = 100;

    public static IReadOnlyList<PipelineStage> OpenStages { get; } =
        [PipelineStage.Initial, PipelineStage.NeedsConfirmed, PipelineStage.Proposal, PipelineStage.Negotiation];

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] PipelineFilter filter, CancellationToken cancellationToken)
    {
        var open = Open(filter);
        var totals = await TotalsAsync(open, cancellationToken);
        var today = Today();
        var columns = new List<PipelineColumn>();
        foreach (var stage in OpenStages)
        {
            var rows = await open.Where(o => o.Stage == stage)
                .OrderBy(o => o.ExpectedCloseDate == null).ThenBy(o => o.ExpectedCloseDate).ThenBy(o => o.Id)
                .Take(CardsPerColumn)
                .Select(o => new
                {
                    o.Id,
                    o.Summary,
                    o.CustomerId,
                    o.ExpectedAmount,
                    o.Probability,
                    Owner = db.Users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                    o.StageChangedAt,
                    o.ExpectedCloseDate,
                    o.Version,
                })
                .ToListAsync(cancellationToken);
            var names = await OpportunityQueries.CustomerNamesAsync(db, rows.Select(r => r.CustomerId), cancellationToken);
            var cards = rows.Select(r => new PipelineCard(
                    r.Id, r.Summary, names.GetValueOrDefault(r.CustomerId), r.ExpectedAmount, r.Probability, r.Owner,
                    Math.Max(0, today.DayNumber - LocalDate(r.StageChangedAt).DayNumber),
                    r.ExpectedCloseDate, r.ExpectedCloseDate < today, r.Version))
                .ToList();
            columns.Add(new PipelineColumn(totals[stage], cards));
        }

        return View(new PipelineViewModel(
            filter, columns,
            await OpportunityOptions.OwnersAsync(db, filter.OwnerId, cancellationToken),
            await OpportunityOptions.CampaignsAsync(db, filter.CampaignId, cancellationToken),
            currentUser.HasPermission(P.Opportunities.Edit)));
    }

    /// <summary>
    /// Moves a card to an open stage (taking that stage's default probability) or wins it. Lost needs a
    /// reason, so it is done on the opportunity's page. Answers JSON to the board's script (200 with the
    /// new state, 4xx with a message, and the card goes back) and redirects a plain form post.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = P.Opportunities.Edit)]
    public async Task<IActionResult> Move(int id, PipelineStage? stage, Guid version, PipelineFilter filter, string? returnUrl, CancellationToken cancellationToken)
    {
        var json = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : Url.Action(nameof(Index), new { filter.OwnerId, filter.CampaignId })!;
        var opportunity = await db.Opportunities.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (opportunity is null)
            return json ? NotFound(new { message = l["Error.404.Message"].Value }) : NotFound();

        string? problem = null;
        var status = StatusCodes.Status400BadRequest;
        if (stage is null || !ModelState.IsValid)
        {
            problem = l["Validation.ChooseFromList"].Value;
        }
        else if (stage == PipelineStage.Lost)
        {
            problem = l["Pipeline.LoseOnDetails"].Value;
        }
        else
        {
            try
            {
                // Compared here as well as by the save: a card shown before someone else's change is stale.
                if (opportunity.Version != version)
                    throw new DbUpdateConcurrencyException();
                db.Entry(opportunity).Property(o => o.Version).OriginalValue = version;
                if (stage == PipelineStage.Won)
                    await opportunities.WinAsync(opportunity, cancellationToken);
                else
                    await opportunities.MoveToStageAsync(opportunity, stage.Value, cancellationToken);
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                problem = e is Crm.Domain.Common.DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
                status = e is DbUpdateConcurrencyException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            }
        }

        if (problem is not null)
        {
            if (json)
                return StatusCode(status, new { message = problem });
            TempData["Error"] = problem;
            return LocalRedirect(back);
        }

        var stageText = l["PipelineStage." + opportunity.Stage].Value;
        var message = l["Pipeline.Moved", opportunity.Summary, stageText].Value;
        if (!json)
        {
            TempData["Success"] = message;
            return LocalRedirect(back);
        }

        var totals = await TotalsAsync(Open(filter), cancellationToken);
        return Json(new PipelineMoveResult(
            opportunity.Id, opportunity.Stage.ToString(), stageText, opportunity.Version, opportunity.Probability,
            l["Pipeline.DaysInStage", 0].Value, message, !opportunity.IsOpen,
            OpenStages.Select(s => totals[s])
                .Select(t => new PipelineTotalsText(t.Stage.ToString(), t.Count.ToString("N0", CultureInfo.CurrentCulture), PipelineMoney.Format(t.Amount), PipelineMoney.Format(t.WeightedAmount)))
                .ToList()));
    }

    private IQueryable<Opportunity> Open(PipelineFilter filter)
    {
        var query = db.Opportunities.AsNoTracking()
            .Where(o => o.Status != OpportunityStatus.Won && o.Status != OpportunityStatus.Lost);
        if (filter.OwnerId is { } owner)
            query = query.Where(o => o.OwnerId == owner);
        if (filter.CampaignId is { } campaign)
            query = query.Where(o => o.CampaignId == campaign);
        return query;
    }

    /// <summary>Count, amount and weighted amount (Σ amount × probability) of every open stage, in one grouped query.</summary>
    private static async Task<IReadOnlyDictionary<PipelineStage, PipelineTotals>> TotalsAsync(IQueryable<Opportunity> open, CancellationToken cancellationToken)
    {
        var groups = await open
            .GroupBy(o => o.Stage)
            .Select(g => new
            {
                Stage = g.Key,
                Count = g.Count(),
                Amount = g.Sum(o => o.ExpectedAmount ?? 0m),
                Weighted = g.Sum(o => (o.ExpectedAmount ?? 0m) * o.Probability),
            })
            .ToListAsync(cancellationToken);
        return OpenStages.ToDictionary(
            s => s,
            s => groups.FirstOrDefault(g => g.Stage == s) is { } g
                ? new PipelineTotals(s, g.Count, g.Amount, decimal.Round(g.Weighted / 100m, 2, MidpointRounding.AwayFromZero))
                : PipelineTotals.Empty(s));
    }

    private DateOnly Today() => LocalDate(clock.GetUtcNow());

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(userClock.ToLocal(instant).DateTime);
}
