using System.Net;
using AngleSharp.Dom;
using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Administration;
using Crm.Infrastructure.Identity;
using Crm.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Web.Admin;

public sealed class RolesPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private const string MatrixForm = "[data-testid=matrix-form]";

    private static IElement RoleRow(IDocument page, string name) =>
        page.QuerySelectorAll("[data-testid=role-row]").Single(r => r.GetAttribute("data-role") == name);

    private Task<List<string>> PermissionsOfAsync(Guid roleId) =>
        factory.WithDbAsync(db => db.RoleClaims
            .Where(c => c.RoleId == roleId && c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!)
            .OrderBy(v => v)
            .ToListAsync());

    private async Task<Guid> CreateRoleAsync(string name, params string[] permissions)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var roles = scope.ServiceProvider.GetRequiredService<RoleAdministration>();
        var role = await roles.CreateAsync(name, DataScope.Own, null);
        await roles.SavePermissionsAsync(new Dictionary<Guid, IReadOnlySet<string>> { [role.Id] = permissions.ToHashSet() });
        return role.Id;
    }

    [Fact]
    public async Task IndexShowsBuiltInRolesLocalizedWithScopeUserCountAndBadge()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Admin/Roles");
        var salesman = RoleRow(page, BuiltInRoles.Salesman);
        var manager = RoleRow(page, BuiltInRoles.Manager);

        Assert.Contains("销售人员", salesman.TextContent);
        Assert.Contains("本人", salesman.TextContent);
        Assert.Equal("4", salesman.QuerySelector("[data-testid=user-count]")!.TextContent.Trim());
        Assert.Contains("本部门及下级", manager.TextContent);
        Assert.Equal("内置", manager.QuerySelector("[data-testid=built-in]")!.TextContent.Trim());
        Assert.Null(manager.QuerySelector("[data-testid=delete]"));
    }

    [Fact]
    public async Task RoleIsCreatedRenamedAndDeleted()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var created = await client.SubmitAsync("/Admin/Roles/Create", "[data-testid=role-form]", f =>
        {
            f.Set("Name", "客服专员");
            f.Set("DataScope", nameof(DataScope.OrgUnitSubtree));
            f.Set("Description", "处理服务请求");
        });
        var afterCreate = await client.GetDocumentAsync("/Admin/Roles");
        var id = await factory.RoleIdAsync("客服专员");
        var renamed = await client.SubmitAsync($"/Admin/Roles/Edit/{id}", "[data-testid=role-form]", f => f.Set("Name", "客服主管"));
        var afterRename = await client.GetDocumentAsync("/Admin/Roles");
        var deleted = await client.SubmitAsync("/Admin/Roles", $"form[action='/Admin/Roles/Delete/{id}']");
        var afterDelete = await client.GetDocumentAsync("/Admin/Roles");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("本部门及下级", RoleRow(afterCreate, "客服专员").TextContent);
        Assert.Contains("处理服务请求", RoleRow(afterCreate, "客服专员").TextContent);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("客服主管", afterRename.Text("[data-testid=roles-table]"));
        Assert.DoesNotContain("客服专员", afterRename.Text("[data-testid=roles-table]"));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("已删除", afterDelete.Text(".alert-success"));
        Assert.DoesNotContain("客服主管", afterDelete.Text("[data-testid=roles-table]"));
    }

    [Fact]
    public async Task RoleHeldByAUserCannotBeDeleted()
    {
        var id = await CreateRoleAsync("大客户经理");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CrmUser>>();
            await users.AddToRoleAsync((await users.FindByNameAsync("zhao.lei"))!, "大客户经理");
        }

        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var response = await client.SubmitAsync("/Admin/Roles", $"form[action='/Admin/Roles/Delete/{id}']");
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("仍有 1 个用户在使用", page.Text(".alert-danger"));
        Assert.True(await factory.WithDbAsync(db => db.Roles.AnyAsync(r => r.Id == id)));
    }

    [Fact]
    public async Task BuiltInRoleCannotBeDeletedOrRenamed()
    {
        var manager = await factory.RoleIdAsync(BuiltInRoles.Manager);
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var delete = await client.PostFormAsync($"/Admin/Roles/Delete/{manager}", new Dictionary<string, string>(), formPage: "/Admin/Roles");
        var deletePage = await client.GetDocumentAsync(delete.Headers.Location!.OriginalString);
        var editForm = await client.GetDocumentAsync($"/Admin/Roles/Edit/{manager}");
        var rename = await client.SubmitAsync($"/Admin/Roles/Edit/{manager}", "[data-testid=role-form]", f => f.Set("Name", "Boss"));

        Assert.Contains("内置角色“销售主管”不能删除", deletePage.Text(".alert-danger"));
        Assert.True(editForm.QuerySelector("input[name=Name]")!.HasAttribute("readonly"));
        Assert.Contains("不能改名", (await rename.ReadDocumentAsync()).Text("[data-testid=form-error]"));
        Assert.True(await factory.WithDbAsync(db => db.Roles.AnyAsync(r => r.Name == BuiltInRoles.Manager)));
    }

    [Fact]
    public async Task StaleRoleEditShowsTheConflictMessage()
    {
        var id = await CreateRoleAsync("区域经理");
        var first = await factory.SignInAsync("admin", language: "zh-CN");
        var second = await factory.SignInAsync("admin", language: "zh-CN");
        var secondForm = await second.GetDocumentAsync($"/Admin/Roles/Edit/{id}");

        await first.SubmitAsync($"/Admin/Roles/Edit/{id}", "[data-testid=role-form]", f => f.Set("Description", "先保存"));
        var fields = AdminForms.Fields(secondForm.QuerySelector("[data-testid=role-form]")!);
        fields.Set("Description", "后保存");
        var response = await second.PostAsync($"/Admin/Roles/Edit/{id}", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该记录已被他人修改", (await response.ReadDocumentAsync()).Text("[data-testid=form-error]"));
        Assert.Equal("先保存", await factory.WithDbAsync(db => db.Roles.Where(r => r.Id == id).Select(r => r.Description).SingleAsync()));
    }

    [Theory]
    [InlineData("zh-CN", "查看客户", "数据范围: 本部门及下级")]
    [InlineData("en-US", "View customers", "Data scope: Unit and below")]
    public async Task MatrixListsEveryPermissionByModuleWithEachRolesScope(string language, string customersView, string managerScope)
    {
        var client = await factory.SignInAsync("admin", language: language);

        var page = await client.GetDocumentAsync("/Admin/Roles/Permissions");
        var rows = page.QuerySelectorAll("[data-testid=matrix] tr[data-permission]").ToList();
        var headers = page.QuerySelectorAll("[data-testid=matrix] th").Select(h => h.TextContent).ToList();

        Assert.Equal(Permissions.All, rows.Select(r => r.GetAttribute("data-permission")));
        Assert.StartsWith(customersView, rows[0].QuerySelector("th")!.TextContent.Trim());
        Assert.DoesNotContain(headers, h => h.Contains("Permission.", StringComparison.Ordinal) || h.Contains("PermissionModule.", StringComparison.Ordinal));
        Assert.Equal(Permissions.Groups.Count, page.QuerySelectorAll("[data-testid=matrix] tr.permission-module").Length);
        Assert.Contains(page.QuerySelectorAll("[data-testid=role-scope]"), s => s.TextContent.Trim() == managerScope);
    }

    [Fact]
    public async Task AdministratorsLockedPermissionsAreCheckedDisabledAndStillPosted()
    {
        var admin = await factory.RoleIdAsync(BuiltInRoles.Administrator);
        var client = await factory.SignInAsync("admin");

        var page = await client.GetDocumentAsync("/Admin/Roles/Permissions");
        var row = page.QuerySelector($"tr[data-permission='{Permissions.Users.Manage}']")!;
        var fields = AdminForms.Fields(page.QuerySelector(MatrixForm)!);

        var box = row.QuerySelectorAll("input[type=checkbox][disabled]").Single();
        Assert.True(box.HasAttribute("checked"));
        Assert.Contains(new KeyValuePair<string, string>("grant", $"{admin}:{Permissions.Users.Manage}"), fields);
        Assert.Contains(new KeyValuePair<string, string>("grant", $"{admin}:{Permissions.Roles.Manage}"), fields);
    }

    [Fact]
    public async Task MatrixChangeAppliesToTheAffectedUsersOnTheirNextRequest()
    {
        var manager = await factory.RoleIdAsync(BuiltInRoles.Manager);
        var grant = $"{manager}:{Permissions.Audit.View}";
        var managerSession = await factory.SignInAsync("manager.east");
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        Assert.Equal(HttpStatusCode.Forbidden, (await managerSession.GetAsync("/Admin/Audit")).StatusCode);

        var granted = await admin.SubmitAsync("/Admin/Roles/Permissions", MatrixForm, f => f.Add(new("grant", grant)));
        var afterGrant = (await managerSession.GetAsync("/Admin/Audit")).StatusCode;
        var revoked = await admin.SubmitAsync("/Admin/Roles/Permissions", MatrixForm, f => f.Remove(new("grant", grant)));
        var afterRevoke = (await managerSession.GetAsync("/Admin/Audit")).StatusCode;

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterGrant);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterRevoke);
        Assert.Contains("权限矩阵已保存", (await admin.GetDocumentAsync("/Admin/Roles/Permissions")).Text(".alert-success"));
    }

    [Fact]
    public async Task UncheckingEverythingForARoleRemovesAllItsPermissionsAndKeepsTheOthers()
    {
        var id = await CreateRoleAsync("只读角色", Permissions.Customers.View, Permissions.Reports.View);
        var salesman = await factory.RoleIdAsync(BuiltInRoles.Salesman);
        var salesmanBefore = await PermissionsOfAsync(salesman);
        var client = await factory.SignInAsync("admin");

        var page = await client.GetDocumentAsync("/Admin/Roles/Permissions");
        var response = await client.SubmitAsync("/Admin/Roles/Permissions", MatrixForm,
            f => f.RemoveAll(x => x.Key == "grant" && x.Value.StartsWith($"{id}:", StringComparison.Ordinal)));

        Assert.True(page.QuerySelector($"input[value='{id}:{Permissions.Reports.View}']")!.HasAttribute("checked"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await PermissionsOfAsync(id));
        Assert.Equal(salesmanBefore, await PermissionsOfAsync(salesman));
    }

    [Fact]
    public async Task MatrixWithoutTheAdministratorsLockedPermissionIsRefused()
    {
        var admin = await factory.RoleIdAsync(BuiltInRoles.Administrator);
        var before = await PermissionsOfAsync(admin);
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await client.SubmitAsync("/Admin/Roles/Permissions", MatrixForm,
            f => f.Remove(new("grant", $"{admin}:{Permissions.Roles.Manage}")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("系统管理员角色必须保留 Roles.Manage", (await response.ReadDocumentAsync()).Text("[data-testid=form-error]"));
        Assert.Equal(before, await PermissionsOfAsync(admin));
    }

    [Fact]
    public async Task UnknownPermissionInTheMatrixIsRefused()
    {
        var salesman = await factory.RoleIdAsync(BuiltInRoles.Salesman);
        var before = await PermissionsOfAsync(salesman);
        var client = await factory.SignInAsync("admin", language: "en-US");

        var response = await client.SubmitAsync("/Admin/Roles/Permissions", MatrixForm,
            f => f.Add(new("grant", $"{salesman}:Customers.Teleport")));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Unknown permission: Customers.Teleport.", page.Text("[data-testid=form-error]"));
        Assert.Equal(before, await PermissionsOfAsync(salesman));
        AdminForms.AssertNoInlineScriptOrStyle(page, "/Admin/Roles/Permissions (refused)");
    }

    [Theory]
    [InlineData("GET", "/Admin/Roles/Edit/{0}")]
    [InlineData("POST", "/Admin/Roles/Edit/{0}")]
    [InlineData("POST", "/Admin/Roles/Delete/{0}")]
    public async Task UnknownRoleIs404(string method, string route)
    {
        var client = await factory.SignInAsync("admin");
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, Guid.NewGuid());

        var response = method == "GET"
            ? await client.GetAsync(url)
            : await client.PostFormAsync(url, new Dictionary<string, string> { ["Name"] = "x", ["DataScope"] = "Own" }, formPage: "/Admin/Roles/Create");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RolePagesHaveNoInlineScriptsOrStyles()
    {
        var client = await factory.SignInAsync("admin");
        var manager = await factory.RoleIdAsync(BuiltInRoles.Manager);
        foreach (var url in new[] { "/Admin/Roles", "/Admin/Roles/Create", $"/Admin/Roles/Edit/{manager}", "/Admin/Roles/Permissions" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AdminForms.AssertNoInlineScriptOrStyle(await response.ReadDocumentAsync(), url);
        }
    }
}
