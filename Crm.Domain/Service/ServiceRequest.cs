using Crm.Domain.Common;

namespace Crm.Domain.Service;

/// <summary>
/// 服务请求 (SPEC §2.4). Anyone creates it; a manager assigns a handler; the handler records the handling;
/// the customer's feedback closes the loop — a satisfaction below 3 sends it back to the handler — and
/// archiving ends it. Its SLA due time follows from the priority's hours. Every move is kept in
/// <see cref="Events"/> (a feedback event keeps its satisfaction, so a low score that sent the request back
/// still counts). Visible to its creator, its handler, managers of its org unit (which stays the creator's:
/// assigning does not move it) and whoever sees its customer.
/// </summary>
public sealed class ServiceRequest : AuditableEntity, IDataScoped, ICreatorScoped
{
    public const int NumberMaxLength = 20;
    public const int SummaryMaxLength = 200;
    public const int DetailsMaxLength = 4000;
    public const int HandlingMaxLength = 4000;
    public const int FeedbackMaxLength = 2000;
    public const int MaxMinutesSpent = 100_000;

    /// <summary>Feedback below this sends the request back to its handler.</summary>
    public const int SatisfiedFrom = 3;

    private static readonly Dictionary<ServiceRequestStatus, ServiceRequestStatus[]> AllowedTransitions = new()
    {
        [ServiceRequestStatus.New] = [ServiceRequestStatus.Assigned],
        [ServiceRequestStatus.Assigned] = [ServiceRequestStatus.Assigned, ServiceRequestStatus.Handled],
        [ServiceRequestStatus.Handled] = [ServiceRequestStatus.FeedbackGiven],
        [ServiceRequestStatus.FeedbackGiven] = [ServiceRequestStatus.Archived],
        [ServiceRequestStatus.Archived] = [],
    };

    private readonly List<ServiceRequestEvent> _events = [];

    private ServiceRequest()
    {
        Number = string.Empty;
        Summary = string.Empty;
    }

    public ServiceRequest(string number, int customerId, int typeId, int priorityId, int slaHours, string summary, string? details,
        Guid creatorId, int orgUnitId, DateTimeOffset at)
        : this()
    {
        Number = Text.Required(number, NumberMaxLength, "ServiceRequest.Number");
        CustomerId = customerId;
        CreatorId = creatorId;
        OwnerId = creatorId;
        OrgUnitId = orgUnitId;
        Status = ServiceRequestStatus.New;
        ReceivedAt = at;
        Update(typeId, priorityId, slaHours, summary, details, null, null);
        _events.Add(new ServiceRequestEvent(null, ServiceRequestStatus.New, creatorId, at, null));
    }

    public string Number { get; private set; }

    public int CustomerId { get; private set; }

    public int? ContactId { get; private set; }

    /// <summary>服务类型 from the dictionary (咨询, 建议, 投诉, 售后/维修).</summary>
    public int TypeId { get; private set; }

    public int PriorityId { get; private set; }

    public int? ProductId { get; private set; }

    /// <summary>The service contract the customer was under when the request came, if any.</summary>
    public int? ContractId { get; private set; }

    public string Summary { get; private set; }

    public string? Details { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>SLA: received + the priority's hours; open requests past it are overdue.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public ServiceRequestStatus Status { get; private set; }

    public Guid CreatorId { get; private set; }

    /// <summary>The handler once assigned, the creator before.</summary>
    public Guid? OwnerId { get; private set; }

    public int OrgUnitId { get; private set; }

    public Guid? HandlerId { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    public string? Handling { get; private set; }

    public int? MinutesSpent { get; private set; }

    public DateTimeOffset? HandledAt { get; private set; }

    public string? FeedbackResult { get; private set; }

    /// <summary>The last feedback's satisfaction, 1–5; every feedback's score is on its event (<see cref="ServiceRequestEvent.Satisfaction"/>).</summary>
    public int? Satisfaction { get; private set; }

    public DateTimeOffset? FeedbackAt { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    public IReadOnlyList<ServiceRequestEvent> Events => _events;

    /// <summary>Not yet handled and past its due time.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOverdue(Status, DueAt, now);

    public static bool IsOverdue(ServiceRequestStatus status, DateTimeOffset dueAt, DateTimeOffset now) =>
        status is ServiceRequestStatus.New or ServiceRequestStatus.Assigned && now > dueAt;

    /// <summary>Edits what was asked; a new priority moves the due time (counted from when it was received).</summary>
    public void Update(int typeId, int priorityId, int slaHours, string summary, string? details, int? contactId, int? productId)
    {
        if (Status is ServiceRequestStatus.FeedbackGiven or ServiceRequestStatus.Archived)
            throw new DomainException("ServiceRequest.Closed", Status);
        if (slaHours is < 1 or > 24 * 365)
            throw new DomainException("ServiceRequest.SlaHoursOutOfRange");
        Summary = Text.Required(summary, SummaryMaxLength, "ServiceRequest.Summary");
        Details = Text.Optional(details, DetailsMaxLength, "ServiceRequest.Details");
        TypeId = typeId;
        PriorityId = priorityId;
        DueAt = ReceivedAt.AddHours(slaHours);
        ContactId = contactId;
        ProductId = productId;
    }

    public void LinkContract(int? contractId) => ContractId = contractId;

    /// <summary>
    /// 分配 by a manager (the caller checks the handler is in the manager's subtree). The request keeps its org
    /// unit, so the managers who saw it still do; the handler sees it as its owner.
    /// </summary>
    public void Assign(Guid handlerId, Guid by, DateTimeOffset at)
    {
        if (HandlerId == handlerId && Status == ServiceRequestStatus.Assigned)
            throw new DomainException("ServiceRequest.AlreadyAssignedTo");
        MoveTo(ServiceRequestStatus.Assigned, by, at, null);
        HandlerId = handlerId;
        OwnerId = handlerId;
        AssignedAt = at;
    }

    /// <summary>处理: the handler records what was done and the time spent.</summary>
    public void Handle(Guid by, string handling, int minutesSpent, DateTimeOffset at)
    {
        if (HandlerId is null)
            throw new DomainException("ServiceRequest.NotAssigned");
        if (HandlerId != by)
            throw new DomainException("ServiceRequest.OnlyHandler");
        if (minutesSpent is < 0 or > MaxMinutesSpent)
            throw new DomainException("ServiceRequest.MinutesOutOfRange", 0, MaxMinutesSpent);
        var text = Text.Required(handling, HandlingMaxLength, "ServiceRequest.Handling");
        MoveTo(ServiceRequestStatus.Handled, by, at, text);
        Handling = text;
        MinutesSpent = (MinutesSpent ?? 0) + minutesSpent;
        HandledAt = at;
    }

    /// <summary>
    /// 反馈: the customer's result and satisfaction. Below <see cref="SatisfiedFrom"/> the request goes
    /// back to its handler (已分配) — both steps stay in the history.
    /// </summary>
    public void RecordFeedback(Guid by, string result, int satisfaction, DateTimeOffset at)
    {
        if (satisfaction is < 1 or > 5)
            throw new DomainException("ServiceRequest.SatisfactionOutOfRange");
        var text = Text.Required(result, FeedbackMaxLength, "ServiceRequest.FeedbackResult");
        MoveTo(ServiceRequestStatus.FeedbackGiven, by, at, text, satisfaction);
        FeedbackResult = text;
        Satisfaction = satisfaction;
        FeedbackAt = at;
        if (satisfaction < SatisfiedFrom)
        {
            // The loop back is part of feedback, not a move anyone may make: it bypasses the table.
            _events.Add(new ServiceRequestEvent(ServiceRequestStatus.FeedbackGiven, ServiceRequestStatus.Assigned, by, at, null));
            Status = ServiceRequestStatus.Assigned;
        }
    }

    /// <summary>归档; the caller schedules the return visit (回访).</summary>
    public void Archive(Guid by, DateTimeOffset at)
    {
        MoveTo(ServiceRequestStatus.Archived, by, at, null);
        ArchivedAt = at;
    }

    public bool CanMoveTo(ServiceRequestStatus status) => AllowedTransitions[Status].Contains(status);

    private void MoveTo(ServiceRequestStatus status, Guid by, DateTimeOffset at, string? note, int? satisfaction = null)
    {
        if (!CanMoveTo(status))
            throw new DomainException("ServiceRequest.StatusTransitionNotAllowed", Status, status);
        _events.Add(new ServiceRequestEvent(Status, status, by, at, note is { Length: > ServiceRequestEvent.NoteMaxLength } ? note[..ServiceRequestEvent.NoteMaxLength] : note, satisfaction));
        Status = status;
    }
}

/// <summary>One move of a service request (from, to, who, when, note; a feedback also its satisfaction).</summary>
public sealed class ServiceRequestEvent : Entity
{
    public const int NoteMaxLength = 500;

    private ServiceRequestEvent()
    {
    }

    internal ServiceRequestEvent(ServiceRequestStatus? from, ServiceRequestStatus to, Guid by, DateTimeOffset at, string? note, int? satisfaction = null)
    {
        Satisfaction = satisfaction;
        FromStatus = from;
        ToStatus = to;
        ByUserId = by;
        At = at;
        Note = note;
    }

    public int ServiceRequestId { get; private set; }

    public ServiceRequestStatus? FromStatus { get; private set; }

    public ServiceRequestStatus ToStatus { get; private set; }

    public Guid ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The customer's satisfaction (1–5) on a feedback event; null on every other move.</summary>
    public int? Satisfaction { get; private set; }
}
