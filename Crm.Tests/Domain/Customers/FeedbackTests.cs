using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Tests.Domain.Customers;

/// <summary>A feedback split into tasks, and the transitions a task may make.</summary>
public sealed class FeedbackTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Zhang = Guid.NewGuid();

    private static Feedback NewFeedback() => new(7, Now, null, "  交货延迟  ", null);

    private static CustomerTask NewTask(Feedback? feedback = null) => (feedback ?? NewFeedback()).AddTask("补发货物", Zhang, Now.AddDays(2));

    [Fact]
    public void AddedTaskBelongsToTheFeedbacksCustomerAndStartsOpen()
    {
        var feedback = NewFeedback();

        var task = feedback.AddTask(" 补发货物 ", Zhang, Now.AddDays(2));

        Assert.Equal("交货延迟", feedback.Summary);
        Assert.Equal(7, task.CustomerId);
        Assert.Equal("补发货物", task.Title);
        Assert.Equal(CustomerTaskStatus.Open, task.Status);
        Assert.Same(task, Assert.Single(feedback.Tasks));
    }

    [Fact]
    public void TaskWithoutTitleIsRefused()
    {
        var error = Assert.Throws<DomainException>(() => NewFeedback().AddTask("  ", Zhang, Now));

        Assert.Equal("Field.Required", error.Code);
    }

    [Fact]
    public void OpenTaskStartsThenCompletesWithItsCompletionTime()
    {
        var task = NewTask();

        task.Start();
        Assert.Equal(CustomerTaskStatus.InProgress, task.Status);
        task.Complete(Now.AddHours(3));

        Assert.Equal(CustomerTaskStatus.Done, task.Status);
        Assert.Equal(Now.AddHours(3), task.CompletedAt);
    }

    [Fact]
    public void ReopenedTaskIsInProgressAgainWithoutCompletionTime()
    {
        var task = NewTask();
        task.Complete(Now);

        task.Reopen();

        Assert.Equal(CustomerTaskStatus.InProgress, task.Status);
        Assert.Null(task.CompletedAt);
    }

    [Fact]
    public void ReopenOfTaskInProgressThrowsNamingBothStates()
    {
        var task = NewTask();
        task.Start();

        var error = Assert.Throws<DomainException>(task.Reopen);

        Assert.Equal("CustomerTask.StatusTransitionNotAllowed", error.Code);
        Assert.Equal([CustomerTaskStatus.InProgress, CustomerTaskStatus.InProgress], error.Arguments.Cast<CustomerTaskStatus>());
    }

    [Fact]
    public void CancelledTaskCannotMoveAnyMore()
    {
        var task = NewTask();
        task.Cancel();

        Assert.Throws<DomainException>(task.Start);
        Assert.Throws<DomainException>(() => task.Complete(Now));
        Assert.Throws<DomainException>(task.Reopen);
        Assert.Throws<DomainException>(task.Cancel);
        Assert.Equal(CustomerTaskStatus.Cancelled, task.Status);
    }

    [Fact]
    public void StartOfTaskInProgressThrows()
    {
        var task = NewTask();
        task.Start();

        Assert.Throws<DomainException>(task.Start);
    }

    [Fact]
    public void ReassignMovesAssigneeAndDueTimeOfOpenTask()
    {
        var task = NewTask();
        var li = Guid.NewGuid();

        task.Reassign(li, Now.AddDays(5));

        Assert.Equal(li, task.AssigneeId);
        Assert.Equal(Now.AddDays(5), task.DueAt);
    }

    [Fact]
    public void ReassignOfDoneTaskThrowsClosed()
    {
        var task = NewTask();
        task.Complete(Now);

        var error = Assert.Throws<DomainException>(() => task.Reassign(Guid.NewGuid(), Now));

        Assert.Equal("CustomerTask.Closed", error.Code);
    }

    [Fact]
    public void FeedbackWithoutTasksIsNotSettled() => Assert.False(NewFeedback().IsSettled);

    [Fact]
    public void FeedbackIsSettledOnlyWhenEveryTaskIsDoneOrCancelled()
    {
        var feedback = NewFeedback();
        var first = NewTask(feedback);
        var second = NewTask(feedback);

        first.Complete(Now);
        Assert.False(feedback.IsSettled);
        second.Cancel();
        Assert.True(feedback.IsSettled);
        first.Reopen();
        Assert.False(feedback.IsSettled);
    }

    [Fact]
    public void MovedFeedbackTakesItsTasksToTheOtherCustomer()
    {
        var feedback = NewFeedback();
        var task = NewTask(feedback);

        feedback.MoveTo(9);

        Assert.Equal(9, feedback.CustomerId);
        Assert.Equal(9, task.CustomerId);
    }
}
