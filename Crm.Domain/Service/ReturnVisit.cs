using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Domain.Service;

/// <summary>
/// 客户回访 with its satisfaction survey (seed 004): six scores 1–5 — product price, service attitude,
/// service price, timeliness, product quality, speed of quality improvement — and comments.
/// </summary>
public sealed class ReturnVisit : AuditableEntity, ICustomerOwned
{
    public const int ContentMaxLength = 2000;
    public const int CommentsMaxLength = 2000;
    public const int RescheduleReasonMaxLength = 500;

    private ReturnVisit()
    {
    }

    public ReturnVisit(int customerId, DateOnly plannedDate, int? methodId, Guid visitorId, int? serviceRequestId, string? content)
    {
        CustomerId = customerId;
        VisitorId = visitorId;
        ServiceRequestId = serviceRequestId;
        Status = ReturnVisitStatus.Planned;
        Plan(plannedDate, methodId, null, content);
    }

    public int CustomerId { get; private set; }

    public int? ContactId { get; private set; }

    public int? ServiceRequestId { get; private set; }

    public Guid VisitorId { get; private set; }

    public DateOnly PlannedDate { get; private set; }

    public DateOnly? ActualDate { get; private set; }

    /// <summary>回访方式 (dictionary VisitMethod).</summary>
    public int? MethodId { get; private set; }

    public string? Content { get; private set; }

    public ReturnVisitStatus Status { get; private set; }

    public int? ProductPriceScore { get; private set; }

    public int? ServiceAttitudeScore { get; private set; }

    public int? ServicePriceScore { get; private set; }

    public int? TimelinessScore { get; private set; }

    public int? ProductQualityScore { get; private set; }

    public int? QualityImprovementScore { get; private set; }

    public string? Comments { get; private set; }

    /// <summary>The planned date before the last reschedule (改期), null when never rescheduled.</summary>
    public DateOnly? RescheduledFrom { get; private set; }

    /// <summary>Why the visit was last rescheduled.</summary>
    public string? RescheduleReason { get; private set; }

    /// <summary>The mean of the scores given, null when none.</summary>
    public decimal? AverageScore => Average(ProductPriceScore, ServiceAttitudeScore, ServicePriceScore, TimelinessScore, ProductQualityScore, QualityImprovementScore);

    public void Plan(DateOnly plannedDate, int? methodId, int? contactId, string? content)
    {
        EnsurePlanned();
        PlannedDate = plannedDate;
        MethodId = methodId;
        ContactId = contactId;
        Content = Text.Optional(content, ContentMaxLength, "ReturnVisit.Content");
    }

    /// <summary>
    /// 改期: a planned visit moves to another day (not before <paramref name="today"/>, the organisation's day)
    /// for a stated reason; the day it moved from is kept. Refused once done or cancelled.
    /// </summary>
    public void Reschedule(DateOnly plannedDate, string reason, DateOnly today)
    {
        EnsurePlanned();
        if (plannedDate < today)
            throw new DomainException("ReturnVisit.PlannedInPast");
        if (plannedDate == PlannedDate)
            throw new DomainException("ReturnVisit.SamePlannedDate");
        var text = Text.Required(reason, RescheduleReasonMaxLength, "ReturnVisit.RescheduleReason");
        RescheduledFrom = PlannedDate;
        RescheduleReason = text;
        PlannedDate = plannedDate;
    }

    /// <summary>
    /// The visit took place: when, how, what was said, and the survey. The actual date cannot lie after
    /// <paramref name="today"/> (the organisation's day); it may lie before the planned date — a visit made
    /// early is still made.
    /// </summary>
    public void Complete(DateOnly actualDate, int? methodId, int? contactId, string content, SurveyScores scores, string? comments, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(scores);
        EnsurePlanned();
        if (actualDate > today)
            throw new DomainException("ReturnVisit.ActualInFuture");
        Content = Text.Required(content, ContentMaxLength, "ReturnVisit.Content");
        ProductPriceScore = Score(scores.ProductPrice);
        ServiceAttitudeScore = Score(scores.ServiceAttitude);
        ServicePriceScore = Score(scores.ServicePrice);
        TimelinessScore = Score(scores.Timeliness);
        ProductQualityScore = Score(scores.ProductQuality);
        QualityImprovementScore = Score(scores.QualityImprovement);
        Comments = Text.Optional(comments, CommentsMaxLength, "ReturnVisit.Comments");
        ActualDate = actualDate;
        MethodId = methodId;
        ContactId = contactId;
        Status = ReturnVisitStatus.Done;
    }

    public void Cancel()
    {
        EnsurePlanned();
        Status = ReturnVisitStatus.Cancelled;
    }

    public static decimal? Average(params int?[] scores)
    {
        var given = scores.Where(s => s is not null).Select(s => s!.Value).ToList();
        return given.Count == 0 ? null : decimal.Round((decimal)given.Sum() / given.Count, 2, MidpointRounding.AwayFromZero);
    }

    private void EnsurePlanned()
    {
        if (Status != ReturnVisitStatus.Planned)
            throw new DomainException("ReturnVisit.NotPlanned", Status);
    }

    private static int? Score(int? value) =>
        value is null or (>= 1 and <= 5) ? value : throw new DomainException("ReturnVisit.ScoreOutOfRange");
}

public sealed record SurveyScores(
    int? ProductPrice = null,
    int? ServiceAttitude = null,
    int? ServicePrice = null,
    int? Timeliness = null,
    int? ProductQuality = null,
    int? QualityImprovement = null);
