using Crm.Tests.Support;

namespace Crm.Tests.Web;

/// <summary>The README's demo accounts all sign in and land on their own dashboard.</summary>
public sealed class DemoAccountsTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    [Theory]
    [InlineData("admin", "系统管理员", "集团总部", "系统管理员")]
    [InlineData("manager.east", "陈静", "华东公司", "销售主管")]
    [InlineData("zhang.wei", "张伟", "销售一组", "销售人员")]
    [InlineData("li.na", "李娜", "销售一组", "销售人员")]
    [InlineData("zhao.lei", "赵磊", "销售二组", "销售人员")]
    [InlineData("manager.north", "刘强", "华北公司", "销售主管")]
    [InlineData("wang.fang", "王芳", "销售三组", "销售人员")]
    public async Task DemoAccountSignsInAndSeesItsOwnDashboard(string userName, string displayName, string orgUnit, string role)
    {
        var client = await factory.SignInAsync(userName, language: "zh-CN");

        var home = await client.GetDocumentAsync("/");

        Assert.Equal($"你好，{displayName}", home.Text("[data-testid=greeting]"));
        Assert.Equal(orgUnit, home.Text("[data-testid=org-unit]"));
        Assert.Equal(role, home.Text("[data-testid=roles]"));
    }
}
