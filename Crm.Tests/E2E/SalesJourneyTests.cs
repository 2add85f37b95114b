using System.Text.RegularExpressions;
using Crm.Domain.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Crm.Tests.Web.Sales.OrdersTestData;

namespace Crm.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class SalesJourneyTests(BrowserFixture browser, KestrelCrmFactory app)
    : IClassFixture<BrowserFixture>, IClassFixture<KestrelCrmFactory>
{
    [Fact]
    public async Task SalesmanSellsBelowTheFloorTheManagerApprovesTheOrderShipsAndAUnitComesBack()
    {
        var warehouse = await WarehouseAsync(app, "E2E 华东仓");
        var product = await ProductAsync(app, warehouse, stock: 10, listPrice: 1000m, floorPrice: 900m, name: "E2E 防火墙 F1");
        var customerId = await CustomerAsync(app, "zhang.wei");

        // zhang.wei: an order for his customer with a line below the floor price, and the request for approval.
        var zhang = await NewPageAsync("zhang.wei");
        await zhang.GotoAsync($"/Sales/Orders/Create?customerId={customerId}");
        await zhang.GetByLabel("发货仓库").SelectOptionAsync(warehouse.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await zhang.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(zhang.Locator(".alert-success")).ToContainTextAsync("已创建订单");
        var orderUrl = new Uri(zhang.Url).AbsolutePath;
        Assert.Matches(new Regex(@"^/Sales/Orders/Details/\d+$"), orderUrl);
        var number = (await zhang.GetByTestId("order-number").First.TextContentAsync())!.Trim();

        await zhang.GetByLabel("产品", new() { Exact = true }).SelectOptionAsync(product.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await zhang.GetByLabel("数量", new() { Exact = true }).FillAsync("2");
        await zhang.GetByLabel("单价", new() { Exact = true }).FillAsync("800");
        await zhang.GetByTestId("add-line").ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("line-product")).ToHaveTextAsync("E2E 防火墙 F1");
        await Assertions.Expect(zhang.GetByTestId("approval-state")).ToContainTextAsync("请先提交主管审批");
        await Assertions.Expect(zhang.GetByTestId("confirm")).ToHaveCountAsync(0);
        await zhang.GetByTestId("request-approval").ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("approval-panel")).ToHaveAttributeAsync("data-state", "Pending");

        // manager.east: approves it from the to-do list.
        var manager = await NewPageAsync("manager.east");
        await manager.GotoAsync("/Approvals");
        var request = manager.GetByTestId("approval").Filter(new() { HasText = number });
        await Assertions.Expect(request).ToHaveCountAsync(1);
        await Assertions.Expect(request.GetByTestId("approval-amount")).ToHaveTextAsync("¥1,600.00");
        await request.GetByLabel("审批意见").FillAsync("重点客户，同意让价");
        await request.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(manager.Locator(".alert-success")).ToContainTextAsync($"已批准 {number}");

        // zhang.wei: sees the outcome, confirms and ships.
        await zhang.GotoAsync(orderUrl);
        await Assertions.Expect(zhang.GetByTestId("approval-comment")).ToHaveTextAsync("重点客户，同意让价");
        await zhang.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("order-status")).ToHaveTextAsync("已确认");
        await zhang.GetByTestId("ship").ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("order-status")).ToHaveTextAsync("已发货");

        var stock = await StockAsync(app, product, warehouse);
        Assert.Equal((8, 0), (stock.OnHand, stock.Reserved));
        var order = await app.WithDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Number == number));
        Assert.Equal((OrderStatus.Shipped, PriceApprovalState.Approved), (order.Status, order.ApprovalState));

        // The customer's 360 shows the order on its orders tab.
        await zhang.GotoAsync($"/Customers/Customers/Details/{customerId}?tab=orders");
        await Assertions.Expect(zhang.GetByTestId("pane-orders").GetByTestId("customer-order").Filter(new() { HasText = number })).ToHaveCountAsync(1);

        // zhang.wei: one unit comes back — a return request against the shipped line.
        await zhang.GotoAsync($"/Sales/Returns/Create?orderId={order.Id}");
        await zhang.GetByTestId("returnable-line").GetByLabel("E2E 防火墙 F1").FillAsync("1");
        await zhang.Locator("select[name=ReasonId]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await zhang.GetByTestId("return-form").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("return-status").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Requested");
        var returnUrl = new Uri(zhang.Url).AbsolutePath;
        Assert.Matches(new Regex(@"^/Sales/Returns/Details/\d+$"), returnUrl);
        var returnNumber = (await zhang.GetByTestId("return-number").TextContentAsync())!.Trim();
        await Assertions.Expect(zhang.GetByTestId("return-amount")).ToHaveTextAsync("¥800.00");

        // manager.east: approves the return in the same to-do list.
        await manager.GotoAsync("/Approvals");
        var returnRequest = manager.GetByTestId("approval").Filter(new() { HasText = returnNumber });
        await Assertions.Expect(returnRequest).ToHaveCountAsync(1);
        await returnRequest.GetByLabel("审批意见").FillAsync("同意退回一台");
        await returnRequest.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(manager.Locator(".alert-success")).ToContainTextAsync(returnNumber);

        // zhang.wei: receives the goods back; the unit is in stock again.
        await zhang.GotoAsync(returnUrl);
        await Assertions.Expect(zhang.GetByTestId("return-status").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Approved");
        await zhang.GetByTestId("receive").ClickAsync();
        await Assertions.Expect(zhang.GetByTestId("return-status").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Received");

        stock = await StockAsync(app, product, warehouse);
        Assert.Equal((9, 0), (stock.OnHand, stock.Reserved));
        var returned = await app.WithDbAsync(db => db.Returns.AsNoTracking().SingleAsync(r => r.Number == returnNumber));
        Assert.Equal((ReturnStatus.Received, 800m), (returned.Status, returned.Amount));
    }

    private async Task<IPage> NewPageAsync(string user)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Demo@123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();
        return page;
    }
}
