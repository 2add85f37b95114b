using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Service;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Areas.Service.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Service.Controllers;

/// <summary>
/// 服务合同: covered products, term, service level and an optional allowance of cases (used as requests are
/// raised under it). Expiring = ending within the renewal window of the settings. Visible with its customer.
/// </summary>
[Area("Service")]
[Authorize(Policy = P.Service.View)]
public sealed class ContractsController(
    CrmDbContext db,
    ContractService contracts,
    ICurrentUser currentUser,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private ServiceLookups? _lookups;

    private ServiceLookups Lookups => _lookups ??= new ServiceLookups(db, currentUser);

    private DateOnly Today => DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);

    private async Task<int> RenewalDaysAsync(CancellationToken cancellationToken) =>
        await db.SystemSettings.AsNoTracking().Select(s => (int?)s.ContractRenewalReminderDays).FirstOrDefaultAsync(cancellationToken)
        ?? SystemSettings.Defaults().ContractRenewalReminderDays;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ContractListFilter filter, CancellationToken cancellationToken)
    {
        var today = Today;
        var days = await RenewalDaysAsync(cancellationToken);
        var query = ModelState.IsValid ? filter.Apply(db, today, days) : db.ServiceContracts.Where(_ => false).OrderBy(c => c.Id);
        var rows = await query
            .Select(c => new ContractRow(
                c.Id, c.Number, c.CustomerId,
                db.Customers.Where(k => k.Id == c.CustomerId).Select(k => k.Name).FirstOrDefault(),
                c.StartDate, c.EndDate, c.Level, c.CaseAllowance, c.CasesUsed, c.Products.Count,
                ContractTerm.Active))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        var page = new Paged<ContractRow>(
            rows.Items.Select(r => r with { Term = ContractListFilter.TermOf(r.StartDate, r.EndDate, today, days) }).ToList(), rows.Page);
        return View(new ContractIndexViewModel(filter, page, days, currentUser.HasPermission(P.Service.Edit)));
    }

    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] ContractListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();
        var rows = filter.Apply(db, Today, await RenewalDaysAsync(cancellationToken))
            .Select(c => new ContractExportRow(
                c.Number,
                db.Customers.Where(k => k.Id == c.CustomerId).Select(k => k.Code).FirstOrDefault(),
                db.Customers.Where(k => k.Id == c.CustomerId).Select(k => k.Name).FirstOrDefault(),
                c.StartDate, c.EndDate, c.Level, c.CaseAllowance, c.CasesUsed, c.Remarks));
        string[] headerKeys =
        [
            "ServiceContract.Number", "Customers.Code", "ServiceContract.Customer", "ServiceContract.StartDate", "ServiceContract.EndDate",
            "ServiceContract.Level", "ServiceContract.CaseAllowance", "ServiceContract.CasesUsed", "ServiceContract.Remarks",
        ];
        var headers = headerKeys.Select(k => l[k].Value).ToList();
        object?[] Values(ContractExportRow r) =>
        [
            r.Number, r.CustomerCode, r.Customer, ServiceFormat.Date(r.StartDate), ServiceFormat.Date(r.EndDate), l["ServiceLevel." + r.Level].Value,
            r.CaseAllowance, r.CasesUsed, r.Remarks,
        ];

        var xlsx = ExportFile.IsXlsx(format);
        var fileName = $"service-contracts-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
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

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(ServiceContract), ServiceFormat.FilterSummary(Request.Query),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null,
            count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var contract = await db.ServiceContracts.AsNoTracking().Include(c => c.Products).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
            return NotFound();
        var productIds = contract.Products.Select(p => p.ProductId).ToList();
        var products = (await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).OrderBy(p => p.Code)
                .Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.Code, p.Name)).ToList();
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == contract.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        var days = await RenewalDaysAsync(cancellationToken);
        return View(new ContractDetailsViewModel(
            contract.Id, contract.Number, contract.Version, contract.CustomerId, customer, contract.StartDate, contract.EndDate, contract.Level,
            contract.CaseAllowance, contract.CasesUsed, contract.CasesLeft, contract.Remarks, contract.RenewalReminderSentAt, products,
            ContractListFilter.TermOf(contract.StartDate, contract.EndDate, Today, days),
            currentUser.HasPermission(P.Service.Edit)));
    }

    [HttpGet]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Create(int? customerId, string? customerSearch, CancellationToken cancellationToken)
    {
        if (customerId is null)
            return View("Pick", new ServiceCustomerPicker(customerSearch, await Lookups.CustomerOptionsAsync(customerSearch, cancellationToken)));
        var customer = await Lookups.CustomerAsync(customerId.Value, cancellationToken);
        if (customer is null)
            return NotFound();
        var today = Today;
        var form = new ContractEditModel { CustomerId = customer.Id, StartDate = today, EndDate = today.AddYears(1).AddDays(-1), Level = ServiceLevel.Standard };
        return View("Form", await FormAsync(null, null, 0, customer, form, [], cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Create(ContractEditModel form, CancellationToken cancellationToken)
    {
        var customer = form.CustomerId is { } customerId ? await Lookups.CustomerAsync(customerId, cancellationToken) : null;
        if (customer is null)
            return NotFound();
        form.ProductIds ??= [];
        if (!await Lookups.AreProductsAsync(form.ProductIds, [], cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.ProductIds), l["Validation.ChooseFromList"]);
        if (ModelState.IsValid)
        {
            try
            {
                var contract = new ServiceContract(await contracts.NextNumberAsync(cancellationToken), customer.Id, form.StartDate!.Value, form.EndDate!.Value,
                    form.Level!.Value, form.CaseAllowance);
                contract.Update(form.StartDate!.Value, form.EndDate!.Value, form.Level!.Value, form.CaseAllowance, form.Remarks);
                contract.SetProducts(form.ProductIds);
                db.ServiceContracts.Add(contract);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Contracts.Created", contract.Number].Value;
                return RedirectToAction(nameof(Details), new { id = contract.Id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        return View("Form", await FormAsync(null, null, 0, customer, form, [], cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var contract = await db.ServiceContracts.AsNoTracking().Include(c => c.Products).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
            return NotFound();
        var customer = (await Lookups.CustomerAsync(contract.CustomerId, cancellationToken))!;
        var form = ContractEditModel.From(contract);
        return View("Form", await FormAsync(contract.Id, contract.Number, contract.CasesUsed, customer, form, form.ProductIds, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = P.Service.Edit)]
    public async Task<IActionResult> Edit(int id, ContractEditModel form, CancellationToken cancellationToken)
    {
        var contract = await db.ServiceContracts.Include(c => c.Products).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
            return NotFound();
        form.CustomerId = contract.CustomerId;
        form.ProductIds ??= [];
        var current = contract.Products.Select(p => p.ProductId).ToList();
        if (!await Lookups.AreProductsAsync(form.ProductIds, current, cancellationToken))
            ModelState.AddModelError("Form." + nameof(form.ProductIds), l["Validation.ChooseFromList"]);
        if (ModelState.IsValid && contract.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(contract).Property(c => c.Version).OriginalValue = form.Version;
                contract.Update(form.StartDate!.Value, form.EndDate!.Value, form.Level!.Value, form.CaseAllowance, form.Remarks);
                contract.SetProducts(form.ProductIds);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Contracts.Saved", contract.Number].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        var customer = (await Lookups.CustomerAsync(contract.CustomerId, cancellationToken))!;
        return View("Form", await FormAsync(contract.Id, contract.Number, contract.CasesUsed, customer, form, current, cancellationToken));
    }

    private async Task<ContractFormViewModel> FormAsync(int? id, string? number, int casesUsed, ServiceCustomer customer, ContractEditModel form,
        IReadOnlyCollection<int> current, CancellationToken cancellationToken)
    {
        var options = await Lookups.ProductOptionsAsync(current.Union(form.ProductIds).ToList(), cancellationToken);
        foreach (var option in options)
            option.Selected = form.ProductIds.Contains(int.Parse(option.Value, CultureInfo.InvariantCulture));
        return new(id, number, casesUsed, customer, form, options);
    }
}
