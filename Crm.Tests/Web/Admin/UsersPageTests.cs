using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Crm.Domain.Organization;
using Crm.Infrastructure.Administration;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Seeding;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Web.Admin;

/// <summary>Helpers shared by the users and roles page tests: forms submitted as a browser would.</summary>
internal static class AdminForms
{
    /// <summary>The fields a browser would post for the form: enabled inputs, checked boxes, selected options.</summary>
    public static List<KeyValuePair<string, string>> Fields(IElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            if (element.HasAttribute("disabled"))
                continue;
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                        fields.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
                case IHtmlTextAreaElement text:
                    fields.Add(new(name, text.Value));
                    break;
            }
        }

        return fields;
    }

    public static void Set(this List<KeyValuePair<string, string>> fields, string name, params string[] values)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
    }

    /// <summary>Loads <paramref name="page"/>, lets the test change the form's fields, and posts them to the form's action.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, string page, string formSelector, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var document = await client.GetDocumentAsync(page);
        var form = document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on {page}");
        var fields = Fields(form);
        change?.Invoke(fields);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task<Guid> CreateUserAsync(this CrmWebFactory factory, string userName, string role = BuiltInRoles.Salesman, string orgUnit = "销售一组")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var db = scope.ServiceProvider.GetRequiredService<Crm.Infrastructure.Persistence.CrmDbContext>();
        var unit = await db.OrgUnits.Where(o => o.Name == orgUnit).Select(o => o.Id).SingleAsync();
        var user = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync(new UserInput(userName, userName, null, null, unit, [role]), DemoSeeder.Password);
        return user.Id;
    }

    public static Task<Guid> UserIdAsync(this CrmWebFactory factory, string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static Task<Guid> RoleIdAsync(this CrmWebFactory factory, string name) =>
        factory.WithDbAsync(db => db.Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());

    public static void AssertNoInlineScriptOrStyle(IDocument page, string url)
    {
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.True(page.QuerySelectorAll("[style]").Length == 0, $"inline style on {url}");
    }
}

public sealed class UsersPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static IReadOnlyList<IElement> Rows(IDocument page) => page.QuerySelectorAll("[data-testid=user-row]").ToList();

    private static IReadOnlyList<string> UserNames(IDocument page) => Rows(page).Select(r => r.GetAttribute("data-user")!).ToList();

    [Fact]
    public async Task ListShowsUsersWithOrgUnitLocalizedRolesAndStatus()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Admin/Users");
        var zhang = Rows(page).Single(r => r.GetAttribute("data-user") == "zhang.wei");

        Assert.Contains("张伟", zhang.TextContent);
        Assert.Contains("销售一组", zhang.TextContent);
        Assert.Equal("销售人员", zhang.QuerySelector("[data-testid=user-roles]")!.TextContent.Trim());
        Assert.Equal("启用", zhang.QuerySelector("[data-testid=user-status]")!.TextContent.Trim());
        Assert.Contains("系统管理员", Rows(page).Single(r => r.GetAttribute("data-user") == "admin").TextContent);
    }

    [Fact]
    public async Task SearchFindsUsersByDisplayNameAndUserName()
    {
        var client = await factory.SignInAsync("admin");

        var byDisplayName = UserNames(await client.GetDocumentAsync("/Admin/Users?Q=" + Uri.EscapeDataString("王芳")));
        var byUserName = UserNames(await client.GetDocumentAsync("/Admin/Users?Q=MANAGER"));

        Assert.Equal(["wang.fang"], byDisplayName);
        Assert.Equal(["manager.east", "manager.north"], byUserName);
    }

    [Fact]
    public async Task OrgUnitFilterIncludesTheUnitsBelowIt()
    {
        var client = await factory.SignInAsync("admin");
        var east = await factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Name == "华东公司").Select(o => o.Id).SingleAsync());

        var names = UserNames(await client.GetDocumentAsync($"/Admin/Users?OrgUnitId={east}"));

        Assert.Contains("manager.east", names);
        Assert.Contains("zhang.wei", names);
        Assert.Contains("zhao.lei", names);
        Assert.DoesNotContain("wang.fang", names);
        Assert.DoesNotContain("admin", names);
    }

    [Fact]
    public async Task RoleFilterAndSortByDisplayNameDescending()
    {
        var client = await factory.SignInAsync("admin");
        var manager = await factory.RoleIdAsync(BuiltInRoles.Manager);

        var page = await client.GetDocumentAsync($"/Admin/Users?RoleId={manager}&Sort=DisplayName&Desc=true");

        var names = Rows(page).Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        Assert.Contains("manager.east", UserNames(page));
        Assert.Contains("manager.north", UserNames(page));
        Assert.DoesNotContain("zhang.wei", UserNames(page));
        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), names);
        Assert.Equal("descending", page.QuerySelector("[data-testid=sort-displayname]")!.ParentElement!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task SearchWithoutMatchesShowsTheEmptyStateInEnglish()
    {
        var client = await factory.SignInAsync("admin", language: "en-US");

        var page = await client.GetDocumentAsync("/Admin/Users?Q=nobody-like-this");

        Assert.Contains("No users match these filters.", page.Text("[data-testid=empty-state]"));
        Assert.Empty(Rows(page));
    }

    [Fact]
    public async Task CreatedUserAppearsInTheListAndCanSignIn()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");
        var team = await factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Name == "销售二组").Select(o => o.Id).SingleAsync());

        var response = await client.SubmitAsync("/Admin/Users/Create", "[data-testid=user-form]", f =>
        {
            f.Set("UserName", "sun.li");
            f.Set("DisplayName", "孙丽");
            f.Set("Email", "sun.li@example.cn");
            f.Set("PhoneNumber", "138-0000-1234");
            f.Set("OrgUnitId", team.ToString());
            f.Set("Roles", BuiltInRoles.Salesman);
            f.Set("Password", "Welcome@2026");
            f.Set("ConfirmPassword", "Welcome@2026");
        });
        var list = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("用户 sun.li 已创建", list.Text(".alert-success"));
        var row = Rows(list).Single(r => r.GetAttribute("data-user") == "sun.li");
        Assert.Contains("销售二组", row.TextContent);
        Assert.Contains("销售人员", row.TextContent);
        var home = await (await factory.SignInAsync("sun.li", "Welcome@2026", "zh-CN")).GetDocumentAsync("/");
        Assert.Equal("你好，孙丽", home.Text("[data-testid=greeting]"));
    }

    [Fact]
    public async Task CreateFormExplainsEveryProblemInChinese()
    {
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await client.SubmitAsync("/Admin/Users/Create", "[data-testid=user-form]", f =>
        {
            f.Set("UserName", "");
            f.Set("Email", "not-an-email");
            f.Set("Password", "Welcome@2026");
            f.Set("ConfirmPassword", "Welcome@2027");
        });
        var page = await response.ReadDocumentAsync();
        var text = page.Body!.TextContent;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请填写用户名", text);
        Assert.Contains("请填写姓名", text);
        Assert.Contains("请填写组织机构", text);
        Assert.Contains("电子邮箱格式不正确", text);
        Assert.Contains("两次输入的密码不一致", text);
        Assert.Contains("至少 8 位", page.Text("#password-policy"));
        AdminForms.AssertNoInlineScriptOrStyle(page, "/Admin/Users/Create (invalid)");
    }

    [Fact]
    public async Task DuplicateUserNameAndWeakPasswordAreRefusedByIdentity()
    {
        var client = await factory.SignInAsync("admin", language: "en-US");
        var team = await factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Name == "销售一组").Select(o => o.Id).SingleAsync());

        var duplicate = await client.SubmitAsync("/Admin/Users/Create", "[data-testid=user-form]", f =>
        {
            f.Set("UserName", "li.na");
            f.Set("DisplayName", "另一个李娜");
            f.Set("OrgUnitId", team.ToString());
            f.Set("Password", "Welcome@2026");
            f.Set("ConfirmPassword", "Welcome@2026");
        });
        var weak = await client.SubmitAsync("/Admin/Users/Create", "[data-testid=user-form]", f =>
        {
            f.Set("UserName", "weak.one");
            f.Set("DisplayName", "弱密码");
            f.Set("OrgUnitId", team.ToString());
            f.Set("Password", "weakweak");
            f.Set("ConfirmPassword", "weakweak");
        });

        Assert.Contains("li.na", (await duplicate.ReadDocumentAsync()).Text("[data-testid=form-error]"));
        Assert.Contains("The password must contain a digit.", (await weak.ReadDocumentAsync()).Text("[data-testid=form-error]"));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "weak.one")));
    }

    [Fact]
    public async Task EditChangesNameOrgUnitAndRoles()
    {
        var id = await factory.CreateUserAsync("edit.me");
        var north = await factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Name == "销售三组").Select(o => o.Id).SingleAsync());
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var form = await client.GetDocumentAsync($"/Admin/Users/Edit/{id}");
        var response = await client.SubmitAsync($"/Admin/Users/Edit/{id}", "[data-testid=user-form]", f =>
        {
            f.Set("DisplayName", "改过的名字");
            f.Set("OrgUnitId", north.ToString());
            f.Set("Roles", BuiltInRoles.Salesman, BuiltInRoles.Manager);
        });

        Assert.True(form.QuerySelector("input[name=Roles][value=Salesman]")!.HasAttribute("checked"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = Rows(await client.GetDocumentAsync("/Admin/Users?Q=edit.me")).Single();
        Assert.Contains("改过的名字", row.TextContent);
        Assert.Contains("销售三组", row.TextContent);
        Assert.Contains("销售主管", row.TextContent);
    }

    [Fact]
    public async Task StaleEditShowsTheConflictMessageAndKeepsTheNewerData()
    {
        var id = await factory.CreateUserAsync("stale.edit");
        var first = await factory.SignInAsync("admin", language: "zh-CN");
        var second = await factory.SignInAsync("admin", language: "zh-CN");
        var secondForm = await second.GetDocumentAsync($"/Admin/Users/Edit/{id}");

        await first.SubmitAsync($"/Admin/Users/Edit/{id}", "[data-testid=user-form]", f => f.Set("DisplayName", "先保存的"));
        var fields = AdminForms.Fields(secondForm.QuerySelector("[data-testid=user-form]")!);
        fields.Set("DisplayName", "后保存的");
        var response = await second.PostAsync($"/Admin/Users/Edit/{id}", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该记录已被他人修改", (await response.ReadDocumentAsync()).Text("[data-testid=form-error]"));
        Assert.Equal("先保存的", await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task DisabledUserCannotSignInAndIsSignedOutUntilEnabled()
    {
        var id = await factory.CreateUserAsync("leaving.soon");
        var session = await factory.SignInAsync("leaving.soon");
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await client.SubmitAsync("/Admin/Users?Q=leaving.soon", $"form[action='/Admin/Users/Disable/{id}']");
        var list = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("已停用", list.Text("[data-testid=user-status]"));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/")).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.SignInAsync("leaving.soon"));

        await client.SubmitAsync("/Admin/Users?Q=leaving.soon", $"form[action='/Admin/Users/Enable/{id}']");
        await factory.SignInAsync("leaving.soon");
    }

    [Fact]
    public async Task DisablingTheLastAdministratorIsRefusedWithAMessage()
    {
        var admin = await factory.UserIdAsync("admin");
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var response = await client.PostFormAsync($"/Admin/Users/Disable/{admin}", new Dictionary<string, string>(), formPage: "/Admin/Users");
        var list = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("最后一个启用的系统管理员", list.Text(".alert-danger"));
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == admin).Select(u => u.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task LockedUserIsShownAsLockedAndCanSignInOnceUnlocked()
    {
        var id = await factory.CreateUserAsync("locked.out");
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15);
            return await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var locked = await client.GetDocumentAsync("/Admin/Users?Status=Locked");
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.SignInAsync("locked.out"));
        var response = await client.SubmitAsync("/Admin/Users?Status=Locked", $"form[action='/Admin/Users/Unlock/{id}']");

        Assert.Equal(["locked.out"], UserNames(locked));
        Assert.Contains("锁定至", locked.Text("[data-testid=user-status]"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("已解锁", (await client.GetDocumentAsync(response.Headers.Location!.OriginalString)).Text(".alert-success"));
        await factory.SignInAsync("locked.out");
    }

    [Fact]
    public async Task ResetPasswordLetsTheUserInWithTheNewPasswordOnly()
    {
        var id = await factory.CreateUserAsync("forgot.it");
        var client = await factory.SignInAsync("admin", language: "zh-CN");

        var form = await client.GetDocumentAsync($"/Admin/Users/ResetPassword/{id}");
        var mismatch = await client.SubmitAsync($"/Admin/Users/ResetPassword/{id}", "[data-testid=reset-form]", f =>
        {
            f.Set("NewPassword", "Another@2026");
            f.Set("ConfirmPassword", "Another@2027");
        });
        var response = await client.SubmitAsync($"/Admin/Users/ResetPassword/{id}", "[data-testid=reset-form]", f =>
        {
            f.Set("NewPassword", "Another@2026");
            f.Set("ConfirmPassword", "Another@2026");
        });

        Assert.Contains("forgot.it", form.Text("main"));
        Assert.Contains("两次输入的密码不一致", (await mismatch.ReadDocumentAsync()).Body!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.SignInAsync("forgot.it", "Another@2026");
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.SignInAsync("forgot.it", DemoSeeder.Password));
    }

    [Theory]
    [InlineData("GET", "/Admin/Users/Edit/{0}")]
    [InlineData("GET", "/Admin/Users/ResetPassword/{0}")]
    [InlineData("POST", "/Admin/Users/Edit/{0}")]
    [InlineData("POST", "/Admin/Users/Disable/{0}")]
    [InlineData("POST", "/Admin/Users/Enable/{0}")]
    [InlineData("POST", "/Admin/Users/Unlock/{0}")]
    [InlineData("POST", "/Admin/Users/ResetPassword/{0}")]
    public async Task UnknownUserIs404(string method, string route)
    {
        var client = await factory.SignInAsync("admin");
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, Guid.NewGuid());

        var response = method == "GET"
            ? await client.GetAsync(url)
            : await client.PostFormAsync(url, new Dictionary<string, string>
            {
                ["UserName"] = "x", ["DisplayName"] = "x", ["OrgUnitId"] = "1",
                ["NewPassword"] = "Another@2026", ["ConfirmPassword"] = "Another@2026",
            }, formPage: "/Admin/Users/Create");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UserPagesHaveNoInlineScriptsOrStyles()
    {
        var client = await factory.SignInAsync("admin");
        var id = await factory.UserIdAsync("zhang.wei");
        foreach (var url in new[] { "/Admin/Users", "/Admin/Users?Q=nobody", "/Admin/Users?Page=x", "/Admin/Users/Create", $"/Admin/Users/Edit/{id}", $"/Admin/Users/ResetPassword/{id}" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AdminForms.AssertNoInlineScriptOrStyle(await response.ReadDocumentAsync(), url);
        }
    }
}
