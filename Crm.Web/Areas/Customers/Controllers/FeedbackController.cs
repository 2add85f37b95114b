using System.Globalization;
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
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Customers.Controllers;

/// <summary>
/// 客户反馈与任务 (seed 000): a customer's feedback, split into tasks that are started, completed,
/// cancelled, reopened and reassigned. Feedback is reached through its customer's data scope; a task
/// also by its assignee. Every change returns to the page it came from (the 360 tab, the feedback page
/// or "my tasks").
/// </summary>
[Area("Customers")]
[Authorize(Policy = P.Customers.View)]
public sealed class FeedbackController(
    CrmDbContext db,
    CustomerService customers,
    CustomerTaskService tasks,
    ICurrentUser currentUser,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Id, c.Code, c.Name, c.Status }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
            return NotFound();
        return View(new FeedbackIndexViewModel(customer.Id, customer.Code, customer.Name,
            currentUser.HasPermission(P.Customers.Edit) && customer.Status != CustomerStatus.Archived));
    }

    [HttpGet]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Create(int customerId, string? returnUrl, CancellationToken cancellationToken)
    {
        var form = new FeedbackEditModel { ReceivedAt = LocalMinute(clock.GetUtcNow()) };
        return await FormAsync(customerId, form, returnUrl, cancellationToken);
    }

    [HttpPost]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> Create(int customerId, FeedbackEditModel form, string? returnUrl, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Id, c.Status }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
            return NotFound();
        if (customer.Status == CustomerStatus.Archived)
        {
            TempData["Error"] = l["Customer.Archived"].Value;
            return Back(customerId, returnUrl);
        }

        if (form.ContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.CustomerId == customerId, cancellationToken))
            ModelState.AddModelError(nameof(form.ContactId), l["Validation.ChooseFromList"]);

        if (ModelState.IsValid)
        {
            try
            {
                db.Feedbacks.Add(new Feedback(customerId, ToUtc(form.ReceivedAt!.Value), form.ContactId, form.Summary, form.Details));
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Feedback.Recorded", form.Summary.Trim()].Value;
                return Back(customerId, returnUrl);
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        return await FormAsync(customerId, form, returnUrl, cancellationToken);
    }

    /// <summary>Splits a task off the feedback; the assignee is someone the user may give work to, a salesman himself.</summary>
    [HttpPost]
    [Authorize(Policy = P.Customers.Edit)]
    public async Task<IActionResult> AddTask(int id, TaskEditModel task, string? returnUrl, CancellationToken cancellationToken)
    {
        var feedback = await db.Feedbacks.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feedback is null)
            return NotFound();

        if (await RefusalAsync(task.AssigneeId, cancellationToken) is { } problem)
        {
            TempData["Error"] = problem;
            return Back(feedback.CustomerId, returnUrl);
        }

        try
        {
            await tasks.AddTaskAsync(feedback, task.Title, task.AssigneeId!.Value, ToUtc(task.DueAt!.Value), cancellationToken);
            TempData["Success"] = l["CustomerTask.Added", task.Title.Trim()].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = Message(e);
        }

        return Back(feedback.CustomerId, returnUrl);
    }

    [HttpPost]
    public Task<IActionResult> Start(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ChangeAsync(id, t => t.Start(), "CustomerTask.StartedMessage", returnUrl, cancellationToken);

    [HttpPost]
    public Task<IActionResult> Complete(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ChangeAsync(id, t => t.Complete(clock.GetUtcNow()), "CustomerTask.CompletedMessage", returnUrl, cancellationToken);

    [HttpPost]
    public Task<IActionResult> Cancel(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ChangeAsync(id, t => t.Cancel(), "CustomerTask.CancelledMessage", returnUrl, cancellationToken);

    [HttpPost]
    public Task<IActionResult> Reopen(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ChangeAsync(id, t => t.Reopen(), "CustomerTask.ReopenedMessage", returnUrl, cancellationToken);

    [HttpPost]
    public async Task<IActionResult> Reassign(int id, TaskReassignModel form, string? returnUrl, CancellationToken cancellationToken)
    {
        var task = await tasks.FindForChangeAsync(id, currentUser.UserId, cancellationToken);
        if (task is null)
            return NotFound();
        if (await RefusalAsync(form.AssigneeId, cancellationToken) is { } problem)
        {
            TempData["Error"] = problem;
            return Back(task.CustomerId, returnUrl);
        }

        var assignee = form.AssigneeId!.Value;
        return await ChangeAsync(task, t => t.Reassign(assignee, ToUtc(form.DueAt!.Value)), "CustomerTask.ReassignedMessage", returnUrl, cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync(int id, Action<CustomerTask> change, string successKey, string? returnUrl, CancellationToken cancellationToken)
    {
        var task = await tasks.FindForChangeAsync(id, currentUser.UserId, cancellationToken);
        return task is null ? NotFound() : await ChangeAsync(task, change, successKey, returnUrl, cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync(CustomerTask task, Action<CustomerTask> change, string successKey, string? returnUrl, CancellationToken cancellationToken)
    {
        try
        {
            await tasks.ChangeAsync(task, change, cancellationToken);
            TempData["Success"] = l[successKey, task.Title].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = Message(e);
        }

        return Back(task.CustomerId, returnUrl);
    }

    /// <summary>The model state's first complaint, or that the assignee is not one the user may choose.</summary>
    private async Task<string?> RefusalAsync(Guid? assigneeId, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // The messages name their field ("任务标题 为必填项").
            return ModelState.Values.SelectMany(v => v.Errors).First().ErrorMessage;
        }

        return await customers.AssignableOwners().AnyAsync(u => u.Id == assigneeId, cancellationToken)
            ? null
            : l["CustomerTask.AssigneeNotAllowed"].Value;
    }

    private string Message(Exception e) => e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;

    private IActionResult Back(int customerId, string? returnUrl) =>
        returnUrl is not null && Url.IsLocalUrl(returnUrl) ? Redirect(returnUrl) : RedirectToAction(nameof(Index), new { customerId });

    private async Task<IActionResult> FormAsync(int customerId, FeedbackEditModel form, string? returnUrl, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Id, c.Code, c.Name, c.Status }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
            return NotFound();
        if (customer.Status == CustomerStatus.Archived)
        {
            TempData["Error"] = l["Customer.Archived"].Value;
            return Back(customerId, returnUrl);
        }

        var contacts = (await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId)
                .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Name).Select(c => new { c.Id, c.Name, c.Title }).ToListAsync(cancellationToken))
            .Select(c => new SelectListItem(c.Title is null ? c.Name : $"{c.Name}（{c.Title}）", c.Id.ToString(CultureInfo.InvariantCulture), c.Id == form.ContactId))
            .ToList();
        return View("Form", new FeedbackFormViewModel(customer.Id, customer.Code, customer.Name, form, contacts,
            returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : null));
    }

    private DateTime LocalMinute(DateTimeOffset instant)
    {
        var local = userClock.ToLocal(instant).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
    }

    /// <summary>A time typed in the organisation's zone, as the UTC instant stored.</summary>
    private DateTimeOffset ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, userClock.Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
