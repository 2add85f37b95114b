using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Web.Authorization;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Crm.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Crm.Web.Controllers;

/// <summary>
/// 待审批: the approver's to-do list. It needs the permission to decide at least one kind of request
/// (Orders.Approve: prices below the floor; Returns.Approve: returns), lists the requests of those kinds
/// in the user's scope (the requester's org unit within the manager's subtree), oldest first, and a
/// history of decided ones. A request out of scope does not exist here: 404.
/// </summary>
[Authorize(Policy = Policies.Authenticated)]
public sealed class ApprovalsController(
    CrmDbContext db, ApprovalService approvals, ICurrentUser currentUser, IStringLocalizer<SharedResource> l) : Controller
{
    public const int PendingCountCap = 99;

    /// <summary>The kinds of request the user may decide.</summary>
    private List<ApprovalKind> Decidable =>
        Enum.GetValues<ApprovalKind>().Where(k => currentUser.HasPermission(ApprovalService.PermissionFor(k))).ToList();

    [HttpGet]
    public async Task<IActionResult> Index(ApprovalTab tab = ApprovalTab.Pending, int? page = null, CancellationToken cancellationToken = default)
    {
        var kinds = Decidable;
        if (kinds.Count == 0)
            return Forbid();

        var mine = db.Approvals.AsNoTracking().Where(a => kinds.Contains(a.Kind));
        var pending = mine.Where(a => a.Status == ApprovalStatus.Pending);
        var ordered = tab == ApprovalTab.Pending
            ? pending.OrderBy(a => a.RequestedAt).ThenBy(a => a.Id)
            : mine.Where(a => a.Status != ApprovalStatus.Pending).OrderByDescending(a => a.DecidedAt).ThenByDescending(a => a.Id);
        var me = currentUser.UserId;
        var rows = await ordered
            .Select(a => new ApprovalRow(
                a.Id, a.Kind, a.SubjectId, a.SubjectNumber,
                db.Customers.Where(c => c.Id == a.CustomerId).Select(c => c.Name).FirstOrDefault(),
                a.Summary, a.Amount,
                db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                a.OwnerId == me, a.RequestedAt, a.Status,
                db.Users.Where(u => u.Id == a.DecidedBy).Select(u => u.DisplayName).FirstOrDefault(),
                a.DecidedAt, a.Comment, a.Version))
            .ToPageAsync(page, cancellationToken: cancellationToken);
        var pendingCount = await pending.Take(PendingCountCap + 1).CountAsync(cancellationToken);
        return View(new ApprovalsIndexViewModel(tab, rows, Math.Min(pendingCount, PendingCountCap), pendingCount > PendingCountCap));
    }

    /// <summary>
    /// Approves or rejects one request: the permission for its kind is checked, the request and its
    /// document must be in scope, the page must not be stale; the domain refuses one's own request and a
    /// rejection without a comment. The requester gets a reminder with the outcome.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Decide(int id, ApprovalDecisionModel form, CancellationToken cancellationToken)
    {
        if (Decidable.Count == 0)
            return Forbid();
        var approval = await db.Approvals.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (approval is null)
            return NotFound();
        if (!currentUser.HasPermission(ApprovalService.PermissionFor(approval.Kind)))
            return Forbid();

        if (!ModelState.IsValid)
        {
            TempData["Error"] = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault() ?? l["Validation.ChooseFromList"].Value;
            return RedirectToAction(nameof(Index));
        }

        if (approval.Version != form.Version)
        {
            TempData["Error"] = l["Common.ConcurrencyConflict"].Value;
            return RedirectToAction(nameof(Index));
        }

        var approve = form.Decision == ApprovalDecision.Approve;
        try
        {
            db.Entry(approval).Property(a => a.Version).OriginalValue = form.Version;
            // The approval is in scope; its document may not be (the service then changes nothing).
            if (!await approvals.DecideAsync(approval, approve, form.Comment, cancellationToken))
                return NotFound();
            TempData["Success"] = l[approve ? "Approvals.ApprovedMessage" : "Approvals.RejectedMessage", approval.SubjectNumber].Value;
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Message(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Index));
    }
}
