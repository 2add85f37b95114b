using Crm.Domain.Common;

namespace Crm.Domain.Customers;

public enum CustomerTaskStatus
{
    Open,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>What a customer told us (客户反馈); it may be split into several tasks (seed 000).</summary>
public sealed class Feedback : AuditableEntity, ICustomerOwned
{
    public const int SummaryMaxLength = 200;
    public const int DetailsMaxLength = 4000;

    private readonly List<CustomerTask> _tasks = [];

    private Feedback()
    {
        Summary = string.Empty;
    }

    public Feedback(int customerId, DateTimeOffset receivedAt, int? contactId, string summary, string? details)
    {
        CustomerId = customerId;
        ReceivedAt = receivedAt;
        ContactId = contactId;
        Summary = Text.Required(summary, SummaryMaxLength, "Feedback.Summary");
        Details = Text.Optional(details, DetailsMaxLength, "Feedback.Details");
    }

    public int CustomerId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public int? ContactId { get; private set; }

    public string Summary { get; private set; }

    public string? Details { get; private set; }

    public IReadOnlyCollection<CustomerTask> Tasks => _tasks;

    /// <summary>Settled when every task is done or cancelled (and there is at least one).</summary>
    public bool IsSettled => _tasks.Count > 0 && _tasks.All(t => t.Status is CustomerTaskStatus.Done or CustomerTaskStatus.Cancelled);

    public CustomerTask AddTask(string title, Guid assigneeId, DateTimeOffset dueAt)
    {
        var task = new CustomerTask(CustomerId, this, title, assigneeId, dueAt);
        _tasks.Add(task);
        return task;
    }

    public void MoveTo(int customerId)
    {
        CustomerId = customerId;
        foreach (var task in _tasks)
            task.MoveTo(customerId);
    }
}

/// <summary>One piece of work that follows from a feedback (任务): who, by when, how far.</summary>
public sealed class CustomerTask : AuditableEntity, ICustomerOwned
{
    public const int TitleMaxLength = 200;

    private static readonly Dictionary<CustomerTaskStatus, CustomerTaskStatus[]> AllowedTransitions = new()
    {
        [CustomerTaskStatus.Open] = [CustomerTaskStatus.InProgress, CustomerTaskStatus.Done, CustomerTaskStatus.Cancelled],
        [CustomerTaskStatus.InProgress] = [CustomerTaskStatus.Done, CustomerTaskStatus.Cancelled],
        [CustomerTaskStatus.Done] = [CustomerTaskStatus.InProgress],
        [CustomerTaskStatus.Cancelled] = [],
    };

    private CustomerTask()
    {
        Title = string.Empty;
    }

    internal CustomerTask(int customerId, Feedback feedback, string title, Guid assigneeId, DateTimeOffset dueAt)
    {
        CustomerId = customerId;
        Feedback = feedback;
        Title = Text.Required(title, TitleMaxLength, "CustomerTask.Title");
        AssigneeId = assigneeId;
        DueAt = dueAt;
        Status = CustomerTaskStatus.Open;
    }

    public int CustomerId { get; private set; }

    public int FeedbackId { get; private set; }

    public Feedback? Feedback { get; private set; }

    public string Title { get; private set; }

    public Guid AssigneeId { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public CustomerTaskStatus Status { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public void Start() => MoveTo(CustomerTaskStatus.InProgress, null);

    public void Complete(DateTimeOffset at) => MoveTo(CustomerTaskStatus.Done, at);

    public void Cancel() => MoveTo(CustomerTaskStatus.Cancelled, null);

    /// <summary>A done task found not to be done after all goes back to work.</summary>
    public void Reopen() => MoveTo(CustomerTaskStatus.InProgress, null);

    public void Reassign(Guid assigneeId, DateTimeOffset dueAt)
    {
        if (Status is CustomerTaskStatus.Done or CustomerTaskStatus.Cancelled)
            throw new DomainException("CustomerTask.Closed");
        AssigneeId = assigneeId;
        DueAt = dueAt;
    }

    internal void MoveTo(int customerId) => CustomerId = customerId;

    private void MoveTo(CustomerTaskStatus status, DateTimeOffset? completedAt)
    {
        if (!AllowedTransitions[Status].Contains(status))
            throw new DomainException("CustomerTask.StatusTransitionNotAllowed", Status, status);
        Status = status;
        CompletedAt = completedAt;
    }
}
