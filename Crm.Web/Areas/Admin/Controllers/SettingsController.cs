using System.Globalization;
using Crm.Domain.Common;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Admin.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Admin.Controllers;

[Area("Admin")]
[Authorize(Policy = P.Settings.Manage)]
public sealed class SettingsController(CrmDbContext db, IStringLocalizer<SharedResource> l) : Controller
{
    private const string FieldPrefix = "Settings.";

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var s = await db.SystemSettings.AsNoTracking().SingleAsync(x => x.Id == SystemSettings.SingletonId, cancellationToken);
        var model = new SettingsEditModel
        {
            Version = s.Version,
            CompanyName = s.CompanyName,
            CompanyAddress = s.CompanyAddress,
            CompanyPhone = s.CompanyPhone,
            CompanyTaxNumber = s.CompanyTaxNumber,
            ChurnThresholdMonths = s.ChurnThresholdMonths,
            PoolRecycleDaysWithoutInteraction = s.PoolRecycleDaysWithoutInteraction,
            PoolRecycleMonthsWithoutOrder = s.PoolRecycleMonthsWithoutOrder,
            PoolMaxCustomersPerUser = s.PoolMaxCustomersPerUser,
            PoolDailyClaimLimit = s.PoolDailyClaimLimit,
            ContractRenewalReminderDays = s.ContractRenewalReminderDays,
            Sla = (await ActivePriorities().AsNoTracking().ToListAsync(cancellationToken))
                .Select(p => new PrioritySlaInput { Id = p.Id, Version = p.Version, Hours = p.Value, Name = p.Name(Chinese) })
                .ToList(),
        };
        return View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Index(SettingsEditModel model, CancellationToken cancellationToken)
    {
        var priorities = await ActivePriorities().ToListAsync(cancellationToken);
        model.Sla = model.Sla ?? [];
        foreach (var row in model.Sla)
            row.Name = priorities.FirstOrDefault(p => p.Id == row.Id)?.Name(Chinese) ?? string.Empty;
        if (!ModelState.IsValid)
            return View(model);

        var settings = await db.SystemSettings.SingleAsync(x => x.Id == SystemSettings.SingletonId, cancellationToken);
        // A priority added, removed or deactivated since the form was rendered makes the form stale too.
        var samePriorities = priorities.Select(p => p.Id).Order().SequenceEqual(model.Sla.Select(r => r.Id).Order());
        if (settings.Version != model.Version || !samePriorities)
            return StaleForm(model);

        // Compared against the versions the form was rendered with, so a save that races ours is refused
        // by the database rather than overwritten.
        db.Entry(settings).Property(x => x.Version).OriginalValue = model.Version;
        try
        {
            settings.UpdateCompany(model.CompanyName!, model.CompanyAddress, model.CompanyPhone, model.CompanyTaxNumber);
            settings.UpdateCustomerRules(
                model.ChurnThresholdMonths!.Value, model.PoolRecycleDaysWithoutInteraction!.Value,
                model.PoolRecycleMonthsWithoutOrder!.Value, model.PoolMaxCustomersPerUser!.Value, model.PoolDailyClaimLimit!.Value);
            settings.UpdateServiceRules(model.ContractRenewalReminderDays!.Value);
            for (var i = 0; i < model.Sla.Count; i++)
            {
                var row = model.Sla[i];
                var priority = priorities.Single(p => p.Id == row.Id);
                if (priority.Version != row.Version)
                    return StaleForm(model);
                db.Entry(priority).Property(x => x.Version).OriginalValue = row.Version;
                try
                {
                    priority.SetValue(row.Hours);
                }
                catch (DomainException error)
                {
                    ModelState.AddError(l, error, $"{nameof(model.Sla)}[{i.ToString(CultureInfo.InvariantCulture)}].{nameof(row.Hours)}");
                    return View(model);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception error) when (DomainErrors.IsRefusal(error))
        {
            ModelState.AddError(l, error, FieldOf(error));
            return View(model);
        }

        TempData["Success"] = l["Settings.Saved"].Value;
        return RedirectToAction(nameof(Index));
    }

    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    private IQueryable<DictionaryItem> ActivePriorities() =>
        db.DictionaryItems
            .Where(d => d.Category == DictionaryCategories.Priority && d.IsActive)
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Id);

    private ViewResult StaleForm(SettingsEditModel model)
    {
        ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        return View(model);
    }

    /// <summary>The form field a settings refusal names ("Settings.ChurnThresholdMonths" → ChurnThresholdMonths).</summary>
    private static string? FieldOf(Exception error) => error switch
    {
        DomainException { Code: "Settings.CompanyNameRequired" } => nameof(SettingsEditModel.CompanyName),
        DomainException { Arguments: [string key, ..] } when key.StartsWith(FieldPrefix, StringComparison.Ordinal)
            && typeof(SettingsEditModel).GetProperty(key[FieldPrefix.Length..]) is { } property => property.Name,
        _ => null,
    };
}
