using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Customers.Controllers;

/// <summary>
/// Interactions with a customer (交往记录), shown as the timeline of the customer 360. Saving one moves
/// the customer's last-interaction time and keeps the owner's follow-up reminder in step.
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.View)]
public sealed class InteractionsController(
    CrmDbContext db,
    InteractionService interactions,
    DictionaryOptions dictionary,
    ICurrentUser currentUser,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Create(int customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
            return NotFound();
        if (customer.Status == CustomerStatus.Archived)
            return ArchivedRedirect(customerId);

        var now = userClock.ToLocal(clock.GetUtcNow()).DateTime;
        var form = new InteractionEditModel
        {
            OccurredAt = now.AddSeconds(-now.Second).AddMilliseconds(-now.Millisecond),
            ContactId = await db.Contacts.Where(c => c.CustomerId == customerId && c.IsPrimary).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken),
        };
        return View("Form", await FormAsync(null, customer, form, null, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Create(int customerId, InteractionEditModel form, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
            return NotFound();
        if (customer.Status == CustomerStatus.Archived)
            return ArchivedRedirect(customerId);

        await ValidateAsync(customerId, form, null, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                var interaction = new Interaction(customerId, Utc(form.OccurredAt!.Value), form.ChannelId, form.ContactId,
                    form.Summary, form.Details, form.NextStep, form.FollowUpAt is { } f ? Utc(f) : null);
                await interactions.SaveAsync(customer, interaction, currentUser.UserId, cancellationToken);
                TempData["Success"] = l["Interactions.Created", customer.Name].Value;
                return RedirectToDetails(customerId);
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddError(e);
            }
        }

        return View("Form", await FormAsync(null, customer, form, null, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var interaction = await db.Interactions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (interaction is null)
            return NotFound();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == interaction.CustomerId, cancellationToken);
        if (customer.Status == CustomerStatus.Archived)
            return ArchivedRedirect(customer.Id);

        var form = new InteractionEditModel
        {
            OccurredAt = userClock.ToLocal(interaction.OccurredAt).DateTime,
            ChannelId = interaction.ChannelId,
            ContactId = interaction.ContactId,
            Summary = interaction.Summary,
            Details = interaction.Details,
            NextStep = interaction.NextStep,
            FollowUpAt = interaction.FollowUpAt is { } f ? userClock.ToLocal(f).DateTime : null,
            Version = interaction.Version,
        };
        return View("Form", await FormAsync(interaction.Id, customer, form, interaction.ChannelId, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Edit(int id, InteractionEditModel form, CancellationToken cancellationToken)
    {
        var interaction = await db.Interactions.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (interaction is null)
            return NotFound();
        var customer = await db.Customers.SingleAsync(c => c.Id == interaction.CustomerId, cancellationToken);
        if (customer.Status == CustomerStatus.Archived)
            return ArchivedRedirect(customer.Id);

        await ValidateAsync(customer.Id, form, interaction, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(interaction).Property(i => i.Version).OriginalValue = form.Version;
                interaction.Update(Utc(form.OccurredAt!.Value), form.ChannelId, form.ContactId,
                    form.Summary, form.Details, form.NextStep, form.FollowUpAt is { } f ? Utc(f) : null);
                await interactions.SaveAsync(customer, interaction, currentUser.UserId, cancellationToken);
                TempData["Success"] = l["Interactions.Saved", customer.Name].Value;
                return RedirectToDetails(customer.Id);
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddError(e);
            }
        }

        return View("Form", await FormAsync(interaction.Id, customer, form, interaction.ChannelId, cancellationToken));
    }

    /// <summary>A wall-clock time typed in the organisation's zone, as a UTC instant.</summary>
    private DateTimeOffset Utc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, userClock.Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    private async Task ValidateAsync(int customerId, InteractionEditModel form, Interaction? existing, CancellationToken cancellationToken)
    {
        if (!await dictionary.IsValidAsync(C.InteractionChannel, form.ChannelId, existing?.ChannelId, cancellationToken))
            ModelState.AddModelError(nameof(form.ChannelId), l["Validation.ChooseFromList"]);
        if (form.ContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.CustomerId == customerId, cancellationToken))
            ModelState.AddModelError(nameof(form.ContactId), l["Validation.ChooseFromList"]);
    }

    private async Task<InteractionFormViewModel> FormAsync(int? id, Customer customer, InteractionEditModel form, int? currentChannelId, CancellationToken cancellationToken)
    {
        var channels = await dictionary.ForAsync(C.InteractionChannel, form.ChannelId ?? currentChannelId, cancellationToken);
        var contacts = (await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customer.Id)
                .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Name)
                .Select(c => new { c.Id, c.Name, c.Title })
                .ToListAsync(cancellationToken))
            .Select(c => new SelectListItem(c.Title is null ? c.Name : $"{c.Name}（{c.Title}）", c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Id == form.ContactId))
            .ToList();
        return new InteractionFormViewModel(id, customer.Id, customer.Code, customer.Name, form, channels, contacts);
    }

    private RedirectToActionResult RedirectToDetails(int customerId) =>
        RedirectToAction("Details", "Customers", new { id = customerId, tab = "interactions" }, "interactions");

    private RedirectToActionResult ArchivedRedirect(int customerId)
    {
        TempData["Error"] = l["Customer.Archived"].Value;
        return RedirectToAction("Details", "Customers", new { id = customerId });
    }

    private void AddError(Exception e)
    {
        var field = e is DomainException { Code: "Interaction.FollowUpBeforeInteraction" } ? nameof(InteractionEditModel.FollowUpAt)
            : e is DomainException domain && domain.Arguments.FirstOrDefault() is string key && key.StartsWith("Interaction.", StringComparison.Ordinal) ? key["Interaction.".Length..]
            : null;
        ModelState.AddError(l, e, field);
    }
}
