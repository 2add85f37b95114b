using System.Globalization;
using System.Net;
using System.Text;
using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Tests.Infrastructure.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Sales;

public sealed class ProductsPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private async Task<Dictionary<string, string>> FormAsync(string code, string name, decimal list = 1200m, decimal floor = 950m)
    {
        var category = await factory.CategoryIdAsync("交换机");
        var unit = await factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == DictionaryCategories.Unit && d.Code == "Machine").Select(d => d.Id).SingleAsync());
        return new Dictionary<string, string>
        {
            ["Code"] = code,
            ["Name"] = name,
            ["CategoryId"] = category.ToString(CultureInfo.InvariantCulture),
            ["Specification"] = "8 口千兆",
            ["UnitId"] = unit.ToString(CultureInfo.InvariantCulture),
            ["Description"] = "测试用交换机",
            ["SafetyStock"] = "5",
            ["ListPrice"] = list.ToString(CultureInfo.InvariantCulture),
            ["FloorPrice"] = floor.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string[] Codes(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("[data-testid=product-row]").Select(r => r.GetAttribute("data-code")!).ToArray();

    [Fact]
    public async Task SalesmanSeesTheCatalogueAndEveryPriceButNoWayToChangeThem()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var total = await factory.WithDbAsync(db => db.Products.CountAsync());
        var id = await factory.ProductIdAsync("BG1008");

        var list = await client.GetDocumentAsync("/Sales/Products");
        var details = await client.GetDocumentAsync($"/Sales/Products/Details/{id}");

        Assert.Contains($"共 {total} 条", list.Text("[data-testid=page-summary]"));
        Assert.Equal(20, Codes(list).Length);
        Assert.Null(list.QuerySelector("[data-testid=new-product]"));
        Assert.Equal("爱普生 CB-FH52 商务投影仪", details.Text("[data-testid=product-name]"));
        Assert.Contains("¥5,999.00", details.Text("[data-testid=price-List]"));
        Assert.Contains("今日有效", details.Text("[data-testid=price-Promotion]"));
        Assert.Equal(2, details.QuerySelectorAll("[data-testid=stock-row]").Length);
        Assert.Null(details.QuerySelector("[data-testid=edit-product]"));
        Assert.Null(details.QuerySelector("[data-testid=discontinue]"));
    }

    [Fact]
    public async Task SalesmanIsRefusedEveryChangeAndNothingChanges()
    {
        var client = await factory.SignInAsync("zhang.wei");
        var id = await factory.ProductIdAsync("BG1003");
        var before = await factory.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == id));
        var form = await FormAsync("SALESMAN1", "张伟的产品");
        form["Version"] = before.Version.ToString();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Sales/Products/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Sales/Products/Edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/Sales/Products/Create", form, "/Sales/Products")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Sales/Products/Edit/{id}", form, "/Sales/Products")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Sales/Products/Prices/{id}",
            new Dictionary<string, string> { ["Version"] = before.Version.ToString(), ["Prices[0].Type"] = "Partner", ["Prices[0].Amount"] = "1" }, "/Sales/Products")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Sales/Products/Discontinue/{id}", new Dictionary<string, string>(), "/Sales/Products")).StatusCode);

        var after = await factory.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((before.Name, before.Status, before.Version), (after.Name, after.Status, after.Version));
        Assert.False(await factory.WithDbAsync(db => db.Products.AnyAsync(p => p.Code == "SALESMAN1")));
    }

    [Fact]
    public async Task SearchMatchesCodeNameAndSpecificationAndACategoryIncludesItsSubcategories()
    {
        var client = await factory.SignInAsync("li.na", language: "zh-CN");
        var office = await factory.CategoryIdAsync("办公设备");
        var printers = await factory.CategoryIdAsync("打印机");
        var officeCount = await factory.WithDbAsync(db => db.Products.CountAsync(p =>
            p.CategoryId == office || db.ProductCategories.Any(c => c.Id == p.CategoryId && c.ParentId == office)));

        Assert.Contains("BG1001", Codes(await client.GetDocumentAsync("/Sales/Products?Q=bg1001")));
        Assert.Contains("BG1001", Codes(await client.GetDocumentAsync("/Sales/Products?Q=laserjet")));
        Assert.Contains("BG1001", Codes(await client.GetDocumentAsync("/Sales/Products?Q=" + Uri.EscapeDataString("38 页每分钟"))));
        Assert.Equal(["BG1001", "BG1002", "BG1003", "BG1004"], Codes(await client.GetDocumentAsync($"/Sales/Products?CategoryId={printers}")).Order());
        var page = await client.GetDocumentAsync($"/Sales/Products?CategoryId={office}");
        Assert.True(officeCount > 10);
        Assert.Contains($"共 {officeCount} 条", page.Text("[data-testid=page-summary]"));
        Assert.All(Codes(page), c => Assert.StartsWith("BG", c));
        var none = await client.GetDocumentAsync("/Sales/Products?Q=" + Uri.EscapeDataString("不存在的产品%"));
        Assert.Contains("没有符合条件的产品", none.Text("[data-testid=empty-state]"));
    }

    [Fact]
    public async Task SortingByListPriceDescendingPutsTheDearestFirst()
    {
        var client = await factory.SignInAsync("zhang.wei");
        var dearest = await factory.WithDbAsync(db => db.Products.OrderByDescending(p => p.ListPrice).Select(p => p.Code).FirstAsync());

        var page = await client.GetDocumentAsync("/Sales/Products?sort=price&dir=desc");

        Assert.Equal(dearest, Codes(page)[0]);
    }

    [Fact]
    public async Task AdminCreatesAProductAndItsFirstPricesAreInTheHistory()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await admin.PostFormAsync("/Sales/Products/Create", await FormAsync(" wl9001 ", "测试 8 口千兆交换机"), "/Sales/Products/Create");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Code == "WL9001"));
        Assert.Equal((1200m, 950m, 5, ProductStatus.Active, "8 口千兆"), (saved.ListPrice, saved.FloorPrice, saved.SafetyStock, saved.Status, saved.Specification));
        var details = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("WL9001", details.Text(".alert-success"));
        Assert.Equal(["Floor", "List"], details.QuerySelectorAll("[data-testid=price-change]").Select(r => r.GetAttribute("data-kind")!).Order());
        Assert.Equal("台", details.QuerySelectorAll("dd")[1].TextContent.Trim());
    }

    [Fact]
    public async Task ADuplicateCodeIsRefusedWithAClearMessage()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var count = await factory.WithDbAsync(db => db.Products.CountAsync());

        var response = await admin.PostFormAsync("/Sales/Products/Create", await FormAsync("bg1001", "另一台打印机"), "/Sales/Products/Create");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("产品编号 BG1001 已被其他产品使用", (await response.ReadDocumentAsync()).Body!.TextContent);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task InvalidFormsAreExplainedAndSaveNothing()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var count = await factory.WithDbAsync(db => db.Products.CountAsync());

        var floorAbove = await FormAsync("BAD001", "最低限价过高", list: 100m, floor: 120m);
        var noName = await FormAsync("BAD002", string.Empty);
        var noCategory = await FormAsync("BAD003", "没有类别");
        noCategory["CategoryId"] = string.Empty;
        var threeDecimals = await FormAsync("BAD004", "三位小数", list: 100.125m, floor: 90m);

        var texts = new List<string>();
        foreach (var form in new[] { floorAbove, noName, noCategory, threeDecimals })
        {
            var response = await admin.PostFormAsync("/Sales/Products/Create", form, "/Sales/Products/Create");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            texts.Add((await response.ReadDocumentAsync()).QuerySelector("[data-testid=product-form]")!.TextContent);
        }

        Assert.Contains("最低限价不能高于标准价", texts[0]);
        Assert.Contains("请填写产品名称", texts[1]);
        Assert.Contains("请填写产品类别", texts[2]);
        Assert.Contains("标准价最多保留两位小数", texts[3]);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task AStaleEditIsRefusedAndTheNewerChangeKept()
    {
        var id = await factory.NewProductAsync("STALE01");
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var stale = (await admin.GetDocumentAsync($"/Sales/Products/Edit/{id}")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;

        var first = await FormAsync("STALE01", "先改的名字");
        first["Version"] = stale;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Sales/Products/Edit/{id}", first)).StatusCode);

        var second = await FormAsync("STALE01", "后改的名字", list: 2000m);
        second["Version"] = stale;
        var refused = await admin.PostFormAsync($"/Sales/Products/Edit/{id}", second);

        Assert.Contains("该记录已被他人修改", (await refused.ReadDocumentAsync()).Body!.TextContent);
        var saved = await factory.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(("先改的名字", 1200m), (saved.Name, saved.ListPrice));
    }

    [Fact]
    public async Task AListPriceChangeAndASpecialPriceAppearInThePriceHistory()
    {
        var id = await factory.NewProductAsync("HIST01", listPrice: 1000m, floorPrice: 800m);
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var edit = await FormAsync("HIST01", "调价测试产品", list: 1100m, floor: 800m);
        edit["Version"] = (await admin.GetDocumentAsync($"/Sales/Products/Edit/{id}")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Sales/Products/Edit/{id}", edit)).StatusCode);

        var pricesPage = await admin.GetDocumentAsync($"/Sales/Products/Prices/{id}");
        var prices = new Dictionary<string, string> { ["Version"] = pricesPage.QuerySelector("input[name=Version]")!.GetAttribute("value")! };
        for (var i = 0; i < 5; i++)
            prices[$"Prices[{i}].Type"] = pricesPage.QuerySelector($"input[name='Prices[{i}].Type']")!.GetAttribute("value")!;
        prices["Prices[0].Amount"] = "960";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Sales/Products/Prices/{id}", prices)).StatusCode);

        var details = await admin.GetDocumentAsync($"/Sales/Products/Details/{id}");
        var changes = details.QuerySelectorAll("[data-testid=price-change]");
        Assert.Equal("Partner", changes[0].GetAttribute("data-kind"));
        Assert.Equal(("—", "¥960.00"), (changes[0].QuerySelector("[data-testid=old]")!.TextContent.Trim(), changes[0].QuerySelector("[data-testid=new]")!.TextContent.Trim()));
        Assert.Equal("List", changes[1].GetAttribute("data-kind"));
        Assert.Equal(("¥1,000.00", "¥1,100.00"), (changes[1].QuerySelector("[data-testid=old]")!.TextContent.Trim(), changes[1].QuerySelector("[data-testid=new]")!.TextContent.Trim()));
        Assert.Contains("系统管理员", changes[0].TextContent);
        Assert.Contains("¥960.00", details.Text("[data-testid=price-Partner]"));
    }

    [Fact]
    public async Task APromotionWithoutDatesIsRefusedAndNoPriceIsSaved()
    {
        var id = await factory.NewProductAsync("PROMO01");
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var page = await admin.GetDocumentAsync($"/Sales/Products/Prices/{id}");
        var form = new Dictionary<string, string> { ["Version"] = page.QuerySelector("input[name=Version]")!.GetAttribute("value")! };
        for (var i = 0; i < 5; i++)
            form[$"Prices[{i}].Type"] = page.QuerySelector($"input[name='Prices[{i}].Type']")!.GetAttribute("value")!;
        var promotion = Array.IndexOf(form.Where(kv => kv.Key.EndsWith(".Type", StringComparison.Ordinal)).Select(kv => kv.Value).ToArray(), "Promotion");
        form["Prices[0].Amount"] = "900";
        form[$"Prices[{promotion}].Amount"] = "850";

        var response = await admin.PostFormAsync($"/Sales/Products/Prices/{id}", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("促销价必须填写开始和结束日期", (await response.ReadDocumentAsync()).QuerySelector("[data-testid=prices-form]")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Products.Where(p => p.Id == id).SelectMany(p => p.Prices).AnyAsync()));

        form[$"Prices[{promotion}].ValidFrom"] = "2026-01-01";
        form[$"Prices[{promotion}].ValidTo"] = "2026-01-31";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Sales/Products/Prices/{id}", form)).StatusCode);
        var saved = await factory.WithDbAsync(db => db.Products.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Id == id));
        Assert.Equal(new DateOnly(2026, 1, 31), saved.Prices.Single(p => p.Type == PriceType.Promotion).ValidTo);
        Assert.Equal(900m, saved.Prices.Single(p => p.Type == PriceType.Partner).Amount);
    }

    [Fact]
    public async Task DiscontinueAndReactivateChangeTheStatus()
    {
        var id = await factory.NewProductAsync("STOP01");
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        await admin.PostFormAsync($"/Sales/Products/Discontinue/{id}", new Dictionary<string, string>(), $"/Sales/Products/Details/{id}");
        var discontinued = await admin.GetDocumentAsync($"/Sales/Products/Details/{id}");
        Assert.Equal(ProductStatus.Discontinued, await factory.WithDbAsync(db => db.Products.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
        Assert.Contains("已停售", discontinued.Text(".alert-success"));
        Assert.Contains("STOP01", Codes(await admin.GetDocumentAsync("/Sales/Products?Status=Discontinued&Q=STOP01")));

        await admin.PostFormAsync($"/Sales/Products/Reactivate/{id}", new Dictionary<string, string>(), $"/Sales/Products/Details/{id}");
        Assert.Equal(ProductStatus.Active, await factory.WithDbAsync(db => db.Products.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task ExportHoldsTheFilteredRowsWithNeutralizedFormulasAndIsAudited()
    {
        var formula = "=HYPERLINK(\"http://evil.example\",\"点我\")";
        await factory.WithDbAsync(async db =>
        {
            var category = await db.ProductCategories.Where(c => c.Name == "纸张").Select(c => c.Id).SingleAsync();
            db.Products.Add(new Product("EXP001", formula, category, 10m, 8m, null, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var paper = await factory.CategoryIdAsync("纸张");
        var expected = await factory.WithDbAsync(db => db.Products.CountAsync(p => p.CategoryId == paper));

        var response = await client.GetAsync($"/Sales/Products/Export?format=csv&CategoryId={paper}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = ImportFiles.ParseCsv(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("产品编号", rows[0][0]);
        Assert.Equal(expected, rows.Count - 1);
        Assert.Equal("'" + formula, rows.Single(r => r[0] == "EXP001")[1]);
        Assert.Contains(rows, r => r[0] == "HC4006" && r[2] == "耗材 / 纸张");
        var entry = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Export && a.EntityType == "Product").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(($"CategoryId={paper}", expected.ToString(CultureInfo.InvariantCulture), "zhang.wei"), (entry.EntityKey, entry.NewValue, entry.UserName));

        var xlsx = await client.GetAsync("/Sales/Products/Export?format=xlsx&Q=EXP001");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("'" + formula, Assert.Single(sheet)["产品名称"]);
    }
}
