using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Service;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Infrastructure.Service;

/// <summary>The contract renewal job, the customer satisfaction figure, the per-product complaints and the demo data, on the demo database.</summary>
public sealed class ServiceModuleTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static ContractService Contracts(CrmDbContext db) => new(db, TimeProvider.System, new ConfigurationBuilder().Build());

    private Task<int> CustomerAsync(string owner) => factory.WithDbAsync(db => ServiceRecordArrange.FirstCustomerOfAsync(db, owner));

    [Fact]
    public async Task TheRenewalJobRemindsTheOwnerOnceAndAgainOnlyAfterANewEndDate()
    {
        var customerId = await CustomerAsync("zhang.wei");
        var contractId = await factory.WithDbAsync(db => ServiceRecordArrange.ContractAsync(db, customerId, Today.AddDays(10)));
        var link = ContractService.LinkOf(contractId);

        await factory.WithDbAsync(db => Contracts(db).SendRenewalRemindersAsync());
        await factory.WithDbAsync(db => Contracts(db).SendRenewalRemindersAsync());

        var reminders = await factory.WithDbAsync(db => db.Reminders.AsNoTracking().Where(r => r.Url == link).ToListAsync());
        var owner = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhang.wei").Select(u => u.Id).SingleAsync());
        var reminder = Assert.Single(reminders);
        Assert.Equal((owner, ContractService.ReminderSource), (reminder.UserId, reminder.SourceType));
        Assert.NotNull(await factory.WithDbAsync(db => db.ServiceContracts.Where(c => c.Id == contractId).Select(c => c.RenewalReminderSentAt).SingleAsync()));

        // Renewed: the new end date arms the reminder again, for when the new term nears its end.
        await factory.WithDbAsync(async db =>
        {
            var contract = await db.ServiceContracts.SingleAsync(c => c.Id == contractId);
            contract.Update(contract.StartDate, Today.AddDays(20), contract.Level, contract.CaseAllowance, null);
            return await db.SaveChangesAsync();
        });
        await factory.WithDbAsync(db => Contracts(db).SendRenewalRemindersAsync());
        Assert.Equal(2, await factory.WithDbAsync(db => db.Reminders.CountAsync(r => r.Url == link)));
    }

    /// <summary>
    /// The renewal window counts the organisation's days: at 17:00 UTC it is already the next day in Shanghai,
    /// so a contract ending <c>days</c> after that local day is inside the window — in UTC days it would not be yet.
    /// </summary>
    [Fact]
    public async Task TheRenewalWindowOpensOnTheLocalDayInShanghaiNotTheUtcDay()
    {
        var utcDay = DateOnly.FromDateTime(DateTime.UtcNow);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(utcDay.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:TimeZone"] = "Asia/Shanghai" }).Build();
        var days = await factory.WithDbAsync(async db => (await db.SystemSettings.AsNoTracking().SingleOrDefaultAsync() ?? SystemSettings.Defaults()).ContractRenewalReminderDays);
        var customerId = await CustomerAsync("zhang.wei");
        var contractId = await factory.WithDbAsync(db => ServiceRecordArrange.ContractAsync(db, customerId, utcDay.AddDays(1 + days)));
        var link = ContractService.LinkOf(contractId);

        await factory.WithDbAsync(db => new ContractService(db, clock, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:TimeZone"] = "UTC" }).Build()).SendRenewalRemindersAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reminders.CountAsync(r => r.Url == link)));

        await factory.WithDbAsync(db => new ContractService(db, clock, configuration).SendRenewalRemindersAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Reminders.CountAsync(r => r.Url == link)));
    }

    [Fact]
    public void TheRenewalJobIsRegisteredLikeTheOtherDailyJobs()
    {
        var jobs = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Select(s => s.GetType()).ToList();

        Assert.Contains(typeof(ContractRenewalJob), jobs);
        Assert.True(typeof(Crm.Infrastructure.Jobs.DailyJob).IsAssignableFrom(typeof(ContractRenewalJob)));
    }

    [Fact]
    public async Task TheRenewalJobLeavesContractsOutsideTheWindowAlone()
    {
        var customerId = await CustomerAsync("li.na");
        var later = await factory.WithDbAsync(db => ServiceRecordArrange.ContractAsync(db, customerId, Today.AddDays(200)));
        var ended = await factory.WithDbAsync(db => ServiceRecordArrange.ContractAsync(db, customerId, Today.AddDays(-1)));

        await factory.WithDbAsync(db => Contracts(db).SendRenewalRemindersAsync());

        var links = new[] { ContractService.LinkOf(later), ContractService.LinkOf(ended) };
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reminders.CountAsync(r => links.Contains(r.Url))));
    }

    [Fact]
    public async Task TheAverageSatisfactionIsTheMeanOfEverySurveyScoreAndRequestSatisfaction()
    {
        // A customer of its own, so the demo data's scores do not mix in.
        var customerId = await factory.WithDbAsync(db => SalesArrange.CustomerAsync(db, "zhang.wei"));
        Assert.Null(await factory.WithDbAsync(db => CustomerSatisfaction.AverageAsync(db, customerId)));

        await factory.WithDbAsync(async db =>
        {
            var visitor = await db.Users.Where(u => u.UserName == "zhang.wei").Select(u => u.Id).SingleAsync();
            var done = new ReturnVisit(customerId, Today, null, visitor, null, null);
            done.Complete(Today, null, null, "回访", new SurveyScores(5, 4, null, 3, null, null), null, Today);
            // Planned and cancelled visits carry no scores and do not count.
            db.ReturnVisits.AddRange(done, new ReturnVisit(customerId, Today.AddDays(3), null, visitor, null, null));
            // A request whose feedback was 2 (sent back to its handler): its satisfaction counts as one score.
            var type = await db.DictionaryItems.FirstAsync(d => d.Category == DictionaryCategories.ServiceType);
            var priority = await db.DictionaryItems.FirstAsync(d => d.Category == DictionaryCategories.Priority);
            var unit = await db.Users.Where(u => u.Id == visitor).Select(u => u.OrgUnitId).SingleAsync();
            var request = new ServiceRequest(SalesArrange.Unique("FT"), customerId, type.Id, priority.Id, 24, "测试", null, visitor, unit, DateTimeOffset.UtcNow);
            request.Assign(visitor, visitor, DateTimeOffset.UtcNow);
            request.Handle(visitor, "处理", 10, DateTimeOffset.UtcNow);
            request.RecordFeedback(visitor, "不满意", 2, DateTimeOffset.UtcNow);
            db.ServiceRequests.Add(request);
            return await db.SaveChangesAsync();
        });

        // (5 + 4 + 3 + 2) / 4 = 3.50
        Assert.Equal(3.50m, await factory.WithDbAsync(db => CustomerSatisfaction.AverageAsync(db, customerId)));
    }

    [Fact]
    public async Task ComplaintsByProductCountWithinTheDateRange()
    {
        var customerId = await CustomerAsync("zhang.wei");
        var product = await factory.WithDbAsync(db => SalesArrange.ProductAsync(db, units: 0));
        var old = new DateOnly(2020, 1, 15);
        await factory.WithDbAsync(db => ServiceRecordArrange.ComplaintAsync(db, customerId, product.ProductId, 7, old));
        await factory.WithDbAsync(db => ServiceRecordArrange.ComplaintAsync(db, customerId, product.ProductId, 5, old.AddDays(3)));
        await factory.WithDbAsync(db => ServiceRecordArrange.ComplaintAsync(db, customerId, product.ProductId, 100, old.AddYears(1)));

        var rows = await factory.WithDbAsync(db => new ComplaintService(db).ByProductAsync(old, old.AddMonths(1)));

        var row = Assert.Single(rows, r => r.ProductId == product.ProductId);
        Assert.Equal((2, 12, 200), (row.Complaints, row.ProblemQuantity, row.ProjectQuantity));
    }

    [Fact]
    public async Task TheDemoDataHasEveryRequestStateTypeAndTheRecordsOfTheModule()
    {
        var states = await factory.WithDbAsync(db => db.ServiceRequests.Select(r => r.Status).Distinct().ToListAsync());
        var types = await factory.WithDbAsync(db => db.ServiceRequests.Select(r => r.TypeId).Distinct().CountAsync());
        var typeItems = await factory.WithDbAsync(db => db.DictionaryItems.CountAsync(d => d.Category == DictionaryCategories.ServiceType));
        var now = DateTimeOffset.UtcNow;
        var overdue = await factory.WithDbAsync(async db => (await db.ServiceRequests.AsNoTracking()
            .Where(r => r.Status == ServiceRequestStatus.New || r.Status == ServiceRequestStatus.Assigned).Select(r => r.DueAt).ToListAsync()).Count(d => d < now));
        var loops = await factory.WithDbAsync(db => db.ServiceRequests.CountAsync(r => r.Events.Count(e => e.FromStatus == ServiceRequestStatus.FeedbackGiven && e.ToStatus == ServiceRequestStatus.Assigned) > 0));

        Assert.Equal(Enum.GetValues<ServiceRequestStatus>().Order(), states.Order());
        Assert.Equal(typeItems, types);
        Assert.True(overdue > 0);
        Assert.True(loops > 0);
        Assert.True(await factory.WithDbAsync(db => db.ServiceRequests.CountAsync()) >= 400);
        Assert.True(await factory.WithDbAsync(db => db.QualityComplaints.CountAsync()) >= 40);
        Assert.True(await factory.WithDbAsync(db => db.ReturnVisits.CountAsync(v => v.Status == ReturnVisitStatus.Done && v.ProductPriceScore != null)) > 50);
        Assert.True(await factory.WithDbAsync(db => db.ServiceContracts.CountAsync(c => c.EndDate < Today)) > 0);
        Assert.True(await factory.WithDbAsync(db => db.ServiceContracts.CountAsync(c => c.EndDate >= Today && c.EndDate <= Today.AddDays(30))) > 0);
        Assert.True(await factory.WithDbAsync(db => db.KnowledgeArticles.CountAsync()) >= 25);
        Assert.True(await factory.WithDbAsync(db => db.ServiceContracts.SumAsync(c => c.CasesUsed)) > 0);
    }
}
