using System.Globalization;
using System.Net;
using Crm.Domain.Sales;
using Crm.Infrastructure.Seeding;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Sales;

public sealed class InventoryPagesTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, string>> ReceiptAsync(int productId, int quantity, string warehouse = InventoryTestData.Shanghai, string? note = null) => new()
    {
        ["ProductId"] = Id(productId),
        ["WarehouseId"] = Id(await factory.WarehouseIdAsync(warehouse)),
        ["Quantity"] = quantity.ToString(CultureInfo.InvariantCulture),
        ["Note"] = note ?? string.Empty,
    };

    private async Task<Dictionary<string, string>> AdjustmentAsync(HttpClient client, int productId, int delta, string note)
    {
        var warehouse = await factory.WarehouseIdAsync(InventoryTestData.Shanghai);
        var page = await client.GetDocumentAsync($"/Sales/Inventory/Adjust?productId={productId}&warehouseId={warehouse}");
        return new Dictionary<string, string>
        {
            ["ProductId"] = Id(productId),
            ["WarehouseId"] = Id(warehouse),
            ["Version"] = page.QuerySelector("[data-testid=adjust-form] input[name=Version]")!.GetAttribute("value")!,
            ["Delta"] = delta.ToString(CultureInfo.InvariantCulture),
            ["Note"] = note,
        };
    }

    [Fact]
    public async Task EveryoneWhoSellsSeesStockPerProductAndWarehouse()
    {
        var client = await factory.SignInAsync("li.na", language: "zh-CN");
        var id = await factory.ProductIdAsync("BG1001");
        var (onHand, reserved) = await factory.LevelAsync(id, InventoryTestData.Beijing);
        var beijing = await factory.WarehouseIdAsync(InventoryTestData.Beijing);

        var all = await client.GetDocumentAsync("/Sales/Inventory?Q=BG1001");
        var one = await client.GetDocumentAsync($"/Sales/Inventory?Q=BG1001&WarehouseId={beijing}");

        Assert.Equal([InventoryTestData.Beijing, InventoryTestData.Shanghai],
            all.QuerySelectorAll("[data-testid=stock-row]").Select(r => r.GetAttribute("data-warehouse")!).Order());
        var row = Assert.Single(one.QuerySelectorAll("[data-testid=stock-row]"));
        Assert.Equal(onHand.ToString("N0", CultureInfo.InvariantCulture), row.QuerySelector("[data-testid=on-hand]")!.TextContent.Trim());
        Assert.Equal((onHand - reserved).ToString("N0", CultureInfo.InvariantCulture), row.QuerySelector("[data-testid=available]")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Null(all.QuerySelector("[data-testid=new-receipt]"));
    }

    [Fact]
    public async Task ACategoryFilterCoversItsSubcategories()
    {
        var client = await factory.SignInAsync("zhang.wei");
        var consumables = await factory.CategoryIdAsync("耗材");
        var shanghai = await factory.WarehouseIdAsync(InventoryTestData.Shanghai);

        var page = await client.GetDocumentAsync($"/Sales/Inventory?CategoryId={consumables}&WarehouseId={shanghai}");

        var codes = page.QuerySelectorAll("[data-testid=stock-row]").Select(r => r.GetAttribute("data-code")!).ToList();
        Assert.Equal(16, codes.Count);
        Assert.All(codes, c => Assert.StartsWith("HC", c));
    }

    [Fact]
    public async Task SalesmanIsRefusedReceiptsAndAdjustmentsAndStockStaysAsItWas()
    {
        var id = await factory.NewProductAsync("INV-SALES", stock: 10);
        var client = await factory.SignInAsync("zhang.wei");
        var warehouse = await factory.WarehouseIdAsync(InventoryTestData.Shanghai);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Sales/Inventory/Receive?productId={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Sales/Inventory/Adjust?productId={id}&warehouseId={warehouse}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/Sales/Inventory/Receive", await ReceiptAsync(id, 5), "/Sales/Inventory")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/Sales/Inventory/Adjust", new Dictionary<string, string>
        {
            ["ProductId"] = Id(id), ["WarehouseId"] = Id(warehouse), ["Delta"] = "-3", ["Note"] = "偷偷调整",
        }, "/Sales/Inventory")).StatusCode);

        Assert.Equal((10, 0), await factory.LevelAsync(id, InventoryTestData.Shanghai));
        Assert.Single(await factory.MovementsAsync(id));
    }

    [Fact]
    public async Task AReceiptCreatesTheLevelAddsAMovementAndShowsOnTheProductPage()
    {
        var id = await factory.NewProductAsync("INV-RCPT");
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await admin.PostFormAsync("/Sales/Inventory/Receive", await ReceiptAsync(id, 25, note: "PO-2026-001"), $"/Sales/Inventory/Receive?productId={id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Sales/Products/Details/{id}", response.Headers.Location!.OriginalString);
        var second = await admin.PostFormAsync("/Sales/Inventory/Receive", await ReceiptAsync(id, 5), $"/Sales/Inventory/Receive?productId={id}");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        Assert.Equal((30, 0), await factory.LevelAsync(id, InventoryTestData.Shanghai));
        var movements = await factory.MovementsAsync(id);
        Assert.Equal([(StockMovementKind.Receipt, 25, 25, "PO-2026-001"), (StockMovementKind.Receipt, 5, 5, (string?)null)],
            movements.Select(m => (m.Kind, m.Quantity, m.OnHandDelta, m.Note)));
        var details = await admin.GetDocumentAsync($"/Sales/Products/Details/{id}");
        Assert.Contains("已入库 5 件", details.Text(".alert-success"));
        Assert.Equal("30", details.QuerySelector($"[data-testid=stock-row][data-warehouse={InventoryTestData.Shanghai}] [data-testid=on-hand]")!.TextContent.Trim());
    }

    [Fact]
    public async Task InvalidReceiptsAreExplainedAndChangeNothing()
    {
        var id = await factory.NewProductAsync("INV-BAD", stock: 4);
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        var zero = await admin.PostFormAsync("/Sales/Inventory/Receive", await ReceiptAsync(id, 0), "/Sales/Inventory/Receive");
        var noWarehouse = await ReceiptAsync(id, 3);
        noWarehouse["WarehouseId"] = string.Empty;
        var missing = await admin.PostFormAsync("/Sales/Inventory/Receive", noWarehouse, "/Sales/Inventory/Receive");

        Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
        Assert.Contains("数量必须在 1 到 1000000 之间", (await zero.ReadDocumentAsync()).QuerySelector("[data-testid=receipt-form]")!.TextContent);
        Assert.Contains("请填写仓库", (await missing.ReadDocumentAsync()).QuerySelector("[data-testid=receipt-form]")!.TextContent);
        Assert.Equal((4, 0), await factory.LevelAsync(id, InventoryTestData.Shanghai));
        Assert.Single(await factory.MovementsAsync(id));
    }

    [Fact]
    public async Task AnAdjustmentChangesStockWithItsReasonAndOneWithoutAReasonIsRefused()
    {
        var id = await factory.NewProductAsync("INV-ADJ", stock: 20);
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        var noReason = await AdjustmentAsync(admin, id, -2, string.Empty);
        var refused = await admin.PostFormAsync("/Sales/Inventory/Adjust", noReason);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写调整原因", (await refused.ReadDocumentAsync()).QuerySelector("[data-testid=adjust-form]")!.TextContent);
        var zero = await admin.PostFormAsync("/Sales/Inventory/Adjust", await AdjustmentAsync(admin, id, 0, "无变化"));
        Assert.Contains("调整数量不能为 0", (await zero.ReadDocumentAsync()).QuerySelector("[data-testid=adjust-form]")!.TextContent);
        Assert.Equal((20, 0), await factory.LevelAsync(id, InventoryTestData.Shanghai));

        var saved = await admin.PostFormAsync("/Sales/Inventory/Adjust", await AdjustmentAsync(admin, id, -3, "季度盘点：破损 3 台"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal((17, 0), await factory.LevelAsync(id, InventoryTestData.Shanghai));
        var last = (await factory.MovementsAsync(id)).Last();
        Assert.Equal((StockMovementKind.Adjustment, 3, -3, "季度盘点：破损 3 台"), (last.Kind, last.Quantity, last.OnHandDelta, last.Note));
    }

    [Fact]
    public async Task AnAdjustmentBelowTheReservedUnitsIsRefusedWithTheNumbers()
    {
        var id = await factory.NewProductAsync("INV-RSV", stock: 10);
        var number = await factory.ReserveAsync(id, 8);
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await admin.PostFormAsync("/Sales/Inventory/Adjust", await AdjustmentAsync(admin, id, -5, "盘亏"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("调整后在库数量为 5，低于已为订单预留的 8 件", (await response.ReadDocumentAsync()).QuerySelector("[data-testid=adjust-form]")!.TextContent);
        Assert.Equal((10, 8), await factory.LevelAsync(id, InventoryTestData.Shanghai));
        var movements = await admin.GetDocumentAsync($"/Sales/Inventory/Movements?productId={id}");
        var reservation = movements.QuerySelector("[data-testid=movement][data-kind=Reservation]")!;
        Assert.Contains(number, reservation.TextContent);
        Assert.Equal("+8", reservation.QuerySelector("[data-testid=reserved-delta]")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnAdjustmentCountedAgainstStockThatChangedMeanwhileIsRefused()
    {
        var id = await factory.NewProductAsync("INV-STALE", stock: 10);
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var stale = await AdjustmentAsync(admin, id, -2, "盘亏 2");
        await admin.PostFormAsync("/Sales/Inventory/Receive", await ReceiptAsync(id, 6), "/Sales/Inventory/Receive");

        var response = await admin.PostFormAsync("/Sales/Inventory/Adjust", stale);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("在您操作期间库存已发生变化", page.QuerySelector("[data-testid=adjust-form]")!.TextContent);
        Assert.Equal("16", page.Text("[data-testid=current-on-hand]"));
        Assert.Equal((16, 0), await factory.LevelAsync(id, InventoryTestData.Shanghai));
        Assert.Equal(2, (await factory.MovementsAsync(id)).Count);
    }

    [Fact]
    public async Task AReceiptIntoAnInactiveWarehouseIsRefused()
    {
        var id = await factory.NewProductAsync("INV-INACT");
        var warehouse = await factory.WithDbAsync(async db =>
        {
            var closed = new Warehouse("GZ99", "广州临时仓", null);
            closed.SetActive(false);
            db.Warehouses.Add(closed);
            await db.SaveChangesAsync();
            return closed.Id;
        });
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var form = await ReceiptAsync(id, 5);
        form["WarehouseId"] = Id(warehouse);

        var response = await admin.PostFormAsync("/Sales/Inventory/Receive", form, "/Sales/Inventory/Receive");

        Assert.Contains("仓库“广州临时仓”已停用，不能入库", (await response.ReadDocumentAsync()).QuerySelector("[data-testid=receipt-form]")!.TextContent);
        Assert.Empty(await factory.MovementsAsync(id));
    }

    [Fact]
    public async Task TheLowStockListHoldsExactlyTheLevelsBelowSafetyStockAndForgetsOneOnceRestocked()
    {
        var id = await factory.NewProductAsync("INV-LOW", stock: 2, safetyStock: 10);
        var client = await factory.SignInAsync("manager.north", language: "zh-CN");
        var expected = await factory.WithDbAsync(db => (
            from p in db.Products
            from w in db.Warehouses
            where p.Status == ProductStatus.Active && w.IsActive
            let s = db.StockLevels.FirstOrDefault(s => s.ProductId == p.Id && s.WarehouseId == w.Id)
            where (s == null ? 0 : s.OnHand - s.Reserved) < p.SafetyStock
            select p.Code + "@" + w.Code).ToListAsync());

        var page = await client.GetDocumentAsync("/Sales/Inventory/LowStock");

        var listed = page.QuerySelectorAll("[data-testid=low-row]").Select(r => r.GetAttribute("data-code") + "@" + r.GetAttribute("data-warehouse")).ToList();
        Assert.Equal(expected.Order(), listed.Order());
        Assert.Contains("INV-LOW@" + InventoryTestData.Shanghai, listed);
        Assert.All(DemoProducts.LowStockCodes, code => Assert.Contains(code + "@" + InventoryTestData.Shanghai, listed));
        var mine = page.QuerySelector($"[data-testid=low-row][data-code=INV-LOW][data-warehouse={InventoryTestData.Shanghai}]")!;
        Assert.Equal("8", mine.QuerySelector("[data-testid=shortfall]")!.TextContent.Trim());

        var admin = await factory.SignInAsync("admin");
        await admin.PostFormAsync("/Sales/Inventory/Receive", await ReceiptAsync(id, 8), "/Sales/Inventory/Receive");
        var after = await client.GetDocumentAsync("/Sales/Inventory/LowStock");
        Assert.Null(after.QuerySelector($"[data-testid=low-row][data-code=INV-LOW][data-warehouse={InventoryTestData.Shanghai}]"));
        Assert.NotNull(after.QuerySelector($"[data-testid=low-row][data-code=INV-LOW][data-warehouse={InventoryTestData.Beijing}]"));
    }

    [Fact]
    public async Task MovementsFilterByKindAndDate()
    {
        var id = await factory.NewProductAsync("INV-MOVE", stock: 12);
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        await admin.PostFormAsync("/Sales/Inventory/Adjust", await AdjustmentAsync(admin, id, 1, "盘盈 1"));
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var all = await admin.GetDocumentAsync($"/Sales/Inventory/Movements?productId={id}");
        var adjustments = await admin.GetDocumentAsync($"/Sales/Inventory/Movements?productId={id}&Kind=Adjustment");
        var todays = await admin.GetDocumentAsync($"/Sales/Inventory/Movements?productId={id}&From={today}&To={today}");
        var lastYear = await admin.GetDocumentAsync($"/Sales/Inventory/Movements?productId={id}&From=2020-01-01&To=2020-12-31");

        Assert.Equal(["Adjustment", "Receipt"], all.QuerySelectorAll("[data-testid=movement]").Select(m => m.GetAttribute("data-kind")!));
        var adjustment = Assert.Single(adjustments.QuerySelectorAll("[data-testid=movement]"));
        Assert.Equal("+1", adjustment.QuerySelector("[data-testid=on-hand-delta]")!.TextContent.Trim());
        Assert.Contains("盘盈 1", adjustment.TextContent);
        Assert.Contains("系统管理员", adjustment.TextContent);
        Assert.Equal(2, todays.QuerySelectorAll("[data-testid=movement]").Length);
        Assert.NotNull(lastYear.QuerySelector("[data-testid=empty-state]"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Sales/Inventory/Movements?productId=999999")).StatusCode);
    }
}
