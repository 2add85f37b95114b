using System.Globalization;
using Crm.Domain.Marketing;
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
/// The default success probability of each pipeline stage, which an opportunity takes when it enters the
/// stage. A system setting, so it needs Settings.Manage (administrators); rows missing from the table
/// show the built-in defaults and are created on the first save.
/// </summary>
[Area("Marketing")]
[Authorize(Policy = P.Settings.Manage)]
public sealed class StageSettingsController(CrmDbContext db, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var stored = await db.PipelineStageSettings.AsNoTracking().ToDictionaryAsync(s => s.Stage, s => s.DefaultProbability, cancellationToken);
        return View(new StageSettingsEditModel
        {
            Stages = StageSettingsEditModel.EditableStages.Select(stage =>
            {
                var value = stored.TryGetValue(stage, out var p) ? p : OpportunityService.DefaultProbabilities[stage];
                return new StageSettingInput { Stage = stage, Probability = value, Original = value, Stored = stored.ContainsKey(stage) };
            }).ToList(),
        });
    }

    [HttpPost]
    public async Task<IActionResult> Index(StageSettingsEditModel model, CancellationToken cancellationToken)
    {
        model.Stages ??= [];
        if (!model.Stages.Select(s => s.Stage).SequenceEqual(StageSettingsEditModel.EditableStages))
            return BadRequest();
        if (!ModelState.IsValid)
            return View(model);

        var rows = await db.PipelineStageSettings.ToDictionaryAsync(s => s.Stage, cancellationToken);
        for (var i = 0; i < model.Stages.Count; i++)
        {
            var input = model.Stages[i];
            var current = rows.TryGetValue(input.Stage, out var row) ? row.DefaultProbability : OpportunityService.DefaultProbabilities[input.Stage];
            if (current != input.Original)
            {
                ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
                return View(model);
            }

            try
            {
                if (row is null)
                    db.PipelineStageSettings.Add(new PipelineStageSetting(input.Stage, input.Probability!.Value));
                else
                    row.Change(input.Probability!.Value);
            }
            catch (Crm.Domain.Common.DomainException e)
            {
                ModelState.AddError(l, e, $"{nameof(model.Stages)}[{i.ToString(CultureInfo.InvariantCulture)}].{nameof(input.Probability)}");
                return View(model);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator created the same stage's row first (unique index on the stage).
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
            return View(model);
        }

        TempData["Success"] = l["StageSettings.Saved"].Value;
        return RedirectToAction(nameof(Index));
    }
}
