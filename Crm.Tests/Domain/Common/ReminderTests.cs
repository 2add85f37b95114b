using Crm.Domain.Common;

namespace Crm.Tests.Domain.Common;

public sealed class ReminderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static Reminder DueIn(TimeSpan offset) => new(Guid.NewGuid(), "回访 上海华辰科技 的采购负责人", Now + offset);

    [Fact]
    public void OpenReminderIsDueOnceItsTimeHasCome()
    {
        Assert.True(DueIn(TimeSpan.FromMinutes(-1)).IsDue(Now));
        Assert.True(DueIn(TimeSpan.Zero).IsDue(Now));
        Assert.False(DueIn(TimeSpan.FromMinutes(1)).IsDue(Now));
    }

    [Fact]
    public void SnoozeMovesAttentionToItsEndAndHidesTheReminderUntilThen()
    {
        var reminder = DueIn(TimeSpan.FromHours(-1));

        reminder.Snooze(Now.AddHours(2), Now);

        Assert.Equal(Now.AddHours(2), reminder.AttentionAt);
        Assert.False(reminder.IsDue(Now));
        Assert.True(reminder.IsDue(Now.AddHours(2)));
    }

    [Fact]
    public void SnoozeEndingBeforeTheDueTimeLeavesAttentionAtTheDueTime()
    {
        var reminder = DueIn(TimeSpan.FromDays(2));

        reminder.Snooze(Now.AddHours(1), Now);

        Assert.Equal(Now.AddDays(2), reminder.AttentionAt);
    }

    [Fact]
    public void SnoozeIntoThePastIsRefused()
    {
        var reminder = DueIn(TimeSpan.FromHours(-1));

        var error = Assert.Throws<DomainException>(() => reminder.Snooze(Now.AddMinutes(-5), Now));

        Assert.Equal("Reminder.SnoozeMustBeLater", error.Code);
        Assert.Null(reminder.SnoozedUntil);
    }

    [Fact]
    public void MarkDoneRecordsTheTimeAndTheReminderIsNoLongerDue()
    {
        var reminder = DueIn(TimeSpan.FromHours(-1));

        reminder.MarkDone(Now);

        Assert.Equal(ReminderStatus.Done, reminder.Status);
        Assert.Equal(Now, reminder.DoneAt);
        Assert.False(reminder.IsDue(Now));
    }

    [Fact]
    public void MarkingDoneTwiceIsRefused()
    {
        var reminder = DueIn(TimeSpan.FromHours(-1));
        reminder.MarkDone(Now);

        var error = Assert.Throws<DomainException>(() => reminder.MarkDone(Now.AddMinutes(1)));

        Assert.Equal("Reminder.AlreadyDone", error.Code);
        Assert.Equal(Now, reminder.DoneAt);
    }

    [Fact]
    public void SnoozingADoneReminderIsRefused()
    {
        var reminder = DueIn(TimeSpan.FromHours(-1));
        reminder.MarkDone(Now);

        Assert.Equal("Reminder.AlreadyDone", Assert.Throws<DomainException>(() => reminder.Snooze(Now.AddHours(1), Now)).Code);
    }

    [Fact]
    public void ReopenMakesADoneReminderOpenAndDueAgain()
    {
        var reminder = DueIn(TimeSpan.FromHours(-1));
        reminder.MarkDone(Now);

        reminder.Reopen();

        Assert.Equal(ReminderStatus.Open, reminder.Status);
        Assert.Null(reminder.DoneAt);
        Assert.True(reminder.IsDue(Now));
    }

    [Fact]
    public void ReopeningAnOpenReminderIsRefused()
    {
        var reminder = DueIn(TimeSpan.FromHours(-1));

        Assert.Equal("Reminder.NotDone", Assert.Throws<DomainException>(reminder.Reopen).Code);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public void LinkOutsideTheApplicationIsRefused(string url)
    {
        var error = Assert.Throws<DomainException>(() => new Reminder(Guid.NewGuid(), "回访", Now, url));

        Assert.Equal("Reminder.UrlMustBeLocal", error.Code);
    }

    [Fact]
    public void SystemTitleKeepsItsKeyArgumentsAndChineseText()
    {
        var title = ReminderTitle.Of("Reminders.Title.ChurnWarning", "流失预警：{0} 已 {1} 个月无订单", "上海华辰科技", "6");

        var reminder = new Reminder(Guid.NewGuid(), title, Now, "/Customers/Churn/Details/3");

        Assert.Equal("流失预警：上海华辰科技 已 6 个月无订单", reminder.Title);
        Assert.Equal("Reminders.Title.ChurnWarning", reminder.TitleKey);
        Assert.Equal("[\"上海华辰科技\",\"6\"]", reminder.TitleArgs);
        Assert.Equal(["上海华辰科技", "6"], Reminder.ArgumentsOf(reminder.TitleArgs));
    }

    [Fact]
    public void UserTitleHasNoKey()
    {
        var reminder = DueIn(TimeSpan.Zero);

        Assert.Null(reminder.TitleKey);
        Assert.Null(reminder.TitleArgs);
        Assert.Empty(Reminder.ArgumentsOf(reminder.TitleArgs));
    }

    [Fact]
    public void ArgumentsTooLongForTheirColumnLeaveOnlyTheChineseTitle()
    {
        var longText = new string('长', 300);
        var title = ReminderTitle.Of("Reminders.Title.X", "{0}{1}{2}{3}{4}{5}", longText, longText, longText, longText, longText, longText);

        var reminder = new Reminder(Guid.NewGuid(), title, Now);

        Assert.Null(reminder.TitleKey);
        Assert.Null(reminder.TitleArgs);
        Assert.Equal(Reminder.TitleMaxLength, reminder.Title.Length);
    }

    [Fact]
    public void LongArgumentIsCutToTheTitleLength()
    {
        var reminder = new Reminder(Guid.NewGuid(), ReminderTitle.Of("Reminders.Title.X", "开发计划：{0}", new string('长', 300)), Now);

        Assert.Equal(Reminder.TitleMaxLength, Assert.Single(Reminder.ArgumentsOf(reminder.TitleArgs)).Length);
    }
}
