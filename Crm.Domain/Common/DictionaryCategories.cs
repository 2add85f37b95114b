namespace Crm.Domain.Common;

/// <summary>The categories of the data dictionary. Their display names are resources "DictionaryCategory.{code}".</summary>
public static class DictionaryCategories
{
    public const string CustomerLevel = "CustomerLevel";
    public const string Region = "Region";
    public const string Industry = "Industry";
    public const string Source = "Source";
    public const string InteractionChannel = "InteractionChannel";
    public const string ServiceType = "ServiceType";
    public const string Priority = "Priority";
    public const string Unit = "Unit";
    public const string ChurnReason = "ChurnReason";
    public const string LostReason = "LostReason";
    public const string CampaignType = "CampaignType";
    public const string ReturnReason = "ReturnReason";
    public const string VisitMethod = "VisitMethod";

    public static IReadOnlyList<string> All { get; } =
    [
        CustomerLevel, Region, Industry, Source, InteractionChannel, ServiceType, Priority, Unit,
        ChurnReason, LostReason, CampaignType, ReturnReason, VisitMethod,
    ];

    /// <summary>Codes of the priorities, which carry SLA hours in <see cref="DictionaryItem.Value"/>.</summary>
    public static class Priorities
    {
        public const string Urgent = "Urgent";
        public const string High = "High";
        public const string Normal = "Normal";
        public const string Low = "Low";
    }
}
