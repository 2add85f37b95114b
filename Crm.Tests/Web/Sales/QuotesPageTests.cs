using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Crm.Tests.Web.Sales.OrdersTestData;

namespace Crm.Tests.Web.Sales;

/// <summary>Quotes from draft to order: lines, approval of prices below the floor, the customer's answer, conversion.</summary>
public sealed class QuotesPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, fields.ToDictionary(f => f.Key, f => f.Value), formPage: "/");

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    private async Task<string> VersionOfAsync(int quoteId) => (await QuoteAsync(factory, quoteId)).Version.ToString();

    private async Task<IDocument> MoveAsync(HttpClient client, int quoteId, string action) =>
        await FollowAsync(client, await PostAsync(client, $"/Sales/Quotes/{action}/{quoteId}", ("version", await VersionOfAsync(quoteId))));

    [Fact]
    public async Task AnAcceptedQuoteBecomesADraftOrderWithItsLinesAndApproval()
    {
        var warehouse = await WarehouseAsync(factory, "华东二号仓");
        var product = await ProductAsync(factory, warehouse, stock: 30, listPrice: 800m, floorPrice: 700m, name: "存储阵列 S8");
        var customerId = await CustomerAsync(factory);
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var created = await FollowAsync(zhang, await PostAsync(zhang, "/Sales/Quotes/Create",
            ("CustomerId", customerId.ToString()), ("Date", "2026-11-02"), ("ValidUntil", "2026-12-02"), ("Remarks", "含三年维保")));
        Assert.Contains("已创建报价单", created.Text(".alert-success"));
        var quoteId = await factory.WithDbAsync(db => db.Quotes.Where(q => q.CustomerId == customerId).Select(q => q.Id).SingleAsync());
        await FollowAsync(zhang, await PostAsync(zhang, $"/Sales/Quotes/AddLine/{quoteId}",
            ("Line.ProductId", product.ToString()), ("Line.Quantity", "4"), ("Line.UnitPrice", "650"), ("Line.Version", await VersionOfAsync(quoteId))));

        var page = await zhang.GetDocumentAsync($"/Sales/Quotes/Details/{quoteId}");
        Assert.Null(page.QuerySelector("[data-testid=quote-send]"));
        Assert.NotNull(page.QuerySelector("[data-testid=request-approval]"));
        var refused = await MoveAsync(zhang, quoteId, "Send");
        Assert.Contains("有明细低于最低限价", refused.Text(".alert-danger"));

        await MoveAsync(zhang, quoteId, "RequestApproval");
        var approval = await factory.WithDbAsync(db => db.Approvals.SingleAsync(a => a.Kind == ApprovalKind.QuotePrice && a.SubjectId == quoteId));
        var manager = await factory.SignInAsync("manager.east");
        await PostAsync(manager, $"/Approvals/Decide/{approval.Id}", ("Decision", "Approve"), ("Version", approval.Version.ToString()));

        var sent = await MoveAsync(zhang, quoteId, "Send");
        Assert.Equal("已发送", sent.Text("[data-testid=quote-status]"));
        var accepted = await MoveAsync(zhang, quoteId, "Accept");
        Assert.Equal("已接受", accepted.Text("[data-testid=quote-status]"));
        var convertForm = await zhang.GetDocumentAsync($"/Sales/Quotes/Convert/{quoteId}");
        Assert.Equal("上海市徐汇区漕溪北路 88 号", convertForm.QuerySelector("input[name=DeliveryAddress]")!.GetAttribute("value"));

        var order = await FollowAsync(zhang, await PostAsync(zhang, $"/Sales/Quotes/Convert/{quoteId}",
            ("Date", "2026-11-25"), ("WarehouseId", warehouse.ToString()), ("DeliveryAddress", "上海市徐汇区漕溪北路 88 号"),
            ("Version", await VersionOfAsync(quoteId))));

        Assert.Contains("已转为订单", order.Text(".alert-success"));
        Assert.Equal("草稿", order.Text("[data-testid=order-status]"));
        Assert.Equal("Approved", order.QuerySelector("[data-testid=approval-panel]")!.GetAttribute("data-state"));
        Assert.NotNull(order.QuerySelector("[data-testid=confirm]"));
        var quote = await QuoteAsync(factory, quoteId);
        Assert.Equal(QuoteStatus.Converted, quote.Status);
        var orderId = quote.OrderId!.Value;
        var saved = await OrderAsync(factory, orderId);
        Assert.Equal(quoteId, saved.QuoteId);
        Assert.Equal((new DateOnly(2026, 11, 25), warehouse, PriceApprovalState.Approved, 2600m), (saved.Date, saved.WarehouseId, saved.ApprovalState, saved.Total));
        var line = Assert.Single(saved.Lines);
        Assert.Equal(("存储阵列 S8", 4, 650m, true), (line.ProductName, line.Quantity, line.UnitPrice, line.IsPriceOverridden));
        Assert.Equal("含三年维保", saved.Remarks);

        var quotePage = await zhang.GetDocumentAsync($"/Sales/Quotes/Details/{quoteId}");
        Assert.Equal(saved.Number, quotePage.Text("[data-testid=quote-order]"));
        Assert.Null(quotePage.QuerySelector("[data-testid=quote-actions] form"));
    }

    [Fact]
    public async Task OnlyTheMovesAllowedNowAreOfferedAndOthersAreRefused()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 5);
        var quoteId = await DraftQuoteAsync(factory, await CustomerAsync(factory));
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var empty = await MoveAsync(zhang, quoteId, "Send");
        Assert.Contains("请先添加至少一条明细", empty.Text(".alert-danger"));
        Assert.Contains("只有客户已接受的报价单才能转为订单", (await FollowAsync(zhang, await zhang.GetAsync($"/Sales/Quotes/Convert/{quoteId}"))).Text(".alert-danger"));

        await PostAsync(zhang, $"/Sales/Quotes/AddLine/{quoteId}", ("Line.ProductId", product.ToString()), ("Line.Quantity", "1"), ("Line.Version", await VersionOfAsync(quoteId)));
        var draft = await zhang.GetDocumentAsync($"/Sales/Quotes/Details/{quoteId}");
        Assert.Equal(["quote-send"], draft.QuerySelectorAll("[data-testid=quote-actions] button").Select(b => b.GetAttribute("data-testid")));

        var sent = await MoveAsync(zhang, quoteId, "Send");
        Assert.Equal(["quote-accept", "quote-reject", "quote-revise"], sent.QuerySelectorAll("[data-testid=quote-actions] button").Select(b => b.GetAttribute("data-testid")));
        Assert.Null(sent.QuerySelector("[data-testid=add-line-form]"));
        var lineRefused = await FollowAsync(zhang, await PostAsync(zhang, $"/Sales/Quotes/AddLine/{quoteId}",
            ("Line.ProductId", product.ToString()), ("Line.Quantity", "1"), ("Line.Version", await VersionOfAsync(quoteId))));
        Assert.Contains("只有草稿状态的报价单可以修改", lineRefused.Text(".alert-danger"));
        Assert.Single((await QuoteAsync(factory, quoteId)).Lines);

        var revised = await MoveAsync(zhang, quoteId, "Revise");
        Assert.Equal("草稿", revised.Text("[data-testid=quote-status]"));
        await MoveAsync(zhang, quoteId, "Send");
        var rejected = await MoveAsync(zhang, quoteId, "Reject");
        Assert.Equal("已拒绝", rejected.Text("[data-testid=quote-status]"));
        Assert.Contains("报价单不能从“已拒绝”变为“已接受”", (await MoveAsync(zhang, quoteId, "Accept")).Text(".alert-danger"));
    }

    [Fact]
    public async Task AQuoteOfAnotherSalesmansCustomerDoesNotExistForHim()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 5);
        var quoteId = await DraftQuoteAsync(factory, await CustomerAsync(factory), (product, 1, null));
        var version = await VersionOfAsync(quoteId);

        foreach (var userName in new[] { "li.na", "manager.north" })
        {
            var client = await factory.SignInAsync(userName);
            foreach (var action in new[] { "Details", "Print", "Edit", "Convert" })
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Sales/Quotes/{action}/{quoteId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Sales/Quotes/Send/{quoteId}", ("version", version))).StatusCode);
        }

        Assert.Equal(QuoteStatus.Draft, (await QuoteAsync(factory, quoteId)).Status);
        var manager = await factory.SignInAsync("manager.east");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Sales/Quotes/Details/{quoteId}")).StatusCode);
    }

    [Fact]
    public async Task ValidUntilBeforeTheDateIsRefusedAtTheField()
    {
        var customerId = await CustomerAsync(factory);
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var response = await PostAsync(zhang, "/Sales/Quotes/Create",
            ("CustomerId", customerId.ToString()), ("Date", "2026-11-10"), ("ValidUntil", "2026-11-01"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("报价有效期不能早于报价日期", (await response.ReadDocumentAsync()).Text("[data-valmsg-for=ValidUntil]"));
        Assert.False(await factory.WithDbAsync(db => db.Quotes.AnyAsync(q => q.CustomerId == customerId)));
    }

    [Fact]
    public async Task ThePrintableQuoteShowsItsLinesAndValidity()
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 5, listPrice: 1500m, floorPrice: 1000m, name: "服务器 X2");
        var quoteId = await DraftQuoteAsync(factory, await CustomerAsync(factory), (product, 2, null));
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var page = await zhang.GetDocumentAsync($"/Sales/Quotes/Print/{quoteId}");

        Assert.Contains("报价单", page.Text("[data-testid=print] h1"));
        Assert.Equal((await QuoteAsync(factory, quoteId)).Number, page.Text("[data-testid=print-number]"));
        Assert.Contains("服务器 X2", page.Text("[data-testid=print-line]"));
        Assert.Equal("¥3,000.00", page.Text("[data-testid=print-total]"));
        Assert.Contains("报价有效期", page.Text("[data-testid=print] dl"));
    }
}
