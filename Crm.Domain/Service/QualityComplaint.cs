using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Domain.Service;

/// <summary>产品质量投诉 with every field of seed 004's form, and its handling status.</summary>
public sealed class QualityComplaint : AuditableEntity, ICustomerOwned
{
    public const int NumberMaxLength = 20;
    public const int ProjectNameMaxLength = 200;
    public const int SiteMaxLength = 200;
    public const int TextMaxLength = 2000;
    public const int MaxQuantity = 10_000_000;

    private static readonly Dictionary<QualityComplaintStatus, QualityComplaintStatus[]> AllowedTransitions = new()
    {
        [QualityComplaintStatus.Open] = [QualityComplaintStatus.Investigating, QualityComplaintStatus.Resolved],
        [QualityComplaintStatus.Investigating] = [QualityComplaintStatus.Resolved],
        [QualityComplaintStatus.Resolved] = [QualityComplaintStatus.Closed, QualityComplaintStatus.Investigating],
        [QualityComplaintStatus.Closed] = [],
    };

    private QualityComplaint()
    {
        Number = string.Empty;
        Details = string.Empty;
    }

    public QualityComplaint(string number, int customerId, QualityComplaintDetails details)
        : this()
    {
        Number = Text.Required(number, NumberMaxLength, "QualityComplaint.Number");
        CustomerId = customerId;
        Status = QualityComplaintStatus.Open;
        Update(details);
    }

    public string Number { get; private set; }

    public int CustomerId { get; private set; }

    public int? ContactId { get; private set; }

    /// <summary>反馈日期.</summary>
    public DateOnly FeedbackDate { get; private set; }

    /// <summary>工程名称.</summary>
    public string? ProjectName { get; private set; }

    /// <summary>工程数量.</summary>
    public int? ProjectQuantity { get; private set; }

    public int? ProductId { get; private set; }

    /// <summary>发现问题日期.</summary>
    public DateOnly? ProblemFoundDate { get; private set; }

    /// <summary>问题数量.</summary>
    public int? ProblemQuantity { get; private set; }

    /// <summary>紧急程度 (dictionary Priority).</summary>
    public int? UrgencyId { get; private set; }

    /// <summary>场合/地点.</summary>
    public string? Site { get; private set; }

    /// <summary>问题详细描述.</summary>
    public string Details { get; private set; }

    /// <summary>客户初步意向.</summary>
    public string? InitialIntent { get; private set; }

    /// <summary>鉴定意见.</summary>
    public string? AppraisalOpinion { get; private set; }

    public Guid? HandlerId { get; private set; }

    /// <summary>处理结果.</summary>
    public string? HandlingResult { get; private set; }

    public QualityComplaintStatus Status { get; private set; }

    public void Update(QualityComplaintDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (Status == QualityComplaintStatus.Closed)
            throw new DomainException("QualityComplaint.Closed");
        if (details.ProjectQuantity is < 0 or > MaxQuantity || details.ProblemQuantity is < 0 or > MaxQuantity)
            throw new DomainException("QualityComplaint.QuantityOutOfRange", 0, MaxQuantity);
        if (details.ProblemFoundDate is { } found && found > details.FeedbackDate)
            throw new DomainException("QualityComplaint.FoundAfterFeedback");
        ContactId = details.ContactId;
        FeedbackDate = details.FeedbackDate;
        ProjectName = Text.Optional(details.ProjectName, ProjectNameMaxLength, "QualityComplaint.ProjectName");
        ProjectQuantity = details.ProjectQuantity;
        ProductId = details.ProductId;
        ProblemFoundDate = details.ProblemFoundDate;
        ProblemQuantity = details.ProblemQuantity;
        UrgencyId = details.UrgencyId;
        Site = Text.Optional(details.Site, SiteMaxLength, "QualityComplaint.Site");
        Details = Text.Required(details.Details, TextMaxLength, "QualityComplaint.Details");
        InitialIntent = Text.Optional(details.InitialIntent, TextMaxLength, "QualityComplaint.InitialIntent");
        AppraisalOpinion = Text.Optional(details.AppraisalOpinion, TextMaxLength, "QualityComplaint.AppraisalOpinion");
        HandlerId = details.HandlerId;
    }

    public void StartInvestigation() => MoveTo(QualityComplaintStatus.Investigating);

    /// <summary>Resolved needs the handling result.</summary>
    public void Resolve(string handlingResult)
    {
        var text = Text.Required(handlingResult, TextMaxLength, "QualityComplaint.HandlingResult");
        MoveTo(QualityComplaintStatus.Resolved);
        HandlingResult = text;
    }

    public void Close() => MoveTo(QualityComplaintStatus.Closed);

    public bool CanMoveTo(QualityComplaintStatus status) => AllowedTransitions[Status].Contains(status);

    private void MoveTo(QualityComplaintStatus status)
    {
        if (!CanMoveTo(status))
            throw new DomainException("QualityComplaint.StatusTransitionNotAllowed", Status, status);
        Status = status;
    }
}

public sealed record QualityComplaintDetails(
    DateOnly FeedbackDate,
    string Details,
    int? ContactId = null,
    string? ProjectName = null,
    int? ProjectQuantity = null,
    int? ProductId = null,
    DateOnly? ProblemFoundDate = null,
    int? ProblemQuantity = null,
    int? UrgencyId = null,
    string? Site = null,
    string? InitialIntent = null,
    string? AppraisalOpinion = null,
    Guid? HandlerId = null);
