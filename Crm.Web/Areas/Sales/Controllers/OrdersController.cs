using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
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
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Sales.Controllers;

/// <summary>
/// 订单. Orders are visible through their customer's data scope: an order of a customer out of scope is
/// absent from the list and answers 404 by id. Every change posts the version the page was rendered with;
/// a stale page changes nothing. Moves that touch stock and the customer go through <see cref="OrderService"/>.
/// </summary>
[Area("Sales")]
[Authorize(Policy = P.Orders.View)]
public sealed class OrdersController(
    CrmDbContext db,
    OrderService orders,
    ApprovalService approvals,
    SalesNumbers numbers,
    ICurrentUser currentUser,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const string NumberPrefix = "DD";

    private SalesLookups? _lookups;

    private SalesLookups Lookups => _lookups ??= new SalesLookups(db, currentUser);

    private bool CanEdit => currentUser.HasPermission(P.Orders.Edit);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] OrderListFilter filter, CancellationToken cancellationToken)
    {
        var query = ModelState.IsValid ? Filtered(filter) : db.Orders.Where(_ => false);
        var rows = await query.ToPageByKeyAsync(
            db.Orders.AsNoTracking(),
            q => SalesListQuery.Sort<Order, OrderLine>(q, filter),
            o => new OrderRow(
                o.Id, o.Number, o.Date, o.CustomerId,
                db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault(),
                o.Status, o.ApprovalState, o.Total,
                db.Users.Where(u => u.Id == o.SalesmanId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Warehouses.Where(w => w.Id == o.WarehouseId).Select(w => w.Name).FirstOrDefault()),
            filter.Page,
            cancellationToken: cancellationToken);
        var customerName = filter.CustomerId is { } customerId
            ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return View(new OrderIndexViewModel(filter, rows, await Lookups.SalesmanOptionsAsync(filter.SalesmanId, cancellationToken), customerName, CanEdit));
    }

    /// <summary>The list as CSV or .xlsx: exactly its filters and sort, all pages.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] OrderListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();
        var rows = SalesListQuery.Sort<Order, OrderLine>(Filtered(filter), filter)
            .Select(o => new OrderExportRow(
                o.Number, o.Date,
                db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.Code).FirstOrDefault(),
                db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault(),
                o.Status, o.ApprovalState, o.Total,
                db.Users.Where(u => u.Id == o.SalesmanId).Select(u => u.DisplayName).FirstOrDefault(),
                db.OrgUnits.Where(u => u.Id == o.OrgUnitId).Select(u => u.Name).FirstOrDefault(),
                db.Warehouses.Where(w => w.Id == o.WarehouseId).Select(w => w.Name).FirstOrDefault(),
                o.DeliveryAddress, o.Remarks));
        string[] headers =
        [
            l["SalesDocument.Number"], l["SalesDocument.Date"], l["Customers.Code"], l["SalesDocument.Customer"], l["Orders.Status"],
            l["Sales.ApprovalState"], l["SalesDocument.Total"], l["SalesDocument.Salesman"], l["Sales.OrgUnit"], l["Order.Warehouse"],
            l["Order.DeliveryAddress"], l["SalesDocument.Remarks"],
        ];
        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"orders-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        await SalesExport.WriteAsync(HttpContext, db, currentUser, clock, nameof(Order), fileName, xlsx, headers, rows, r =>
        [
            r.Number, r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.CustomerCode, r.CustomerName,
            l["OrderStatus." + r.Status].Value, l["PriceApprovalState." + r.ApprovalState].Value, r.Total, r.Salesman, r.OrgUnit, r.Warehouse,
            r.DeliveryAddress, r.Remarks,
        ], cancellationToken);
        return new EmptyResult();
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await DetailsAsync(id, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>A printable order (print.css drops the navigation), in the user's language.</summary>
    [HttpGet]
    public async Task<IActionResult> Print(int id, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
            return NotFound();
        var header = await Lookups.HeaderAsync(order, cancellationToken);
        var settings = await Lookups.SettingsAsync(cancellationToken);
        var warehouse = await db.Warehouses.AsNoTracking().Where(w => w.Id == order.WarehouseId).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken);
        var facts = new List<(string, string)>
        {
            (l["Order.Warehouse"], warehouse ?? "—"),
            (l["Order.DeliveryAddress"], order.DeliveryAddress ?? header.CustomerAddress ?? "—"),
        };
        return View(new SalesPrintViewModel(
            l["Orders.PrintTitle"], header, order.Lines.OrderBy(x => x.LineNo).Select(SalesLineRow.From).ToList(),
            l["OrderStatus." + order.Status], facts, settings.CompanyName, settings.CompanyAddress, settings.CompanyPhone, settings.CompanyTaxNumber));
    }

    [HttpGet]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> Create(int? customerId, string? customerSearch, CancellationToken cancellationToken)
    {
        SalesCustomer? customer = null;
        if (customerId is { } id)
        {
            customer = await Lookups.CustomerAsync(id, cancellationToken);
            if (customer is null)
                return NotFound();
            if (customer.Status == CustomerStatus.Archived)
                ModelState.AddModelError(string.Empty, l["Customer.Archived"]);
        }

        var warehouses = await Lookups.WarehouseOptionsAsync(null, cancellationToken);
        var form = new OrderHeaderModel
        {
            CustomerId = customer?.Id ?? 0,
            Date = Today(),
            DeliveryAddress = customer?.Address,
            WarehouseId = warehouses.Count > 0 ? int.Parse(warehouses[0].Value, CultureInfo.InvariantCulture) : null,
        };
        return View("Form", await FormAsync(null, null, customer, form, customerSearch, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> Create(OrderHeaderModel form, CancellationToken cancellationToken)
    {
        var customer = await Lookups.CustomerAsync(form.CustomerId, cancellationToken);
        if (customer is null)
            return NotFound();
        if (customer.Status == CustomerStatus.Archived)
            ModelState.AddModelError(string.Empty, l["Customer.Archived"]);
        await ValidateHeaderAsync(form, customer.Id, null, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                var (salesman, unit) = await Lookups.SellerOfAsync(customer, cancellationToken);
                var number = await numbers.NextOrderAsync(cancellationToken);
                var order = new Order(number, customer.Id, unit, salesman, form.Date!.Value, form.WarehouseId!.Value, form.DeliveryAddress);
                order.UpdateHeader(form.ContactId, form.Date.Value, form.WarehouseId.Value, form.DeliveryAddress, form.Remarks, []);
                db.Orders.Add(order);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Orders.Created", order.Number].Value;
                return RedirectToAction(nameof(Details), null, new { id = order.Id }, "add-line");
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        return View("Form", await FormAsync(null, null, customer, form, null, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
            return NotFound();
        if (order.Status != OrderStatus.Draft)
        {
            TempData["Error"] = l["Order.NotDraft"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        var customer = await Lookups.CustomerAsync(order.CustomerId, cancellationToken);
        return View("Form", await FormAsync(order.Id, order.Number, customer, OrderHeaderModel.From(order), null, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> Edit(int id, OrderHeaderModel form, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
            return NotFound();
        form.CustomerId = order.CustomerId;
        await ValidateHeaderAsync(form, order.CustomerId, order.WarehouseId, cancellationToken);
        if (ModelState.IsValid && form.Version != order.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(order).Property(o => o.Version).OriginalValue = form.Version;
                var products = await Lookups.ProductsOfAsync(order.Lines.Select(x => x.ProductId), cancellationToken);
                order.UpdateHeader(form.ContactId, form.Date!.Value, form.WarehouseId!.Value, form.DeliveryAddress, form.Remarks, products);
                // A new date prices the lines again, which may need a new approval.
                await approvals.WithdrawIfStaleAsync(ApprovalKind.OrderPrice, order, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Orders.Saved", order.Number].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        var customer = await Lookups.CustomerAsync(order.CustomerId, cancellationToken);
        return View("Form", await FormAsync(order.Id, order.Number, customer, form, null, cancellationToken));
    }

    /// <summary>Adds a line; a refused line (quantity, discount, price) shows its message at the field and saves nothing.</summary>
    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> AddLine(int id, [Bind(Prefix = SalesLineAddModel.Prefix)] SalesLineAddModel line, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
            return NotFound();
        if (order.Version != line.Version)
            return Stale(id);
        if (order.Status != OrderStatus.Draft)
        {
            TempData["Error"] = l["Order.NotDraft"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        if (ModelState.IsValid)
        {
            var product = await Lookups.ProductAsync(line.ProductId!.Value, cancellationToken);
            if (product is null)
            {
                ModelState.AddModelError($"{SalesLineAddModel.Prefix}.{nameof(line.ProductId)}", l["Validation.ChooseFromList"]);
            }
            else
            {
                try
                {
                    db.Entry(order).Property(o => o.Version).OriginalValue = line.Version;
                    var priceType = line.PriceType ?? await Lookups.DefaultPriceTypeAsync(order.CustomerId, cancellationToken);
                    var added = order.AddLine(product, line.Quantity!.Value, priceType, line.UnitPrice, line.DiscountPercent ?? 0);
                    await approvals.WithdrawIfStaleAsync(ApprovalKind.OrderPrice, order, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    TempData["Success"] = l["Sales.LineAdded", added.ProductName].Value;
                    return RedirectToAction(nameof(Details), null, new { id }, "add-line");
                }
                catch (DomainException e)
                {
                    SalesLineAddModel.AddError(ModelState, l, e);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return Stale(id);
                }
            }
        }

        db.ChangeTracker.Clear();
        return View(nameof(Details), await DetailsAsync(id, line, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> RemoveLine(int id, int lineNo, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async order =>
        {
            var name = order.Lines.FirstOrDefault(x => x.LineNo == lineNo)?.ProductName;
            order.RemoveLine(lineNo);
            await approvals.WithdrawIfStaleAsync(ApprovalKind.OrderPrice, order, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return l["Sales.LineRemoved", name ?? string.Empty];
        }, cancellationToken);

    /// <summary>Asks a manager to approve the lines below the floor price (审批).</summary>
    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> RequestApproval(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async order =>
        {
            await approvals.RequestAsync(order, cancellationToken);
            return l["Sales.ApprovalRequested", order.Number];
        }, cancellationToken);

    /// <summary>确认: reserves the stock; refuses overselling naming the product and what is available.</summary>
    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> Confirm(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async order =>
        {
            await orders.ConfirmAsync(order, cancellationToken);
            return l["Orders.Confirmed", order.Number];
        }, cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> Ship(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async order =>
        {
            await orders.ShipAsync(order, cancellationToken);
            return l["Orders.Shipped", order.Number];
        }, cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> Complete(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async order =>
        {
            await orders.CompleteAsync(order, cancellationToken);
            return l["Orders.Completed", order.Number];
        }, cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> Cancel(int id, Guid version, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async order =>
        {
            await orders.CancelAsync(order, reason ?? string.Empty, cancellationToken);
            return l["Orders.Cancelled", order.Number];
        }, cancellationToken);

    /// <summary>
    /// One change of an order from its page: refused when the page was stale; a refusal of the domain or a
    /// concurrent change (the order, its customer or the stock) shows a message and saves nothing.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(int id, Guid version, Func<Order, Task<LocalizedString>> change, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
            return NotFound();
        if (order.Version != version)
            return Stale(id);
        try
        {
            db.Entry(order).Property(o => o.Version).OriginalValue = version;
            TempData["Success"] = (await change(order)).Value;
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Message(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Sales.ChangedMeanwhile"].Value;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private RedirectToActionResult Stale(int id)
    {
        TempData["Error"] = l["Common.ConcurrencyConflict"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    private IQueryable<Order> Filtered(OrderListFilter f)
    {
        var query = SalesListQuery.Filter<Order, OrderLine>(db, currentUser, db.Orders.AsNoTracking(), f, NumberPrefix);
        if (f.Status is { } status)
            query = query.Where(o => o.Status == status);
        return query;
    }

    private async Task<OrderDetailsViewModel?> DetailsAsync(int id, SalesLineAddModel? posted, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
            return null;
        var canEdit = CanEdit;
        var draft = order.Status == OrderStatus.Draft;
        SalesLineFormViewModel? lineForm = null;
        if (canEdit && draft)
        {
            var defaultType = await Lookups.DefaultPriceTypeAsync(order.CustomerId, cancellationToken);
            lineForm = new SalesLineFormViewModel(order.Id, order.Version, await Lookups.ProductOptionsAsync(order.WarehouseId, cancellationToken),
                posted ?? new SalesLineAddModel { PriceType = defaultType }, defaultType);
        }

        return new OrderDetailsViewModel
        {
            Header = await Lookups.HeaderAsync(order, cancellationToken),
            Status = order.Status,
            Warehouse = await db.Warehouses.AsNoTracking().Where(w => w.Id == order.WarehouseId).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken),
            DeliveryAddress = order.DeliveryAddress,
            QuoteId = order.QuoteId,
            QuoteNumber = order.QuoteId is { } quoteId
                ? await db.Quotes.AsNoTracking().Where(q => q.Id == quoteId).Select(q => q.Number).SingleOrDefaultAsync(cancellationToken)
                : null,
            CreatedAt = order.CreatedAt,
            ConfirmedAt = order.ConfirmedAt,
            ShippedAt = order.ShippedAt,
            CompletedAt = order.CompletedAt,
            CancelledAt = order.CancelledAt,
            CancelReason = order.CancelReason,
            Lines = new SalesLinesViewModel(order.Id, order.Version, order.Lines.OrderBy(x => x.LineNo).Select(SalesLineRow.From).ToList(),
                order.Total, canEdit && draft, !draft),
            LineForm = lineForm,
            Approval = new SalesApprovalPanel(order.Id, order.Version, order.ApprovalState,
                await Lookups.LatestApprovalAsync(ApprovalKind.OrderPrice, order.Id, cancellationToken),
                canEdit && draft && order.ApprovalState is PriceApprovalState.Required or PriceApprovalState.Rejected),
            CanEdit = canEdit && draft,
            CanConfirm = canEdit && order.CanMoveTo(OrderStatus.Confirmed) && order.Lines.Count > 0 && order.IsPriceCleared,
            CanShip = canEdit && order.CanMoveTo(OrderStatus.Shipped),
            CanComplete = canEdit && order.CanMoveTo(OrderStatus.Completed),
            CanCancel = canEdit && order.CanMoveTo(OrderStatus.Cancelled),
        };
    }

    private async Task ValidateHeaderAsync(OrderHeaderModel form, int customerId, int? currentWarehouse, CancellationToken cancellationToken)
    {
        if (form.ContactId is { } contactId && !await Lookups.IsContactOfAsync(customerId, contactId, cancellationToken))
            ModelState.AddModelError(nameof(form.ContactId), l["Validation.ChooseFromList"]);
        if (form.WarehouseId is { } warehouseId && !await Lookups.IsUsableWarehouseAsync(warehouseId, currentWarehouse, cancellationToken))
            ModelState.AddModelError(nameof(form.WarehouseId), l["Validation.ChooseFromList"]);
    }

    private async Task<OrderFormViewModel> FormAsync(int? id, string? number, SalesCustomer? customer, OrderHeaderModel form, string? customerSearch, CancellationToken cancellationToken) =>
        new(id, number, customer, form, customerSearch,
            customer is null ? await Lookups.CustomerOptionsAsync(customerSearch, cancellationToken) : [],
            customer is null ? [] : await Lookups.ContactOptionsAsync(customer.Id, form.ContactId, cancellationToken),
            await Lookups.WarehouseOptionsAsync(form.WarehouseId, cancellationToken));

    private DateOnly Today() => DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);
}
