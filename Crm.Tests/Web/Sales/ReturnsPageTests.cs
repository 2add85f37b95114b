using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Sales;

/// <summary>
/// Returns as the salesman, his manager, a colleague and a manager of another company see and make them.
/// Each test arranges its own customer, product (with its own warehouse) and order through the domain.
/// </summary>
public sealed class ReturnsPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    /// <summary>A shipped order of a new customer of zhang.wei: line 1 = 5 units at 100.00, line 2 = 2 units at 100.00.</summary>
    private Task<(int CustomerId, int OrderId, StockedProduct First, StockedProduct Second)> ShippedOrderAsync(string owner = "zhang.wei") =>
        factory.WithDbAsync(async db =>
        {
            var customerId = await SalesArrange.CustomerAsync(db, owner);
            var first = await SalesArrange.ProductAsync(db, units: 50);
            var second = await SalesArrange.ProductAsync(db, units: 50, warehouseId: first.WarehouseId);
            var orderId = await SalesArrange.OrderAsync(db, customerId, first.WarehouseId, [(first.ProductId, 5), (second.ProductId, 2)]);
            return (customerId, orderId, first, second);
        });

    private Task<int> ReasonAsync(string code = "Defect") =>
        factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == DictionaryCategories.ReturnReason && d.Code == code).Select(d => d.Id).SingleAsync());

    private Task<List<Return>> ReturnsOfAsync(int orderId) =>
        factory.WithDbAsync(db => db.Returns.AsNoTracking().Include(r => r.Lines).Where(r => r.OrderId == orderId).OrderBy(r => r.Id).ToListAsync());

    private async Task<HttpResponseMessage> RequestAsync(HttpClient client, int orderId, int reasonId, params (int LineNo, int? Quantity)[] lines)
    {
        var page = await client.GetDocumentAsync($"/Sales/Returns/Create?orderId={orderId}");
        var fields = new Dictionary<string, string>
        {
            ["Version"] = page.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["ReasonId"] = reasonId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Description"] = "外包装破损",
        };
        for (var i = 0; i < lines.Length; i++)
        {
            fields[$"Lines[{i}].LineNo"] = lines[i].LineNo.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"Lines[{i}].Quantity"] = lines[i].Quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return await client.PostFormAsync($"/Sales/Returns/Create?orderId={orderId}", fields, formPage: $"/Sales/Returns/Create?orderId={orderId}");
    }

    private static string Cell(IElement element, string selector) => element.QuerySelector(selector)?.TextContent.Trim() ?? string.Empty;

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SalesmanRequestsAReturnOnHisShippedOrderAndItWaitsForApproval()
    {
        var (customerId, orderId, first, _) = await ShippedOrderAsync();
        var reason = await ReasonAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var form = await client.GetDocumentAsync($"/Sales/Returns/Create?orderId={orderId}");
        var line1 = form.QuerySelector("[data-testid=returnable-line][data-line-no='1']")!;
        Assert.Equal(("5", "0", "5"), (Cell(line1, "[data-testid=shipped]"), Cell(line1, "[data-testid=returned]"), Cell(line1, "[data-testid=returnable]")));

        var page = await FollowAsync(client, await RequestAsync(client, orderId, reason, (1, 3), (2, null)));

        var request = Assert.Single(await ReturnsOfAsync(orderId));
        Assert.Equal((ReturnStatus.Requested, customerId, 300.00m), (request.Status, request.CustomerId, request.Amount));
        var line = Assert.Single(request.Lines);
        Assert.Equal((1, first.ProductId, 3), (line.LineNo, line.ProductId, line.Quantity));
        Assert.StartsWith("TH", request.Number);
        Assert.Contains($"已提交退货单 {request.Number}", page.Text(".alert-success"));
        Assert.Contains("等待主管审批", page.Text("[data-testid=awaiting-approval]"));
        Assert.Null(page.QuerySelector("[data-testid=approvals-link]"));
        Assert.Null(page.QuerySelector("[data-testid=receive]"));
        var approval = await factory.WithDbAsync(db => db.Approvals.AsNoTracking().SingleAsync(a => a.Kind == ApprovalKind.Return && a.SubjectId == request.Id));
        Assert.Equal(ApprovalStatus.Pending, approval.Status);

        // His manager sees the return waiting and the way to the approvals.
        var manager = await factory.SignInAsync("manager.east");
        var managerPage = await manager.GetDocumentAsync($"/Sales/Returns/Details/{request.Id}");
        Assert.Equal("/Approvals", managerPage.QuerySelector("[data-testid=approvals-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task OverQuantityIsRefusedWithTheMessageAndNothingIsSaved()
    {
        var (_, orderId, first, _) = await ShippedOrderAsync();
        var reason = await ReasonAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var response = await RequestAsync(client, orderId, reason, (1, 6));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains($"“{first.Name}”最多还能退 5（申请 6）", page.Text("[data-testid=errors]"));
        Assert.Equal("6", page.QuerySelector("#quantity-1")!.GetAttribute("value"));
        Assert.Empty(await ReturnsOfAsync(orderId));
        var returned = await factory.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == orderId));
        Assert.All(returned.Lines, l => Assert.Equal(0, l.ReturnedQuantity));
    }

    [Fact]
    public async Task NoQuantityOrNoReasonIsRefused()
    {
        var (_, orderId, _, _) = await ShippedOrderAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "en-US");

        var noLines = await (await RequestAsync(client, orderId, await ReasonAsync(), (1, null), (2, 0))).ReadDocumentAsync();
        Assert.Contains("Enter a quantity to return for at least one line.", noLines.Text("[data-testid=errors]"));

        var noReason = await (await RequestAsync(client, orderId, 0, (1, 1))).ReadDocumentAsync();
        Assert.NotEmpty(noReason.Text("[data-testid=errors]"));
        Assert.Empty(await ReturnsOfAsync(orderId));
    }

    [Fact]
    public async Task ASecondReturnCanOnlyTakeWhatIsLeft()
    {
        var (_, orderId, first, _) = await ShippedOrderAsync();
        var reason = await ReasonAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        await FollowAsync(client, await RequestAsync(client, orderId, reason, (1, 3)));

        var form = await client.GetDocumentAsync($"/Sales/Returns/Create?orderId={orderId}");
        var line1 = form.QuerySelector("[data-testid=returnable-line][data-line-no='1']")!;
        Assert.Equal(("3", "2"), (Cell(line1, "[data-testid=returned]"), Cell(line1, "[data-testid=returnable]")));

        var refused = await (await RequestAsync(client, orderId, reason, (1, 3))).ReadDocumentAsync();
        Assert.Contains($"“{first.Name}”最多还能退 2（申请 3）", refused.Text("[data-testid=errors]"));
        await FollowAsync(client, await RequestAsync(client, orderId, reason, (1, 2), (2, 2)));

        var returns = await ReturnsOfAsync(orderId);
        Assert.Equal([3, 4], returns.Select(r => r.Lines.Sum(l => l.Quantity)));
        var done = await client.GetDocumentAsync($"/Sales/Returns/Create?orderId={orderId}");
        Assert.NotNull(done.QuerySelector("[data-testid=not-returnable]"));
    }

    [Fact]
    public async Task AStaleOrderFormIsRefused()
    {
        var (_, orderId, _, _) = await ShippedOrderAsync();
        var reason = await ReasonAsync();
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var stale = (await client.GetDocumentAsync($"/Sales/Returns/Create?orderId={orderId}")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        await FollowAsync(client, await RequestAsync(client, orderId, reason, (1, 1)));

        var response = await client.PostFormAsync($"/Sales/Returns/Create?orderId={orderId}", new Dictionary<string, string>
        {
            ["Version"] = stale, ["ReasonId"] = reason.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lines[0].LineNo"] = "2", ["Lines[0].Quantity"] = "1",
        }, formPage: $"/Sales/Returns/Create?orderId={orderId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("订单已有变化", (await response.ReadDocumentAsync()).Text("[data-testid=errors]"));
        Assert.Single(await ReturnsOfAsync(orderId));
    }

    [Fact]
    public async Task AColleagueAndAnotherCompanysManagerGet404()
    {
        var (_, orderId, _, _) = await ShippedOrderAsync();
        var returnId = await factory.WithDbAsync(db => SalesArrange.ReturnAsync(db, orderId, [(1, 1)]));

        foreach (var user in new[] { "li.na", "manager.north" })
        {
            var client = await factory.SignInAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Sales/Returns/Details/{returnId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Sales/Returns/Create?orderId={orderId}")).StatusCode);
            var list = await client.GetDocumentAsync("/Sales/Returns");
            Assert.Null(list.QuerySelector($"[data-return-id='{returnId}']"));
        }

        var li = await factory.SignInAsync("li.na");
        var post = await li.PostFormAsync($"/Sales/Returns/Create?orderId={orderId}",
            new Dictionary<string, string> { ["ReasonId"] = (await ReasonAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Lines[0].LineNo"] = "1", ["Lines[0].Quantity"] = "1" },
            formPage: "/");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Single(await ReturnsOfAsync(orderId));

        var owner = await factory.SignInAsync("zhang.wei");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/Sales/Returns/Details/{returnId}")).StatusCode);
    }

    [Fact]
    public async Task ReceivingAnApprovedReturnRestocksTheWarehouse()
    {
        var (_, orderId, first, _) = await ShippedOrderAsync();
        var returnId = await factory.WithDbAsync(db => SalesArrange.ReturnAsync(db, orderId, [(1, 3)], ReturnStatus.Approved));
        var onHandBefore = await OnHandAsync(first);
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var details = await client.GetDocumentAsync($"/Sales/Returns/Details/{returnId}");
        Assert.Null(details.QuerySelector("[data-testid=refund]"));

        var page = await FollowAsync(client, await client.PostFormAsync($"/Sales/Returns/Receive/{returnId}",
            new Dictionary<string, string> { ["version"] = details.QuerySelector("[data-testid=receive]")!.Closest("form")!.QuerySelector("input[name=version]")!.GetAttribute("value")! },
            formPage: $"/Sales/Returns/Details/{returnId}"));

        Assert.Contains("已收货", page.Text(".alert-success"));
        Assert.Equal(onHandBefore + 3, await OnHandAsync(first));
        var movement = await factory.WithDbAsync(db => db.StockMovements.AsNoTracking().SingleAsync(m => m.ReturnId == returnId));
        Assert.Equal((StockMovementKind.Return, first.ProductId, first.WarehouseId, 3, 3), (movement.Kind, movement.ProductId, movement.WarehouseId, movement.Quantity, movement.OnHandDelta));
        Assert.Equal(ReturnStatus.Received, (await ReturnsOfAsync(orderId)).Single().Status);
        Assert.NotNull(page.QuerySelector("[data-testid=refund]"));
        Assert.Contains(page.QuerySelectorAll("[data-testid=timeline-step]"), s => s.TextContent.Contains("已收货") && s.TextContent.Contains("张伟"));
    }

    [Fact]
    public async Task RefundingLowersTheCustomersLifetimeRevenue()
    {
        var (customerId, orderId, _, _) = await ShippedOrderAsync();
        var returnId = await factory.WithDbAsync(db => SalesArrange.ReturnAsync(db, orderId, [(2, 2)], ReturnStatus.Received));
        var revenue = await RevenueAsync(customerId);
        Assert.Equal(700.00m, revenue);
        var client = await factory.SignInAsync("manager.east", language: "zh-CN");
        var details = await client.GetDocumentAsync($"/Sales/Returns/Details/{returnId}");

        var page = await FollowAsync(client, await client.PostFormAsync($"/Sales/Returns/Refund/{returnId}",
            new Dictionary<string, string> { ["version"] = details.QuerySelector("[data-testid=refund]")!.Closest("form")!.QuerySelector("input[name=version]")!.GetAttribute("value")! },
            formPage: $"/Sales/Returns/Details/{returnId}"));

        Assert.Contains("已退款", page.Text(".alert-success"));
        Assert.Equal(500.00m, await RevenueAsync(customerId));
        Assert.Null(page.QuerySelector("[data-testid=refund]"));
        Assert.Equal(ReturnStatus.Refunded, (await ReturnsOfAsync(orderId)).Single().Status);
    }

    [Fact]
    public async Task AStaleReceiveIsRefusedAndChangesNothing()
    {
        var (_, orderId, first, _) = await ShippedOrderAsync();
        var returnId = await factory.WithDbAsync(db => SalesArrange.ReturnAsync(db, orderId, [(1, 2)], ReturnStatus.Approved));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var stale = (await client.GetDocumentAsync($"/Sales/Returns/Details/{returnId}")).QuerySelector("input[name=version]")!.GetAttribute("value")!;
        // Someone else changes the return meanwhile.
        await factory.WithDbAsync(async db =>
        {
            var request = await db.Returns.SingleAsync(r => r.Id == returnId);
            request.MarkUpdated(null, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var onHand = await OnHandAsync(first);

        var page = await FollowAsync(client, await client.PostFormAsync($"/Sales/Returns/Receive/{returnId}",
            new Dictionary<string, string> { ["version"] = stale }, formPage: $"/Sales/Returns/Details/{returnId}"));

        Assert.Contains("已被他人修改", page.Text(".alert-danger"));
        Assert.Equal(ReturnStatus.Approved, (await ReturnsOfAsync(orderId)).Single().Status);
        Assert.Equal(onHand, await OnHandAsync(first));
    }

    [Fact]
    public async Task ARequestedReturnCannotBeReceivedYet()
    {
        var (_, orderId, _, _) = await ShippedOrderAsync();
        var returnId = await factory.WithDbAsync(db => SalesArrange.ReturnAsync(db, orderId, [(1, 1)]));
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var version = await factory.WithDbAsync(db => db.Returns.Where(r => r.Id == returnId).Select(r => r.Version).SingleAsync());

        var page = await FollowAsync(client, await client.PostFormAsync($"/Sales/Returns/Receive/{returnId}",
            new Dictionary<string, string> { ["version"] = version.ToString() }, formPage: $"/Sales/Returns/Details/{returnId}"));

        Assert.Contains("退货单不能从“已申请”变为“已收货”", page.Text(".alert-danger"));
    }

    [Fact]
    public async Task TheListSearchesFiltersAndExportsWithinScope()
    {
        var (_, orderId, _, _) = await ShippedOrderAsync();
        var requested = await factory.WithDbAsync(db => SalesArrange.ReturnAsync(db, orderId, [(1, 1)]));
        var refunded = await factory.WithDbAsync(db => SalesArrange.ReturnAsync(db, orderId, [(2, 1)], ReturnStatus.Refunded));
        var numbers = await factory.WithDbAsync(db => db.Returns.Where(r => r.OrderId == orderId).OrderBy(r => r.Id).Select(r => r.Number).ToListAsync());
        var orderNumber = await factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync());
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var byOrder = await client.GetDocumentAsync($"/Sales/Returns?Q={orderNumber}");
        Assert.Equal([refunded, requested], byOrder.QuerySelectorAll("[data-testid=return-row]").Select(r => int.Parse(r.GetAttribute("data-return-id")!)));
        var refundedOnly = await client.GetDocumentAsync($"/Sales/Returns?Q={orderNumber}&Status=Refunded");
        Assert.Equal([refunded], refundedOnly.QuerySelectorAll("[data-testid=return-row]").Select(r => int.Parse(r.GetAttribute("data-return-id")!)));
        var byAmount = await client.GetDocumentAsync($"/Sales/Returns?Q={orderNumber}&sort=amount&dir=desc");
        Assert.Equal(2, byAmount.QuerySelectorAll("[data-testid=return-row]").Length);
        var byNumber = await client.GetDocumentAsync($"/Sales/Returns?Q={numbers[0]}");
        Assert.Equal([requested], byNumber.QuerySelectorAll("[data-testid=return-row]").Select(r => int.Parse(r.GetAttribute("data-return-id")!)));

        var csv = await client.GetAsync($"/Sales/Returns/Export?format=csv&Q={orderNumber}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains(numbers[0], text);
        Assert.Contains(numbers[1], text);
        Assert.Contains("已退款", text);
        var xlsx = await client.GetAsync($"/Sales/Returns/Export?format=xlsx&Status=Refunded");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);

        var colleague = await factory.SignInAsync("li.na");
        Assert.DoesNotContain(numbers[0], await (await colleague.GetAsync($"/Sales/Returns/Export?format=csv")).Content.ReadAsStringAsync());
    }

    private Task<int> OnHandAsync(StockedProduct product) =>
        factory.WithDbAsync(db => db.StockLevels.Where(s => s.ProductId == product.ProductId && s.WarehouseId == product.WarehouseId).Select(s => s.OnHand).SingleAsync());

    private Task<decimal> RevenueAsync(int customerId) =>
        factory.WithDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.LifetimeRevenue).SingleAsync());

    [Fact]
    public async Task TheCustomersReturnsTabListsHerReturnsAndCountsThem()
    {
        var (customerId, orderId, _, _) = await ShippedOrderAsync();
        var (otherCustomerId, _, _, _) = await ShippedOrderAsync();
        var (first, second) = await factory.WithDbAsync(async db =>
            (await SalesArrange.ReturnAsync(db, orderId, [(1, 1)]), await SalesArrange.ReturnAsync(db, orderId, [(2, 1)], ReturnStatus.Received)));
        var numbers = await factory.WithDbAsync(db => db.Returns.Where(r => r.Id == first || r.Id == second).OrderByDescending(r => r.Id).Select(r => r.Number).ToListAsync());
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var profile = await client.GetDocumentAsync($"/Customers/Customers/Details/{customerId}");
        var tab = await client.GetDocumentAsync($"/Customers/Customers/Details/{customerId}?tab=returns");
        var empty = await client.GetDocumentAsync($"/Customers/Customers/Details/{otherCustomerId}?tab=returns");

        Assert.Equal("2", profile.Text("[data-testid=tab-returns-count]"));
        Assert.Null(profile.QuerySelector("[data-testid=customer-returns]"));
        Assert.Equal("page", tab.QuerySelector("[data-testid=tab-returns]")!.GetAttribute("aria-current"));
        var rows = tab.QuerySelectorAll("[data-testid=pane-returns] [data-testid=customer-return]");
        Assert.Equal(numbers, rows.Select(r => r.QuerySelector("a")!.TextContent.Trim()));
        Assert.Equal($"/Sales/Returns/Details/{second}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("已收货", rows[0].TextContent);
        Assert.Contains("¥100.00", rows[1].TextContent);
        Assert.Equal("0", empty.Text("[data-testid=tab-returns-count]"));
        Assert.Contains("该客户还没有退货", empty.Text("[data-testid=returns-empty]"));

        // A colleague does not see the customer at all.
        var colleague = await factory.SignInAsync("li.na");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Customers/Customers/Details/{customerId}?tab=returns")).StatusCode);
    }

    [Fact]
    public async Task WithoutPermissionToViewReturnsTheTabIsNotShown()
    {
        var (customerId, orderId, _, _) = await ShippedOrderAsync();
        await factory.WithDbAsync(db => SalesArrange.ReturnAsync(db, orderId, [(1, 1)]));
        await SalesmanMayViewReturnsAsync(false);
        try
        {
            var client = await factory.SignInAsync("zhang.wei");

            var profile = await client.GetDocumentAsync($"/Customers/Customers/Details/{customerId}");
            var asked = await client.GetDocumentAsync($"/Customers/Customers/Details/{customerId}?tab=returns");

            Assert.Null(profile.QuerySelector("[data-testid=tab-returns]"));
            Assert.NotNull(profile.QuerySelector("[data-testid=tab-orders]"));
            Assert.Null(asked.QuerySelector("[data-testid=pane-returns]"));
            Assert.NotNull(asked.QuerySelector("[data-testid=pane-profile]"));
        }
        finally
        {
            await SalesmanMayViewReturnsAsync(true);
        }
    }

    private Task SalesmanMayViewReturnsAsync(bool may) => factory.WithDbAsync(async db =>
    {
        var role = await db.Roles.SingleAsync(r => r.Name == BuiltInRoles.Salesman);
        if (may)
            db.RoleClaims.Add(new() { RoleId = role.Id, ClaimType = Permissions.ClaimType, ClaimValue = Permissions.Returns.View });
        else
            db.RoleClaims.RemoveRange(db.RoleClaims.Where(c => c.RoleId == role.Id && c.ClaimValue == Permissions.Returns.View));
        return await db.SaveChangesAsync();
    });
}
