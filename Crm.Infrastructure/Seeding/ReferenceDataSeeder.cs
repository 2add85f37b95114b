using Crm.Domain.Common;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using C = Crm.Domain.Common.DictionaryCategories;

namespace Crm.Infrastructure.Seeding;

/// <summary>
/// The data dictionary's starting values and the default settings, on every installation. A category
/// is seeded only while it is empty, so an administrator's edits are never overwritten.
/// </summary>
public sealed class ReferenceDataSeeder(CrmDbContext db)
{
    private static readonly Dictionary<string, (string Code, string Zh, string En, int? Value)[]> Items = new()
    {
        [C.CustomerLevel] =
        [
            ("Regular", "普通客户", "Regular", null), ("KeyAccount", "大客户", "Key account", null),
            ("DevelopmentTarget", "重点开发客户", "Development target", null), ("Partner", "合作伙伴", "Partner", null),
            ("StrategicPartner", "战略合作伙伴", "Strategic partner", null),
        ],
        // Provincial-level divisions with their GB/T 2260 codes.
        [C.Region] =
        [
            ("110000", "北京市", "Beijing", null), ("120000", "天津市", "Tianjin", null), ("130000", "河北省", "Hebei", null),
            ("140000", "山西省", "Shanxi", null), ("150000", "内蒙古自治区", "Inner Mongolia", null), ("210000", "辽宁省", "Liaoning", null),
            ("220000", "吉林省", "Jilin", null), ("230000", "黑龙江省", "Heilongjiang", null), ("310000", "上海市", "Shanghai", null),
            ("320000", "江苏省", "Jiangsu", null), ("330000", "浙江省", "Zhejiang", null), ("340000", "安徽省", "Anhui", null),
            ("350000", "福建省", "Fujian", null), ("360000", "江西省", "Jiangxi", null), ("370000", "山东省", "Shandong", null),
            ("410000", "河南省", "Henan", null), ("420000", "湖北省", "Hubei", null), ("430000", "湖南省", "Hunan", null),
            ("440000", "广东省", "Guangdong", null), ("450000", "广西壮族自治区", "Guangxi", null), ("460000", "海南省", "Hainan", null),
            ("500000", "重庆市", "Chongqing", null), ("510000", "四川省", "Sichuan", null), ("520000", "贵州省", "Guizhou", null),
            ("530000", "云南省", "Yunnan", null), ("540000", "西藏自治区", "Tibet", null), ("610000", "陕西省", "Shaanxi", null),
            ("620000", "甘肃省", "Gansu", null), ("630000", "青海省", "Qinghai", null), ("640000", "宁夏回族自治区", "Ningxia", null),
            ("650000", "新疆维吾尔自治区", "Xinjiang", null), ("710000", "台湾省", "Taiwan", null),
            ("810000", "香港特别行政区", "Hong Kong", null), ("820000", "澳门特别行政区", "Macao", null),
        ],
        [C.Industry] =
        [
            ("Manufacturing", "制造业", "Manufacturing", null), ("IT", "信息技术", "Information technology", null),
            ("Retail", "批发和零售业", "Wholesale and retail", null), ("Construction", "建筑业", "Construction", null),
            ("Finance", "金融业", "Finance", null), ("RealEstate", "房地产业", "Real estate", null),
            ("Logistics", "交通运输和物流", "Transport and logistics", null), ("Energy", "能源与公用事业", "Energy and utilities", null),
            ("Healthcare", "卫生和医疗", "Health care", null), ("Education", "教育", "Education", null),
            ("Agriculture", "农林牧渔业", "Agriculture", null), ("Hospitality", "住宿和餐饮业", "Hospitality", null),
            ("BusinessServices", "租赁和商务服务业", "Business services", null), ("Media", "文化传媒", "Media and culture", null),
            ("Public", "政府及公共管理", "Public administration", null), ("Other", "其他", "Other", null),
        ],
        [C.Source] =
        [
            ("Exhibition", "展会", "Exhibition", null), ("Website", "网站", "Website", null), ("InboundCall", "电话咨询", "Inbound call", null),
            ("Referral", "客户推荐", "Referral", null), ("Campaign", "市场活动", "Campaign", null), ("Advertising", "广告", "Advertising", null),
            ("ColdVisit", "陌生拜访", "Cold visit", null), ("Partner", "合作伙伴", "Partner", null), ("Other", "其他", "Other", null),
        ],
        [C.InteractionChannel] =
        [
            ("Phone", "电话", "Phone", null), ("Visit", "拜访", "Visit", null), ("Email", "邮件", "Email", null),
            ("Fax", "传真", "Fax", null), ("Web", "网站", "Web", null), ("WeChat", "微信", "WeChat", null),
        ],
        [C.ServiceType] =
        [
            ("Consultation", "咨询", "Consultation", null), ("Suggestion", "建议", "Suggestion", null),
            ("Complaint", "投诉", "Complaint", null), ("AfterSales", "售后/维修", "After-sales", null),
        ],
        // Value: the SLA hours of the priority.
        [C.Priority] =
        [
            (C.Priorities.Urgent, "紧急", "Urgent", 4), (C.Priorities.High, "高", "High", 8),
            (C.Priorities.Normal, "中", "Normal", 24), (C.Priorities.Low, "低", "Low", 72),
        ],
        [C.Unit] =
        [
            ("Piece", "件", "Piece", null), ("Set", "套", "Set", null), ("Machine", "台", "Unit", null), ("Each", "个", "Each", null),
            ("Box", "箱", "Box", null), ("Kilogram", "千克", "Kilogram", null), ("Tonne", "吨", "Tonne", null),
            ("Metre", "米", "Metre", null), ("Hour", "小时", "Hour", null),
        ],
        [C.ChurnReason] =
        [
            ("Price", "价格因素", "Price", null), ("Quality", "产品质量", "Product quality", null),
            ("Service", "服务不满意", "Dissatisfied with service", null), ("Competitor", "被竞争对手抢走", "Lost to a competitor", null),
            ("BusinessDifficulty", "客户经营困难", "Customer in difficulty", null), ("NeedsChanged", "需求变化", "Needs changed", null),
            ("ContactLeft", "联系人变动", "Contact left", null), ("Other", "其他", "Other", null),
        ],
        [C.LostReason] =
        [
            ("PriceTooHigh", "价格过高", "Price too high", null), ("RequirementsNotMet", "功能不满足", "Requirements not met", null),
            ("CompetitorWon", "竞争对手胜出", "Competitor won", null), ("BudgetCancelled", "预算取消", "Budget cancelled", null),
            ("DecisionPostponed", "决策延迟", "Decision postponed", null), ("WeakRelationship", "客户关系不足", "Weak relationship", null),
            ("Other", "其他", "Other", null),
        ],
        [C.CampaignType] =
        [
            ("Exhibition", "展会", "Exhibition", null), ("Seminar", "研讨会", "Seminar", null), ("Email", "邮件营销", "Email", null),
            ("Phone", "电话营销", "Phone", null), ("Advertising", "广告", "Advertising", null),
        ],
        [C.ReturnReason] =
        [
            ("Defect", "质量问题", "Quality defect", null), ("WrongItem", "发错货", "Wrong item", null),
            ("Damaged", "运输损坏", "Damaged in transit", null), ("NotAsDescribed", "与描述不符", "Not as described", null),
            ("CustomerChoice", "客户原因", "Customer's choice", null), ("Other", "其他", "Other", null),
        ],
        [C.VisitMethod] =
        [
            ("Phone", "电话回访", "Phone", null), ("OnSite", "上门回访", "On site", null), ("Email", "邮件", "Email", null),
            ("Questionnaire", "问卷调查", "Questionnaire", null), ("WeChat", "微信", "WeChat", null),
        ],
    };

    /// <summary>Categories whose items the application relies on by code.</summary>
    private static readonly HashSet<string> SystemCategories = [C.Priority, C.ServiceType];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var seeded = await db.DictionaryItems.Select(d => d.Category).Distinct().ToListAsync(cancellationToken);
        foreach (var (category, items) in Items.Where(i => !seeded.Contains(i.Key)))
        {
            var order = 0;
            db.DictionaryItems.AddRange(items.Select(i =>
                new DictionaryItem(category, i.Code, i.Zh, i.En, order += 10, i.Value, SystemCategories.Contains(category))));
        }

        if (!await db.SystemSettings.AnyAsync(cancellationToken))
            db.SystemSettings.Add(SystemSettings.Defaults());
        await db.SaveChangesAsync(cancellationToken);
    }
}
