using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using C = Crm.Domain.Common.DictionaryCategories;

namespace Crm.Infrastructure.Seeding;

/// <summary>
/// About 300 realistic demo customers spread over the demo salespeople, a few in the public pool.
/// Deterministic (fixed seed), so every fresh start shows the same book.
/// </summary>
internal sealed class DemoCustomers(CrmDbContext db, CodeGenerator codes, TimeProvider clock)
{
    private static readonly (string City, string Region, string Division, string AreaCode)[] Cities =
    [
        ("上海", "310000", "310115", "021"), ("北京", "110000", "110105", "010"), ("杭州", "330000", "330106", "0571"),
        ("苏州", "320000", "320505", "0512"), ("南京", "320000", "320106", "025"), ("宁波", "330000", "330212", "0574"),
        ("天津", "120000", "120116", "022"), ("济南", "370000", "370102", "0531"), ("青岛", "370000", "370212", "0532"),
        ("合肥", "340000", "340104", "0551"), ("无锡", "320000", "320214", "0510"), ("石家庄", "130000", "130102", "0311"),
    ];

    private static readonly string[] Brands =
    [
        "华辰", "瑞丰", "嘉禾", "恒通", "金桥", "宏远", "新锐", "博远", "天成", "盛达", "鼎新", "远景", "东方", "信达", "汇川",
        "同创", "海纳", "启明", "卓越", "永安", "润泽", "蓝海", "中联", "光华", "万象", "正泰", "安捷", "佳和", "锦程", "通宇",
    ];

    private static readonly (string Word, string Industry)[] Trades =
    [
        ("科技", "IT"), ("软件", "IT"), ("电子", "Manufacturing"), ("机械", "Manufacturing"), ("精密制造", "Manufacturing"),
        ("新材料", "Manufacturing"), ("贸易", "Retail"), ("商贸", "Retail"), ("物流", "Logistics"), ("供应链", "Logistics"),
        ("建设工程", "Construction"), ("医疗器械", "Healthcare"), ("生物医药", "Healthcare"), ("食品", "Agriculture"),
        ("能源", "Energy"), ("环保", "Energy"), ("教育科技", "Education"), ("文化传媒", "Media"),
    ];

    private static readonly string[] Legal = ["王建国", "李明", "张红梅", "刘伟", "陈立新", "杨帆", "赵海涛", "黄晓燕", "周强", "吴敏"];
    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public async Task SeedAsync(IReadOnlyDictionary<string, (Guid Id, int OrgUnitId)> salespeople, IReadOnlyDictionary<string, int> poolUnits, CancellationToken cancellationToken)
    {
        var random = new Random(20261123);
        var items = await db.DictionaryItems.AsNoTracking()
            .Where(d => d.Category == C.CustomerLevel || d.Category == C.Region || d.Category == C.Industry || d.Category == C.Source)
            .Select(d => new { d.Category, d.Code, d.Id })
            .ToListAsync(cancellationToken);
        int Item(string category, string code) => items.Single(i => i.Category == category && i.Code == code).Id;
        var levels = items.Where(i => i.Category == C.CustomerLevel).Select(i => i.Id).ToArray();
        var sources = items.Where(i => i.Category == C.Source).Select(i => i.Id).ToArray();

        var owners = salespeople.ToArray();
        var customers = new List<Customer>(300);
        const int count = 300;
        var first = await codes.ReserveAsync(CustomerService.CodeSequence, count, cancellationToken);
        var now = clock.GetUtcNow();
        var usedNames = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var city = Cities[random.Next(Cities.Length)];
            var trade = Trades[random.Next(Trades.Length)];
            string name;
            do
            {
                name = $"{city.City}{Brands[random.Next(Brands.Length)]}{trade.Word}{(random.Next(4) == 0 ? "股份有限公司" : "有限公司")}";
            }
            while (!usedNames.Add(name));

            var first17 = "91" + city.Division + new string(Enumerable.Range(0, 9).Select(_ => CreditAlphabet[random.Next(CreditAlphabet.Length)]).ToArray());
            var profile = new CustomerProfile
            {
                Name = name,
                CreditCode = first17 + UnifiedSocialCreditCode.CheckCharacter(first17),
                LevelId = levels[Weighted(random, [55, 20, 15, 7, 3])],
                RegionId = Item(C.Region, city.Region),
                IndustryId = Item(C.Industry, trade.Industry),
                SourceId = sources[random.Next(sources.Length)],
                Satisfaction = random.Next(2, 6),
                CreditRating = random.Next(2, 6),
                Address = $"{city.City}市{Brands[random.Next(Brands.Length)]}路{random.Next(1, 999)}号",
                Postcode = city.Division[..2] + random.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Phone = $"{city.AreaCode}-{random.Next(5000_0000, 8999_9999)}",
                LegalRepresentative = Legal[random.Next(Legal.Length)],
                RegisteredCapital = random.Next(50, 5000) * 10_000m,
                AnnualRevenue = random.Next(100, 50_000) * 10_000m,
            };

            var (ownerName, owner) = owners[i % owners.Length];
            // Every fifteenth customer sits in the pool of the owner's company (15 is prime to the 4 owners,
            // so both companies' pools get some).
            var inPool = i % 15 == 14;
            var customer = new Customer(CodeGenerator.Format(CustomerService.CodePrefix, first + i), profile,
                inPool ? poolUnits[ownerName] : owner.OrgUnitId, inPool ? null : owner.Id, now.AddDays(-random.Next(1, 400)));
            switch (random.Next(10))
            {
                case < 6:
                    customer.Activate();
                    break;
                case 6:
                    customer.Activate();
                    customer.WarnOfChurn();
                    break;
            }

            // Recent enough that the pool recycling rules (30 days without interaction, 6 months without an
            // order) take back only a few customers on the first run — enough to show the feature.
            var quiet = random.Next(12) == 0;
            customer.RecordInteraction(now.AddDays(-(quiet ? random.Next(31, 60) : random.Next(0, 25))).AddHours(-random.Next(0, 24)));
            if (customer.Status != CustomerStatus.Prospect)
                customer.RecordOrder(now.AddDays(-random.Next(5, 150)));
            db.Customers.Add(customer);
            customers.Add(customer);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedRecordsAsync(random, customers, salespeople["zhang.wei"].Id, now, cancellationToken);
    }

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] MaleNames = ["建华", "志强", "海峰", "国栋", "晓东", "子轩", "浩然", "俊杰", "文博", "立军", "宇航", "振宇"];
    private static readonly string[] FemaleNames = ["丽娟", "秀英", "晓燕", "婷婷", "雪梅", "佳怡", "欣怡", "静怡", "海燕", "春梅", "美玲", "若曦"];
    private static readonly string[] Titles = ["采购经理", "总经理", "技术总监", "财务主管", "副总经理", "行政主管", "IT 经理", "生产部长", "项目经理", "董事长助理"];
    private static readonly string[] MobilePrefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139"];

    private static readonly (string Channel, string Summary, string Details, string? NextStep)[] Conversations =
    [
        ("Phone", "电话沟通年度采购计划", "客户表示今年预算较去年增加约 15%，重点关注交付周期。", "发送年度框架协议草案"),
        ("Visit", "上门拜访并演示新版方案", "向技术团队演示了新版本功能，对报表模块反馈积极。", "安排技术交流会"),
        ("Email", "发送产品报价单", "按 30 套标准版报价，附三年维保条款。", "电话确认报价反馈"),
        ("WeChat", "微信确认到货情况", "上批货物已全部签收，无破损。", null),
        ("Phone", "回访使用情况", "客户整体满意，提出希望增加培训场次。", "协调安排现场培训"),
        ("Visit", "商务谈判：付款条件", "客户希望改为 30/60/10 分期付款，需内部审批。", "提交付款条件审批"),
        ("Email", "寄送合同样本", "合同样本已发送法务审核。", "跟进法务审核意见"),
        ("Web", "客户在官网提交咨询", "询问接口对接方案与数据迁移费用。", "发送接口文档"),
        ("Fax", "传真确认订单明细", "订单明细与数量已确认无误。", null),
        ("WeChat", "节日问候", "中秋节问候，顺带了解下季度需求。", null),
        ("Phone", "处理售后咨询", "客户反映一台设备报警，已远程指导处理。", "一周后回访设备状态"),
        ("Visit", "拜访总经理，沟通战略合作", "双方有意签订三年战略合作协议。", "准备战略合作方案"),
    ];

    /// <summary>
    /// One to three contacts (the first is primary) and one to five interactions per customer over the
    /// last 120 days, the newest at the customer's last-interaction time. A few of zhang.wei's customers
    /// get a follow-up in the next days, with its reminder, as the app itself would create it.
    /// </summary>
    private async Task SeedRecordsAsync(Random random, List<Customer> customers, Guid zhang, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var channels = await db.DictionaryItems.AsNoTracking().Where(d => d.Category == C.InteractionChannel)
            .ToDictionaryAsync(d => d.Code, d => d.Id, cancellationToken);
        var contactsOf = new Dictionary<Customer, List<Contact>>();
        foreach (var customer in customers)
        {
            var list = new List<Contact>();
            var count = random.Next(1, 4);
            for (var i = 0; i < count; i++)
            {
                var female = random.Next(2) == 0;
                var name = Surnames[random.Next(Surnames.Length)] + (female ? FemaleNames : MaleNames)[random.Next(MaleNames.Length)];
                var contact = new Contact(customer.Id, name);
                var birthday = random.Next(3) == 0
                    ? new DateOnly(random.Next(1965, 1998), random.Next(1, 13), random.Next(1, 29))
                    : (DateOnly?)null;
                contact.Update(name, female ? Gender.Female : Gender.Male, Titles[random.Next(Titles.Length)],
                    MobilePrefixes[random.Next(MobilePrefixes.Length)] + random.Next(1000_0000, 9999_9999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    random.Next(2) == 0 ? customer.Phone : null,
                    random.Next(2) == 0 ? $"contact{customer.Id}.{i + 1}@example.cn" : null,
                    birthday, null);
                if (i == 0)
                    contact.MakePrimary();
                db.Contacts.Add(contact);
                list.Add(contact);
            }

            contactsOf[customer] = list;
        }

        await db.SaveChangesAsync(cancellationToken);

        var followUps = new List<(Customer Customer, Interaction Interaction)>();
        var zhangFollowUps = 0;
        foreach (var customer in customers)
        {
            var newest = customer.LastInteractionAt ?? now.AddDays(-random.Next(0, 120));
            var count = random.Next(1, 6);
            var contacts = contactsOf[customer];
            for (var i = 0; i < count; i++)
            {
                // The newest at the customer's last-interaction time, older ones spread back to 120 days ago.
                var at = i == 0 ? newest : newest.AddHours(-random.Next(1, Math.Max(2, (int)(newest - now.AddDays(-120)).TotalHours)));
                var talk = Conversations[random.Next(Conversations.Length)];
                DateTimeOffset? followUp = null;
                if (i == 0 && customer.OwnerId == zhang && zhangFollowUps < 5 && talk.NextStep is not null)
                {
                    followUp = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 + zhangFollowUps).AddHours(1); // 09:00 in Beijing
                    zhangFollowUps++;
                }

                var interaction = new Interaction(customer.Id, at, channels[talk.Channel], contacts[random.Next(contacts.Count)].Id,
                    talk.Summary, talk.Details, talk.NextStep, followUp);
                db.Interactions.Add(interaction);
                if (followUp is not null)
                    followUps.Add((customer, interaction));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var (customer, interaction) in followUps)
            db.Reminders.Add(InteractionService.NewReminder(zhang, customer, interaction));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static int Weighted(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
                return i;
        }

        return weights.Length - 1;
    }
}
