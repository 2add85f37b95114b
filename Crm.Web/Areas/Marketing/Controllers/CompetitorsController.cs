using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Marketing;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Web.Areas.Marketing.Models;
using Crm.Web.Infrastructure;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Marketing.Controllers;

/// <summary>
/// 竞争对手: profiles with SWOT, their products against ours, the price comparison, and the opportunities
/// lost to them. Competitors are company-wide; the lost opportunities count only those the user may see.
/// </summary>
[Area("Marketing")]
[Authorize(Policy = P.Competitors.View)]
public sealed class CompetitorsController(
    CrmDbContext db,
    ICurrentUser currentUser,
    UserClock userClock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const int OurProductOptionLimit = 1000;

    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] CompetitorListFilter filter, CancellationToken cancellationToken)
    {
        var rows = await Rows(ModelState.IsValid ? Filter(filter) : db.Competitors.Where(_ => false))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        return View(new CompetitorIndexViewModel(filter, rows, currentUser.HasPermission(P.Competitors.Manage)));
    }

    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] CompetitorListFilter filter, string? format, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();

        var xlsx = Crm.Web.Areas.Customers.Models.ExportFile.IsXlsx(format);
        string[] headers =
        [
            l["Competitor.Name"], l["Competitor.Scale"], l["Competitor.Region"], l["Competitor.Website"],
            l["Competitors.ProductCount"], l["Competitors.LostCount"],
        ];
        var fileName = $"competitors-{userClock.ToLocal(clock.GetUtcNow()):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        var count = await MarketingExport.WriteAsync(Response, fileName, xlsx, headers, Rows(Filter(filter)),
            r => [r.Name, r.Scale, r.Region, r.Website, r.Products, r.LostOpportunities], cancellationToken);

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), AuditAction.Export, nameof(Competitor), MarketingExport.FilterSummary(Request.Query),
            currentUser.UserId, currentUser.UserName, currentUser.IpAddress, xlsx ? "xlsx" : "csv", null, count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await DetailsAsync(id, new CompetitorProductEditModel(), cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    [Authorize(Policy = P.Competitors.Manage)]
    public IActionResult Create() => View("Form", new CompetitorFormViewModel(null, new CompetitorEditModel()));

    [HttpPost]
    [Authorize(Policy = P.Competitors.Manage)]
    public async Task<IActionResult> Create(CompetitorEditModel form, CancellationToken cancellationToken)
    {
        await ValidateAsync(form, null, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                var competitor = new Competitor(form.ToProfile());
                db.Competitors.Add(competitor);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Competitors.Created", competitor.Name].Value;
                return RedirectToAction(nameof(Details), new { id = competitor.Id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddProfileError(e);
            }
            catch (DbUpdateException)
            {
                // Another user saved the same name between our check and our insert (unique index).
                if (!await RefuseTakenNameAsync(form.Name, null, cancellationToken))
                    throw;
            }
        }

        return View("Form", new CompetitorFormViewModel(null, form));
    }

    [HttpGet]
    [Authorize(Policy = P.Competitors.Manage)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var competitor = await db.Competitors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return competitor is null ? NotFound() : View("Form", new CompetitorFormViewModel(id, CompetitorEditModel.From(competitor)));
    }

    [HttpPost]
    [Authorize(Policy = P.Competitors.Manage)]
    public async Task<IActionResult> Edit(int id, CompetitorEditModel form, CancellationToken cancellationToken)
    {
        var competitor = await db.Competitors.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (competitor is null)
            return NotFound();

        await ValidateAsync(form, id, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(competitor).Property(c => c.Version).OriginalValue = form.Version;
                competitor.Update(form.ToProfile());
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Competitors.Saved", competitor.Name].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                AddProfileError(e);
            }
            catch (DbUpdateException)
            {
                if (!await RefuseTakenNameAsync(form.Name, id, cancellationToken))
                    throw;
            }
        }

        return View("Form", new CompetitorFormViewModel(id, form));
    }

    [HttpPost]
    [Authorize(Policy = P.Competitors.Manage)]
    public async Task<IActionResult> AddProduct(int id, [Bind(Prefix = "NewProduct")] CompetitorProductEditModel form, CancellationToken cancellationToken)
    {
        var competitor = await db.Competitors.Include(c => c.Products).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (competitor is null)
            return NotFound();

        const string prefix = "NewProduct.";
        await ValidateOurProductAsync(form.OurProductId, null, prefix + nameof(form.OurProductId), cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                Touch(competitor, form.Version);
                var product = competitor.AddProduct(form.Name!, form.Model, form.Price, form.OurProductId, form.Notes);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Competitors.ProductAdded", product.Name].Value;
                return RedirectToAction(nameof(Details), "Competitors", new { id }, "products");
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e, ProductField(e, prefix));
            }
        }

        db.ChangeTracker.Clear();
        return View(nameof(Details), await DetailsAsync(id, form, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = P.Competitors.Manage)]
    public async Task<IActionResult> EditProduct(int id, int productId, CancellationToken cancellationToken)
    {
        var competitor = await db.Competitors.AsNoTracking().Include(c => c.Products).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var product = competitor?.Products.SingleOrDefault(p => p.Id == productId);
        if (competitor is null || product is null)
            return NotFound();
        var form = CompetitorProductEditModel.From(product, competitor.Version);
        return View("ProductForm", new CompetitorProductFormViewModel(id, competitor.Name, productId, form, await OurProductOptionsAsync(form.OurProductId, cancellationToken)));
    }

    [HttpPost]
    [Authorize(Policy = P.Competitors.Manage)]
    public async Task<IActionResult> EditProduct(int id, int productId, CompetitorProductEditModel form, CancellationToken cancellationToken)
    {
        var competitor = await db.Competitors.Include(c => c.Products).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var product = competitor?.Products.SingleOrDefault(p => p.Id == productId);
        if (competitor is null || product is null)
            return NotFound();

        await ValidateOurProductAsync(form.OurProductId, product.OurProductId, nameof(form.OurProductId), cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                Touch(competitor, form.Version);
                product.Update(form.Name!, form.Model, form.Price, form.OurProductId, form.Notes);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Success"] = l["Competitors.ProductSaved", product.Name].Value;
                return RedirectToAction(nameof(Details), "Competitors", new { id }, "products");
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e, ProductField(e, string.Empty));
            }
        }

        return View("ProductForm", new CompetitorProductFormViewModel(id, competitor.Name, productId, form, await OurProductOptionsAsync(form.OurProductId, cancellationToken)));
    }

    [HttpPost]
    [Authorize(Policy = P.Competitors.Manage)]
    public async Task<IActionResult> RemoveProduct(int id, int productId, Guid version, CancellationToken cancellationToken)
    {
        var competitor = await db.Competitors.Include(c => c.Products).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (competitor is null)
            return NotFound();
        try
        {
            var name = competitor.Products.FirstOrDefault(p => p.Id == productId)?.Name;
            Touch(competitor, version);
            competitor.RemoveProduct(productId);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Success"] = l["Competitors.ProductRemoved", name ?? string.Empty].Value;
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            TempData["Error"] = e is DomainException domain ? l.Message(domain) : l["Common.ConcurrencyConflict"].Value;
        }

        return RedirectToAction(nameof(Details), "Competitors", new { id }, "products");
    }

    /// <summary>
    /// 竞品比较: each of our products that competitor products name, with our list price and the special
    /// prices valid today, against every competitor's price and the difference in percent.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Compare(CancellationToken cancellationToken)
    {
        var today = Today();
        var rivals = await (
                from p in db.Set<CompetitorProduct>().AsNoTracking()
                join c in db.Competitors.AsNoTracking() on p.CompetitorId equals c.Id
                select new { p.OurProductId, CompetitorId = c.Id, Competitor = c.Name, p.Name, p.Model, p.Price, p.Notes })
            .ToListAsync(cancellationToken);
        var linked = rivals.Where(r => r.OurProductId is not null).ToList();
        var ids = linked.Select(r => r.OurProductId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Include(p => p.Prices).Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);

        var comparisons = products.OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new ProductComparison(
                p.Id, p.Code, p.Name, p.Specification,
                p.Prices.Where(x => x.IsValidOn(today)).OrderBy(x => x.Type).Select(x => new OurPrice(x.Type, x.Amount))
                    .Prepend(new OurPrice(PriceType.List, p.ListPrice)).ToList(),
                linked.Where(r => r.OurProductId == p.Id)
                    .OrderBy(r => r.Price is null).ThenBy(r => r.Price).ThenBy(r => r.Competitor, StringComparer.Ordinal)
                    .Select(r => new RivalOffer(r.CompetitorId, r.Competitor, r.Name, r.Model, r.Price, r.Notes)).ToList()))
            .ToList();
        return View(new CompetitorCompareViewModel(today, comparisons, rivals.Count - linked.Count));
    }

    private IQueryable<Competitor> Filter(CompetitorListFilter f)
    {
        var query = db.Competitors.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(c => c.Name.Contains(q) || (c.Region != null && c.Region.Contains(q)) || c.Products.Any(p => p.Name.Contains(q) || (p.Model != null && p.Model.Contains(q))));
        }

        return (f.Sort?.ToLowerInvariant(), f.Descending) switch
        {
            ("name", true) => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
            ("region", false) => query.OrderBy(c => c.Region).ThenBy(c => c.Name).ThenBy(c => c.Id),
            ("region", true) => query.OrderByDescending(c => c.Region).ThenBy(c => c.Name).ThenBy(c => c.Id),
            _ => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
        };
    }

    /// <summary>Rows with their product count and the lost opportunities the user can see.</summary>
    private IQueryable<CompetitorRow> Rows(IQueryable<Competitor> ordered) =>
        ordered.Select(c => new CompetitorRow(
            c.Id, c.Name, c.Scale, c.Region, c.Website, c.Products.Count,
            db.Opportunities.Count(o => o.LostToCompetitorId == c.Id && o.Status == OpportunityStatus.Lost)));

    private async Task<CompetitorDetailsViewModel?> DetailsAsync(int id, CompetitorProductEditModel newProduct, CancellationToken cancellationToken)
    {
        var competitor = await db.Competitors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (competitor is null)
            return null;

        var products = await db.Set<CompetitorProduct>().AsNoTracking().Where(p => p.CompetitorId == id)
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new CompetitorProductRow(
                p.Id, p.Name, p.Model, p.Price, p.OurProductId,
                db.Products.Where(x => x.Id == p.OurProductId).Select(x => x.Code + " " + x.Name).FirstOrDefault(),
                db.Products.Where(x => x.Id == p.OurProductId).Select(x => (decimal?)x.ListPrice).FirstOrDefault(),
                p.Notes))
            .ToListAsync(cancellationToken);

        // The data-scope filter applies: a salesman counts the ones he created or was assigned.
        var chinese = Chinese;
        var lostQuery = db.Opportunities.AsNoTracking().Where(o => o.LostToCompetitorId == id && o.Status == OpportunityStatus.Lost);
        var lost = await lostQuery.OrderByDescending(o => o.ClosedAt).ThenByDescending(o => o.Id)
            .Take(CompetitorDetailsViewModel.LostLimit)
            .Select(o => new LostOpportunityRow(
                o.Id, o.Summary,
                db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.DictionaryItems.Where(d => d.Id == o.LostReasonId).Select(d => chinese ? d.NameZh : d.NameEn).FirstOrDefault(),
                o.ExpectedAmount, o.ClosedAt))
            .ToListAsync(cancellationToken);
        var totals = await lostQuery.GroupBy(o => o.LostToCompetitorId)
            .Select(g => new { Count = g.Count(), Amount = g.Sum(o => o.ExpectedAmount ?? 0m) })
            .SingleOrDefaultAsync(cancellationToken);

        var canManage = currentUser.HasPermission(P.Competitors.Manage);
        newProduct.Version = competitor.Version;
        return new CompetitorDetailsViewModel(
            id, CompetitorEditModel.From(competitor), products, lost, totals?.Count ?? 0, totals?.Amount ?? 0m,
            currentUser.Scope == DataScope.All, canManage, newProduct,
            canManage ? await OurProductOptionsAsync(newProduct.OurProductId, cancellationToken) : []);
    }

    /// <summary>Our products to compete with: those on sale, plus the one already chosen.</summary>
    private async Task<IReadOnlyList<SelectListItem>> OurProductOptionsAsync(int? selected, CancellationToken cancellationToken) =>
        (await db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Active || p.Id == selected)
            .OrderBy(p => p.Code)
            .Take(OurProductOptionLimit)
            .Select(p => new { p.Id, p.Code, p.Name, p.Specification })
            .ToListAsync(cancellationToken))
        .Select(p => new SelectListItem($"{p.Code} {p.Name}{(p.Specification is null ? string.Empty : $" ({p.Specification})")}", p.Id.ToString(CultureInfo.InvariantCulture), p.Id == selected))
        .ToList();

    private async Task ValidateOurProductAsync(int? productId, int? current, string field, CancellationToken cancellationToken)
    {
        if (productId is { } id && id != current && !await db.Products.AnyAsync(p => p.Id == id && p.Status == ProductStatus.Active, cancellationToken))
            ModelState.AddModelError(field, l["Validation.ChooseFromList"]);
    }

    private async Task ValidateAsync(CompetitorEditModel form, int? id, CancellationToken cancellationToken)
    {
        if (!CompetitorWebsite.IsValid(form.Website))
            ModelState.AddModelError(nameof(form.Website), l["Competitors.WebsiteInvalid"]);
        if (!string.IsNullOrWhiteSpace(form.Name) && await NameTakenAsync(form.Name, id, cancellationToken))
            ModelState.AddModelError(nameof(form.Name), l["Competitors.NameTaken", form.Name.Trim()]);
    }

    /// <returns>Whether the unique index refused the save because the name was taken meanwhile (else it is a fault).</returns>
    private async Task<bool> RefuseTakenNameAsync(string name, int? id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (!await NameTakenAsync(name, id, cancellationToken))
            return false;
        ModelState.AddModelError(nameof(CompetitorEditModel.Name), l["Competitors.NameTaken", name.Trim()]);
        return true;
    }

    /// <summary>Names are unique whatever their letter case (SQL Server compares so; SQLite would not).</summary>
    private Task<bool> NameTakenAsync(string name, int? id, CancellationToken cancellationToken)
    {
        var upper = name.Trim().ToUpperInvariant();
        return db.Competitors.AnyAsync(c => c.Id != id && c.Name.ToUpper() == upper, cancellationToken);
    }

    /// <summary>
    /// A product change is a change of the competitor: its version is checked against the form's and
    /// renewed, so a stale product form is refused like a stale profile.
    /// </summary>
    private void Touch(Competitor competitor, Guid version)
    {
        db.Entry(competitor).Property(c => c.Version).OriginalValue = version;
        competitor.MarkUpdated(currentUser.UserId, clock.GetUtcNow());
    }

    private void AddProfileError(Exception e)
    {
        var field = e is DomainException { Arguments: [string key, ..] } && key.StartsWith("Competitor.", StringComparison.Ordinal) ? key["Competitor.".Length..] : null;
        ModelState.AddError(l, e, field);
    }

    private static string? ProductField(Exception e, string prefix) => e switch
    {
        DomainException { Code: "Competitor.PriceOutOfRange" } => prefix + nameof(CompetitorProductEditModel.Price),
        DomainException { Arguments: [string key, ..] } when key.StartsWith("CompetitorProduct.", StringComparison.Ordinal) => prefix + key["CompetitorProduct.".Length..],
        _ => null,
    };

    private DateOnly Today() => DateOnly.FromDateTime(userClock.ToLocal(clock.GetUtcNow()).DateTime);
}
