namespace Crm.Domain.Marketing;

/// <summary>SPEC §2.1: 未指派 → 已指派 → 开发中 → 开发成功 | 开发失败.</summary>
public enum OpportunityStatus
{
    Unassigned,
    Assigned,
    Developing,
    Won,
    Lost,
}

/// <summary>销售漏斗 stages: 初步接触 → 需求确认 → 方案报价 → 商务谈判, then 赢单 / 输单.</summary>
public enum PipelineStage
{
    Initial,
    NeedsConfirmed,
    Proposal,
    Negotiation,
    Won,
    Lost,
}

public enum CampaignStatus
{
    Planned,
    Running,
    Completed,
    Cancelled,
}
