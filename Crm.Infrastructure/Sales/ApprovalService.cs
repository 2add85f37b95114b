using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Sales;

/// <summary>
/// 审批: asks for a manager's decision (prices below the floor on a quote or an order, a return), applies
/// the decision to the document, and tells the requester the outcome with a reminder.
/// </summary>
public sealed class ApprovalService(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock)
{
    public const string ReminderSource = "Approval";

    /// <summary>The permission that decides approvals of a kind.</summary>
    public static string PermissionFor(ApprovalKind kind) =>
        kind == ApprovalKind.Return ? Permissions.Returns.Approve : Permissions.Orders.Approve;

    public static string LinkOf(ApprovalKind kind, int subjectId) => kind switch
    {
        ApprovalKind.QuotePrice => $"/Sales/Quotes/Details/{subjectId}",
        ApprovalKind.OrderPrice => $"/Sales/Orders/Details/{subjectId}",
        _ => $"/Sales/Returns/Details/{subjectId}",
    };

    /// <summary>Asks for approval of a quote's prices below the floor.</summary>
    public Task<Approval> RequestAsync(Quote quote, CancellationToken cancellationToken = default) =>
        RequestPriceApprovalAsync(ApprovalKind.QuotePrice, quote, quote.Id, cancellationToken);

    /// <summary>Asks for approval of an order's prices below the floor.</summary>
    public Task<Approval> RequestAsync(Order order, CancellationToken cancellationToken = default) =>
        RequestPriceApprovalAsync(ApprovalKind.OrderPrice, order, order.Id, cancellationToken);

    /// <summary>
    /// Withdraws the pending price approval of a document that changed after it was asked for (its
    /// state is no longer Pending). Call after editing lines or the date.
    /// </summary>
    public async Task WithdrawIfStaleAsync<TLine>(ApprovalKind kind, SalesDocument<TLine> document, CancellationToken cancellationToken = default)
        where TLine : SalesLine
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.ApprovalState == PriceApprovalState.Pending)
            return;
        var now = clock.GetUtcNow();
        foreach (var pending in await PendingOfAsync(kind, document.Id, cancellationToken))
            pending.Withdraw(now);
    }

    /// <summary>The approval of a new return (already saved, so it has its id).</summary>
    public Approval AddForReturn(Return request, string summary)
    {
        ArgumentNullException.ThrowIfNull(request);
        var approval = new Approval(ApprovalKind.Return, request.Id, request.Number, request.CustomerId, summary, request.Amount,
            request.RequestedBy, request.OrgUnitId, clock.GetUtcNow());
        db.Approvals.Add(approval);
        return approval;
    }

    /// <summary>
    /// Records the current user's decision and applies it to the document: a quote's or order's price
    /// approval state, or the return's status (a rejected return gives its quantities back to the order).
    /// The caller checked the user's permission for the kind (<see cref="PermissionFor"/>). A document
    /// outside the user's data scope does not exist for them: the answer is false and nothing changes.
    /// </summary>
    /// <returns>False when the approval's document is not visible to the user (answer 404).</returns>
    public async Task<bool> DecideAsync(Approval approval, bool approve, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user decides approvals.");
        var now = clock.GetUtcNow();

        // The document first: one out of scope must leave the approval untouched too.
        Action apply;
        switch (approval.Kind)
        {
            case ApprovalKind.QuotePrice:
                var quote = await db.Quotes.FirstOrDefaultAsync(q => q.Id == approval.SubjectId, cancellationToken);
                if (quote is null)
                    return false;
                apply = () => quote.DecideApproval(approve);
                break;
            case ApprovalKind.OrderPrice:
                var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == approval.SubjectId, cancellationToken);
                if (order is null)
                    return false;
                apply = () => order.DecideApproval(approve);
                break;
            default:
                var request = await db.Returns.Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == approval.SubjectId, cancellationToken);
                if (request is null)
                    return false;
                if (approve)
                {
                    apply = () => request.Approve(by, comment, now);
                }
                else
                {
                    // The return is visible with its customer, and so is the order it was requested from.
                    var returnedFrom = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == request.OrderId, cancellationToken);
                    apply = () => request.Reject(returnedFrom, by, comment, now);
                }

                break;
        }

        if (approve)
            approval.Approve(by, comment, now);
        else
            approval.Reject(by, comment, now);
        apply();

        if (approval.OwnerId is { } requester)
        {
            db.Reminders.Add(new Reminder(requester, ReminderTitles.ApprovalDecided(approve, approval.SubjectNumber, approval.Comment), now, LinkOf(approval.Kind, approval.SubjectId), approval.Summary,
                ReminderSource, approval.Id.ToString(CultureInfo.InvariantCulture)));
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>What the approver reads: the lines below the floor, with price and floor.</summary>
    public static string PriceSummaryOf<TLine>(SalesDocument<TLine> document)
        where TLine : SalesLine
    {
        ArgumentNullException.ThrowIfNull(document);
        return string.Join("; ", document.Lines.Where(l => l.IsBelowFloor).Select(l =>
            string.Create(CultureInfo.InvariantCulture, $"{l.ProductName} × {l.Quantity}: {l.NetUnitPrice:0.00} < {l.FloorPrice:0.00}")));
    }

    private async Task<Approval> RequestPriceApprovalAsync<TLine>(ApprovalKind kind, SalesDocument<TLine> document, int subjectId, CancellationToken cancellationToken)
        where TLine : SalesLine
    {
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user asks for approval.");
        var now = clock.GetUtcNow();
        document.RequestApproval();
        foreach (var pending in await PendingOfAsync(kind, subjectId, cancellationToken))
            pending.Withdraw(now);
        var approval = new Approval(kind, subjectId, document.Number, document.CustomerId, PriceSummaryOf(document), document.Total, by, document.OrgUnitId, now);
        db.Approvals.Add(approval);
        await db.SaveChangesAsync(cancellationToken);
        return approval;
    }

    private Task<List<Approval>> PendingOfAsync(ApprovalKind kind, int subjectId, CancellationToken cancellationToken) =>
        db.Approvals.IgnoreQueryFilters([CrmDbContext.DataScopeFilter])
            .Where(a => a.Kind == kind && a.SubjectId == subjectId && a.Status == ApprovalStatus.Pending)
            .ToListAsync(cancellationToken);
}
