using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Crm.Tests.Web.Sales.OrdersTestData;

namespace Crm.Tests.Web;

/// <summary>
/// The approvals to-do list (待审批): who may open it, whose requests each manager sees and decides, the
/// refusals (own request, rejection without a comment, out of scope), and what the requester gets back.
/// </summary>
public sealed class ApprovalsPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, fields.ToDictionary(f => f.Key, f => f.Value), formPage: "/");

    private static async Task<IDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>A draft order of a new customer of <paramref name="owner"/> with a line below the floor, and its approval requested by <paramref name="requester"/>.</summary>
    private async Task<(int OrderId, Approval Approval)> RequestedAsync(string owner = "zhang.wei", string? requester = null)
    {
        var warehouse = await WarehouseAsync(factory);
        var product = await ProductAsync(factory, warehouse, stock: 10, listPrice: 300m, floorPrice: 250m, name: Unique("审批测试产品"));
        var orderId = await DraftOrderAsync(factory, await CustomerAsync(factory, owner), warehouse, (product, 2, 200m));
        var client = await factory.SignInAsync(requester ?? owner);
        var version = (await OrderAsync(factory, orderId)).Version.ToString();
        await FollowAsync(client, await PostAsync(client, $"/Sales/Orders/RequestApproval/{orderId}", ("version", version)));
        return (orderId, await ApprovalOfAsync(orderId));
    }

    private Task<Approval> ApprovalOfAsync(int orderId) =>
        factory.WithDbAsync(db => db.Approvals.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync(a => a.Kind == ApprovalKind.OrderPrice && a.SubjectId == orderId));

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, Approval approval, string decision, string? comment = null) =>
        PostAsync(client, $"/Approvals/Decide/{approval.Id}", ("Decision", decision), ("Comment", comment ?? string.Empty), ("Version", approval.Version.ToString()));

    [Fact]
    public async Task SalespeopleCannotOpenOrUseTheList()
    {
        var (_, approval) = await RequestedAsync();

        foreach (var userName in new[] { "zhang.wei", "li.na" })
        {
            var client = await factory.SignInAsync(userName);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Approvals")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(client, approval, "Approve")).StatusCode);
        }

        Assert.Equal(ApprovalStatus.Pending, (await ApprovalOfAsync(approval.SubjectId)).Status);
    }

    [Fact]
    public async Task TheManagerOfTheRequestersCompanyApprovesItAndTheRequesterIsTold()
    {
        var (orderId, approval) = await RequestedAsync();
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");

        var list = await manager.GetDocumentAsync("/Approvals");
        var item = list.QuerySelectorAll("[data-testid=approval]").Single(e => e.GetAttribute("data-approval-id") == approval.Id.ToString());
        Assert.Equal(approval.SubjectNumber, item.QuerySelector("[data-testid=approval-document]")!.TextContent.Trim());
        Assert.Equal($"/Sales/Orders/Details/{orderId}", item.QuerySelector("[data-testid=approval-document]")!.GetAttribute("href"));
        Assert.Equal("¥400.00", item.QuerySelector("[data-testid=approval-amount]")!.TextContent.Trim());
        Assert.Contains("张伟", item.TextContent);
        Assert.Contains("200.00 < 250.00", item.QuerySelector("[data-testid=approval-summary]")!.TextContent);

        var decided = await FollowAsync(manager, await DecideAsync(manager, approval, "Approve", "价格可以接受"));

        Assert.Contains($"已批准 {approval.SubjectNumber}", decided.Text(".alert-success"));
        Assert.DoesNotContain(decided.QuerySelectorAll("[data-testid=approval]"), e => e.GetAttribute("data-approval-id") == approval.Id.ToString());
        var history = await manager.GetDocumentAsync("/Approvals?tab=Decided");
        var done = history.QuerySelectorAll("[data-testid=approval]").Single(e => e.GetAttribute("data-approval-id") == approval.Id.ToString());
        Assert.Contains("价格可以接受", done.TextContent);
        Assert.Contains("陈静", done.TextContent);
        Assert.Equal(PriceApprovalState.Approved, (await OrderAsync(factory, orderId)).ApprovalState);
        var reminder = await factory.WithDbAsync(db => db.Reminders.AsNoTracking().SingleAsync(r => r.SourceType == ApprovalService.ReminderSource && r.SourceKey == approval.Id.ToString()));
        Assert.Equal(approval.OwnerId, reminder.UserId);
        Assert.Contains("已批准", reminder.Title);
        Assert.Equal($"/Sales/Orders/Details/{orderId}", reminder.Url);
    }

    [Fact]
    public async Task AManagerOfAnotherCompanyNeitherSeesNorDecidesIt()
    {
        var (orderId, approval) = await RequestedAsync();
        var north = await factory.SignInAsync("manager.north");

        var list = await north.GetDocumentAsync("/Approvals");
        Assert.DoesNotContain(list.QuerySelectorAll("[data-testid=approval]"), e => e.GetAttribute("data-approval-id") == approval.Id.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(north, approval, "Approve")).StatusCode);

        Assert.Equal(ApprovalStatus.Pending, (await ApprovalOfAsync(orderId)).Status);
    }

    [Fact]
    public async Task AnApprovalInScopeWhoseOrderIsNotAnswersNotFoundAndNothingChanges()
    {
        // The approval filed under 华北 (as after a customer moved), its order still of 张伟's 华东 customer.
        var (orderId, approval) = await RequestedAsync();
        await factory.WithDbAsync(async db =>
        {
            var north = await db.OrgUnits.Where(o => o.Name == "华北公司").Select(o => o.Id).SingleAsync();
            return await db.Approvals.Where(a => a.Id == approval.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.OrgUnitId, north));
        });
        var manager = await factory.SignInAsync("manager.north");
        Assert.Contains((await manager.GetDocumentAsync("/Approvals")).QuerySelectorAll("[data-testid=approval]"),
            e => e.GetAttribute("data-approval-id") == approval.Id.ToString());

        var response = await DecideAsync(manager, approval, "Approve", "同意");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var after = await ApprovalOfAsync(orderId);
        Assert.Equal((ApprovalStatus.Pending, approval.Version), (after.Status, after.Version));
        Assert.Equal(PriceApprovalState.Pending, (await OrderAsync(factory, orderId)).ApprovalState);
        Assert.False(await factory.WithDbAsync(db => db.Reminders.AnyAsync(r => r.SourceType == ApprovalService.ReminderSource && r.SourceKey == approval.Id.ToString())));
    }

    [Fact]
    public async Task ARejectionNeedsACommentWhichTheRequesterSeesOnTheOrder()
    {
        var (orderId, approval) = await RequestedAsync();
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");

        var refused = await FollowAsync(manager, await DecideAsync(manager, approval, "Reject"));
        Assert.Contains("驳回时请填写理由", refused.Text(".alert-danger"));
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalOfAsync(orderId)).Status);

        await FollowAsync(manager, await DecideAsync(manager, approval, "Reject", "折扣过大，请按限价报价"));

        Assert.Equal(ApprovalStatus.Rejected, (await ApprovalOfAsync(orderId)).Status);
        var zhang = await factory.SignInAsync("zhang.wei", language: "zh-CN");
        var page = await zhang.GetDocumentAsync($"/Sales/Orders/Details/{orderId}");
        Assert.Equal("Rejected", page.QuerySelector("[data-testid=approval-panel]")!.GetAttribute("data-state"));
        Assert.Equal("折扣过大，请按限价报价", page.Text("[data-testid=approval-comment]"));
        Assert.NotNull(page.QuerySelector("[data-testid=request-approval]"));
        Assert.Null(page.QuerySelector("[data-testid=confirm]"));
    }

    [Fact]
    public async Task NobodyDecidesTheirOwnRequest()
    {
        // manager.east asks for approval of an order of zhang.wei's customer himself.
        var (orderId, approval) = await RequestedAsync(owner: "zhang.wei", requester: "manager.east");
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");

        var list = await manager.GetDocumentAsync("/Approvals");
        var item = list.QuerySelectorAll("[data-testid=approval]").Single(e => e.GetAttribute("data-approval-id") == approval.Id.ToString());
        Assert.NotNull(item.QuerySelector("[data-testid=own-request]"));
        Assert.Null(item.QuerySelector("[data-testid=decide-form]"));
        var refused = await FollowAsync(manager, await DecideAsync(manager, approval, "Approve"));
        Assert.Contains("不能审批自己提交的申请", refused.Text(".alert-danger"));
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalOfAsync(orderId)).Status);

        var admin = await factory.SignInAsync("admin");
        await FollowAsync(admin, await DecideAsync(admin, approval, "Approve"));
        Assert.Equal(ApprovalStatus.Approved, (await ApprovalOfAsync(orderId)).Status);
    }

    [Fact]
    public async Task AStaleDecisionChangesNothing()
    {
        var (orderId, approval) = await RequestedAsync();
        var manager = await factory.SignInAsync("manager.east", language: "zh-CN");
        // Someone else saved the request meanwhile: its version moved on.
        await factory.WithDbAsync(db => db.Approvals.Where(a => a.Id == approval.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Version, Guid.NewGuid())));

        var page = await FollowAsync(manager, await DecideAsync(manager, approval, "Approve"));

        Assert.Contains("在您编辑期间，该记录已被他人修改", page.Text(".alert-danger"));
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalOfAsync(orderId)).Status);
    }
}
