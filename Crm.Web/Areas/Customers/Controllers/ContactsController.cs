using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Customers.Controllers;

/// <summary>
/// A customer's contacts (联系人), listed on the customer 360. Contacts are filtered through their
/// customer's data scope, so an out-of-scope customer or contact answers 404.
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.View)]
public sealed class ContactsController(CrmDbContext db, ContactService contacts, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Create(int customerId, CancellationToken cancellationToken)
    {
        var customer = await CustomerAsync(customerId, cancellationToken);
        if (customer is null)
            return NotFound();
        if (customer.Status == CustomerStatus.Archived)
            return ArchivedRedirect(customerId);

        var first = !await db.Contacts.AnyAsync(c => c.CustomerId == customerId, cancellationToken);
        return View("Form", new ContactFormViewModel(null, customer.Id, customer.Code, customer.Name, new ContactEditModel { IsPrimary = first }));
    }

    [HttpPost]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Create(int customerId, ContactEditModel form, CancellationToken cancellationToken)
    {
        var customer = await CustomerAsync(customerId, cancellationToken);
        if (customer is null)
            return NotFound();
        if (customer.Status == CustomerStatus.Archived)
            return ArchivedRedirect(customerId);

        if (ModelState.IsValid)
        {
            try
            {
                var contact = new Contact(customerId, form.Name);
                form.ApplyTo(contact);
                await contacts.AddAsync(contact, form.IsPrimary, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Contacts.Created", contact.Name].Value;
                return RedirectToDetails(customerId);
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddError(e);
            }
        }

        return View("Form", new ContactFormViewModel(null, customer.Id, customer.Code, customer.Name, form));
    }

    [HttpGet]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
            return NotFound();
        var customer = (await CustomerAsync(contact.CustomerId, cancellationToken))!;
        if (customer.Status == CustomerStatus.Archived)
            return ArchivedRedirect(customer.Id);

        return View("Form", new ContactFormViewModel(contact.Id, customer.Id, customer.Code, customer.Name, ContactEditModel.From(contact)));
    }

    [HttpPost]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Edit(int id, ContactEditModel form, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
            return NotFound();
        var customer = (await CustomerAsync(contact.CustomerId, cancellationToken))!;
        if (customer.Status == CustomerStatus.Archived)
            return ArchivedRedirect(customer.Id);

        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(contact).Property(c => c.Version).OriginalValue = form.Version;
                form.ApplyTo(contact);
                await contacts.SetPrimaryAsync(contact, form.IsPrimary, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Contacts.Saved", contact.Name].Value;
                return RedirectToDetails(customer.Id);
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddError(e);
            }
        }

        return View("Form", new ContactFormViewModel(contact.Id, customer.Id, customer.Code, customer.Name, form));
    }

    /// <summary>Hard delete, refused while an interaction or feedback refers to the contact.</summary>
    [HttpPost]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Delete(int id, Guid? version, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
            return NotFound();
        var customer = (await CustomerAsync(contact.CustomerId, cancellationToken))!;
        if (customer.Status == CustomerStatus.Archived)
            return ArchivedRedirect(customer.Id);

        try
        {
            if (version is { } v)
                db.Entry(contact).Property(c => c.Version).OriginalValue = v;
            await contacts.DeleteAsync(contact, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l["Contacts.Deleted", contact.Name].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToDetails(customer.Id);
    }

    private Task<CustomerHeader?> CustomerAsync(int id, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CustomerHeader(c.Id, c.Code, c.Name, c.Status))
            .SingleOrDefaultAsync(cancellationToken);

    private RedirectToActionResult RedirectToDetails(int customerId) =>
        RedirectToAction("Details", "Customers", new { id = customerId, tab = "contacts" }, "contacts");

    private RedirectToActionResult ArchivedRedirect(int customerId)
    {
        TempData["Error"] = l["Customer.Archived"].Value;
        return RedirectToAction("Details", "Customers", new { id = customerId });
    }

    private void AddError(Exception e)
    {
        var field = e is DomainException { Code: "Contact.EmailInvalid" } ? nameof(ContactEditModel.Email)
            : e is DomainException domain && domain.Arguments.FirstOrDefault() is string key && key.StartsWith("Contact.", StringComparison.Ordinal) ? key["Contact.".Length..]
            : null;
        ModelState.AddError(l, e, field);
    }

    private sealed record CustomerHeader(int Id, string Code, string Name, CustomerStatus Status);
}
