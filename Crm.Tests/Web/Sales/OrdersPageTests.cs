using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Customers;
using Crm.Domain.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Crm.Tests.Web.Sales.OrdersTestData;

namespace Crm.Tests.Web.Sales;

/// <summary>
/// Orders as the salesman, his colleague and the managers use them: creating, lines, confirming with stock
/// and the customer's revenue, shipping, cancelling, stale pages, the list and the printout. Each test
/// arranges its own warehouse, products and customer.
/// </summary>
public sealed class OrdersPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, fields.ToDictionary(f => f.Key, f => f.Value), formPage: "/");

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    private async Task<string> VersionOfAsync(int orderId) => (await OrderAsync(factory, orderId)).Version.ToString();

    private async Task<HttpResponseMessage> AddLineAsync(HttpClient client, int orderId, int productId, string quantity = "1", string? unitPrice = null, string? discount = null, string? priceType = null) =>
        await PostAsync(client, $"/Sales/Orders/AddLine/{orderId}",
            ("Line.ProductId", productId.ToString()), ("Line.Quantity", quantity), ("Line.UnitPrice", unitPrice ?? string.Empty),
            ("Line.DiscountPercent", discount ?? string.Empty), ("Line.PriceType", priceType ?? string.Empty), ("Line.Version", await VersionOfAsync(orderId)));

    private async Task<HttpResponseMessage> MoveAsync(HttpClient client, int orderId, string action, params (string Key, string Value)[] extra) =>
        await PostAsync(client, $"/Sales/Orders/{action}/{orderId}", [("version", await VersionOfAsync(orderId)), .. extra]);

    [Fact]
    public async Task SalesmanCreatesAnOrderForHisCustomerAddsALineAndConfirmsIt()
    {
        var warehouse = await WarehouseAsync(factory, "华东一号仓");
        var product = await ProductAsync(factory, warehouse, stock: 10, listPrice: 1200m, floorPrice: 1000m, name: "企业路由器 R100");
        var customerId = await CustomerAsync(factory);
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var form = await client.GetDocumentAsync($"/Sales/Orders/Create?customerId={customerId}");
        Assert.Equal("上海市徐汇区漕溪北路 88 号", form.QuerySelector("input[name=DeliveryAddress]")!.GetAttribute("value"));
        Assert.Contains(form.QuerySelectorAll("select[name=WarehouseId] option"), o => o.TextContent.Contains("华东一号仓"));
        var created = await PostAsync(client, "/Sales/Orders/Create",
            ("CustomerId", customerId.ToString()), ("Date", "2026-11-20"), ("WarehouseId", warehouse.ToString()),
            ("DeliveryAddress", "上海市徐汇区漕溪北路 88 号 3 楼"), ("Remarks", "月底前送达"));
        var details = await FollowAsync(client, created);
        Assert.Contains("已创建订单", details.Text(".alert-success"));
        var orderId = await factory.WithDbAsync(db => db.Orders.Where(o => o.CustomerId == customerId).Select(o => o.Id).SingleAsync());
        Assert.Equal("草稿", details.Text("[data-testid=order-status]"));
        Assert.Contains(details.QuerySelectorAll("select[name='Line.ProductId'] option"), o => o.TextContent.Contains("企业路由器 R100") && o.TextContent.Contains("¥1,200.00") && o.TextContent.Contains("可用 10"));

        var page = await FollowAsync(client, await AddLineAsync(client, orderId, product, quantity: "3", discount: "5"));
        Assert.Equal("企业路由器 R100", page.Text("[data-testid=line-product]"));
        Assert.Equal("¥3,420.00", page.Text("[data-testid=document-total]"));
        Assert.Null(page.QuerySelector("[data-testid=approval-panel]"));

        var confirmed = await FollowAsync(client, await MoveAsync(client, orderId, "Confirm"));

        Assert.Contains("已确认", confirmed.Text(".alert-success"));
        Assert.Equal("已确认", confirmed.Text("[data-testid=order-status]"));
        var order = await OrderAsync(factory, orderId);
        Assert.Equal(OrderStatus.Confirmed, order.Status);
        Assert.Equal("上海市徐汇区漕溪北路 88 号 3 楼", order.DeliveryAddress);
        Assert.Equal(new DateOnly(2026, 11, 20), order.Date);
        var stock = await StockAsync(factory, product, warehouse);
        Assert.Equal((10, 3), (stock.OnHand, stock.Reserved));
        var customer = await CustomerOfAsync(factory, customerId);
        Assert.Equal(3420.00m, customer.LifetimeRevenue);
        Assert.NotNull(customer.LastOrderAt);
        Assert.Equal(CustomerStatus.Active, customer.Status);
    }

    [Fact]
    public async Task AnOrderOfAnotherSalesmansCustomerDoesNotExistForHimOrTheOtherCompany()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 5);
        var customerId = await CustomerAsync(factory);
        var orderId = await DraftOrderAsync(factory, customerId, warehouse, (product, 1, null));
        var version = await VersionOfAsync(orderId);

        foreach (var userName in new[] { "li.na", "manager.north" })
        {
            var client = await factory.SignInAsync(userName);
            foreach (var url in new[] { "Details", "Print", "Edit" })
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Sales/Orders/{url}/{orderId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Sales/Orders/Create?customerId={customerId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Sales/Orders/Confirm/{orderId}", ("version", version))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Sales/Orders/AddLine/{orderId}",
                ("Line.ProductId", product.ToString()), ("Line.Quantity", "1"), ("Line.Version", version))).StatusCode);
            var list = await client.GetDocumentAsync($"/Sales/Orders?CustomerId={customerId}");
            Assert.Empty(list.QuerySelectorAll("[data-testid=order-row]"));
        }

        var manager = await factory.SignInAsync("manager.east");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Sales/Orders/Details/{orderId}")).StatusCode);
        Assert.Equal(OrderStatus.Draft, (await OrderAsync(factory, orderId)).Status);
        Assert.Single((await OrderAsync(factory, orderId)).Lines);
    }

    [Theory]
    [InlineData("0", null, null, "数量必须在 1 到 1000000 之间")]
    [InlineData("2", null, "150", "折扣（%）必须在 0 到 100 之间")]
    [InlineData("2", "12.345", null, "单价必须在 0 到 99,999,999.99 之间，最多两位小数")]
    [InlineData("2", "-1", null, "单价必须在 0 到 99999999.99 之间")]
    public async Task AnInvalidLineShowsALocalizedMessageAndSavesNothing(string quantity, string? unitPrice, string? discount, string message)
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 5);
        var orderId = await DraftOrderAsync(factory, await CustomerAsync(factory), warehouse);
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var response = await AddLineAsync(client, orderId, product, quantity, unitPrice, discount);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.Text("[data-testid=add-line-form]"));
        Assert.Empty((await OrderAsync(factory, orderId)).Lines);
    }

    [Fact]
    public async Task AStalePageChangesNothing()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 5);
        var orderId = await DraftOrderAsync(factory, await CustomerAsync(factory), warehouse, (product, 1, null));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var stale = await VersionOfAsync(orderId);
        await AddLineAsync(client, orderId, product, "2");

        var line = await FollowAsync(client, await PostAsync(client, $"/Sales/Orders/AddLine/{orderId}",
            ("Line.ProductId", product.ToString()), ("Line.Quantity", "4"), ("Line.Version", stale)));
        var confirm = await FollowAsync(client, await PostAsync(client, $"/Sales/Orders/Confirm/{orderId}", ("version", stale)));
        var edit = await PostAsync(client, $"/Sales/Orders/Edit/{orderId}",
            ("Date", "2026-01-01"), ("WarehouseId", warehouse.ToString()), ("Remarks", "旧页面"), ("Version", stale));

        Assert.Contains("在您编辑期间，该记录已被他人修改", line.Text(".alert-danger"));
        Assert.Contains("在您编辑期间，该记录已被他人修改", confirm.Text(".alert-danger"));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("在您编辑期间，该记录已被他人修改", (await edit.ReadDocumentAsync()).Text(".alert-danger"));
        var order = await OrderAsync(factory, orderId);
        Assert.Equal([1, 2], order.Lines.OrderBy(l => l.LineNo).Select(l => l.Quantity));
        Assert.Equal(OrderStatus.Draft, order.Status);
        Assert.Null(order.Remarks);
        Assert.Equal(0, (await StockAsync(factory, product, warehouse)).Reserved);
    }

    [Fact]
    public async Task OversellingIsRefusedNamingTheProductAndWhatIsAvailableAndReservesNothing()
    {
        var warehouse = await WarehouseAsync(factory);
        var plenty = await ProductAsync(factory, warehouse, stock: 50, name: "网络交换机 S24");
        var scarce = await ProductAsync(factory, warehouse, stock: 3, name: "光纤模块 SFP");
        var orderId = await DraftOrderAsync(factory, await CustomerAsync(factory), warehouse, (plenty, 10, null), (scarce, 5, null));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var page = await FollowAsync(client, await MoveAsync(client, orderId, "Confirm"));

        Assert.Contains("“光纤模块 SFP”库存不足：可用 3，需要 5。", page.Text(".alert-danger"));
        Assert.Equal(OrderStatus.Draft, (await OrderAsync(factory, orderId)).Status);
        Assert.Equal(0, (await StockAsync(factory, plenty, warehouse)).Reserved);
        Assert.Equal(0, (await StockAsync(factory, scarce, warehouse)).Reserved);
        Assert.False(await factory.WithDbAsync(db => db.StockMovements.AnyAsync(m => m.OrderId == orderId)));
    }

    [Fact]
    public async Task ConfirmingIsRefusedWhileLinesBelowTheFloorWaitForApprovalAndAllowedAfterIt()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 20, listPrice: 500m, floorPrice: 400m, name: "无线控制器 AC5");
        var customerId = await CustomerAsync(factory);
        var orderId = await DraftOrderAsync(factory, customerId, warehouse);
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var details = await FollowAsync(zhang, await AddLineAsync(zhang, orderId, product, "2", unitPrice: "350"));
        Assert.Equal("Required", details.QuerySelector("[data-testid=approval-panel]")!.GetAttribute("data-state"));
        Assert.Contains("有明细低于最低限价 — 请先提交主管审批", details.Text("[data-testid=approval-state]"));
        Assert.NotNull(details.QuerySelector("[data-testid=request-approval]"));
        Assert.Null(details.QuerySelector("[data-testid=confirm]"));
        Assert.NotNull(details.QuerySelector("[data-testid=below-floor]"));

        var refused = await FollowAsync(zhang, await MoveAsync(zhang, orderId, "Confirm"));
        Assert.Contains("有明细低于最低限价：请先提交主管审批。", refused.Text(".alert-danger"));

        var requested = await FollowAsync(zhang, await MoveAsync(zhang, orderId, "RequestApproval"));
        Assert.Contains("已为", requested.Text(".alert-success"));
        Assert.Equal("Pending", requested.QuerySelector("[data-testid=approval-panel]")!.GetAttribute("data-state"));
        var pending = await FollowAsync(zhang, await MoveAsync(zhang, orderId, "Confirm"));
        Assert.Contains("正在等待主管审批", pending.Text(".alert-danger"));
        Assert.Equal(OrderStatus.Draft, (await OrderAsync(factory, orderId)).Status);

        var approval = await factory.WithDbAsync(db => db.Approvals.SingleAsync(a => a.Kind == ApprovalKind.OrderPrice && a.SubjectId == orderId));
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        await FollowAsync(manager, await PostAsync(manager, $"/Approvals/Decide/{approval.Id}",
            ("Decision", "Approve"), ("Comment", "战略客户，同意"), ("Version", approval.Version.ToString())));

        var approved = await zhang.GetDocumentAsync($"/Sales/Orders/Details/{orderId}");
        Assert.Equal("Approved", approved.QuerySelector("[data-testid=approval-panel]")!.GetAttribute("data-state"));
        Assert.Contains("陈静", approved.Text("[data-testid=approval-outcome]"));
        Assert.Equal("战略客户，同意", approved.Text("[data-testid=approval-comment]"));
        var confirmed = await FollowAsync(zhang, await MoveAsync(zhang, orderId, "Confirm"));
        Assert.Contains("已确认", confirmed.Text(".alert-success"));
        Assert.Equal(OrderStatus.Confirmed, (await OrderAsync(factory, orderId)).Status);
        Assert.Equal(2, (await StockAsync(factory, product, warehouse)).Reserved);
    }

    [Fact]
    public async Task ChangingTheLinesWithdrawsAPendingApproval()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 20, listPrice: 500m, floorPrice: 400m);
        var orderId = await DraftOrderAsync(factory, await CustomerAsync(factory), warehouse, (product, 1, 300m));
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await MoveAsync(zhang, orderId, "RequestApproval");

        await AddLineAsync(zhang, orderId, product, "1");

        var approval = await factory.WithDbAsync(db => db.Approvals.SingleAsync(a => a.Kind == ApprovalKind.OrderPrice && a.SubjectId == orderId));
        Assert.Equal(ApprovalStatus.Withdrawn, approval.Status);
        Assert.Equal(PriceApprovalState.Required, (await OrderAsync(factory, orderId)).ApprovalState);

        var removed = await FollowAsync(zhang, await MoveAsync(zhang, orderId, "RemoveLine", ("lineNo", "1")));
        Assert.Contains("已删除", removed.Text(".alert-success"));
        var order = await OrderAsync(factory, orderId);
        Assert.Equal([2], order.Lines.Select(l => l.LineNo));
        Assert.Equal(PriceApprovalState.NotRequired, order.ApprovalState);
        Assert.Null(removed.QuerySelector("[data-testid=approval-panel][data-state=Required]"));
    }

    [Fact]
    public async Task ShippingTakesTheUnitsOutAndCompletingEndsTheOrder()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 8);
        var orderId = await DraftOrderAsync(factory, await CustomerAsync(factory), warehouse, (product, 3, null));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await MoveAsync(client, orderId, "Confirm");

        var shipped = await FollowAsync(client, await MoveAsync(client, orderId, "Ship"));
        Assert.Equal("已发货", shipped.Text("[data-testid=order-status]"));
        Assert.NotNull(shipped.QuerySelector("[data-testid=complete]"));
        Assert.Null(shipped.QuerySelector("[data-testid=cancel]"));
        var stock = await StockAsync(factory, product, warehouse);
        Assert.Equal((5, 0), (stock.OnHand, stock.Reserved));

        var completed = await FollowAsync(client, await MoveAsync(client, orderId, "Complete"));
        Assert.Equal("已完成", completed.Text("[data-testid=order-status]"));
        Assert.Null(completed.QuerySelector("[data-testid=order-actions] form"));
        var wrong = await FollowAsync(client, await MoveAsync(client, orderId, "Ship"));
        Assert.Contains("订单不能从“已完成”变为“已发货”", wrong.Text(".alert-danger"));
    }

    [Fact]
    public async Task CancellingAConfirmedOrderReleasesItsStockAndItsRevenue()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 10, listPrice: 100m, floorPrice: 50m);
        var customerId = await CustomerAsync(factory);
        var orderId = await DraftOrderAsync(factory, customerId, warehouse, (product, 4, null));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await MoveAsync(client, orderId, "Confirm");
        Assert.Equal(4, (await StockAsync(factory, product, warehouse)).Reserved);
        Assert.Equal(400m, (await CustomerOfAsync(factory, customerId)).LifetimeRevenue);

        var noReason = await FollowAsync(client, await MoveAsync(client, orderId, "Cancel", ("reason", " ")));
        Assert.Contains("取消原因", noReason.Text(".alert-danger"));
        Assert.Equal(OrderStatus.Confirmed, (await OrderAsync(factory, orderId)).Status);

        var cancelled = await FollowAsync(client, await MoveAsync(client, orderId, "Cancel", ("reason", "客户预算取消")));

        Assert.Equal("已取消", cancelled.Text("[data-testid=order-status]"));
        Assert.Equal("客户预算取消", cancelled.Text("[data-testid=cancel-reason]"));
        var stock = await StockAsync(factory, product, warehouse);
        Assert.Equal((10, 0), (stock.OnHand, stock.Reserved));
        Assert.Contains(await factory.WithDbAsync(db => db.StockMovements.Where(m => m.OrderId == orderId).Select(m => m.Kind).ToListAsync()),
            k => k == StockMovementKind.Release);
        var customer = await CustomerOfAsync(factory, customerId);
        Assert.Equal(0m, customer.LifetimeRevenue);
        Assert.Null(customer.LastOrderAt);
    }

    [Fact]
    public async Task ANewDateInTheHeaderPricesTheLinesAgain()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 10, listPrice: 100m, floorPrice: 50m,
            arrange: p => p.SetPrice(PriceType.Promotion, 70m, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), null, DateTimeOffset.UtcNow));
        var orderId = await DraftOrderAsync(factory, await CustomerAsync(factory), warehouse);
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await PostAsync(client, $"/Sales/Orders/Edit/{orderId}", ("Date", "2026-06-15"), ("WarehouseId", warehouse.ToString()), ("Version", await VersionOfAsync(orderId)));
        await AddLineAsync(client, orderId, product, "2", priceType: "Promotion");
        Assert.Equal(140m, (await OrderAsync(factory, orderId)).Total);

        var edited = await FollowAsync(client, await PostAsync(client, $"/Sales/Orders/Edit/{orderId}",
            ("Date", "2026-07-01"), ("WarehouseId", warehouse.ToString()), ("Remarks", "改期"), ("Version", await VersionOfAsync(orderId))));

        Assert.Contains("已保存订单", edited.Text(".alert-success"));
        var order = await OrderAsync(factory, orderId);
        Assert.Equal(200m, order.Total);
        Assert.Equal(PriceType.List, Assert.Single(order.Lines).AppliedPriceType);
        Assert.Equal("改期", order.Remarks);
    }

    [Fact]
    public async Task TheCustomerLevelsDefaultPriceTypePricesANewLine()
    {
        // The level's setting as seeded, or Partner when it has none.
        var (levelId, type) = await factory.WithDbAsync(async db =>
        {
            var level = await db.DictionaryItems.Where(d => d.Category == Crm.Domain.Common.DictionaryCategories.CustomerLevel).OrderByDescending(d => d.Id).FirstAsync();
            var mapping = await db.CustomerLevelPriceTypes.SingleOrDefaultAsync(m => m.LevelId == level.Id);
            if (mapping is null || mapping.PriceType == PriceType.List)
            {
                if (mapping is null)
                    db.CustomerLevelPriceTypes.Add(new CustomerLevelPriceType(level.Id, PriceType.Partner));
                else
                    mapping.Change(PriceType.Partner);
                await db.SaveChangesAsync();
            }

            return (level.Id, mapping?.PriceType is { } seeded && seeded != PriceType.List ? seeded : PriceType.Partner);
        });
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 10, listPrice: 100m, floorPrice: 60m,
            arrange: p => p.SetPrice(type, 85m, new DateOnly(2020, 1, 1), new DateOnly(2099, 12, 31), null, DateTimeOffset.UtcNow));
        var orderId = await DraftOrderAsync(factory, await CustomerAsync(factory, levelId: levelId), warehouse);
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var page = await client.GetDocumentAsync($"/Sales/Orders/Details/{orderId}");
        Assert.Equal(type.ToString(), page.QuerySelector("select[name='Line.PriceType'] option[selected]")!.GetAttribute("value"));
        await AddLineAsync(client, orderId, product, "2");

        var line = Assert.Single((await OrderAsync(factory, orderId)).Lines);
        Assert.Equal((type, 85m, 170m), (line.AppliedPriceType, line.UnitPrice, line.Amount));
    }

    [Fact]
    public async Task TheListSearchesFiltersAndExportsWithinTheScope()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 10);
        var customerId = await CustomerAsync(factory);
        var draft = await DraftOrderAsync(factory, customerId, warehouse, (product, 1, null));
        var confirmedId = await DraftOrderAsync(factory, customerId, warehouse, (product, 2, null));
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await MoveAsync(zhang, confirmedId, "Confirm");
        var (draftNumber, confirmedNumber) = ((await OrderAsync(factory, draft)).Number, (await OrderAsync(factory, confirmedId)).Number);
        var customerName = (await CustomerOfAsync(factory, customerId)).Name;

        string[] Numbers(IDocument page) => page.QuerySelectorAll("[data-testid=order-number]").Select(a => a.TextContent.Trim()).ToArray();
        var byName = await zhang.GetDocumentAsync("/Sales/Orders?Q=" + Uri.EscapeDataString(customerName));
        Assert.Equal([confirmedNumber, draftNumber], Numbers(byName));
        var byStatus = await zhang.GetDocumentAsync($"/Sales/Orders?CustomerId={customerId}&Status=Confirmed");
        Assert.Equal([confirmedNumber], Numbers(byStatus));
        Assert.Null(byStatus.QuerySelector("select[name=SalesmanId]"));
        var csv = await zhang.GetStringAsync($"/Sales/Orders/Export?format=csv&CustomerId={customerId}&sort=number");
        Assert.Contains(draftNumber, csv);
        Assert.Contains(confirmedNumber, csv);
        Assert.Contains("已确认", csv);

        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        var managerPage = await manager.GetDocumentAsync($"/Sales/Orders?CustomerId={customerId}");
        Assert.NotNull(managerPage.QuerySelector("select[name=SalesmanId]"));
        Assert.Equal(2, Numbers(managerPage).Length);
        var li = await factory.SignInAsync("li.na");
        Assert.Empty(Numbers(await li.GetDocumentAsync("/Sales/Orders?Q=" + Uri.EscapeDataString(customerName))));
        Assert.DoesNotContain(draftNumber, await li.GetStringAsync("/Sales/Orders/Export?format=csv"));
    }

    [Fact]
    public async Task ThePrintablePageShowsTheCompanyTheCustomerAndTheLines()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 10, listPrice: 99.5m, floorPrice: 50m, name: "桌面打印机 P1");
        var customerId = await CustomerAsync(factory);
        var orderId = await DraftOrderAsync(factory, customerId, warehouse, (product, 2, null));
        var client = await factory.SignInAsync("zhang.wei", language: "en-US");

        var page = await client.GetDocumentAsync($"/Sales/Orders/Print/{orderId}");

        Assert.Contains("Sales order", page.Text("[data-testid=print] h1"));
        Assert.False(string.IsNullOrWhiteSpace(page.Text("[data-testid=print-company]")));
        Assert.Contains((await CustomerOfAsync(factory, customerId)).Name, page.Text("[data-testid=print-customer]"));
        var line = Assert.Single(page.QuerySelectorAll("[data-testid=print-line]"));
        Assert.Contains("桌面打印机 P1", line.TextContent);
        Assert.Contains("¥199.00", line.TextContent);
        Assert.Equal("¥199.00", page.Text("[data-testid=print-total]"));
        Assert.NotNull(page.QuerySelector("link[rel=stylesheet][media=print][href*='print.css']"));
    }

    [Fact]
    public async Task TheCustomerPartialQueryListsTheLatestOrdersOfTheCustomer()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 10);
        var customerId = await CustomerAsync(factory);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
            ids.Add(await DraftOrderAsync(factory, customerId, warehouse, (product, 1, null)));

        var model = await factory.WithDbAsync(db => Crm.Web.Areas.Sales.Models.OrderQueries.ForCustomerAsync(db, customerId, canCreate: true, take: 2));

        Assert.Equal(ids.OrderDescending().Take(2), model.Orders.Select(o => o.Id));
        Assert.True(model.HasMore);
    }

    [Fact]
    public async Task AChangeFromAPageReadBeforeAReturnRequestIsRefused()
    {
        var (orderId, staleVersion, reason) = await factory.WithDbAsync(async db =>
        {
            var product = await SalesArrange.ProductAsync(db, units: 20);
            var id = await SalesArrange.OrderAsync(db, await SalesArrange.CustomerAsync(db, "zhang.wei"), product.WarehouseId, [(product.ProductId, 4)]);
            var reasonId = await db.DictionaryItems.Where(d => d.Category == Crm.Domain.Common.DictionaryCategories.ReturnReason).Select(d => d.Id).FirstAsync();
            return (id, (await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id)).Version.ToString(), reasonId);
        });
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var before = await client.GetDocumentAsync($"/Sales/Orders/Details/{orderId}");
        Assert.Equal(staleVersion, before.QuerySelector("[data-testid=complete]")!.Closest("form")!.QuerySelector("input[name=version]")!.GetAttribute("value"));

        var returnForm = await client.GetDocumentAsync($"/Sales/Returns/Create?orderId={orderId}");
        await FollowAsync(client, await client.PostFormAsync($"/Sales/Returns/Create?orderId={orderId}", new Dictionary<string, string>
        {
            ["Version"] = returnForm.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["ReasonId"] = reason.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lines[0].LineNo"] = "1",
            ["Lines[0].Quantity"] = "1",
        }, formPage: $"/Sales/Returns/Create?orderId={orderId}"));
        var page = await FollowAsync(client, await PostAsync(client, $"/Sales/Orders/Complete/{orderId}", ("version", staleVersion)));

        var order = await OrderAsync(factory, orderId);
        Assert.Equal(1, order.Lines.Single().ReturnedQuantity);
        Assert.NotEqual(staleVersion, order.Version.ToString());
        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Contains("已被他人修改", page.Text(".alert-danger"));
    }
}
