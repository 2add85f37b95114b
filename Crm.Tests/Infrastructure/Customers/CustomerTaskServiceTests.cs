using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure.Customers;

/// <summary>Each open task keeps one open reminder for its assignee, due when the task is.</summary>
public sealed class CustomerTaskServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private Guid _zhang;
    private Guid _li;
    private int _customerId;
    private int _feedbackId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext(CurrentUser.System());
        var root = OrgUnit.CreateRoot("集团总部");
        db.OrgUnits.Add(root);
        await db.SaveChangesAsync();
        var zhang = new CrmUser { UserName = "zhang.wei", NormalizedUserName = "ZHANG.WEI", DisplayName = "张伟", OrgUnitId = root.Id };
        var li = new CrmUser { UserName = "li.na", NormalizedUserName = "LI.NA", DisplayName = "李娜", OrgUnitId = root.Id };
        db.Users.AddRange(zhang, li);
        (_zhang, _li) = (zhang.Id, li.Id);
        var customer = new Customer("KH-1", new CustomerProfile { Name = "南京博远医疗" }, root.Id, zhang.Id, Now);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        _customerId = customer.Id;
        var feedback = new Feedback(customer.Id, Now, null, "设备故障", null);
        db.Feedbacks.Add(feedback);
        await db.SaveChangesAsync();
        _feedbackId = feedback.Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<int> AddTaskAsync()
    {
        await using var db = _database.NewContext(CurrentUser.System());
        var feedback = await db.Feedbacks.SingleAsync(f => f.Id == _feedbackId);
        return (await new CustomerTaskService(db, TimeProvider.System).AddTaskAsync(feedback, "上门检修", _zhang, Now.AddDays(2))).Id;
    }

    private async Task ChangeAsync(int taskId, Action<CustomerTask> change)
    {
        await using var db = _database.NewContext(CurrentUser.System());
        var service = new CustomerTaskService(db, TimeProvider.System);
        var task = (await service.FindForChangeAsync(taskId, null))!;
        await service.ChangeAsync(task, change);
    }

    private async Task<List<Reminder>> RemindersAsync(int taskId)
    {
        await using var db = _database.NewContext(CurrentUser.System());
        var key = taskId.ToString(CultureInfo.InvariantCulture);
        return await db.Reminders.Where(r => r.SourceType == "CustomerTask" && r.SourceKey == key).OrderBy(r => r.Id).ToListAsync();
    }

    [Fact]
    public async Task NewTaskGivesItsAssigneeAReminderAtItsDueTimeLinkingTheFeedbackTab()
    {
        var taskId = await AddTaskAsync();

        var reminder = Assert.Single(await RemindersAsync(taskId));
        Assert.Equal(_zhang, reminder.UserId);
        Assert.Equal(Now.AddDays(2), reminder.DueAt);
        Assert.Equal($"/Customers/Customers/Details/{_customerId}?tab=feedback#feedback", reminder.Url);
        Assert.Equal(ReminderStatus.Open, reminder.Status);
        Assert.Contains("上门检修", reminder.Title);
        Assert.Contains("南京博远医疗", reminder.Title);
    }

    [Fact]
    public async Task CompletingTheTaskMarksItsReminderDoneAndReopeningGivesANewOne()
    {
        var taskId = await AddTaskAsync();

        await ChangeAsync(taskId, t => t.Complete(Now));
        Assert.Equal(ReminderStatus.Done, Assert.Single(await RemindersAsync(taskId)).Status);

        await ChangeAsync(taskId, t => t.Reopen());
        var reminders = await RemindersAsync(taskId);
        Assert.Equal([ReminderStatus.Done, ReminderStatus.Open], reminders.Select(r => r.Status));
    }

    [Fact]
    public async Task CancellingTheTaskMarksItsReminderDone()
    {
        var taskId = await AddTaskAsync();

        await ChangeAsync(taskId, t => t.Cancel());

        Assert.Equal(ReminderStatus.Done, Assert.Single(await RemindersAsync(taskId)).Status);
    }

    [Fact]
    public async Task ReassigningClosesTheOldAssigneesReminderAndOpensOneForTheNew()
    {
        var taskId = await AddTaskAsync();

        await ChangeAsync(taskId, t => t.Reassign(_li, Now.AddDays(4)));

        var reminders = await RemindersAsync(taskId);
        Assert.Equal(ReminderStatus.Done, reminders.Single(r => r.UserId == _zhang).Status);
        var open = Assert.Single(reminders, r => r.Status == ReminderStatus.Open);
        Assert.Equal(_li, open.UserId);
        Assert.Equal(Now.AddDays(4), open.DueAt);
    }

    [Fact]
    public async Task StartingKeepsTheSameReminderAndMovingTheDueTimeReschedulesIt()
    {
        var taskId = await AddTaskAsync();

        await ChangeAsync(taskId, t => t.Start());
        await ChangeAsync(taskId, t => t.Reassign(_zhang, Now.AddDays(3)));

        var reminder = Assert.Single(await RemindersAsync(taskId));
        Assert.Equal(ReminderStatus.Open, reminder.Status);
        Assert.Equal(Now.AddDays(3), reminder.DueAt);
    }
}
