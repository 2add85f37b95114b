using System.Globalization;
using System.Net;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Sales;

/// <summary>The product category tree (/Sales/ProductCategories): administrators only, no cycles, no deleting what is used.</summary>
public sealed class ProductsCategoryTreeTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<int?> ParentOfAsync(int id) =>
        factory.WithDbAsync(db => db.ProductCategories.Where(c => c.Id == id).Select(c => c.ParentId).SingleAsync());

    [Fact]
    public async Task TheTreeShowsTopCategoriesWithTheirSubcategoriesAndProductCounts()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await admin.GetDocumentAsync("/Sales/ProductCategories");

        var tops = page.QuerySelectorAll("[data-testid=category-tree] > [data-testid=category-node]").Select(n => n.GetAttribute("data-name")).ToList();
        string[] seeded = ["办公设备", "网络设备", "软件服务", "耗材"];
        Assert.Equal(seeded, tops.Intersect(seeded));
        var printers = page.QuerySelector("[data-testid=category-node][data-name=打印机]")!;
        Assert.Equal("办公设备", printers.ParentElement!.Closest("[data-testid=category-node]")!.GetAttribute("data-name"));
        Assert.Contains("4 个产品", printers.QuerySelector("[data-testid=category-products]")!.TextContent);
    }

    [Fact]
    public async Task SalespeopleAndManagersAreRefused()
    {
        foreach (var user in new[] { "zhang.wei", "manager.east" })
        {
            var client = await factory.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Sales/ProductCategories")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/Sales/ProductCategories/Create",
                new Dictionary<string, string> { ["Name"] = "不该有的类别", ["SortOrder"] = "10" }, "/Sales/Products")).StatusCode);
        }

        Assert.False(await factory.WithDbAsync(db => db.ProductCategories.AnyAsync(c => c.Name == "不该有的类别")));
    }

    [Fact]
    public async Task AdminCreatesRenamesAndMovesACategory()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var network = await factory.CategoryIdAsync("网络设备");
        var office = await factory.CategoryIdAsync("办公设备");

        var created = await admin.PostFormAsync("/Sales/ProductCategories/Create", new Dictionary<string, string>
        {
            ["ParentId"] = network.ToString(CultureInfo.InvariantCulture), ["Name"] = "  物联网  ", ["SortOrder"] = "50",
        }, "/Sales/ProductCategories/Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await factory.CategoryIdAsync("物联网");
        Assert.Equal(network, await ParentOfAsync(id));

        var editPage = await admin.GetDocumentAsync($"/Sales/ProductCategories/Edit/{id}");
        var renamed = await admin.PostFormAsync($"/Sales/ProductCategories/Edit/{id}", new Dictionary<string, string>
        {
            ["Name"] = "物联网设备", ["SortOrder"] = "5", ["Version"] = editPage.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var moved = await admin.PostFormAsync($"/Sales/ProductCategories/Move/{id}", new Dictionary<string, string>
        {
            ["NewParentId"] = office.ToString(CultureInfo.InvariantCulture),
        }, $"/Sales/ProductCategories/Move/{id}");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var saved = await factory.WithDbAsync(db => db.ProductCategories.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(("物联网设备", 5, (int?)office), (saved.Name, saved.SortOrder, saved.ParentId));

        var toTop = await admin.PostFormAsync($"/Sales/ProductCategories/Move/{id}", new Dictionary<string, string> { ["NewParentId"] = string.Empty }, $"/Sales/ProductCategories/Move/{id}");
        Assert.Equal(HttpStatusCode.Redirect, toTop.StatusCode);
        Assert.Null(await ParentOfAsync(id));
    }

    [Fact]
    public async Task MovingACategoryBelowItsOwnSubcategoryIsRefused()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var top = await factory.CategoryIdAsync("软件服务");
        var child = await factory.CategoryIdAsync("安全软件");

        var options = await admin.GetDocumentAsync($"/Sales/ProductCategories/Move/{top}");
        Assert.NotNull(options.QuerySelector($"select[name=NewParentId] option[value='{child}'][disabled]"));

        foreach (var target in new[] { child, top })
        {
            var response = await admin.PostFormAsync($"/Sales/ProductCategories/Move/{top}", new Dictionary<string, string>
            {
                ["NewParentId"] = target.ToString(CultureInfo.InvariantCulture),
            }, $"/Sales/ProductCategories/Move/{top}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("不能把类别移到它自己或它的下级类别之下", (await response.ReadDocumentAsync()).QuerySelector("[data-testid=move-form]")!.TextContent);
        }

        Assert.Null(await ParentOfAsync(top));
        Assert.Equal(top, await ParentOfAsync(child));
    }

    [Fact]
    public async Task ACategoryInUseIsNotDeletedAndAnUnusedOneIs()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var printers = await factory.CategoryIdAsync("打印机");
        var office = await factory.CategoryIdAsync("办公设备");

        var confirm = await admin.GetDocumentAsync($"/Sales/ProductCategories/Delete/{printers}");
        Assert.Contains("4 个产品", confirm.Text("[data-testid=in-use]"));
        foreach (var id in new[] { printers, office })
        {
            var refused = await admin.PostFormAsync($"/Sales/ProductCategories/Delete/{id}", new Dictionary<string, string>(), "/Sales/ProductCategories");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            var tree = await admin.GetDocumentAsync(refused.Headers.Location!.OriginalString);
            Assert.Contains("不能删除", tree.Text(".alert-danger"));
        }

        Assert.True(await factory.WithDbAsync(db => db.ProductCategories.AnyAsync(c => c.Id == printers || c.Id == office)));

        var created = await admin.PostFormAsync("/Sales/ProductCategories/Create", new Dictionary<string, string> { ["Name"] = "临时类别", ["SortOrder"] = "90" }, "/Sales/ProductCategories/Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var temporary = await factory.CategoryIdAsync("临时类别");
        var deleted = await admin.PostFormAsync($"/Sales/ProductCategories/Delete/{temporary}", new Dictionary<string, string>(), $"/Sales/ProductCategories/Delete/{temporary}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ProductCategories.AnyAsync(c => c.Id == temporary)));
    }
}
