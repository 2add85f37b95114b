using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Service;
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
/// 知识库: questions with their standard answers, searched by question, tags and answer text, filtered by
/// product. Editors (Knowledge.Manage) write the answer as rich text; it is sanitized on save, so the
/// details page renders the stored HTML as it is. Unpublished articles are shown to editors only.
/// </summary>
[Area("Service")]
[Authorize(Policy = P.Knowledge.View)]
public sealed class KnowledgeController(
    CrmDbContext db,
    KnowledgeArticleService articles,
    ICurrentUser currentUser,
    IStringLocalizer<SharedResource> l) : Controller
{
    private bool CanManage => currentUser.HasPermission(P.Knowledge.Manage);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] KnowledgeListFilter filter, CancellationToken cancellationToken)
    {
        var query = db.KnowledgeArticles.AsNoTracking();
        if (!CanManage)
            query = query.Where(a => a.IsPublished);
        if (!ModelState.IsValid)
            query = query.Where(_ => false);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(a => a.Title.Contains(q) || (a.Tags != null && a.Tags.Contains(q)) || a.AnswerHtml.Contains(q));
        }

        if (filter.ProductId is { } product)
            query = query.Where(a => a.ProductId == product);

        var rows = await query.OrderByDescending(a => a.ViewCount).ThenByDescending(a => a.Id)
            .Select(a => new KnowledgeRow(a.Id, a.Title, a.Tags,
                db.Products.Where(p => p.Id == a.ProductId).Select(p => p.Name).FirstOrDefault(),
                a.ViewCount, a.IsPublished, a.UpdatedAt))
            .ToPageAsync(filter.Page, cancellationToken: cancellationToken);
        return View(new KnowledgeIndexViewModel(filter, rows, await ServiceRequestLookups.ProductOptionsAsync(db, filter.ProductId, cancellationToken), CanManage));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var article = await db.KnowledgeArticles.AsNoTracking().Where(a => a.Id == id && (a.IsPublished || CanManage))
            .Select(a => new KnowledgeDetailsViewModel(a.Id, a.Title, a.AnswerHtml, a.Tags,
                db.Products.Where(p => p.Id == a.ProductId).Select(p => p.Name).FirstOrDefault(),
                a.ViewCount + 1, a.IsPublished, false))
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
            return NotFound();
        await articles.CountViewAsync(id, cancellationToken);
        return View(article with { CanManage = CanManage });
    }

    [HttpGet]
    [Authorize(Policy = P.Knowledge.Manage)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Form", new KnowledgeFormViewModel(null, new KnowledgeFormModel(), await ServiceRequestLookups.ProductOptionsAsync(db, null, cancellationToken)));

    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Knowledge.Manage)]
    public async Task<IActionResult> Create(KnowledgeFormModel form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var article = await articles.CreateAsync(Input(form), cancellationToken);
                if (!form.IsPublished)
                    await articles.EditAsync(article, Input(form), false, cancellationToken);
                TempData["Success"] = l["Knowledge.Created"].Value;
                return RedirectToAction(nameof(Details), new { id = article.Id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
                db.ChangeTracker.Clear();
            }
        }

        return View("Form", new KnowledgeFormViewModel(null, form, await ServiceRequestLookups.ProductOptionsAsync(db, form.ProductId, cancellationToken)));
    }

    [HttpGet]
    [Authorize(Policy = P.Knowledge.Manage)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var article = await db.KnowledgeArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
            return NotFound();
        var form = new KnowledgeFormModel
        {
            Title = article.Title, AnswerHtml = article.AnswerHtml, Tags = article.Tags, ProductId = article.ProductId,
            IsPublished = article.IsPublished, Version = article.Version,
        };
        return View("Form", new KnowledgeFormViewModel(id, form, await ServiceRequestLookups.ProductOptionsAsync(db, form.ProductId, cancellationToken)));
    }

    /// <summary>Saves the article; a form opened before another save is refused as stale.</summary>
    [HttpPost]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = P.Knowledge.Manage)]
    public async Task<IActionResult> Edit(int id, KnowledgeFormModel form, CancellationToken cancellationToken)
    {
        var article = await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
            return NotFound();
        if (ModelState.IsValid && article.Version != form.Version)
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(article).Property(a => a.Version).OriginalValue = form.Version;
                await articles.EditAsync(article, Input(form), form.IsPublished, cancellationToken);
                TempData["Success"] = l["Knowledge.Saved"].Value;
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e);
            }
        }

        return View("Form", new KnowledgeFormViewModel(id, form, await ServiceRequestLookups.ProductOptionsAsync(db, form.ProductId, cancellationToken)));
    }

    private static KnowledgeArticleInput Input(KnowledgeFormModel form) => new(form.Title!, form.AnswerHtml!, form.Tags, form.ProductId);
}
