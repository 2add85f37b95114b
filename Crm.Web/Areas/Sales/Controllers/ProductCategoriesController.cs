using Crm.Domain.Common;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Web.Areas.Sales.Models;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Areas.Sales.Controllers;

/// <summary>产品类别: the category tree. The rules live in <see cref="ProductCategoryService"/> and the entity.</summary>
[Area("Sales")]
[Authorize(Policy = P.Products.Manage)]
public sealed class ProductCategoriesController(CrmDbContext db, ProductCategoryService categories, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        var counts = await db.Products.AsNoTracking().GroupBy(p => p.CategoryId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        ProductCategoryTreeItem Item(ProductCategoryNode n) =>
            new(n.Id, n.Name, n.SortOrder, counts.GetValueOrDefault(n.Id), tree.ChildrenOf(n.Id).Select(Item).ToList());

        return View(new ProductCategoryIndexViewModel(tree.ChildrenOf(null).Select(Item).ToList(), tree.Nodes.Count, counts.Values.Sum()));
    }

    [HttpGet]
    public async Task<IActionResult> Create(int? parentId, CancellationToken cancellationToken)
    {
        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        if (parentId is { } id && tree.Find(id) is null)
            return NotFound();
        var siblings = tree.ChildrenOf(parentId).ToList();
        var form = new ProductCategoryEditModel { ParentId = parentId, SortOrder = siblings.Count == 0 ? 10 : siblings.Max(s => s.SortOrder) + 10 };
        return View("Form", new ProductCategoryFormViewModel(null, null, form, ProductCategoryOptions.For(tree, parentId)));
    }

    [HttpPost]
    public async Task<IActionResult> Create(ProductCategoryEditModel form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var category = await categories.CreateAsync(form.Name, form.ParentId, form.SortOrder, cancellationToken);
                TempData["Success"] = l["ProductCategories.Created", category.Name].Value;
                return RedirectToIndex(category.Id);
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e, FieldOf(e, nameof(form.ParentId)));
            }
        }

        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        return View("Form", new ProductCategoryFormViewModel(null, null, form, ProductCategoryOptions.For(tree, form.ParentId)));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var category = await db.ProductCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
            return NotFound();
        var form = new ProductCategoryEditModel { Name = category.Name, SortOrder = category.SortOrder, ParentId = category.ParentId, Version = category.Version };
        return View("Form", new ProductCategoryFormViewModel(id, category.Name, form, []));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ProductCategoryEditModel form, CancellationToken cancellationToken)
    {
        var current = await db.ProductCategories.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        if (current is null)
            return NotFound();
        if (ModelState.IsValid)
        {
            try
            {
                await categories.RenameAsync(id, form.Name, form.SortOrder, form.Version, cancellationToken);
                TempData["Success"] = l["ProductCategories.Saved", form.Name.Trim()].Value;
                return RedirectToIndex(id);
            }
            catch (Exception e) when (DomainErrors.IsRefusal(e))
            {
                ModelState.AddError(l, e, FieldOf(e, null));
            }
        }

        return View("Form", new ProductCategoryFormViewModel(id, current, form, []));
    }

    [HttpGet]
    public async Task<IActionResult> Move(int id, CancellationToken cancellationToken)
    {
        var model = await MoveViewAsync(id, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Move(int id, ProductCategoryMoveModel form, CancellationToken cancellationToken)
    {
        if (!await db.ProductCategories.AnyAsync(c => c.Id == id, cancellationToken))
            return NotFound();
        try
        {
            // The options leave out the category's own subtree, but the entity decides: a crafted post is refused there.
            await categories.MoveAsync(id, form.NewParentId, cancellationToken);
            TempData["Success"] = l["ProductCategories.Moved"].Value;
            return RedirectToIndex(id);
        }
        catch (Exception e) when (DomainErrors.IsRefusal(e))
        {
            ModelState.AddError(l, e, nameof(form.NewParentId));
        }

        return View(await MoveViewAsync(id, form, cancellationToken));
    }

    [HttpGet]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        if (tree.Find(id) is not { } node)
            return NotFound();
        var products = await db.Products.CountAsync(p => p.CategoryId == id, cancellationToken);
        return View(new ProductCategoryDeleteViewModel(id, node.Name, tree.PathOf(id), products, tree.ChildrenOf(id).Count()));
    }

    [HttpPost]
    [ActionName(nameof(Delete))]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var name = await db.ProductCategories.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
            return NotFound();
        try
        {
            await categories.DeleteAsync(id, cancellationToken);
            TempData["Success"] = l["ProductCategories.Deleted", name].Value;
            return RedirectToAction(nameof(Index));
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Message(e);
            return RedirectToIndex(id);
        }
    }

    private RedirectToActionResult RedirectToIndex(int categoryId) =>
        RedirectToAction(nameof(Index), null, null, $"category-{categoryId}");

    private static string? FieldOf(Exception error, string? placeField) => error switch
    {
        DomainException { Code: "Field.Required" or "Field.TooLong" } => nameof(ProductCategoryEditModel.Name),
        DomainException { Code: "ProductCategory.NotFound" or "ProductCategory.Cycle" } => placeField,
        _ => null,
    };

    private async Task<ProductCategoryMoveViewModel?> MoveViewAsync(int id, ProductCategoryMoveModel? form, CancellationToken cancellationToken)
    {
        var tree = await ProductCategoryTree.LoadAsync(db, cancellationToken);
        if (tree.Find(id) is not { } node)
            return null;
        form ??= new ProductCategoryMoveModel { NewParentId = node.ParentId };
        // Not the category itself or anything below it: those would make a cycle.
        var own = tree.SelfAndDescendants(id).ToHashSet();
        return new ProductCategoryMoveViewModel(id, node.Name, node.ParentId is { } p ? tree.PathOf(p) : null, form,
            ProductCategoryOptions.For(tree, form.NewParentId, n => !own.Contains(n.Id)));
    }
}
