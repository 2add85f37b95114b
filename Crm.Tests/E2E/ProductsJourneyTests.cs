using System.Globalization;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Crm.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class ProductsJourneyTests(BrowserFixture browser, KestrelCrmFactory app)
    : IClassFixture<BrowserFixture>, IClassFixture<KestrelCrmFactory>
{
    private const string Name = "锐捷 RG-S5310-24GT4XS 万兆交换机";

    [Fact]
    public async Task AdminCreatesAProductWithPricesReceivesStockAndSeesItOnTheProductAndInTheMovements()
    {
        var baseUrl = app.BaseUrl;
        var switches = await app.WithDbAsync(db => db.ProductCategories.Where(c => c.Name == "交换机").Select(c => c.Id).SingleAsync());
        var page = await NewPageAsync(baseUrl, "admin");

        // The product, with its list and floor price.
        await page.GotoAsync("/Sales/Products");
        await page.GetByTestId("new-product").ClickAsync();
        await page.GetByLabel("产品编号").FillAsync("e2e-sw-01");
        await page.GetByLabel("产品名称").FillAsync(Name);
        await page.GetByLabel("产品类别").SelectOptionAsync(switches.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("型号规格").FillAsync("24 口千兆 + 4 口万兆");
        await page.GetByLabel("单位").SelectOptionAsync(new SelectOptionValue { Label = "台" });
        await page.GetByLabel("标准价").FillAsync("8800");
        await page.GetByLabel("最低限价").FillAsync("7500");
        await page.GetByLabel("安全库存").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("product-name")).ToHaveTextAsync(Name);
        await Assertions.Expect(page.GetByTestId("product-code")).ToHaveTextAsync("E2E-SW-01");
        var productUrl = new Uri(page.Url).AbsolutePath;

        // A partner price and a promotion for this month.
        await page.GetByTestId("edit-prices").ClickAsync();
        await page.Locator("#price-0-amount").FillAsync("8200");
        var today = DateTime.UtcNow.AddHours(8).Date;
        await page.Locator("#price-3-amount").FillAsync("7900");
        await page.Locator("#price-3-from").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#price-3-to").FillAsync(today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("price-Partner")).ToContainTextAsync("¥8,200.00");
        await Assertions.Expect(page.GetByTestId("price-Promotion")).ToContainTextAsync("今日有效");
        await Assertions.Expect(page.GetByTestId("price-change").First).ToContainTextAsync("促销价");

        // Forty units into Shanghai.
        await page.GetByTestId("receive").ClickAsync();
        await page.GetByLabel("仓库", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "上海仓 (SH01)" });
        await page.GetByLabel("数量").FillAsync("40");
        await page.GetByLabel("备注").FillAsync("采购入库 PO-E2E-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认入库" }).ClickAsync();
        Assert.Equal(productUrl, new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("已入库 40 件");
        var shanghai = page.Locator("[data-testid=stock-row][data-warehouse=SH01]");
        await Assertions.Expect(shanghai.GetByTestId("on-hand")).ToHaveTextAsync("40");
        await Assertions.Expect(shanghai.GetByTestId("available")).ToContainTextAsync("40");

        // The movement behind it.
        await shanghai.GetByTestId("movements-link").ClickAsync();
        var movement = page.GetByTestId("movement");
        await Assertions.Expect(movement).ToHaveCountAsync(1);
        await Assertions.Expect(movement.GetByTestId("kind")).ToHaveTextAsync("入库");
        await Assertions.Expect(movement.GetByTestId("on-hand-delta")).ToHaveTextAsync("+40");
        await Assertions.Expect(movement).ToContainTextAsync("采购入库 PO-E2E-01");
    }

    private async Task<IPage> NewPageAsync(string baseUrl, string user)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Demo@123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();
        return page;
    }
}
