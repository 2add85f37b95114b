using System.Net;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Sales;

public sealed class WarehousesPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    [Fact]
    public async Task SalesmanSeesTheWarehousesButCannotChangeThem()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var shanghai = await factory.WarehouseIdAsync(InventoryTestData.Shanghai);

        var page = await client.GetDocumentAsync("/Sales/Warehouses");

        var codes = page.QuerySelectorAll("[data-testid=warehouse-row]").Select(r => r.GetAttribute("data-code")!).ToList();
        Assert.Contains(InventoryTestData.Shanghai, codes);
        Assert.Contains(InventoryTestData.Beijing, codes);
        Assert.Null(page.QuerySelector("[data-testid=new-warehouse]"));
        Assert.Null(page.QuerySelector("[data-testid=deactivate]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Sales/Warehouses/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Sales/Warehouses/Edit/{shanghai}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/Sales/Warehouses/Create",
            new Dictionary<string, string> { ["Code"] = "XX01", ["Name"] = "张伟的仓库" }, "/Sales/Warehouses")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Sales/Warehouses/Deactivate/{shanghai}", new Dictionary<string, string>(), "/Sales/Warehouses")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Warehouses.Where(w => w.Id == shanghai).Select(w => w.IsActive).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Warehouses.AnyAsync(w => w.Code == "XX01")));
    }

    [Fact]
    public async Task AdminCreatesAWarehouseAndADuplicateCodeIsRefused()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        var created = await admin.PostFormAsync("/Sales/Warehouses/Create",
            new Dictionary<string, string> { ["Code"] = "gz01", ["Name"] = "广州仓", ["Address"] = "广州市黄埔区科学城" }, "/Sales/Warehouses/Create");
        var duplicate = await admin.PostFormAsync("/Sales/Warehouses/Create",
            new Dictionary<string, string> { ["Code"] = "SH01", ["Name"] = "另一个上海仓" }, "/Sales/Warehouses/Create");
        var noName = await admin.PostFormAsync("/Sales/Warehouses/Create",
            new Dictionary<string, string> { ["Code"] = "CD01", ["Name"] = "" }, "/Sales/Warehouses/Create");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Warehouses.AsNoTracking().SingleAsync(w => w.Code == "GZ01"));
        Assert.Equal(("广州仓", true), (saved.Name, saved.IsActive));
        Assert.Contains("仓库编号 SH01 已被使用", (await duplicate.ReadDocumentAsync()).QuerySelector("[data-testid=warehouse-form]")!.TextContent);
        Assert.Contains("请填写仓库名称", (await noName.ReadDocumentAsync()).QuerySelector("[data-testid=warehouse-form]")!.TextContent);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Warehouses.CountAsync(w => w.Code == "SH01")));
        Assert.False(await factory.WithDbAsync(db => db.Warehouses.AnyAsync(w => w.Code == "CD01")));
    }

    [Fact]
    public async Task AStaleEditIsRefused()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var beijing = await factory.WarehouseIdAsync(InventoryTestData.Beijing);
        var stale = (await admin.GetDocumentAsync($"/Sales/Warehouses/Edit/{beijing}")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;

        var first = await admin.PostFormAsync($"/Sales/Warehouses/Edit/{beijing}",
            new Dictionary<string, string> { ["Name"] = "北京亦庄仓", ["Address"] = "北京市大兴区", ["Version"] = stale });
        var second = await admin.PostFormAsync($"/Sales/Warehouses/Edit/{beijing}",
            new Dictionary<string, string> { ["Name"] = "北京顺义仓", ["Address"] = "北京市顺义区", ["Version"] = stale });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("该记录已被他人修改", (await second.ReadDocumentAsync()).Body!.TextContent);
        Assert.Equal("北京亦庄仓", await factory.WithDbAsync(db => db.Warehouses.Where(w => w.Id == beijing).Select(w => w.Name).SingleAsync()));
    }

    [Fact]
    public async Task DeactivatingKeepsTheWarehouseListedAndActivatingRestoresIt()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var id = await factory.WithDbAsync(async db =>
        {
            var warehouse = new Crm.Domain.Sales.Warehouse("WH-TMP", "临时仓", null);
            db.Warehouses.Add(warehouse);
            await db.SaveChangesAsync();
            return warehouse.Id;
        });

        await admin.PostFormAsync($"/Sales/Warehouses/Deactivate/{id}", new Dictionary<string, string>(), "/Sales/Warehouses");
        var page = await admin.GetDocumentAsync("/Sales/Warehouses");
        Assert.Contains("已停用", page.Text(".alert-success"));
        Assert.Equal("停用", page.QuerySelector("[data-testid=warehouse-row][data-code=WH-TMP] [data-testid=status]")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.Warehouses.Where(w => w.Id == id).Select(w => w.IsActive).SingleAsync()));

        await admin.PostFormAsync($"/Sales/Warehouses/Activate/{id}", new Dictionary<string, string>(), "/Sales/Warehouses");
        Assert.True(await factory.WithDbAsync(db => db.Warehouses.Where(w => w.Id == id).Select(w => w.IsActive).SingleAsync()));
    }
}
