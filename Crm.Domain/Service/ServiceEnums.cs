namespace Crm.Domain.Service;

/// <summary>SPEC §2.4: 新创建 → 已分配 → 已处理 → 已反馈 → 已归档; satisfaction below 3 sends it back to 已分配.</summary>
public enum ServiceRequestStatus
{
    New,
    Assigned,
    Handled,
    FeedbackGiven,
    Archived,
}

public enum QualityComplaintStatus
{
    Open,
    Investigating,
    Resolved,
    Closed,
}

public enum ReturnVisitStatus
{
    Planned,
    Done,
    Cancelled,
}

public enum ServiceLevel
{
    Basic,
    Standard,
    Premium,
}
