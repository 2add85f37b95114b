using System.Net;
using Crm.Domain.Organization;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Admin;

/// <summary>Only holders of Users.Manage / Roles.Manage reach the users and roles pages; everyone else gets 403.</summary>
public sealed class UsersAndRolesAccessTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private async Task<IReadOnlyList<string>> PagesAsync()
    {
        var user = await factory.UserIdAsync("wang.fang");
        var role = await factory.RoleIdAsync(BuiltInRoles.Salesman);
        return
        [
            "/Admin/Users", "/Admin/Users/Create", $"/Admin/Users/Edit/{user}", $"/Admin/Users/ResetPassword/{user}",
            "/Admin/Roles", "/Admin/Roles/Create", $"/Admin/Roles/Edit/{role}", "/Admin/Roles/Permissions",
        ];
    }

    private async Task<IReadOnlyList<(string Url, Dictionary<string, string> Form)>> PostsAsync()
    {
        var user = await factory.UserIdAsync("wang.fang");
        var role = await factory.RoleIdAsync(BuiltInRoles.Salesman);
        var team = await factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Name == "销售三组").Select(o => o.Id).SingleAsync());
        var newUser = new Dictionary<string, string>
        {
            ["UserName"] = "intruder", ["DisplayName"] = "入侵者", ["OrgUnitId"] = team.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Roles"] = BuiltInRoles.Administrator, ["Password"] = "Intrude@2026", ["ConfirmPassword"] = "Intrude@2026",
        };
        return
        [
            ("/Admin/Users/Create", newUser),
            ($"/Admin/Users/Edit/{user}", newUser),
            ($"/Admin/Users/Disable/{user}", []),
            ($"/Admin/Users/Enable/{user}", []),
            ($"/Admin/Users/Unlock/{user}", []),
            ($"/Admin/Users/ResetPassword/{user}", new() { ["NewPassword"] = "Intrude@2026", ["ConfirmPassword"] = "Intrude@2026" }),
            ("/Admin/Roles/Create", new() { ["Name"] = "后门", ["DataScope"] = "All" }),
            ($"/Admin/Roles/Edit/{role}", new() { ["Name"] = BuiltInRoles.Salesman, ["DataScope"] = "All" }),
            ($"/Admin/Roles/Delete/{role}", []),
            ("/Admin/Roles/Permissions", new() { ["roles"] = role.ToString(), ["grant"] = $"{role}:{Permissions.Users.Manage}" }),
        ];
    }

    [Theory]
    [InlineData("zhang.wei")]
    [InlineData("li.na")]
    [InlineData("manager.east")]
    [InlineData("manager.north")]
    public async Task NonAdministratorsGet403OnEveryPage(string userName)
    {
        var client = await factory.SignInAsync(userName, language: "zh-CN");

        foreach (var url in await PagesAsync())
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{userName} GET {url}: {(int)response.StatusCode}");
            Assert.Equal("无权访问", (await response.ReadDocumentAsync()).Text("[data-testid=error-title]"));
        }
    }

    [Theory]
    [InlineData("zhang.wei")]
    [InlineData("manager.east")]
    public async Task NonAdministratorsGet403OnEveryPostAndNothingChanges(string userName)
    {
        var salesman = await factory.RoleIdAsync(BuiltInRoles.Salesman);
        var permissionsBefore = await factory.WithDbAsync(db => db.RoleClaims.CountAsync(c => c.RoleId == salesman));
        var client = await factory.SignInAsync(userName);

        foreach (var (url, form) in await PostsAsync())
        {
            // A valid antiforgery token from a page the user may open, so only authorization can refuse.
            var response = await client.PostFormAsync(url, form, formPage: "/");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{userName} POST {url}: {(int)response.StatusCode}");
        }

        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "intruder")));
        Assert.False(await factory.WithDbAsync(db => db.Roles.AnyAsync(r => r.Name == "后门")));
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "wang.fang").Select(u => u.IsActive).SingleAsync()));
        Assert.Equal(permissionsBefore, await factory.WithDbAsync(db => db.RoleClaims.CountAsync(c => c.RoleId == salesman)));
        await factory.SignInAsync("wang.fang");
    }

    [Fact]
    public async Task AnonymousIsSentToLoginFromEveryPage()
    {
        var client = factory.NewClient();

        foreach (var url in await PagesAsync())
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task AdministratorOpensEveryPageAndSeesThemInTheSidebar()
    {
        var client = await factory.SignInAsync("admin");

        foreach (var url in await PagesAsync())
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        var home = await client.GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector("[data-nav-group='Nav.Admin'] a[href='/Admin/Users']"));
        Assert.NotNull(home.QuerySelector("[data-nav-group='Nav.Admin'] a[href='/Admin/Roles']"));
    }
}
