using System.Net;
using Crm.Domain.Marketing;
using Crm.Domain.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Crm.Tests.Web.Marketing.CampaignTestData;

namespace Crm.Tests.Web.Marketing;

public sealed class CompetitorPagesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<Competitor> ArrangeAsync(string name, params (string Name, decimal? Price, int? OurProductId)[] products) =>
        factory.WithDbAsync(async db =>
        {
            var competitor = new Competitor(new CompetitorProfile(name, "200–500 人", "华东", "www.example.cn", "工业软件厂商", "价格低", "服务弱"));
            foreach (var p in products)
                competitor.AddProduct(p.Name, null, p.Price, p.OurProductId, null);
            db.Competitors.Add(competitor);
            await db.SaveChangesAsync();
            return competitor;
        });

    /// <summary>One of our products (the products module may not have seeded any).</summary>
    private Task<Product> ProductAsync(string code, decimal listPrice, params (PriceType Type, decimal Amount, DateOnly? From, DateOnly? To)[] prices) =>
        factory.WithDbAsync(async db =>
        {
            var category = await db.ProductCategories.OrderBy(c => c.Id).FirstOrDefaultAsync();
            if (category is null)
            {
                category = new ProductCategory("测试类别", null);
                db.ProductCategories.Add(category);
                await db.SaveChangesAsync();
            }

            var product = new Product(code, $"产品 {code}", category.Id, listPrice, 0m, null, Past);
            foreach (var (type, amount, from, to) in prices)
                product.SetPrice(type, amount, from, to, null, Past);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product;
        });

    private Task<Competitor> ReloadAsync(int id) =>
        factory.WithDbAsync(db => db.Competitors.Include(c => c.Products).SingleAsync(c => c.Id == id));

    private static Dictionary<string, string> Form(string name, string? website = null) => new()
    {
        ["Name"] = name,
        ["Scale"] = "1000 人以上",
        ["Region"] = "华南",
        ["Website"] = website ?? string.Empty,
        ["Profile"] = "成立于 2005 年\n总部深圳",
        ["Strengths"] = "品牌知名度高",
        ["Weaknesses"] = "定制能力弱",
        ["Opportunities"] = "对方交付周期长",
        ["Threats"] = "低价抢单",
    };

    private static Dictionary<string, string> ProductForm(string name, string price, string version, string? ourProductId = null, string prefix = "NewProduct.") => new()
    {
        [prefix + "Name"] = name,
        [prefix + "Model"] = "M-1",
        [prefix + "Price"] = price,
        [prefix + "OurProductId"] = ourProductId ?? string.Empty,
        [prefix + "Notes"] = string.Empty,
        [prefix + "Version"] = version,
    };

    [Fact]
    public async Task SalesmanSeesCompetitorsButCannotChangeThem()
    {
        var competitor = await ArrangeAsync("只读竞争对手有限公司", ("只读产品", 100m, null));
        var productId = competitor.Products[0].Id;
        var client = await factory.SignInAsync("li.na", language: "zh-CN");
        var details = $"/Marketing/Competitors/Details/{competitor.Id}";

        var page = await client.GetDocumentAsync(details);
        Assert.Equal("只读竞争对手有限公司", page.Text("[data-testid=competitor-name]"));
        Assert.Null(page.QuerySelector("[data-testid=edit]"));
        Assert.Null(page.QuerySelector("[data-testid=product-form]"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Marketing/Competitors/Compare")).StatusCode);

        var version = competitor.Version.ToString();
        var edit = Form("改名有限公司");
        edit["Version"] = version;
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Marketing/Competitors/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/Marketing/Competitors/Create", Form("业务员新建有限公司"), details)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Marketing/Competitors/Edit/{competitor.Id}", edit, details)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Marketing/Competitors/AddProduct/{competitor.Id}", ProductForm("新产品", "1", version), details)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Marketing/Competitors/EditProduct/{competitor.Id}?productId={productId}", ProductForm("改产品", "1", version, prefix: string.Empty), details)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Marketing/Competitors/RemoveProduct/{competitor.Id}", new Dictionary<string, string> { ["productId"] = productId.ToString(), ["version"] = version }, details)).StatusCode);

        var saved = await ReloadAsync(competitor.Id);
        Assert.Equal("只读竞争对手有限公司", saved.Name);
        Assert.Equal("只读产品", Assert.Single(saved.Products).Name);
        Assert.False(await factory.WithDbAsync(db => db.Competitors.AnyAsync(c => c.Name == "业务员新建有限公司")));
    }

    [Fact]
    public async Task ManagerCreatesAProfileWithItsSwot()
    {
        var client = await factory.SignInAsync("manager.east", language: "zh-CN");

        var response = await client.PostFormAsync("/Marketing/Competitors/Create", Form("深圳启明测试软件有限公司", "www.yunqi.example.cn"), "/Marketing/Competitors/Create");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Competitors.SingleAsync(c => c.Name == "深圳启明测试软件有限公司"));
        Assert.Equal(("1000 人以上", "华南", "https://www.yunqi.example.cn", "品牌知名度高", "低价抢单"), (saved.Scale, saved.Region, saved.Website, saved.Strengths, saved.Threats));
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("品牌知名度高", page.Text("[data-testid=swot-strengths] p"));
        Assert.Equal("定制能力弱", page.Text("[data-testid=swot-weaknesses] p"));
        Assert.Equal("对方交付周期长", page.Text("[data-testid=swot-opportunities] p"));
        Assert.Equal("https://www.yunqi.example.cn", page.QuerySelector("[data-testid=website]")!.GetAttribute("href"));
        var list = await client.GetDocumentAsync("/Marketing/Competitors?Q=" + Uri.EscapeDataString("启明测试"));
        Assert.Equal("深圳启明测试软件有限公司", list.Text("[data-testid=competitor-table] tbody tr a"));
    }

    [Fact]
    public async Task DuplicateNameIsRefusedWhateverTheCase()
    {
        await ArrangeAsync("Acme 智能科技有限公司");
        var other = await ArrangeAsync("另一家竞争对手有限公司");
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var created = await client.PostFormAsync("/Marketing/Competitors/Create", Form(" ACME 智能科技有限公司 "), "/Marketing/Competitors/Create");
        var edit = Form("acme 智能科技有限公司");
        edit["Version"] = other.Version.ToString();
        var edited = await client.PostFormAsync($"/Marketing/Competitors/Edit/{other.Id}", edit, $"/Marketing/Competitors/Edit/{other.Id}");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("已存在名为“ACME 智能科技有限公司”的竞争对手", (await created.ReadDocumentAsync()).Body!.TextContent);
        Assert.Contains("已存在名为“acme 智能科技有限公司”的竞争对手", (await edited.ReadDocumentAsync()).Body!.TextContent);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Competitors.CountAsync(c => c.Name.ToUpper() == "ACME 智能科技有限公司")));
        Assert.Equal("另一家竞争对手有限公司", (await ReloadAsync(other.Id)).Name);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://files.example.cn")]
    [InlineData("not a site")]
    public async Task WebsiteMustBeAWebAddress(string website)
    {
        var client = await factory.SignInAsync("manager.north", language: "zh-CN");
        var name = "网址校验有限公司" + website.Length;

        var response = await client.PostFormAsync("/Marketing/Competitors/Create", Form(name, website), "/Marketing/Competitors/Create");

        Assert.Contains("请输入网址", (await response.ReadDocumentAsync()).Body!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Competitors.AnyAsync(c => c.Name == name)));
    }

    [Fact]
    public async Task StaleProfileEditIsRefused()
    {
        var competitor = await ArrangeAsync("并发竞争对手有限公司");
        var first = await factory.SignInAsync("manager.east", language: "zh-CN");
        var second = await factory.SignInAsync("admin", language: "zh-CN");
        var stale = (await second.GetDocumentAsync($"/Marketing/Competitors/Edit/{competitor.Id}")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;

        var firstEdit = Form("先改的竞争对手有限公司");
        firstEdit["Version"] = (await first.GetDocumentAsync($"/Marketing/Competitors/Edit/{competitor.Id}")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync($"/Marketing/Competitors/Edit/{competitor.Id}", firstEdit)).StatusCode);
        var secondEdit = Form("后改的竞争对手有限公司");
        secondEdit["Version"] = stale;
        var refused = await second.PostFormAsync($"/Marketing/Competitors/Edit/{competitor.Id}", secondEdit);

        Assert.Contains("该记录已被他人修改", (await refused.ReadDocumentAsync()).Body!.TextContent);
        Assert.Equal("先改的竞争对手有限公司", (await ReloadAsync(competitor.Id)).Name);
    }

    [Fact]
    public async Task ProductsAreAddedEditedAndRemovedAndStaleFormsAreRefused()
    {
        var ours = await ProductAsync("CP-PROD-1", 5000m);
        var competitor = await ArrangeAsync("产品维护竞争对手有限公司");
        var client = await factory.SignInAsync("manager.east", language: "zh-CN");
        var details = $"/Marketing/Competitors/Details/{competitor.Id}";
        string Version(AngleSharp.Dom.IDocument page) => page.QuerySelector("input[name='NewProduct.Version']")!.GetAttribute("value")!;

        var page = await client.GetDocumentAsync(details);
        Assert.Contains("CP-PROD-1", page.Text("select[name='NewProduct.OurProductId']"));
        var firstVersion = Version(page);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Marketing/Competitors/AddProduct/{competitor.Id}", ProductForm("YQ-900 伺服", "4500", firstVersion, ours.Id.ToString()), details)).StatusCode);

        // The form rendered before the add is stale now: its product is refused, nothing added.
        var stale = await client.PostFormAsync($"/Marketing/Competitors/AddProduct/{competitor.Id}", ProductForm("过期表单产品", "1", firstVersion), details);
        Assert.Contains("该记录已被他人修改", (await stale.ReadDocumentAsync()).Text("[data-testid=products]"));
        var invalid = await client.PostFormAsync($"/Marketing/Competitors/AddProduct/{competitor.Id}", ProductForm(" ", "-5", Version(await client.GetDocumentAsync(details)), "999999"), details);
        var invalidText = (await invalid.ReadDocumentAsync()).Text("[data-testid=product-form]");
        Assert.Contains("请填写产品名称", invalidText);
        Assert.Contains("价格必须在", invalidText);
        Assert.Contains("请从列表中选择", invalidText);

        var product = Assert.Single((await ReloadAsync(competitor.Id)).Products);
        Assert.Equal(("YQ-900 伺服", (decimal?)4500m, (int?)ours.Id), (product.Name, product.Price, product.OurProductId));
        var row = (await client.GetDocumentAsync(details)).QuerySelector("[data-testid=product-row]")!;
        Assert.Contains("CP-PROD-1", row.TextContent);
        Assert.Contains("-10%", row.TextContent);

        var editPage = await client.GetDocumentAsync($"/Marketing/Competitors/EditProduct/{competitor.Id}?productId={product.Id}");
        var editVersion = editPage.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Marketing/Competitors/EditProduct/{competitor.Id}?productId={product.Id}", ProductForm("YQ-900 Pro 伺服", "4800", editVersion, prefix: string.Empty), details)).StatusCode);
        var staleEdit = await client.PostFormAsync($"/Marketing/Competitors/EditProduct/{competitor.Id}?productId={product.Id}", ProductForm("过期修改", "1", editVersion, prefix: string.Empty), details);
        Assert.Contains("该记录已被他人修改", (await staleEdit.ReadDocumentAsync()).Body!.TextContent);
        product = Assert.Single((await ReloadAsync(competitor.Id)).Products);
        Assert.Equal(("YQ-900 Pro 伺服", (decimal?)4800m, (int?)null), (product.Name, product.Price, product.OurProductId));

        await client.PostFormAsync($"/Marketing/Competitors/RemoveProduct/{competitor.Id}", new Dictionary<string, string> { ["productId"] = product.Id.ToString(), ["version"] = editVersion }, details);
        Assert.Single((await ReloadAsync(competitor.Id)).Products);
        var current = (await ReloadAsync(competitor.Id)).Version.ToString();
        await client.PostFormAsync($"/Marketing/Competitors/RemoveProduct/{competitor.Id}", new Dictionary<string, string> { ["productId"] = product.Id.ToString(), ["version"] = current }, details);
        Assert.Empty((await ReloadAsync(competitor.Id)).Products);
        Assert.Contains("已删除竞争产品“YQ-900 Pro 伺服”", (await client.GetDocumentAsync(details)).Text(".alert-success"));
    }

    [Fact]
    public async Task ComparisonSetsTheirPricesAgainstOurListAndValidSpecialPrices()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var ours = await ProductAsync("CP-CMP-1", 10_000m,
            (PriceType.Partner, 8000m, null, null),
            (PriceType.Promotion, 7000m, today.AddDays(-30), today.AddDays(-20)));
        await ArrangeAsync("对比低价竞争对手有限公司", ("低价款", 9000m, ours.Id), ("未关联款", 1m, null));
        await ArrangeAsync("对比高价竞争对手有限公司", ("高价款", 12_000m, ours.Id));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Marketing/Competitors/Compare");

        var card = page.QuerySelector($"[data-testid=comparison][data-product-id='{ours.Id}']")!;
        var prices = card.QuerySelectorAll("[data-testid=our-prices] [data-price-type]").Select(b => b.GetAttribute("data-price-type")).ToList();
        Assert.Equal(["List", "Partner"], prices);
        Assert.Contains("¥10,000.00", card.QuerySelector("[data-testid=our-prices]")!.TextContent);
        var rows = card.QuerySelectorAll("[data-testid=rival]").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("对比低价竞争对手有限公司", rows[0].TextContent);
        Assert.Equal("-10%", rows[0].QuerySelector("[data-price-type=List]")!.TextContent.Trim());
        Assert.Equal("+12.5%", rows[0].QuerySelector("[data-price-type=Partner]")!.TextContent.Trim());
        Assert.Contains("对比高价竞争对手有限公司", rows[1].TextContent);
        Assert.Equal("+20%", rows[1].QuerySelector("[data-price-type=List]")!.TextContent.Trim());
        Assert.Equal("+50%", rows[1].QuerySelector("[data-price-type=Partner]")!.TextContent.Trim());
        Assert.DoesNotContain("未关联款", card.TextContent);
    }

    [Fact]
    public async Task LostOpportunitiesAndAmountFollowTheDataScope()
    {
        var competitor = await ArrangeAsync("丢单统计竞争对手有限公司");
        await factory.WithDbAsync(async db =>
        {
            await OpportunityAsync(db, "zhang.wei", OpportunityStatus.Lost, 20_000m, lostTo: competitor.Id, summary: "丢单-张伟");
            await OpportunityAsync(db, "li.na", OpportunityStatus.Lost, 30_000m, lostTo: competitor.Id, summary: "丢单-李娜");
            await OpportunityAsync(db, "wang.fang", OpportunityStatus.Lost, 5_000m, lostTo: competitor.Id, summary: "丢单-王芳");
            await OpportunityAsync(db, "zhang.wei", OpportunityStatus.Lost, 70_000m, summary: "丢单-预算取消");
            return 0;
        });
        var details = $"/Marketing/Competitors/Details/{competitor.Id}";

        async Task<(string Count, string Amount, List<string> Rows, bool Note)> ViewAsAsync(string user)
        {
            var page = await (await factory.SignInAsync(user, language: "zh-CN")).GetDocumentAsync(details);
            return (page.Text("[data-testid=lost-count]"), page.Text("[data-testid=lost-amount]"),
                page.QuerySelectorAll("[data-testid=lost-table] tbody tr td:first-child").Select(td => td.TextContent.Trim()).Order().ToList(),
                page.QuerySelector("[data-testid=lost-scope-note]") is not null);
        }

        var admin = await ViewAsAsync("admin");
        Assert.Equal(("3", "¥55,000.00", false), (admin.Count, admin.Amount, admin.Note));
        Assert.Equal(new[] { "丢单-张伟", "丢单-李娜", "丢单-王芳" }.Order(), admin.Rows);
        var east = await ViewAsAsync("manager.east");
        Assert.Equal(("2", "¥50,000.00", true), (east.Count, east.Amount, east.Note));
        var zhang = await ViewAsAsync("zhang.wei");
        Assert.Equal(("1", "¥20,000.00"), (zhang.Count, zhang.Amount));
        Assert.Equal(["丢单-张伟"], zhang.Rows);

        var list = await (await factory.SignInAsync("manager.north", language: "zh-CN")).GetDocumentAsync("/Marketing/Competitors?Q=" + Uri.EscapeDataString("丢单统计"));
        Assert.Equal("1", list.QuerySelector("[data-testid=competitor-table] tbody tr td:last-child")!.TextContent.Trim());
    }

    [Fact]
    public async Task ExportHoldsTheFilteredRows()
    {
        await ArrangeAsync("导出竞争对手甲有限公司", ("甲产品", 1m, null), ("乙产品", 2m, null));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var text = await (await client.GetAsync("/Marketing/Competitors/Export?format=csv&Q=" + Uri.EscapeDataString("导出竞争对手"))).Content.ReadAsStringAsync();

        var lines = text.Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["竞争对手名称,规模,地区,网站,竞争产品数,丢单数", "导出竞争对手甲有限公司,200–500 人,华东,www.example.cn,2,0"], lines);
    }
}
