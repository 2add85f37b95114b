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

            // Every twentieth customer sits in the pool of the owner's company.
            var (ownerName, owner) = owners[i % owners.Length];
            var inPool = i % 20 == 19;
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

            customer.RecordInteraction(now.AddDays(-random.Next(0, 120)).AddHours(-random.Next(0, 24)));
            if (customer.Status != CustomerStatus.Prospect)
                customer.RecordOrder(now.AddDays(-random.Next(5, 300)));
            db.Customers.Add(customer);
        }

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
