using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Areas.Sales.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using C = Crm.Domain.Common.DictionaryCategories;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Sales.Controllers;

/// <summary>
/// 退货单: requested against the shipped lines of an order, approved or rejected by a manager on
/// /Approvals, received back into stock, refunded. A return is visible exactly when its customer is, so
/// a return outside the user's scope answers 404.
/// </summary>
[Area("Sales")]
[Authorize(Policy = P.Returns.View)]
public sealed class ReturnsController(
    CrmDbContext db,
    ReturnService returns,
    ICurrentUser currentUser,
    DictionaryOptions dictionary,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ReturnListFilter filter, CancellationToken cancellationToken)
    {
        var query = ModelState.IsValid ? filter.Apply(db, userClock) : db.Returns.Where(_ => false).OrderBy(r => r.Id);
        var chinese = Chinese;
        var rows = await query
            .Select(r => new ReturnRow(
                r.Id, r.Number, r.OrderId, r.OrderNumber, r.CustomerId,
                db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).FirstOrDefault(),
                r.Status,
                db.DictionaryItems.Where(d => d.Id == r.ReasonId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                r.Amount, r.RequestedAt,
                db.Users.Where(u => u.Id == r.RequestedBy).Select(u => u.DisplayName).FirstOrDefault()))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);

        return View(new ReturnIndexViewModel(
            filter, rows,
            await dictionary.ForAsync(C.ReturnReason, filter.ReasonId, cancellationToken),
            currentUser.HasPermission(P.Returns.Edit)));
    }

    /// <summary>
    /// The list as a file (<c>?format=csv|xlsx</c> and the list's filters): all pages, within the data
    /// scope, written to the audit log like every export.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] ReturnListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();

        var chinese = Chinese;
        var rows = filter.Apply(db, userClock)
            .Select(r => new ReturnExportRow(
                r.Number, r.OrderNumber,
                db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Code).FirstOrDefault(),
                db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).FirstOrDefault(),
                r.Status,
                db.DictionaryItems.Where(d => d.Id == r.ReasonId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                r.Amount, r.RequestedAt,
                db.Users.Where(u => u.Id == r.RequestedBy).Select(u => u.DisplayName).FirstOrDefault(),
                r.DecidedAt, r.DecisionComment, r.ReceivedAt, r.RefundedAt, r.Description));

        string[] headerKeys =
        [
            "Return.Number", "Returns.OrderNumber", "Customers.Code", "Returns.Customer", "Returns.Status", "Returns.Reason",
            "Returns.Amount", "Returns.RequestedAt", "Returns.RequestedBy", "Returns.DecidedAt", "Return.DecisionComment",
            "Returns.ReceivedAt", "Returns.RefundedAt", "Return.Description",
        ];
        var headers = headerKeys.Select(k => l[k].Value).ToList();
        object?[] Values(ReturnExportRow r) =>
        [
            r.Number, r.OrderNumber, r.CustomerCode, r.Customer, l["ReturnStatus." + r.Status].Value, r.Reason, r.Amount,
            userClock.Format(r.RequestedAt), r.RequestedBy, Format(r.DecidedAt), r.DecisionComment, Format(r.ReceivedAt),
            Format(r.RefundedAt), r.Description,
        ];

        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"returns-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        var count = 0;
        if (xlsx)
        {
            IEnumerable<IDictionary<string, object?>> Sheet()
            {
                foreach (var row in rows.AsEnumerable())
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
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                count++;
                await csv.WriteRowAsync(Values(row).Select(ExportFile.Text), cancellationToken);
            }

            await csv.CompleteAsync(cancellationToken);
        }

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(Return), FilterSummary(),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var request = await db.Returns.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return NotFound();

        var userIds = new[] { request.RequestedBy, request.DecidedBy ?? Guid.Empty }.Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string? Name(Guid? userId) => userId is { } key && names.TryGetValue(key, out var name) ? name : null;
        // Who received the goods is the stock movement's author.
        var receivedBy = request.ReceivedAt is null ? null : await db.StockMovements.AsNoTracking()
            .Where(m => m.ReturnId == request.Id)
            .Select(m => db.Users.Where(u => u.Id == m.ByUserId).Select(u => u.DisplayName).FirstOrDefault())
            .FirstOrDefaultAsync(cancellationToken);

        var timeline = new List<ReturnStep> { new("Returns.StepRequested", request.RequestedAt, Name(request.RequestedBy), null, "bi-send") };
        if (request.DecidedAt is { } decidedAt)
        {
            timeline.Add(request.Status == ReturnStatus.Rejected
                ? new("Returns.StepRejected", decidedAt, Name(request.DecidedBy), request.DecisionComment, "bi-x-circle")
                : new("Returns.StepApproved", decidedAt, Name(request.DecidedBy), request.DecisionComment, "bi-check-circle"));
        }

        if (request.ReceivedAt is { } receivedAt)
            timeline.Add(new("Returns.StepReceived", receivedAt, receivedBy, null, "bi-box-arrow-in-down"));
        if (request.RefundedAt is { } refundedAt)
            timeline.Add(new("Returns.StepRefunded", refundedAt, null, null, "bi-cash-coin"));

        var canEdit = currentUser.HasPermission(P.Returns.Edit);
        return View(new ReturnDetailsViewModel(
            request.Id, request.Number, request.Status, request.Version, request.OrderId, request.OrderNumber, request.CustomerId,
            await db.Customers.AsNoTracking().Where(c => c.Id == request.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken),
            await db.Warehouses.AsNoTracking().Where(w => w.Id == request.WarehouseId).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken),
            await dictionary.NameAsync(request.ReasonId, cancellationToken),
            request.Description, request.Amount,
            request.Lines.OrderBy(x => x.LineNo).Select(x => new ReturnLineRow(x.LineNo, x.ProductName, x.Quantity, x.UnitPrice, x.Amount)).ToList(),
            timeline,
            request.DecisionComment,
            canEdit && request.CanMoveTo(ReturnStatus.Received),
            canEdit && request.CanMoveTo(ReturnStatus.Refunded),
            request.Status == ReturnStatus.Requested && currentUser.HasPermission(P.Returns.Approve)));
    }

    /// <summary>The return form of an order (by id, or by its number from the list page's shortcut).</summary>
    [HttpGet]
    [Authorize(Policy = P.Returns.Edit)]
    public async Task<IActionResult> Create(int? orderId, string? orderNumber, CancellationToken cancellationToken)
    {
        var order = await FindOrderAsync(orderId, orderNumber, cancellationToken);
        if (order is null)
        {
            if (orderId is null && !string.IsNullOrWhiteSpace(orderNumber))
            {
                TempData["Error"] = l["Returns.OrderNotFound", orderNumber.Trim()].Value;
                return RedirectToAction(nameof(Index));
            }

            return NotFound();
        }

        return View(await FormAsync(order, new ReturnCreateModel { Version = order.Version }, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Returns.Edit)]
    public async Task<IActionResult> Create(int orderId, ReturnCreateModel form, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
            return NotFound();
        if (!await dictionary.IsValidAsync(C.ReturnReason, form.ReasonId, null, cancellationToken))
            ModelState.AddModelError(nameof(form.ReasonId), l["Validation.ChooseFromList"]);
        if (ModelState.IsValid && order.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Returns.OrderChanged"]);

        if (ModelState.IsValid)
        {
            try
            {
                var quantities = form.Lines.Where(x => x.Quantity is not null).Select(x => (x.LineNo, x.Quantity!.Value)).ToList();
                var created = await returns.RequestAsync(order, quantities, form.ReasonId!.Value, form.Description, cancellationToken);
                TempData["Success"] = l["Returns.Requested", created.Number].Value;
                return RedirectToAction(nameof(Details), new { id = created.Id });
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(string.Empty, l["Returns.OrderChanged"]);
            }
            catch (DomainException e)
            {
                ModelState.AddError(l, e);
            }

            // Nothing was saved; show the order as it is now.
            db.ChangeTracker.Clear();
            order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == orderId, cancellationToken);
        }

        return View(await FormAsync(order, form, cancellationToken));
    }

    /// <summary>收货: the approved return's goods go back into the order's warehouse.</summary>
    [HttpPost]
    [Authorize(Policy = P.Returns.Edit)]
    public Task<IActionResult> Receive(int id, Guid version, CancellationToken cancellationToken) =>
        MoveAsync(id, version, r => returns.ReceiveAsync(r, cancellationToken), "Returns.ReceivedMessage", cancellationToken);

    /// <summary>退款: the amount leaves the customer's revenue.</summary>
    [HttpPost]
    [Authorize(Policy = P.Returns.Edit)]
    public Task<IActionResult> Refund(int id, Guid version, CancellationToken cancellationToken) =>
        MoveAsync(id, version, r => returns.RefundAsync(r, cancellationToken), "Returns.RefundedMessage", cancellationToken);

    private async Task<IActionResult> MoveAsync(int id, Guid version, Func<Return, Task> move, string successKey, CancellationToken cancellationToken)
    {
        var request = await db.Returns.Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return NotFound();
        if (request.Version != version)
        {
            TempData["Error"] = l["Common.ConcurrencyConflict"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        try
        {
            db.Entry(request).Property(r => r.Version).OriginalValue = version;
            await move(request);
            TempData["Success"] = l[successKey, request.Number].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<Order?> FindOrderAsync(int? orderId, string? orderNumber, CancellationToken cancellationToken)
    {
        var orders = db.Orders.AsNoTracking().Include(o => o.Lines);
        if (orderId is { } id)
            return await orders.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (string.IsNullOrWhiteSpace(orderNumber))
            return null;
        var number = orderNumber.Trim().ToUpperInvariant();
        return await orders.SingleOrDefaultAsync(o => o.Number == number, cancellationToken);
    }

    private async Task<ReturnCreateViewModel> FormAsync(Order order, ReturnCreateModel form, CancellationToken cancellationToken) =>
        new(order.Id, order.Number, order.Status, order.CustomerId,
            await db.Customers.AsNoTracking().Where(c => c.Id == order.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken),
            order.Date,
            order.Lines.OrderBy(x => x.LineNo)
                .Select(x => new ReturnableLine(x.LineNo, x.ProductCode, x.ProductName, x.Quantity, x.ShippedQuantity, x.ReturnedQuantity, x.NetUnitPrice))
                .ToList(),
            form,
            await dictionary.ForAsync(C.ReturnReason, form.ReasonId, cancellationToken));

    /// <summary>The filters as the query string gave them, for the audit log ("*" for the whole list).</summary>
    private string FilterSummary()
    {
        var parts = Request.Query
            .Where(q => q.Key is not ("format" or "page") && !string.IsNullOrEmpty(q.Value.ToString()))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => $"{q.Key}={q.Value}");
        var summary = string.Join('&', parts);
        return summary.Length == 0 ? "*" : summary;
    }

    private string? Format(DateTimeOffset? at) => at is { } value ? userClock.Format(value) : null;
}
