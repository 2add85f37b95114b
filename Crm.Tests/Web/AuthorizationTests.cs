using System.Net;
using Crm.Domain.Organization;
using Crm.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Web;

public sealed class AuthorizationTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        factory.NewClient(); // builds the host
        // Conventional routes also appear as link-generation-only endpoints that never match a request.
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>() is not { SuppressMatching: true })
            .ToList();
    }

    [Fact]
    public void EveryEndpointNamesAPolicyOrIsExplicitlyAnonymous()
    {
        var endpoints = Endpoints();
        var unguarded = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();

        Assert.True(endpoints.Count > 5, "the endpoint list looks incomplete");
        Assert.True(unguarded.Count == 0, "Endpoints without a policy: " + string.Join(", ", unguarded));
    }

    [Fact]
    public async Task EveryPolicyNamedByAnEndpointIsRegistered()
    {
        var provider = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var names = Endpoints()
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>())
            .Select(a => a.Policy)
            .OfType<string>()
            .Distinct();

        foreach (var name in names)
            Assert.True(await provider.GetPolicyAsync(name) is not null, $"policy '{name}' is not registered");
    }

    [Fact]
    public async Task EveryPermissionHasAPolicy()
    {
        var provider = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var permission in Permissions.All)
            Assert.NotNull(await provider.GetPolicyAsync(permission));
    }

    [Theory]
    [InlineData("zhang.wei")]
    [InlineData("manager.east")]
    public async Task NonAdministratorsGet403OnTheAuditLog(string user)
    {
        var client = await factory.SignInAsync(user, language: "zh-CN");

        var response = await client.GetAsync("/Admin/Audit");
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("无权访问", page.Text("[data-testid=error-title]"));
    }

    [Fact]
    public async Task AnonymousIsSentToLoginFromAnAdminRoute()
    {
        var response = await factory.NewClient().GetAsync("/Admin/Audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SidebarShowsSystemManagementToTheAdministratorOnly()
    {
        var admin = await (await factory.SignInAsync("admin", language: "zh-CN")).GetDocumentAsync("/");
        var salesman = await (await factory.SignInAsync("zhang.wei", language: "zh-CN")).GetDocumentAsync("/");
        var manager = await (await factory.SignInAsync("manager.east", language: "zh-CN")).GetDocumentAsync("/");

        Assert.NotNull(admin.QuerySelector("[data-nav-group='Nav.Admin'] a[href='/Admin/Audit']"));
        Assert.Null(salesman.QuerySelector("[data-nav-group='Nav.Admin']"));
        Assert.Null(manager.QuerySelector("[data-nav-group='Nav.Admin']"));
        Assert.Null(salesman.QuerySelector("a[href='/Admin/Audit']"));
    }

    [Fact]
    public async Task SidebarLinksOnlyToPagesThatExist()
    {
        var client = await factory.SignInAsync("admin");
        var home = await client.GetDocumentAsync("/");
        var links = home.QuerySelectorAll("[data-testid=sidebar] a.nav-link").Select(a => a.GetAttribute("href")!).ToList();

        Assert.NotEmpty(links);
        foreach (var link in links)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task APermissionRemovedFromARoleAppliesOnTheNextRequest()
    {
        var client = await factory.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Audit")).StatusCode);

        await factory.WithDbAsync(async db =>
        {
            var role = db.Roles.Single(r => r.Name == BuiltInRoles.Administrator);
            db.RoleClaims.RemoveRange(db.RoleClaims.Where(c => c.RoleId == role.Id && c.ClaimValue == Permissions.Audit.View));
            return await db.SaveChangesAsync();
        });
        try
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Admin/Audit")).StatusCode);
        }
        finally
        {
            await factory.WithDbAsync(async db =>
            {
                var role = db.Roles.Single(r => r.Name == BuiltInRoles.Administrator);
                db.RoleClaims.Add(new() { RoleId = role.Id, ClaimType = Permissions.ClaimType, ClaimValue = Permissions.Audit.View });
                return await db.SaveChangesAsync();
            });
        }
    }
}
