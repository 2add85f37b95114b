using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Infrastructure.Marketing;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using C = Crm.Domain.Common.DictionaryCategories;

namespace Crm.Infrastructure.Seeding;

/// <summary>
/// The marketing demo: 5 competitors with their products (linked to our products when the catalogue has
/// any), 6 campaigns in every state with their responses, the stage probability settings, and about 200
/// opportunities of the demo salespeople in every status and stage, with stage histories, development
/// plans and outcomes spread over the last 12 months. Everything goes through the domain with past
/// times. Deterministic (fixed seed, times relative to <paramref name="clock"/>), and it seeds nothing
/// when marketing data already exists or the demo accounts are missing.
/// </summary>
public static class DemoMarketing
{
    private const int Seed = 20261207;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static readonly string[] Salespeople = ["zhang.wei", "li.na", "zhao.lei", "wang.fang"];

    /// <summary>How many opportunities each salesperson creates (besides the unassigned ones), and who manages them.</summary>
    private static readonly (string Creator, int Count, string Manager)[] Books =
    [
        ("zhang.wei", 58, "manager.east"), ("li.na", 48, "manager.east"), ("zhao.lei", 42, "manager.east"), ("wang.fang", 44, "manager.north"),
    ];

    public static async Task SeedAsync(CrmDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (await db.Competitors.AnyAsync(cancellationToken) || await db.Campaigns.AnyAsync(cancellationToken)
            || await db.Opportunities.IgnoreQueryFilters().AnyAsync(cancellationToken))
            return;

        var names = Salespeople.Append("manager.east").Append("manager.north").ToList();
        var users = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => (u.Id, u.OrgUnitId), cancellationToken);
        if (users.Count != names.Count)
            return;

        var dictionary = await db.DictionaryItems.AsNoTracking()
            .Where(d => d.Category == C.CampaignType || d.Category == C.LostReason || d.Category == C.InteractionChannel || d.Category == C.Source)
            .Select(d => new { d.Category, d.Code, d.Id })
            .ToListAsync(cancellationToken);
        int? Item(string category, string code) => dictionary.FirstOrDefault(d => d.Category == category && d.Code == code)?.Id;
        int[] Items(string category) => dictionary.Where(d => d.Category == category).Select(d => d.Id).ToArray();
        var campaignType = Items(C.CampaignType);
        var lostReasons = Items(C.LostReason);
        if (campaignType.Length == 0 || lostReasons.Length == 0)
            return;

        var random = new Random(Seed);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(Beijing).DateTime);
        var context = new SeedContext(db, random, now, today, users, Item, Items);

        await SeedStageSettingsAsync(db, cancellationToken);
        var competitors = await SeedCompetitorsAsync(context, cancellationToken);
        var campaigns = await SeedCampaignsAsync(context, cancellationToken);
        await SeedOpportunitiesAsync(context, competitors, campaigns, cancellationToken);
    }

    private sealed record SeedContext(
        CrmDbContext Db,
        Random Random,
        DateTimeOffset Now,
        DateOnly Today,
        IReadOnlyDictionary<string, (Guid Id, int OrgUnitId)> Users,
        Func<string, string, int?> Item,
        Func<string, int[]> Items)
    {
        public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

        public double Between(double from, double to) => from + (Random.NextDouble() * (to - from));

        public bool Chance(double probability) => Random.NextDouble() < probability;

        public DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Beijing).DateTime);

        /// <summary>09:00 Beijing time of a day.</summary>
        public static DateTimeOffset MorningOf(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), Beijing);
    }

    private static async Task SeedStageSettingsAsync(CrmDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.PipelineStageSettings.Select(s => s.Stage).ToListAsync(cancellationToken);
        foreach (var stage in new[] { PipelineStage.Initial, PipelineStage.NeedsConfirmed, PipelineStage.Proposal, PipelineStage.Negotiation }.Except(stored))
            db.PipelineStageSettings.Add(new PipelineStageSetting(stage, OpportunityService.DefaultProbabilities[stage]));
    }

    // ---- Competitors ----------------------------------------------------------------------------

    private sealed record RivalProduct(string Name, string Model, decimal Price, string[] Keywords, string? Notes = null);

    private sealed record RivalSeed(CompetitorProfile Profile, RivalProduct[] Products);

    private static readonly RivalSeed[] Rivals =
    [
        new(new CompetitorProfile(
                "杭州恒信智能科技有限公司", "800–1000 人，年营收约 6 亿元", "华东（杭州）", "https://www.hengxin-tech.example.cn",
                "成立于 2006 年，以制造业 ERP 起家，近年主推 MES 与智能仓储一体化方案，在浙江、江苏的中型制造企业中客户基础深厚。",
                "本地化实施团队规模大，响应快\n行业模板丰富，汽配、纺织案例多\n与地方政府数字化项目关系紧密",
                "产品架构老旧，二次开发成本高\n跨区域服务能力弱，华北几乎没有团队\n售后依赖代理商，质量参差",
                "客户对其老版本升级费用不满，存在替换窗口\n其华北市场空白，可重点突破",
                "常以低于成本价投标抢占样板客户\n正与多家工业自动化厂商结成联盟"),
            [
                new("恒信 HX-ERP 企业版", "HX-ERP 8.5", 380_000m, ["ERP", "企业版", "管理软件", "软件"], "按 50 用户许可报价，含一年维保"),
                new("恒信 MES 制造执行系统", "HX-MES 3.0", 650_000m, ["MES", "制造", "生产"]),
                new("恒信云仓 WMS", "HX-WMS Cloud", 220_000m, ["WMS", "仓储", "仓库", "物流"]),
            ]),
        new(new CompetitorProfile(
                "深圳云启软件股份有限公司", "2000 人以上，创业板上市", "华南（深圳）", "https://www.yunqi-soft.example.cn",
                "SaaS 化企业管理软件厂商，CRM、OA 与 BI 产品线完整，主打中小企业订阅模式，渠道覆盖全国。",
                "品牌知名度高，市场投放力度大\n订阅价格门槛低，上线快\n移动端体验好",
                "深度定制能力弱，大客户项目交付经常延期\n数据私有化部署方案不成熟\n客户成功团队流动性大",
                "大中型客户对数据安全与私有化部署要求提高\n其续费率下降，老客户有迁移意愿",
                "年底常推三年订阅五折促销\n正在招募华东地区实施合作伙伴"),
            [
                new("云启 CRM 专业版", "YQ-CRM Pro（年订阅）", 96_000m, ["CRM", "客户", "软件"]),
                new("云启 OA 协同平台", "YQ-OA 6", 58_000m, ["OA", "协同", "办公"]),
                new("云启 BI 数据分析", "YQ-BI", 120_000m, ["BI", "分析", "报表", "数据"]),
                new("云启 移动销售助手", "YQ-Mobile", 18_000m, ["移动", "APP", "手机"], "通常作为 CRM 的赠品打包"),
            ]),
        new(new CompetitorProfile(
                "北京华拓信息技术有限公司", "500–800 人", "华北（北京）", "https://www.huatuo-it.example.cn",
                "服务器、存储与网络设备的系统集成商，代理多个国际品牌，同时销售自有品牌的入门级服务器，政府与教育行业客户多。",
                "供货渠道稳定，交期短\n政府采购资质齐全\n北京本地服务网点多",
                "自有品牌产品稳定性口碑一般\n方案以硬件堆叠为主，软件能力弱\n华东地区无直属团队",
                "信创替代带来大量服务器更新需求\n其华东客户依赖代理商，服务满意度低",
                "与原厂关系密切，可拿到较大折扣\n在政府集采项目中报价极低"),
            [
                new("华拓 HT-R740 机架式服务器", "HT-R740 双路", 68_000m, ["服务器", "机架", "主机"]),
                new("华拓 HT-S200 NAS 存储阵列", "HT-S200 48TB", 85_000m, ["存储", "NAS", "阵列", "磁盘"]),
                new("华拓 HT-5720 千兆交换机", "HT-5720-48T", 12_500m, ["交换机", "网络", "路由"]),
            ]),
        new(new CompetitorProfile(
                "苏州精工自动化设备有限公司", "300–500 人", "华东（苏州）", "https://www.jinggong-auto.example.cn",
                "专注非标自动化与工业机器人系统集成，近年推出自有品牌六轴机器人和 AGV，主要客户为 3C 电子与汽车零部件企业。",
                "非标设计经验丰富，现场调试能力强\n价格灵活，付款条件宽松\n苏州周边 2 小时内上门",
                "自有机器人品牌刚起步，可靠性有待验证\n资金实力有限，大项目垫资能力弱\n软件与数据平台能力薄弱",
                "客户开始要求设备联网与数据采集，可用我方软硬一体方案区隔\n其大项目交付能力不足",
                "在中小项目上频繁低价竞争\n与本地多家设计院合作紧密"),
            [
                new("精工 JG-6 六轴工业机器人", "JG-6-1400", 158_000m, ["机器人", "六轴", "自动化"]),
                new("精工 视觉检测系统", "JG-VS200", 96_000m, ["视觉", "检测", "相机"]),
                new("精工 潜伏式 AGV 搬运车", "JG-AGV-500", 128_000m, ["AGV", "搬运", "物流"]),
            ]),
        new(new CompetitorProfile(
                "广州博联通讯科技有限公司", "1000–2000 人", "华南（广州）", "https://www.bolian-tel.example.cn",
                "统一通信与视频会议设备厂商，产品覆盖会议终端、IP 电话与呼叫中心，在金融与连锁零售行业占有率较高。",
                "硬件产品线全，可一站式采购\n金融行业案例多，资质完善\n全国 30 个城市有服务网点",
                "软件平台封闭，与第三方系统集成困难\n高端产品价格偏高\n软件升级需另行收费",
                "云视频会议替代传统硬件终端的趋势明显\n客户希望与 CRM、呼叫中心打通",
                "正大力推广“硬件免费、服务收费”的租赁模式\n与运营商合作捆绑销售"),
            [
                new("博联 BL-800 视频会议终端", "BL-800 4K", 45_000m, ["视频", "会议", "终端"]),
                new("博联 IP 电话系统", "BL-IPPBX 500 分机", 75_000m, ["电话", "IP", "呼叫", "通讯"]),
            ]),
    ];

    private static async Task<IReadOnlyList<Competitor>> SeedCompetitorsAsync(SeedContext s, CancellationToken cancellationToken)
    {
        // Our catalogue as the products module left it (possibly empty): match each rival product by keyword,
        // else pick one at random (deterministically), else leave it unlinked. A random source of its own, so
        // that the opportunities below are the same whatever the catalogue holds.
        var random = new Random(Seed + 1);
        var ours = await s.Db.Products.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                Text = p.Name + " " + (p.Specification ?? string.Empty) + " " + (s.Db.ProductCategories.Where(c => c.Id == p.CategoryId).Select(c => c.Name).FirstOrDefault() ?? string.Empty),
            })
            .ToListAsync(cancellationToken);
        var competitors = new List<Competitor>();
        foreach (var rival in Rivals)
        {
            var competitor = new Competitor(rival.Profile);
            foreach (var product in rival.Products)
            {
                int? ourId = null;
                if (ours.Count > 0)
                {
                    var matches = ours.Where(o => product.Keywords.Any(k => o.Text.Contains(k, StringComparison.OrdinalIgnoreCase))).ToList();
                    ourId = matches.Count > 0 ? matches[random.Next(matches.Count)].Id : random.NextDouble() < 0.7 ? ours[random.Next(ours.Count)].Id : null;
                }

                competitor.AddProduct(product.Name, product.Model, product.Price, ourId, product.Notes);
            }

            s.Db.Competitors.Add(competitor);
            competitors.Add(competitor);
        }

        return competitors;
    }

    // ---- Campaigns ------------------------------------------------------------------------------

    private sealed record CampaignSeed(
        string Name, string Type, int StartOffset, int Days, decimal Budget, decimal? Cost, CampaignStatus Status,
        string Segment, string Description, int Responses, string Recorder, string[] Creators);

    private static readonly CampaignSeed[] CampaignSeeds =
    [
        new("中国国际工业博览会（上海）参展", "Exhibition", -250, 5, 180_000m, 172_500m, CampaignStatus.Completed,
            "华东地区制造业企业的生产、设备与信息化负责人",
            "12 号馆 120 平方米特装展位，展示 MES 与工业机器人集成方案，每天两场现场演示。", 14, "manager.east", ["zhang.wei", "li.na", "zhao.lei", "wang.fang"]),
        new("智能制造数字化转型研讨会（苏州站）", "Seminar", -160, 1, 60_000m, 54_800m, CampaignStatus.Completed,
            "苏锡常地区年营收 2 亿元以上的制造企业 CIO",
            "邀请行业专家与两家样板客户分享数字化转型经验，会后安排一对一咨询。", 10, "manager.east", ["zhang.wei", "li.na", "zhao.lei"]),
        new("老客户年度升级计划邮件营销", "Email", -95, 15, 8_000m, 6_200m, CampaignStatus.Completed,
            "使用旧版本满三年的存量客户",
            "向存量客户推送新版本升级优惠与免费迁移服务，附在线预约演示链接。", 9, "manager.east", ["li.na", "zhao.lei", "wang.fang"]),
        new("华北区春季电话回访促销", "Phone", -21, 42, 30_000m, 12_600m, CampaignStatus.Running,
            "华北公司近一年未下单的活跃客户",
            "电话回访了解需求，对当期下单客户赠送一年维保。", 6, "manager.north", ["wang.fang"]),
        new("行业媒体品牌广告投放（第三季度）", "Advertising", -60, 30, 120_000m, null, CampaignStatus.Cancelled,
            "制造业与物流行业的决策层读者",
            "原计划在两家行业媒体投放整版广告，因预算调整取消。", 0, "manager.east", []),
        new("新品发布会暨客户答谢会", "Seminar", 25, 2, 80_000m, null, CampaignStatus.Planned,
            "重点客户与战略合作伙伴",
            "发布新一代智能制造平台，同时举办年度客户答谢晚宴。", 0, "manager.east", []),
    ];

    private static readonly string[] ResponseTexts =
    [
        "现场索取了产品手册，希望下周安排技术交流", "询问 MES 与现有 ERP 的对接方案", "对机器人产线集成很感兴趣，要求提供案例",
        "留下名片，预计明年一季度立项", "希望获得详细报价", "邀请我方到工厂现场调研", "询问升级优惠的适用范围",
        "回复邮件预约线上演示", "表示暂无需求，半年后再联系", "要求提供同行业客户的参观机会", "咨询售后服务条款与响应时间",
        "对数据分析模块提出了具体需求",
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"];
    private static readonly string[] GivenNames = ["建华", "志强", "海峰", "国栋", "晓东", "丽娟", "秀英", "晓燕", "婷婷", "雪梅", "俊杰", "文博", "立军", "美玲", "振宇", "静怡"];

    private static string PersonName(SeedContext s) => s.Pick(Surnames) + s.Pick(GivenNames);

    private sealed record SeededCampaign(Campaign Campaign, CampaignSeed Seed);

    private static async Task<IReadOnlyList<SeededCampaign>> SeedCampaignsAsync(SeedContext s, CancellationToken cancellationToken)
    {
        var customers = await s.Db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.Status != CustomerStatus.Archived)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var channels = s.Items(C.InteractionChannel);
        var seeded = new List<SeededCampaign>();
        foreach (var seed in CampaignSeeds)
        {
            var start = s.Today.AddDays(seed.StartOffset);
            var type = s.Item(C.CampaignType, seed.Type) ?? s.Pick(s.Items(C.CampaignType));
            var campaign = new Campaign(seed.Name, type, start, start.AddDays(seed.Days - 1), seed.Budget);
            campaign.Update(seed.Name, type, campaign.StartDate, campaign.EndDate, seed.Budget, seed.Cost, seed.Segment, seed.Description);
            if (seed.Status is CampaignStatus.Running or CampaignStatus.Completed)
            {
                campaign.Start();
                var last = seed.Status == CampaignStatus.Completed ? campaign.EndDate.AddDays(20) : s.Today;
                var span = Math.Max(0, last.DayNumber - start.DayNumber);
                for (var i = 0; i < seed.Responses; i++)
                {
                    var customer = customers.Count > 0 && s.Chance(0.85) ? s.Pick(customers) : (int?)null;
                    campaign.AddResponse(start.AddDays(s.Random.Next(span + 1)), customer, PersonName(s),
                        channels.Length > 0 ? s.Pick(channels) : null, s.Pick(ResponseTexts), s.Users[seed.Recorder].Id);
                }

                if (seed.Status == CampaignStatus.Completed)
                    campaign.Complete();
            }
            else if (seed.Status == CampaignStatus.Cancelled)
            {
                campaign.Cancel();
            }

            s.Db.Campaigns.Add(campaign);
            seeded.Add(new SeededCampaign(campaign, seed));
        }

        // One save for the settings, the competitors and the campaigns: opportunities name campaigns by key.
        await s.Db.SaveChangesAsync(cancellationToken);
        return seeded;
    }

    // ---- Opportunities --------------------------------------------------------------------------

    private static readonly (string Need, int MinK, int MaxK)[] Needs =
    [
        ("ERP 系统升级项目", 300, 1200), ("MES 生产执行系统实施", 500, 2000), ("年度服务器采购", 200, 800),
        ("CRM 客户管理系统实施", 150, 600), ("仓储管理系统（WMS）建设", 300, 900), ("视频会议系统升级", 80, 300),
        ("网络安全等级保护整改", 120, 500), ("数据中心存储扩容", 250, 1000), ("OA 协同办公平台", 60, 250),
        ("工业机器人产线集成", 800, 3000), ("AGV 智能物流改造", 400, 1500), ("BI 数据分析平台", 100, 400),
        ("IP 电话系统替换", 50, 200), ("年度运维服务外包", 100, 360), ("视觉检测设备采购", 200, 700),
    ];

    private static readonly string[] Phases = ["", "", "", "（一期）", "（二期）", "（扩容）"];

    private static readonly string[] PlanContents =
    [
        "电话联系采购负责人，确认项目预算与时间表", "上门拜访技术部门，调研现有系统", "安排产品演示与技术交流会",
        "提交初步方案与报价", "邀请客户参观样板客户现场", "与采购部确认商务条款", "组织方案评审会",
        "跟进招标文件编制进度", "高层拜访，沟通合作意向", "提交正式报价与合同草案",
    ];

    private static readonly string[] PlanResults =
    [
        "客户对方案整体认可，要求补充实施周期说明", "已确认预算，计划年内立项", "演示效果良好，技术部门倾向我方",
        "客户反馈价格偏高，需要内部再议", "决策人出差，会面改期一周", "已完成需求调研，形成需求说明书",
        "客户提出增加移动端功能", "商务条款基本达成一致",
    ];

    private static readonly Dictionary<string, string> LostNotes = new()
    {
        ["PriceTooHigh"] = "对方报价低约 15%，客户最终选择低价方案。",
        ["RequirementsNotMet"] = "客户要求的行业定制功能我方短期无法满足。",
        ["CompetitorWon"] = "竞争对手凭借本地案例与客户高层关系胜出。",
        ["BudgetCancelled"] = "客户集团削减本年度信息化预算，项目取消。",
        ["DecisionPostponed"] = "客户组织架构调整，项目无限期推迟。",
        ["WeakRelationship"] = "未能接触到最终决策人。",
        ["Other"] = "客户内部原因，项目终止。",
    };

    private enum Outcome
    {
        Unassigned,
        Assigned,
        Developing,
        Won,
        Lost,
        LostUnassigned,
        LostAssigned,
    }

    /// <summary>One opportunity's plan: when things happen, in order; the closing move comes last.</summary>
    private sealed class Story
    {
        public required Opportunity Opportunity { get; init; }

        public required Outcome Outcome { get; init; }

        public required Guid Creator { get; init; }

        public required Guid Manager { get; init; }

        public Guid? Assignee { get; init; }

        public int? CompetitorId { get; init; }

        public required int CustomerId { get; init; }

        public DateTimeOffset ClosedAt { get; set; }

        public List<DevelopmentPlanItem> Items { get; } = [];
    }

    private static async Task SeedOpportunitiesAsync(SeedContext s, IReadOnlyList<Competitor> competitors, IReadOnlyList<SeededCampaign> campaigns, CancellationToken cancellationToken)
    {
        var ownerIds = Salespeople.Select(n => (Guid?)s.Users[n].Id).ToList();
        var customers = await s.Db.Customers.IgnoreQueryFilters()
            .Where(c => ownerIds.Contains(c.OwnerId) && c.Status != CustomerStatus.Archived)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var customersOf = Salespeople.ToDictionary(n => n, n => customers.Where(c => c.OwnerId == s.Users[n].Id).ToList());
        if (customersOf.Values.Any(list => list.Count == 0))
            return;

        var sources = s.Items(C.Source);
        var eastSalespeople = new[] { "zhang.wei", "li.na", "zhao.lei" };
        var linkable = campaigns.Where(c => c.Seed.Creators.Length > 0).ToList();
        var stories = new List<Story>();

        // A few new leads nobody has been given yet: manager.east's to-do.
        for (var i = 0; i < 8; i++)
        {
            var creator = eastSalespeople[i % eastSalespeople.Length];
            var created = s.Now.AddDays(-s.Between(0.5, 20));
            stories.Add(NewStory(s, creator, "manager.east", null, Outcome.Unassigned, created, customersOf[creator], sources, null, null));
        }

        // Campaign leads: created in the weeks after the campaign started.
        var campaignShare = new Dictionary<SeededCampaign, int>();
        for (var i = 0; i < linkable.Count; i++)
            campaignShare[linkable[i]] = new[] { 14, 10, 8, 6 }[Math.Min(i, 3)];

        foreach (var (creator, count, manager) in Books)
        {
            for (var i = 0; i < count; i++)
            {
                SeededCampaign? campaign = null;
                if (s.Chance(0.25))
                {
                    var candidates = campaignShare.Where(kv => kv.Value > 0 && kv.Key.Seed.Creators.Contains(creator)).Select(kv => kv.Key).ToList();
                    if (candidates.Count > 0)
                    {
                        campaign = s.Pick(candidates);
                        campaignShare[campaign]--;
                    }
                }

                var recent = campaign is not null && campaign.Campaign.StartDate.DayNumber > s.Today.DayNumber - 45;
                var outcome = recent
                    ? (s.Chance(0.4) ? Outcome.Assigned : Outcome.Developing)
                    : Weighted(s, (Outcome.Assigned, 9), (Outcome.Developing, 37), (Outcome.Won, 29), (Outcome.Lost, 19), (Outcome.LostAssigned, 4), (Outcome.LostUnassigned, 2));
                DateTimeOffset created;
                if (campaign is not null)
                {
                    var start = SeedContext.MorningOf(campaign.Campaign.StartDate);
                    var latest = Math.Min(40, (s.Now - start).TotalDays - 1);
                    created = start.AddDays(s.Between(0, Math.Max(0.2, latest)));
                }
                else
                {
                    created = s.Now.AddDays(-s.Between(3, 365));
                }

                // A colleague of the same company develops some of them (wang.fang is alone in the north).
                var assignee = creator;
                if (manager == "manager.east" && s.Chance(0.15))
                    assignee = s.Pick(eastSalespeople.Where(n => n != creator).ToList());
                stories.Add(NewStory(s, creator, manager, assignee, outcome, created, customersOf[creator], sources, campaign?.Campaign.Id,
                    (outcome is Outcome.Lost or Outcome.LostAssigned or Outcome.LostUnassigned) && s.Chance(0.65) ? s.Pick(competitors).Id : null));
            }
        }

        // Phase 1: creation, assignment, plans and stage moves (everything but results and outcomes, which
        // need the plan items' keys).
        await s.Db.SaveChangesAsync(cancellationToken);

        // Phase 2: results of the plan items done, then won or lost; a won prospect becomes an active customer
        // of its assignee; plan items still ahead become the assignee's reminders, as the app makes them.
        var byId = customers.ToDictionary(c => c.Id);
        foreach (var story in stories)
            Close(s, story, byId);
        await s.Db.SaveChangesAsync(cancellationToken);

        // The audit stamps say "now" (the seeding); the record was created when its history starts.
        await s.Db.Opportunities.IgnoreQueryFilters().ExecuteUpdateAsync(
            u => u.SetProperty(o => o.CreatedAt, o => s.Db.Set<OpportunityStageChange>().Where(c => c.OpportunityId == o.Id).Min(c => c.At))
                .SetProperty(o => o.UpdatedAt, o => s.Db.Set<OpportunityStageChange>().Where(c => c.OpportunityId == o.Id).Max(c => c.At)),
            cancellationToken);
    }

    private static Story NewStory(
        SeedContext s, string creatorName, string managerName, string? assigneeName, Outcome outcome, DateTimeOffset created,
        List<Customer> customers, int[] sources, int? campaignId, int? competitorId)
    {
        var creator = s.Users[creatorName];
        var manager = s.Users[managerName].Id;
        var prospects = customers.Where(c => c.Status == CustomerStatus.Prospect).ToList();
        var customer = prospects.Count > 0 && s.Chance(0.5) ? s.Pick(prospects) : s.Pick(customers);
        var (need, minK, maxK) = s.Pick(Needs);
        var amount = s.Random.Next(minK, maxK + 1) * 1000m;
        var source = campaignId is not null ? s.Item(C.Source, "Campaign") : sources.Length > 0 ? s.Pick(sources) : null;
        var details = new OpportunityDetails(
            need + s.Pick(Phases),
            $"客户计划{s.Pick(["今年", "下半年", "明年一季度", "年内"])}启动{need.Replace("项目", string.Empty, StringComparison.Ordinal)}，目前处于{s.Pick(["需求调研", "预算申请", "方案比选", "供应商考察"])}阶段。",
            source, null, PersonName(s), "1" + s.Pick(["30", "35", "38", "39", "58", "86"]) + s.Random.Next(1000_0000, 9999_9999).ToString(CultureInfo.InvariantCulture),
            null, amount, s.DayOf(created).AddDays(s.Random.Next(30, 150)), campaignId);
        var opportunity = new Opportunity(customer.Id, details, creator.Id, creator.OrgUnitId, OpportunityService.DefaultProbabilities[PipelineStage.Initial], created);
        s.Db.Opportunities.Add(opportunity);

        var assignee = assigneeName is null || outcome is Outcome.Unassigned or Outcome.LostUnassigned ? null : (Guid?)s.Users[assigneeName].Id;
        var story = new Story
        {
            Opportunity = opportunity, Outcome = outcome, Creator = creator.Id, Manager = manager, Assignee = assignee,
            CompetitorId = competitorId, CustomerId = customer.Id,
        };
        Develop(s, story, created, assigneeName is null ? creator.OrgUnitId : s.Users[assigneeName].OrgUnitId);
        return story;
    }

    /// <summary>Phase 1 of a story: assignment, development plan and the stage path, timed to fit before now.</summary>
    private static void Develop(SeedContext s, Story story, DateTimeOffset created, int assigneeUnit)
    {
        var o = story.Opportunity;
        var target = story.Outcome switch
        {
            Outcome.Unassigned => PipelineStage.Initial,
            Outcome.LostUnassigned => PipelineStage.Initial,
            Outcome.Assigned => s.Chance(0.8) ? PipelineStage.Initial : PipelineStage.NeedsConfirmed,
            Outcome.LostAssigned => s.Chance(0.6) ? PipelineStage.Initial : PipelineStage.NeedsConfirmed,
            Outcome.Developing => Weighted(s, (PipelineStage.Initial, 15), (PipelineStage.NeedsConfirmed, 30), (PipelineStage.Proposal, 30), (PipelineStage.Negotiation, 25)),
            Outcome.Won => s.Chance(0.8) ? PipelineStage.Negotiation : PipelineStage.Proposal,
            _ => Weighted(s, (PipelineStage.Initial, 15), (PipelineStage.NeedsConfirmed, 30), (PipelineStage.Proposal, 35), (PipelineStage.Negotiation, 20)),
        };
        var path = StagePath(s, target);
        var develops = story.Outcome is Outcome.Developing or Outcome.Won or Outcome.Lost;
        var assigned = story.Assignee is not null;

        // Gaps in days: assignment, start of development, each stage move, and the outcome.
        var gaps = new List<double>();
        if (assigned)
            gaps.Add(s.Between(0.2, 4));
        if (develops)
            gaps.Add(s.Between(1, 6));
        gaps.AddRange(path.Select(_ => s.Between(4, 25)));
        var closes = story.Outcome is Outcome.Won or Outcome.Lost or Outcome.LostAssigned or Outcome.LostUnassigned;
        if (closes)
            gaps.Add(s.Between(3, 20));
        var room = (s.Now - created).TotalDays - 0.1;
        var total = gaps.Sum();
        if (total > room)
            gaps = gaps.Select(g => g * room / total).ToList();

        var at = created;
        var g = 0;
        if (assigned)
        {
            at = at.AddDays(gaps[g++]);
            o.Assign(story.Assignee!.Value, assigneeUnit, at);
        }

        var mover = story.Assignee ?? story.Creator;
        var stageIndex = 0;
        if (develops)
        {
            // Sometimes the first stage move comes before development starts (needs confirmed by phone).
            if (path.Count > 0 && s.Chance(0.2))
            {
                at = at.AddDays(gaps[g++] * 0.5);
                var early = path[stageIndex++];
                o.MoveToStage(early, mover, at, OpportunityService.DefaultProbabilities[early]);
            }

            at = at.AddDays(gaps[g++]);
            story.Items.Add(o.StartDevelopment(story.Assignee!.Value, s.DayOf(at).AddDays(s.Random.Next(1, 5)), s.Pick(PlanContents), at));
        }

        for (; stageIndex < path.Count; stageIndex++)
        {
            at = at.AddDays(gaps[Math.Min(g++, gaps.Count - 1)]);
            o.MoveToStage(path[stageIndex], mover, at, OpportunityService.DefaultProbabilities[path[stageIndex]]);
            if (develops && s.Chance(0.6))
                story.Items.Add(o.AddPlanItem(story.Assignee!.Value, s.DayOf(at).AddDays(s.Random.Next(1, 8)), s.Pick(PlanContents), at));
        }

        // Open plans look ahead: the next step is planned in the coming days (and becomes a reminder).
        if (story.Outcome == Outcome.Developing)
        {
            var planAt = at.AddHours(s.Between(1, Math.Max(1.5, (s.Now - at).TotalHours - 1)));
            story.Items.Add(o.AddPlanItem(story.Assignee!.Value, s.Today.AddDays(s.Random.Next(1, 12)), s.Pick(PlanContents), planAt));
        }

        story.ClosedAt = closes ? at.AddDays(gaps[^1]) : s.Now;
    }

    /// <summary>Phase 2 of a story: the results of the plan items carried out, then the outcome.</summary>
    private static void Close(SeedContext s, Story story, Dictionary<int, Customer> customers)
    {
        var o = story.Opportunity;
        var end = story.ClosedAt;
        foreach (var item in story.Items)
        {
            var done = SeedContext.MorningOf(item.Date).AddHours(s.Between(1, 8));
            if (done < end && o.Status == OpportunityStatus.Developing && s.Chance(0.85))
                o.RecordPlanResult(story.Assignee!.Value, item.Id, s.Pick(PlanResults), done);
            else if (story.Outcome == Outcome.Developing && item.Date >= s.Today)
                s.Db.Reminders.Add(new Reminder(story.Assignee!.Value, ReminderTitles.OpportunityPlanStep(o.Summary, item.Content), SeedContext.MorningOf(item.Date),
                    OpportunityService.LinkOf(o.Id), sourceType: OpportunityService.ReminderSource + "Plan",
                    sourceKey: item.Id.ToString(CultureInfo.InvariantCulture)));
        }

        switch (story.Outcome)
        {
            case Outcome.Won:
                o.Win(story.Assignee!.Value, end);
                var customer = customers[story.CustomerId];
                if (customer.Status == CustomerStatus.Prospect)
                {
                    if (customer.OwnerId != story.Assignee)
                        customer.AssignTo(story.Assignee!.Value, o.OrgUnitId, story.Assignee!.Value, end, "销售机会开发成功");
                    customer.Activate();
                }

                break;
            case Outcome.Lost or Outcome.LostAssigned or Outcome.LostUnassigned:
                var code = story.CompetitorId is not null
                    ? (s.Chance(0.6) ? "CompetitorWon" : "PriceTooHigh")
                    : s.Pick(["BudgetCancelled", "DecisionPostponed", "RequirementsNotMet", "WeakRelationship", "Other"]);
                var reason = s.Item(C.LostReason, code) ?? s.Pick(s.Items(C.LostReason));
                o.Lose(story.Assignee ?? story.Manager, reason, story.CompetitorId, LostNotes.GetValueOrDefault(code), end);
                break;
        }
    }

    /// <summary>
    /// The stages an opportunity passes on its way to <paramref name="target"/>: usually each in turn,
    /// sometimes skipping 需求确认, sometimes stepping back from 方案报价 when requirements change.
    /// </summary>
    private static List<PipelineStage> StagePath(SeedContext s, PipelineStage target)
    {
        var path = new List<PipelineStage>();
        var order = new[] { PipelineStage.NeedsConfirmed, PipelineStage.Proposal, PipelineStage.Negotiation };
        foreach (var stage in order.Where(x => x <= target))
        {
            if (stage == PipelineStage.NeedsConfirmed && target >= PipelineStage.Proposal && s.Chance(0.15))
                continue;
            path.Add(stage);
            if (stage == PipelineStage.Proposal && target >= PipelineStage.Proposal && s.Chance(0.1))
            {
                path.Add(PipelineStage.NeedsConfirmed);
                path.Add(PipelineStage.Proposal);
            }
        }

        return path;
    }

    private static T Weighted<T>(SeedContext s, params (T Value, int Weight)[] choices)
    {
        var roll = s.Random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll < 0)
                return value;
        }

        return choices[^1].Value;
    }
}
