using Crm.Domain.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Crm.Tests.Web.Customers;

/// <summary>
/// How many statements the busiest customer pages send to the database for one request (issue 5's budget),
/// counted with a command interceptor — a count, not a timing.
/// </summary>
public sealed class RoundTripTests(StatementCountingWebFactory factory, ITestOutputHelper output) : IClassFixture<StatementCountingWebFactory>
{
    private Task<int> ZhangsFirstCustomerAsync() => factory.WithDbAsync(db =>
        db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei")).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    [Theory]
    [InlineData("zhang.wei", "")]
    [InlineData("zhang.wei", "?tab=contacts")]
    [InlineData("zhang.wei", "?tab=interactions")]
    [InlineData("zhang.wei", "?tab=pool")]
    [InlineData("zhang.wei", "?tab=feedback")]
    [InlineData("zhang.wei", "?tab=changes")]
    [InlineData("manager.east", "")]
    [InlineData("manager.east", "?tab=feedback")]
    public async Task TheCustomer360SendsAtMostSixStatements(string user, string tab)
    {
        var id = await ZhangsFirstCustomerAsync();
        var client = await factory.SignInAsync(user);

        var statements = await factory.StatementsOfAsync(client, $"/Customers/Customers/Details/{id}{tab}");

        output.WriteLine($"{user} {tab}: {statements.Count} statements");
        Assert.True(statements.Count <= 6, $"{statements.Count} statements:\n" + string.Join("\n----\n", statements));
    }

    [Fact]
    public async Task TheFeedbackTabWithFeedbackAndTasksStaysWithinTheBudget()
    {
        var id = await ZhangsFirstCustomerAsync();
        await factory.WithDbAsync(async db =>
        {
            var zhang = await db.Users.Where(u => u.UserName == "zhang.wei").Select(u => u.Id).SingleAsync();
            var feedback = new Feedback(id, DateTimeOffset.UtcNow.AddDays(-1), null, "交付延迟", "客户来电");
            feedback.AddTask("确认交付日期", zhang, DateTimeOffset.UtcNow.AddDays(1));
            feedback.AddTask("回电说明进度", zhang, DateTimeOffset.UtcNow.AddDays(2));
            db.Feedbacks.Add(feedback);
            return await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync("manager.east");
        var url = $"/Customers/Customers/Details/{id}?tab=feedback";

        var statements = await factory.StatementsOfAsync(client, url);

        var page = await client.GetDocumentAsync(url);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=feedback] [data-testid=task]").Length);
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=add-task] select[name=AssigneeId] option"));
        output.WriteLine($"manager.east ?tab=feedback with feedback: {statements.Count} statements");
        Assert.True(statements.Count <= 6, $"{statements.Count} statements:\n" + string.Join("\n----\n", statements));
    }

    [Theory]
    [InlineData("zhang.wei")]
    [InlineData("manager.east")]
    public async Task TheCustomerListSendsItsPageAndCountAndLittleElse(string user)
    {
        var client = await factory.SignInAsync(user);

        var statements = await factory.StatementsOfAsync(client, "/Customers/Customers?page=1");

        output.WriteLine($"{user}: {statements.Count} statements");
        Assert.True(statements.Count <= 4, $"{statements.Count} statements:\n" + string.Join("\n----\n", statements));
    }
}
