using Crm.Domain.Sales;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using C = Crm.Domain.Common.DictionaryCategories;

namespace Crm.Infrastructure.Seeding;

/// <summary>
/// The demo catalogue of a Chinese B2B seller of office and IT equipment: four top categories with
/// subcategories, about sixty products with list, floor and special prices (a few promotions around
/// today, one expired), two warehouses stocked through receipts, a few products below their safety
/// stock, and the customer-level → price-type setting. Deterministic (fixed seed).
/// </summary>
public static class DemoProducts
{
    public const string ShanghaiWarehouse = "SH01";
    public const string BeijingWarehouse = "BJ01";

    /// <summary>Products whose available stock in Shanghai is seeded below their safety stock.</summary>
    public static IReadOnlyList<string> LowStockCodes { get; } = ["BG1002", "WL2005", "WL2010", "HC4001", "HC4011"];

    /// <summary>Products with a promotion valid today; <see cref="ExpiredPromotionCode"/> had one that ended.</summary>
    public static IReadOnlyList<string> PromotionCodes { get; } = ["BG1008", "WL2001", "WL2009", "HC4006", "HC4014"];

    public const string ExpiredPromotionCode = "BG1012";

    private sealed record Item(string Code, string Name, string Spec, string Unit, decimal ListPrice, string Description);

    private static readonly (string Name, (string Name, Item[] Items)[] Children)[] Catalogue =
    [
        ("办公设备",
        [
            ("打印机",
            [
                new("BG1001", "惠普 LaserJet Pro M404dn 黑白激光打印机", "A4 / 38 页每分钟 / 自动双面 / 网络", "Machine", 2699m, "适合 10–30 人办公室的高速黑白打印，首页输出约 6 秒。"),
                new("BG1002", "佳能 imageCLASS LBP623Cdw 彩色激光打印机", "A4 / 21 页每分钟 / 无线 / 自动双面", "Machine", 3299m, "小型团队彩色打印，支持手机直连打印。"),
                new("BG1003", "兄弟 HL-L2595DW 黑白激光一体机", "A4 / 34 页每分钟 / 打印复印扫描", "Machine", 1899m, "打印、复印、扫描三合一，耗材成本低。"),
                new("BG1004", "爱普生 L15158 A3+ 彩色墨仓式一体机", "A3+ / 32 页每分钟 / 传真", "Machine", 8999m, "大幅面彩色输出，墨仓式设计单页成本低。"),
            ]),
            ("复印机与一体机",
            [
                new("BG1005", "理光 IM C3000 彩色数码复合机", "A3 / 30 页每分钟 / 双纸盒", "Machine", 39800m, "部门级彩色复合机，含双纸盒及网络扫描。"),
                new("BG1006", "柯尼卡美能达 bizhub C300i 彩色复合机", "A3 / 30 页每分钟 / 10.1 英寸触屏", "Machine", 42500m, "云打印与移动办公支持，适合中大型办公室。"),
                new("BG1007", "京瓷 ECOSYS M2640idw 黑白多功能一体机", "A4 / 40 页每分钟 / 无线", "Machine", 3980m, "长寿命感光鼓，适合高印量场景。"),
            ]),
            ("投影与会议",
            [
                new("BG1008", "爱普生 CB-FH52 商务投影仪", "1080P / 4000 流明 / 无线投屏", "Machine", 5999m, "中大型会议室投影，支持无线投屏。"),
                new("BG1009", "明基 MW560 商务投影仪", "WXGA / 4000 流明", "Machine", 3699m, "小型会议室及培训教室适用。"),
                new("BG1010", "宝利通 Studio X30 视频会议一体机", "4K / 自动取景 / 内置麦克风阵列", "Machine", 18800m, "中小会议室视频会议，即插即用。"),
                new("BG1011", "科大讯飞 智能办公本 X3 Pro", "10.65 英寸墨水屏 / 语音转写", "Machine", 3999m, "会议记录实时转写，手写笔记同步。"),
            ]),
            ("碎纸与装订",
            [
                new("BG1012", "得力 9927 静音碎纸机", "5 级保密 / 单次 12 张 / 23 升", "Machine", 899m, "办公室静音碎纸，连续工作 30 分钟。"),
                new("BG1013", "科密 C-668 大型碎纸机", "4 级保密 / 单次 20 张 / 40 升", "Machine", 2680m, "部门共用大容量碎纸机。"),
                new("BG1014", "得力 3878 热熔装订机", "A4 / 装订厚度 40 mm", "Machine", 568m, "标书、合同热熔装订。"),
                new("BG1015", "得力 4078 电子密码保险柜", "高 45 cm / 双保险", "Machine", 1299m, "办公室重要文件及印章保管。"),
            ]),
        ]),
        ("网络设备",
        [
            ("交换机",
            [
                new("WL2001", "华为 S5735-L24T4X-A1 千兆交换机", "24 口千兆电 + 4 口万兆光", "Machine", 4680m, "企业接入层三层交换机，支持 VLAN 与 ACL。"),
                new("WL2002", "华三 S5130S-28S-EI 千兆交换机", "24 口千兆电 + 4 口千兆光", "Machine", 3280m, "二层网管交换机，适合楼层接入。"),
                new("WL2003", "锐捷 RG-S2928G-E V3 千兆交换机", "24 口千兆 + 4 口 SFP", "Machine", 2150m, "智能网管接入交换机。"),
                new("WL2004", "TP-LINK TL-SG1016D 非网管交换机", "16 口千兆 / 桌面型", "Machine", 329m, "小型办公室即插即用。"),
            ]),
            ("路由器与防火墙",
            [
                new("WL2005", "华为 AR6140-16G4XG 企业路由器", "16 × GE + 4 × 10GE / SD-WAN", "Machine", 12800m, "中大型分支出口路由，支持 SD-WAN。"),
                new("WL2006", "华三 MSR3620 企业路由器", "4 × GE + 2 × SFP", "Machine", 8600m, "中小企业出口路由器。"),
                new("WL2007", "深信服 AF-1000-B1080 下一代防火墙", "吞吐 1 Gbps / 含 3 年特征库", "Machine", 26800m, "边界防护、入侵防御与上网行为管理。"),
                new("WL2008", "飞塔 FortiGate 60F 防火墙", "10 × GE / 统一威胁管理", "Machine", 9800m, "分支机构统一威胁管理。"),
            ]),
            ("无线网络",
            [
                new("WL2009", "华为 AirEngine 5761-11 无线 AP", "Wi-Fi 6 / 双频 / 吸顶", "Each", 1680m, "高密办公区域覆盖。"),
                new("WL2010", "锐捷 RG-RAP2200(F) 无线 AP", "Wi-Fi 5 / 双频 / 吸顶", "Each", 760m, "普通办公区域覆盖。"),
                new("WL2011", "华三 WX3510X 无线控制器", "最多管理 128 个 AP", "Machine", 9900m, "集中管理无线 AP 与漫游。"),
                new("WL2012", "TP-LINK TL-XAP3000GC 吸顶 AP", "Wi-Fi 6 / AX3000", "Each", 499m, "小微企业无线覆盖。"),
            ]),
            ("服务器与存储",
            [
                new("WL2013", "联想 ThinkSystem SR650 V3 机架服务器", "2U / 至强银牌 4410Y / 64 GB / 2 × 960 GB SSD", "Machine", 46800m, "虚拟化与数据库主力机型。"),
                new("WL2014", "浪潮 NF5280M6 机架服务器", "2U / 至强银牌 4314 / 64 GB", "Machine", 39900m, "通用计算与私有云。"),
                new("WL2015", "群晖 DS923+ 网络存储", "4 盘位 / 万兆扩展", "Machine", 4899m, "部门文件共享与备份。"),
                new("WL2016", "APC Smart-UPS SRT3000 不间断电源", "3 kVA / 在线式 / 机架式", "Machine", 11800m, "机房关键设备供电保障。"),
            ]),
        ]),
        ("软件服务",
        [
            ("办公软件",
            [
                new("RJ3001", "金山 WPS Office 专业版 年度授权", "1 用户 / 1 年", "Set", 289m, "国产办公套件，兼容主流文档格式。"),
                new("RJ3002", "Microsoft 365 商业标准版 年度订阅", "1 用户 / 1 年", "Set", 1118m, "含 Office 桌面应用、Exchange 邮箱与 Teams。"),
                new("RJ3003", "钉钉专业版 年度服务", "100 人 / 1 年", "Set", 9800m, "组织协同、审批与考勤。"),
                new("RJ3004", "畅捷通 T+ Cloud 财务软件", "5 用户 / 1 年", "Set", 6800m, "中小企业财务及进销存。"),
            ]),
            ("安全软件",
            [
                new("RJ3005", "奇安信天擎终端安全管理系统", "1 终端 / 1 年", "Set", 120m, "终端防病毒与补丁管理。"),
                new("RJ3006", "360 企业安全云 标准版", "1 终端 / 1 年", "Set", 89m, "云端管控的终端安全。"),
                new("RJ3007", "亚信安全 服务器深度安全防护", "1 服务器 / 1 年", "Set", 2600m, "服务器防护与虚拟补丁。"),
            ]),
            ("技术服务",
            [
                new("RJ3008", "网络工程师现场服务", "按小时计 / 工作日", "Hour", 300m, "设备安装调试、故障排查。"),
                new("RJ3009", "年度 IT 运维服务包（标准版）", "50 终端以内 / 1 年", "Set", 36000m, "驻场与远程结合的年度运维。"),
                new("RJ3010", "机房综合布线工程", "按信息点计", "Each", 180m, "超六类布线，含模块及面板。"),
                new("RJ3011", "服务器三年延保服务", "7 × 24 / 4 小时响应", "Set", 6800m, "原厂备件、上门更换。"),
                new("RJ3012", "数据备份与恢复实施服务", "按项目 / 含方案设计", "Set", 12000m, "备份策略设计、部署与恢复演练。"),
                new("RJ3013", "企业 IT 培训服务", "按小时计 / 20 人以内", "Hour", 800m, "办公软件与信息安全培训。"),
            ]),
        ]),
        ("耗材",
        [
            ("硒鼓墨盒",
            [
                new("HC4001", "惠普 CF259A 黑色原装硒鼓", "约 3000 页", "Each", 598m, "适用 M404 / M428 系列。"),
                new("HC4002", "佳能 CRG-054 四色硒鼓套装", "青 / 品红 / 黄 / 黑", "Set", 1580m, "适用 LBP623 / MF643 系列。"),
                new("HC4003", "兄弟 TN-2445 黑色粉盒", "约 1200 页", "Each", 369m, "适用 HL-L2595 系列。"),
                new("HC4004", "爱普生 T03X 四色墨水套装", "70 ml × 4", "Set", 280m, "适用 L15158 等墨仓式机型。"),
                new("HC4005", "理光 MP C3000 原装碳粉", "黑色 / 约 29500 页", "Each", 660m, "适用 IM C3000 / C3500。"),
            ]),
            ("纸张",
            [
                new("HC4006", "得力 A4 复印纸 70 g", "500 张 / 包 × 5 包", "Box", 128m, "日常打印复印。"),
                new("HC4007", "晨光 A4 复印纸 80 g", "500 张 / 包 × 5 包", "Box", 159m, "双面打印不透印。"),
                new("HC4008", "亚太森博 A3 复印纸 80 g", "500 张 / 包 × 5 包", "Box", 289m, "图纸与报表输出。"),
                new("HC4009", "得力 热敏收银纸 80 mm", "80 × 60 mm / 50 卷", "Box", 168m, "收银及小票打印。"),
            ]),
            ("线缆配件",
            [
                new("HC4010", "绿联 超六类网线 CAT6A", "305 米 / 箱 / 纯铜", "Box", 899m, "万兆布线。"),
                new("HC4011", "安普 六类非屏蔽网线", "305 米 / 箱", "Box", 760m, "千兆综合布线。"),
                new("HC4012", "绿联 千兆水晶头 RJ45", "100 个 / 盒", "Piece", 59m, "六类水晶头，镀金触点。"),
                new("HC4013", "华为 SFP-10G 多模光模块", "10GBase-SR / 850 nm", "Each", 420m, "交换机万兆上联。"),
                new("HC4014", "罗技 MK270 无线键鼠套装", "2.4G 无线", "Set", 139m, "办公标配键鼠。"),
                new("HC4015", "公牛 PDU 机柜插座", "8 位 / 16 A", "Each", 259m, "机柜供电。"),
                new("HC4016", "金士顿 DataTraveler 64 GB U 盘", "USB 3.2", "Each", 45m, "资料拷贝。"),
            ]),
        ]),
    ];

    /// <summary>
    /// Seeds the catalogue once (nothing happens when products exist). <paramref name="by"/> is recorded
    /// as the author of price changes and stock movements.
    /// </summary>
    public static async Task SeedAsync(CrmDbContext db, Guid? by, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (await db.Products.AnyAsync(cancellationToken))
            return;

        var random = new Random(20261124);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var units = await db.DictionaryItems.AsNoTracking().Where(d => d.Category == C.Unit)
            .ToDictionaryAsync(d => d.Code, d => d.Id, cancellationToken);

        // Categories: the top level first, so the children know their parent's id.
        var tops = Catalogue.Select((top, i) => new ProductCategory(top.Name, null, (i + 1) * 10)).ToList();
        db.ProductCategories.AddRange(tops);
        await db.SaveChangesAsync(cancellationToken);
        var leaves = new List<(ProductCategory Category, Item[] Items)>();
        for (var t = 0; t < Catalogue.Length; t++)
        {
            for (var c = 0; c < Catalogue[t].Children.Length; c++)
            {
                var (name, items) = Catalogue[t].Children[c];
                var child = new ProductCategory(name, tops[t].Id, (c + 1) * 10);
                db.ProductCategories.Add(child);
                leaves.Add((child, items));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var products = new List<(Product Product, string Top)>();
        foreach (var (category, items) in leaves)
        {
            var top = tops.Single(t => t.Id == category.ParentId).Name;
            foreach (var item in items)
            {
                var product = NewProduct(item, category.Id, units, top, by, now, today, random);
                db.Products.Add(product);
                products.Add((product, top));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var shanghai = new Warehouse(ShanghaiWarehouse, "上海仓", "上海市浦东新区川沙路 5399 号 3 号库");
        var beijing = new Warehouse(BeijingWarehouse, "北京仓", "北京市大兴区亦庄经济开发区科创十三街 18 号");
        db.Warehouses.AddRange(shanghai, beijing);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var (product, top) in products)
        {
            var low = LowStockCodes.Contains(product.Code);
            Stock(db, product, shanghai.Id, top, low, main: true, by, now, random);
            Stock(db, product, beijing.Id, top, low: false, main: false, by, now, random);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedPriceTypesAsync(db, cancellationToken);
    }

    private static Product NewProduct(Item item, int categoryId, Dictionary<string, int> units, string top, Guid? by, DateTimeOffset now, DateOnly today, Random random)
    {
        var floor = Round(item.ListPrice * (0.76m + (random.Next(0, 5) / 100m)));
        Product product;
        // One product in six was launched at a higher price and later reduced: its history shows both.
        if (random.Next(6) == 0)
        {
            var launchList = Round(item.ListPrice * 1.1m);
            product = new Product(item.Code, item.Name, categoryId, launchList, Round(launchList * 0.8m), by, now.AddDays(-random.Next(150, 300)));
            product.SetListAndFloor(item.ListPrice, floor, by, now.AddDays(-random.Next(30, 120)));
        }
        else
        {
            product = new Product(item.Code, item.Name, categoryId, item.ListPrice, floor, by, now.AddDays(-random.Next(120, 300)));
        }

        product.UpdateDetails(item.Name, categoryId, item.Spec, units.TryGetValue(item.Unit, out var unit) ? unit : null, item.Description);
        product.SetSafetyStock(top switch
        {
            "耗材" => random.Next(4, 11) * 5,
            "软件服务" => random.Next(1, 5) * 5,
            _ => random.Next(2, 7),
        });

        var priced = now.AddDays(-random.Next(10, 60));
        if (random.Next(2) == 0)
            product.SetPrice(PriceType.Partner, Round(item.ListPrice * 0.88m), null, null, by, priced);
        if (random.Next(5) < 2)
            product.SetPrice(PriceType.Member, Round(item.ListPrice * 0.93m), null, null, by, priced);
        if (random.Next(10) < 3)
            product.SetPrice(PriceType.Cash, Round(item.ListPrice * 0.95m), null, null, by, priced);
        if (random.Next(5) == 0)
            product.SetPrice(PriceType.Employee, Math.Max(floor, Round(item.ListPrice * 0.82m)), null, null, by, priced);

        if (PromotionCodes.Contains(item.Code))
            product.SetPrice(PriceType.Promotion, Math.Max(floor, Round(item.ListPrice * 0.86m)), today.AddDays(-7), today.AddDays(21), by, now.AddDays(-8));
        else if (item.Code == ExpiredPromotionCode)
            product.SetPrice(PriceType.Promotion, Math.Max(floor, Round(item.ListPrice * 0.85m)), today.AddDays(-60), today.AddDays(-30), by, now.AddDays(-61));
        return product;
    }

    /// <summary>Two receipts (three months and three weeks ago) and now and then a count correction.</summary>
    private static void Stock(CrmDbContext db, Product product, int warehouseId, string top, bool low, bool main, Guid? by, DateTimeOffset now, Random random)
    {
        var level = new StockLevel(product.Id, warehouseId);
        db.StockLevels.Add(level);
        var target = top == "软件服务"
            ? random.Next(20, 61) * 10
            : product.SafetyStock * random.Next(main ? 4 : 3, main ? 9 : 6) + random.Next(0, 10);
        if (low)
        {
            // Below the safety stock, but never empty: the list shows a shortfall, not a sell-out.
            target = Math.Max(1, product.SafetyStock / 3);
        }

        var first = Math.Max(1, (int)(target * 0.6));
        db.StockMovements.Add(level.Receive(first, "期初入库", by, now.AddDays(-random.Next(80, 100))));
        var second = target - first;
        if (second > 0)
            db.StockMovements.Add(level.Receive(second, $"采购入库 PO{now.AddDays(-21):yyyyMM}-{random.Next(100, 999)}", by, now.AddDays(-random.Next(15, 25))));
        if (!low && level.OnHand > 10 && random.Next(8) == 0)
            db.StockMovements.Add(level.Adjust(-random.Next(1, 3), "季度盘点：外包装破损报废", by, now.AddDays(-random.Next(3, 10))));
    }

    /// <summary>合作伙伴 and 战略合作伙伴 buy at the partner price, 大客户 at the member price.</summary>
    private static async Task SeedPriceTypesAsync(CrmDbContext db, CancellationToken cancellationToken)
    {
        var levels = await db.DictionaryItems.AsNoTracking().Where(d => d.Category == C.CustomerLevel)
            .ToDictionaryAsync(d => d.Code, d => d.Id, cancellationToken);
        foreach (var (code, type) in new[] { ("Partner", PriceType.Partner), ("StrategicPartner", PriceType.Partner), ("KeyAccount", PriceType.Member) })
        {
            if (levels.TryGetValue(code, out var id) && !await db.CustomerLevelPriceTypes.AnyAsync(m => m.LevelId == id, cancellationToken))
                db.CustomerLevelPriceTypes.Add(new CustomerLevelPriceType(id, type));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static decimal Round(decimal amount) => decimal.Round(amount, 0, MidpointRounding.AwayFromZero);
}
