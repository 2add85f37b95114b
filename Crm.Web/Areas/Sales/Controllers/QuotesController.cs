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
/// 报价单: drafted, sent once its prices are cleared, accepted or rejected by the customer, and converted
/// into a draft order. Visible through the customer's data scope like orders; every change posts the
/// version the page was rendered with.
/// </summary>
[Area("Sales")]
[Authorize(Policy = P.Orders.View)]
public sealed class QuotesController(
    CrmDbContext db,
    ApprovalService approvals,
    SalesNumbers numbers,
    ICurrentUser currentUser,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const string NumberPrefix = "BJ";

    private SalesLookups? _lookups;

    private SalesLookups Lookups => _lookups ??= new SalesLookups(db, currentUser);

    private bool CanEdit => currentUser.HasPermission(P.Orders.Edit);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] QuoteListFilter filter, CancellationToken cancellationToken)
    {
        var query = ModelState.IsValid ? Filtered(filter) : db.Quotes.Where(_ => false);
        var rows = await query.ToPageByKeyAsync(
            db.Quotes.AsNoTracking(),
            x => SalesListQuery.Sort<Quote, QuoteLine>(x, filter),
            q => new QuoteRow(
                q.Id, q.Number, q.Date, q.ValidUntil, q.CustomerId,
                db.Customers.Where(c => c.Id == q.CustomerId).Select(c => c.Name).FirstOrDefault(),
                q.Status, q.ApprovalState, q.Total,
                db.Users.Where(u => u.Id == q.SalesmanId).Select(u => u.DisplayName).FirstOrDefault()),
            filter.Page,
            cancellationToken: cancellationToken);
        var customerName = filter.CustomerId is { } customerId
            ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return View(new QuoteIndexViewModel(filter, rows, await Lookups.SalesmanOptionsAsync(filter.SalesmanId, cancellationToken), customerName, CanEdit));
    }

    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] QuoteListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();
        var rows = SalesListQuery.Sort<Quote, QuoteLine>(Filtered(filter), filter)
            .Select(q => new QuoteExportRow(
                q.Number, q.Date, q.ValidUntil,
                db.Customers.Where(c => c.Id == q.CustomerId).Select(c => c.Code).FirstOrDefault(),
                db.Customers.Where(c => c.Id == q.CustomerId).Select(c => c.Name).FirstOrDefault(),
                q.Status, q.ApprovalState, q.Total,
                db.Users.Where(u => u.Id == q.SalesmanId).Select(u => u.DisplayName).FirstOrDefault(),
                db.OrgUnits.Where(u => u.Id == q.OrgUnitId).Select(u => u.Name).FirstOrDefault(),
                q.Remarks));
        string[] headers =
        [
            l["SalesDocument.Number"], l["SalesDocument.Date"], l["Quote.ValidUntil"], l["Customers.Code"], l["SalesDocument.Customer"],
            l["Quotes.Status"], l["Sales.ApprovalState"], l["SalesDocument.Total"], l["SalesDocument.Salesman"], l["Sales.OrgUnit"],
            l["SalesDocument.Remarks"],
        ];
        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"quotes-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        await SalesExport.WriteAsync(HttpContext, db, currentUser, clock, nameof(Quote), fileName, xlsx, headers, rows, r =>
        [
            r.Number, r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.CustomerCode, r.CustomerName, l["QuoteStatus." + r.Status].Value, l["PriceApprovalState." + r.ApprovalState].Value, r.Total,
            r.Salesman, r.OrgUnit, r.Remarks,
        ], cancellationToken);
        return new EmptyResult();
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await DetailsAsync(id, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    public async Task<IActionResult> Print(int id, CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.AsNoTracking().Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (quote is null)
            return NotFound();
        var header = await Lookups.HeaderAsync(quote, cancellationToken);
        var settings = await Lookups.SettingsAsync(cancellationToken);
        var facts = new List<(string, string)> { (l["Quote.ValidUntil"], SalesFormat.Date(quote.ValidUntil)) };
        return View(new SalesPrintViewModel(
            l["Quotes.PrintTitle"], header, quote.Lines.OrderBy(x => x.LineNo).Select(SalesLineRow.From).ToList(),
            l["QuoteStatus." + quote.Status], facts, settings.CompanyName, settings.CompanyAddress, settings.CompanyPhone, settings.CompanyTaxNumber));
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

        var today = Today();
        var form = new QuoteHeaderModel { CustomerId = customer?.Id ?? 0, Date = today, ValidUntil = today.AddDays(30) };
        return View("Form", await FormAsync(null, null, customer, form, customerSearch, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> Create(QuoteHeaderModel form, CancellationToken cancellationToken)
    {
        var customer = await Lookups.CustomerAsync(form.CustomerId, cancellationToken);
        if (customer is null)
            return NotFound();
        if (customer.Status == CustomerStatus.Archived)
            ModelState.AddModelError(string.Empty, l["Customer.Archived"]);
        await ValidateHeaderAsync(form, customer.Id, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                var (salesman, unit) = await Lookups.SellerOfAsync(customer, cancellationToken);
                var number = await numbers.NextQuoteAsync(cancellationToken);
                var quote = new Quote(number, customer.Id, unit, salesman, form.Date!.Value, form.ValidUntil);
                quote.UpdateHeader(form.ContactId, form.Date.Value, form.ValidUntil, form.Remarks, []);
                db.Quotes.Add(quote);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Quotes.Created", quote.Number].Value;
                return RedirectToAction(nameof(Details), null, new { id = quote.Id }, "add-line");
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddHeaderError(e);
            }
        }

        return View("Form", await FormAsync(null, null, customer, form, null, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (quote is null)
            return NotFound();
        if (quote.Status != QuoteStatus.Draft)
        {
            TempData["Error"] = l["Quote.NotDraft"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        var customer = await Lookups.CustomerAsync(quote.CustomerId, cancellationToken);
        return View("Form", await FormAsync(quote.Id, quote.Number, customer, QuoteHeaderModel.From(quote), null, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> Edit(int id, QuoteHeaderModel form, CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (quote is null)
            return NotFound();
        form.CustomerId = quote.CustomerId;
        await ValidateHeaderAsync(form, quote.CustomerId, cancellationToken);
        if (ModelState.IsValid && form.Version != quote.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(quote).Property(q => q.Version).OriginalValue = form.Version;
                var products = await Lookups.ProductsOfAsync(quote.Lines.Select(x => x.ProductId), cancellationToken);
                quote.UpdateHeader(form.ContactId, form.Date!.Value, form.ValidUntil, form.Remarks, products);
                await approvals.WithdrawIfStaleAsync(ApprovalKind.QuotePrice, quote, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Quotes.Saved", quote.Number].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddHeaderError(e);
            }
        }

        var customer = await Lookups.CustomerAsync(quote.CustomerId, cancellationToken);
        return View("Form", await FormAsync(quote.Id, quote.Number, customer, form, null, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> AddLine(int id, [Bind(Prefix = SalesLineAddModel.Prefix)] SalesLineAddModel line, CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (quote is null)
            return NotFound();
        if (quote.Version != line.Version)
            return Stale(id);
        if (quote.Status != QuoteStatus.Draft)
        {
            TempData["Error"] = l["Quote.NotDraft"].Value;
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
                    db.Entry(quote).Property(q => q.Version).OriginalValue = line.Version;
                    var priceType = line.PriceType ?? await Lookups.DefaultPriceTypeAsync(quote.CustomerId, cancellationToken);
                    var added = quote.AddLine(product, line.Quantity!.Value, priceType, line.UnitPrice, line.DiscountPercent ?? 0);
                    await approvals.WithdrawIfStaleAsync(ApprovalKind.QuotePrice, quote, cancellationToken);
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
        ChangeAsync(id, version, async quote =>
        {
            var name = quote.Lines.FirstOrDefault(x => x.LineNo == lineNo)?.ProductName;
            quote.RemoveLine(lineNo);
            await approvals.WithdrawIfStaleAsync(ApprovalKind.QuotePrice, quote, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return l["Sales.LineRemoved", name ?? string.Empty];
        }, cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> RequestApproval(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async quote =>
        {
            await approvals.RequestAsync(quote, cancellationToken);
            return l["Sales.ApprovalRequested", quote.Number];
        }, cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> Send(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async quote =>
        {
            quote.Send(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return l["Quotes.SentMessage", quote.Number];
        }, cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> Accept(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async quote =>
        {
            quote.Accept(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return l["Quotes.AcceptedMessage", quote.Number];
        }, cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> Reject(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async quote =>
        {
            quote.Reject(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return l["Quotes.RejectedMessage", quote.Number];
        }, cancellationToken);

    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public Task<IActionResult> Revise(int id, Guid version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, async quote =>
        {
            quote.Revise();
            await db.SaveChangesAsync(cancellationToken);
            return l["Quotes.RevisedMessage", quote.Number];
        }, cancellationToken);

    /// <summary>Asks for the warehouse, date and delivery address of the order an accepted quote becomes.</summary>
    [HttpGet]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> Convert(int id, CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (quote is null)
            return NotFound();
        if (!quote.CanMoveTo(QuoteStatus.Converted))
        {
            TempData["Error"] = l["Quotes.NotAccepted"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        var header = await Lookups.HeaderAsync(quote, cancellationToken);
        var warehouses = await Lookups.WarehouseOptionsAsync(null, cancellationToken);
        var form = new QuoteConvertModel
        {
            Date = Today(),
            DeliveryAddress = header.CustomerAddress,
            WarehouseId = warehouses.Count > 0 ? int.Parse(warehouses[0].Value, CultureInfo.InvariantCulture) : null,
            Version = quote.Version,
        };
        return View(new QuoteConvertViewModel(header, form, warehouses));
    }

    /// <summary>Makes the draft order with the quote's lines, prices and approval, and opens it.</summary>
    [HttpPost]
    [Authorize(Policy = P.Orders.Edit)]
    public async Task<IActionResult> Convert(int id, QuoteConvertModel form, CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (quote is null)
            return NotFound();
        if (quote.Version != form.Version)
            return Stale(id);
        if (form.WarehouseId is { } warehouseId && !await Lookups.IsUsableWarehouseAsync(warehouseId, null, cancellationToken))
            ModelState.AddModelError(nameof(form.WarehouseId), l["Validation.ChooseFromList"]);
        if (ModelState.IsValid)
        {
            try
            {
                var number = await numbers.NextOrderAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                db.Entry(quote).Property(q => q.Version).OriginalValue = form.Version;
                var order = quote.ConvertToOrder(number, form.Date!.Value, form.WarehouseId!.Value, form.DeliveryAddress);
                db.Orders.Add(order);
                await db.SaveChangesAsync(cancellationToken);
                quote.LinkOrder(order.Id);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                TempData["Success"] = l["Quotes.Converted", quote.Number, order.Number].Value;
                return RedirectToAction("Details", "Orders", new { id = order.Id });
            }
            catch (DomainException e)
            {
                ModelState.AddError(l, e);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Stale(id);
            }
        }

        db.ChangeTracker.Clear();
        var current = await db.Quotes.AsNoTracking().SingleAsync(q => q.Id == id, cancellationToken);
        return View(new QuoteConvertViewModel(await Lookups.HeaderAsync(current, cancellationToken), form,
            await Lookups.WarehouseOptionsAsync(form.WarehouseId, cancellationToken)));
    }

    private async Task<IActionResult> ChangeAsync(int id, Guid version, Func<Quote, Task<LocalizedString>> change, CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (quote is null)
            return NotFound();
        if (quote.Version != version)
            return Stale(id);
        try
        {
            db.Entry(quote).Property(q => q.Version).OriginalValue = version;
            TempData["Success"] = (await change(quote)).Value;
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

    private IQueryable<Quote> Filtered(QuoteListFilter f)
    {
        var query = SalesListQuery.Filter<Quote, QuoteLine>(db, currentUser, db.Quotes.AsNoTracking(), f, NumberPrefix);
        if (f.Status is { } status)
            query = query.Where(q => q.Status == status);
        return query;
    }

    private async Task<QuoteDetailsViewModel?> DetailsAsync(int id, SalesLineAddModel? posted, CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.AsNoTracking().Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (quote is null)
            return null;
        var canEdit = CanEdit;
        var draft = quote.Status == QuoteStatus.Draft;
        SalesLineFormViewModel? lineForm = null;
        if (canEdit && draft)
        {
            var defaultType = await Lookups.DefaultPriceTypeAsync(quote.CustomerId, cancellationToken);
            lineForm = new SalesLineFormViewModel(quote.Id, quote.Version, await Lookups.ProductOptionsAsync(null, cancellationToken),
                posted ?? new SalesLineAddModel { PriceType = defaultType }, defaultType);
        }

        return new QuoteDetailsViewModel
        {
            Header = await Lookups.HeaderAsync(quote, cancellationToken),
            Status = quote.Status,
            ValidUntil = quote.ValidUntil,
            SentAt = quote.SentAt,
            DecidedAt = quote.DecidedAt,
            OrderId = quote.OrderId,
            OrderNumber = quote.OrderId is { } orderId
                ? await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.Number).SingleOrDefaultAsync(cancellationToken)
                : null,
            CreatedAt = quote.CreatedAt,
            Lines = new SalesLinesViewModel(quote.Id, quote.Version, quote.Lines.OrderBy(x => x.LineNo).Select(SalesLineRow.From).ToList(),
                quote.Total, canEdit && draft, false),
            LineForm = lineForm,
            Approval = new SalesApprovalPanel(quote.Id, quote.Version, quote.ApprovalState,
                await Lookups.LatestApprovalAsync(ApprovalKind.QuotePrice, quote.Id, cancellationToken),
                canEdit && draft && quote.ApprovalState is PriceApprovalState.Required or PriceApprovalState.Rejected),
            CanEdit = canEdit && draft,
            CanSend = canEdit && quote.CanMoveTo(QuoteStatus.Sent) && quote.Lines.Count > 0 && quote.IsPriceCleared,
            CanAccept = canEdit && quote.CanMoveTo(QuoteStatus.Accepted),
            CanReject = canEdit && quote.CanMoveTo(QuoteStatus.Rejected),
            CanRevise = canEdit && quote.Status == QuoteStatus.Sent,
            CanConvert = canEdit && quote.CanMoveTo(QuoteStatus.Converted),
        };
    }

    private async Task ValidateHeaderAsync(QuoteHeaderModel form, int customerId, CancellationToken cancellationToken)
    {
        if (form.ContactId is { } contactId && !await Lookups.IsContactOfAsync(customerId, contactId, cancellationToken))
            ModelState.AddModelError(nameof(form.ContactId), l["Validation.ChooseFromList"]);
    }

    private void AddHeaderError(Exception e) =>
        ModelState.AddError(l, e, e is DomainException { Code: "Quote.ValidUntilBeforeDate" } ? nameof(QuoteHeaderModel.ValidUntil) : null);

    private async Task<QuoteFormViewModel> FormAsync(int? id, string? number, SalesCustomer? customer, QuoteHeaderModel form, string? customerSearch, CancellationToken cancellationToken) =>
        new(id, number, customer, form, customerSearch,
            customer is null ? await Lookups.CustomerOptionsAsync(customerSearch, cancellationToken) : [],
            customer is null ? [] : await Lookups.ContactOptionsAsync(customer.Id, form.ContactId, cancellationToken));

    private DateOnly Today() => DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);
}
