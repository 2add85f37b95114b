using System.Net;
using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web;

public sealed class AccountTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static Dictionary<string, string> Credentials(string user, string password) =>
        new() { ["UserName"] = user, ["Password"] = password };

    [Fact]
    public async Task AnonymousVisitorIsRedirectedToTheLoginPage()
    {
        var response = await factory.NewClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2F", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ValidPasswordSignsInAndTheDashboardGreetsTheUser()
    {
        var client = factory.NewClient("zh-CN");

        var response = await client.PostFormAsync("/Account/Login", Credentials("zhang.wei", "Demo@123456"));
        var home = await client.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal("你好，张伟", home.Text("[data-testid=greeting]"));
        Assert.Equal("销售一组", home.Text("[data-testid=org-unit]"));
        Assert.Equal("销售人员", home.Text("[data-testid=roles]"));
        var signIns = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.SignIn && a.UserName == "zhang.wei"));
        Assert.True(signIns >= 1);
    }

    [Fact]
    public async Task WrongPasswordShowsAnErrorAndDoesNotSignIn()
    {
        var client = factory.NewClient("zh-CN");

        var response = await client.PostFormAsync("/Account/Login", Credentials("li.na", "Wrong@123456"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码不正确。", page.Text("[data-testid=login-error]"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task UnknownUserGetsTheSameMessageAsAWrongPassword()
    {
        var response = await factory.NewClient("en-US").PostFormAsync("/Account/Login", Credentials("nobody", "Wrong@123456"));

        Assert.Contains("The user name or password is incorrect.", (await response.ReadDocumentAsync()).Text("[data-testid=login-error]"));
    }

    [Fact]
    public async Task FiveFailuresLockTheAccountForFifteenMinutes()
    {
        var client = factory.NewClient("zh-CN");
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/Account/Login", Credentials("wang.fang", "Wrong@123456"));

        var response = await client.PostFormAsync("/Account/Login", Credentials("wang.fang", "Demo@123456"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账户已锁定", page.Text("[data-testid=login-error]"));
        var lockoutEnd = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "wang.fang").Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.LockedOut && a.UserName == "wang.fang")));
    }

    [Fact]
    public async Task PostWithoutAntiforgeryTokenIsRefusedAndSignsNobodyIn()
    {
        var client = factory.NewClient();

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(Credentials("zhang.wei", "Demo@123456")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ReturnUrlToAnotherSiteIsIgnored()
    {
        var client = factory.NewClient();
        var fields = Credentials("zhao.lei", "Demo@123456");
        fields["ReturnUrl"] = "https://evil.example/phish";

        var response = await client.PostFormAsync("/Account/Login", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LocalReturnUrlIsFollowedAfterSignIn()
    {
        var client = factory.NewClient();
        var fields = Credentials("zhao.lei", "Demo@123456");
        fields["ReturnUrl"] = "/Account/ChangePassword";

        var response = await client.PostFormAsync("/Account/Login", fields);

        Assert.Equal("/Account/ChangePassword", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        var client = await factory.SignInAsync("manager.north");

        var response = await client.PostFormAsync("/Account/Logout", new Dictionary<string, string>(), formPage: "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task DisablingAUserEndsTheirOpenSessionOnTheNextRequest()
    {
        var client = await factory.SignInAsync("zhao.lei");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "zhao.lei");
            user.IsActive = false;
            return await db.SaveChangesAsync();
        });
        try
        {
            var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
            var login = await factory.NewClient("zh-CN").PostFormAsync("/Account/Login", Credentials("zhao.lei", "Demo@123456"));
            Assert.Contains("该账户已停用", (await login.ReadDocumentAsync()).Text("[data-testid=login-error]"));
        }
        finally
        {
            await factory.WithDbAsync(async db =>
            {
                var user = await db.Users.SingleAsync(u => u.UserName == "zhao.lei");
                user.IsActive = true;
                return await db.SaveChangesAsync();
            });
        }
    }
}
