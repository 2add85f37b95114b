using System.Net;
using Crm.Tests.Support;

namespace Crm.Tests.Web;

public sealed class ChangePasswordTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    [Fact]
    public async Task WrongCurrentPasswordIsRefusedWithAMessageAndChangesNothing()
    {
        var client = await factory.SignInAsync("li.na", language: "zh-CN");

        var response = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Wrong@123456",
            ["NewPassword"] = "Better@2026x",
            ["ConfirmPassword"] = "Better@2026x",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("当前密码不正确。", (await response.ReadDocumentAsync()).Body!.TextContent);
        await factory.SignInAsync("li.na");
    }

    [Fact]
    public async Task WeakNewPasswordIsRefusedWithThePolicyRules()
    {
        var client = await factory.SignInAsync("zhao.lei", language: "en-US");

        var response = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Demo@123456",
            ["NewPassword"] = "weakweak",
            ["ConfirmPassword"] = "weakweak",
        });
        var text = (await response.ReadDocumentAsync()).Body!.TextContent;

        Assert.Contains("The password must contain an upper-case letter.", text);
        Assert.Contains("The password must contain a digit.", text);
        await factory.SignInAsync("zhao.lei");
    }

    [Fact]
    public async Task MismatchedConfirmationIsRefused()
    {
        var client = await factory.SignInAsync("wang.fang", language: "zh-CN");

        var response = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Demo@123456",
            ["NewPassword"] = "Better@2026x",
            ["ConfirmPassword"] = "Better@2026y",
        });

        Assert.Contains("两次输入的密码不一致。", (await response.ReadDocumentAsync()).Body!.TextContent);
    }

    [Fact]
    public async Task NewPasswordWorksAndTheOldOneNoLonger()
    {
        var client = await factory.SignInAsync("manager.north");

        var response = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Demo@123456",
            ["NewPassword"] = "Better@2026x",
            ["ConfirmPassword"] = "Better@2026x",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await factory.SignInAsync("manager.north", "Better@2026x");
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.SignInAsync("manager.north", "Demo@123456"));
    }
}
