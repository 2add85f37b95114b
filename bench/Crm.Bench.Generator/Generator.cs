using System.Diagnostics;
using System.Globalization;
using Crm.Domain.Customers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crm.Bench.Generator;

/// <summary>
/// Bulk load with raw ADO.NET: prepared commands whose parameters are reused, one transaction per batch,
/// <c>synchronous=OFF</c> during the load; the secondary indexes of the loaded tables are dropped first and
/// re-created afterwards from their own definitions in <c>sqlite_master</c> (same schema, faster load), then ANALYZE.
/// Values are encoded as EF Core's SQLite provider stores them (see the README of bench/).
/// </summary>
internal static class Generator
{
    private const string CodePrefix = "KB";
    private static readonly Func<DateTimeOffset, long> ToBinary =
        (Func<DateTimeOffset, long>)new DateTimeOffsetToBinaryConverter().ConvertToProviderExpression.Compile();
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private const string OrderPrefix = "DB";

    internal static readonly (string City, string Region, string Division, string AreaCode, int Weight)[] Cities =
    [
        ("上海", "310000", "310115", "021", 12), ("北京", "110000", "110105", "010", 12), ("杭州", "330000", "330106", "0571", 6),
        ("苏州", "320000", "320505", "0512", 6), ("南京", "320000", "320106", "025", 5), ("宁波", "330000", "330212", "0574", 4),
        ("天津", "120000", "120116", "022", 5), ("济南", "370000", "370102", "0531", 3), ("青岛", "370000", "370212", "0532", 4),
        ("合肥", "340000", "340104", "0551", 3), ("无锡", "320000", "320214", "0510", 3), ("石家庄", "130000", "130102", "0311", 2),
        ("广州", "440000", "440106", "020", 8), ("深圳", "440000", "440305", "0755", 9), ("东莞", "440000", "441900", "0769", 3),
        ("佛山", "440000", "440604", "0757", 3), ("厦门", "350000", "350206", "0592", 2), ("福州", "350000", "350102", "0591", 2),
        ("武汉", "420000", "420106", "027", 4), ("长沙", "430000", "430104", "0731", 3), ("成都", "510000", "510107", "028", 5),
        ("重庆", "500000", "500105", "023", 4), ("西安", "610000", "610113", "029", 3), ("郑州", "410000", "410105", "0371", 3),
        ("沈阳", "210000", "210102", "024", 2), ("大连", "210000", "210202", "0411", 2), ("昆明", "530000", "530102", "0871", 1),
    ];

    internal const string BrandChars = "华辰瑞丰嘉禾恒通金桥宏远新锐博天成盛达鼎远景东方信汇川同创海纳启明卓越永安润泽蓝中联光万象正泰捷佳和锦程宇鑫源晟德隆泓益弘昌旭顺腾飞亿凯皓星";

    internal static readonly (string Word, string Industry)[] Trades =
    [
        ("科技", "IT"), ("软件", "IT"), ("信息技术", "IT"), ("网络科技", "IT"), ("电子", "Manufacturing"), ("机械", "Manufacturing"),
        ("精密制造", "Manufacturing"), ("新材料", "Manufacturing"), ("汽车零部件", "Manufacturing"), ("贸易", "Retail"), ("商贸", "Retail"),
        ("百货", "Retail"), ("物流", "Logistics"), ("供应链", "Logistics"), ("建设工程", "Construction"), ("建筑装饰", "Construction"),
        ("医疗器械", "Healthcare"), ("生物医药", "Healthcare"), ("食品", "Agriculture"), ("农业发展", "Agriculture"), ("能源", "Energy"),
        ("环保", "Energy"), ("新能源", "Energy"), ("教育科技", "Education"), ("文化传媒", "Media"), ("广告", "Media"),
        ("投资管理", "Finance"), ("融资租赁", "Finance"), ("置业", "RealEstate"), ("物业管理", "RealEstate"), ("酒店管理", "Hospitality"),
        ("餐饮管理", "Hospitality"), ("企业管理咨询", "BusinessServices"), ("人力资源", "BusinessServices"), ("实业", "Other"),
    ];

    internal static readonly string[] Suffixes = ["有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司", "集团有限公司"];
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static readonly string[] GivenNames =
    [
        "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
        "平", "刚", "桂英", "建国", "建华", "志强", "海燕", "晓燕", "婷", "雪", "浩", "宇", "欣怡", "子涵", "梓萱", "一鸣", "俊杰", "文博", "思远", "佳琪",
    ];

    private static readonly string[] Titles = ["总经理", "采购经理", "财务主管", "技术总监", "行政经理", "销售总监", "项目经理", "董事长助理", "IT 主管", "运营经理"];
    internal static readonly string[] Streets = ["人民路", "解放路", "中山路", "建设路", "和平路", "科技园路", "创业大道", "滨江大道", "长江路", "黄河路", "新华路", "工业园区路"];

    private static readonly (string Summary, string Details)[] Interactions =
    [
        ("电话回访", "了解近期使用情况，客户反馈良好。"), ("上门拜访", "与采购负责人面谈，介绍新产品线。"),
        ("发送报价单", "按标准版报价，附年度维保条款。"), ("微信确认到货情况", "上批货物已全部签收，无破损。"),
        ("节日问候", "中秋节问候，顺带了解下季度需求。"), ("方案演示", "线上演示解决方案，客户技术团队参加。"),
        ("合同条款沟通", "就付款周期和交付时间达成初步一致。"), ("售后问题跟进", "协调技术支持处理客户提出的问题。"),
    ];

    private sealed record Owner(string Id, int UnitId, int PoolUnitId);

    /// <summary>
    /// Whether the data set at <c>--db</c> was made with these options: the same counts and seed, and either this
    /// schema (<see cref="Reuse.Same"/>) or an older one (<see cref="Reuse.Migrate"/>: the data set is brought
    /// forward by the app's own migrations, as a live database is on upgrade, instead of being generated again).
    /// </summary>
    public static Reuse Matches(GeneratorOptions o)
    {
        var meta = o.Db + ".meta";
        if (!File.Exists(meta))
            return Reuse.No;
        var stored = File.ReadAllText(meta).Trim();
        var same = stored == MetaOf(o);
        if (!same && !(stored.StartsWith(DataOf(o) + " schema=", StringComparison.Ordinal)
                       && string.CompareOrdinal(stored[(DataOf(o).Length + " schema=".Length)..], LastMigration) < 0))
            return Reuse.No;
        using var connection = Open(o.Db);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Customers WHERE Code LIKE 'KB%'";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != o.Customers)
            return Reuse.No;
        return same ? Reuse.Same : Reuse.Migrate;
    }

    public enum Reuse { No, Same, Migrate }

    /// <summary>Records that the data set at <c>--db</c> now has this schema (after <see cref="Bootstrap"/> migrated it).</summary>
    /// <remarks>The statistics are gathered again (as after generating), so that new indexes have theirs too.</remarks>
    public static void MarkMigrated(GeneratorOptions o)
    {
        using (var connection = Open(o.Db))
            Exec(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        File.WriteAllText(o.Db + ".meta", MetaOf(o));
    }

    // The schema (last migration) is part of it: a data set made before a migration is migrated, never reused as it is.
    private static string MetaOf(GeneratorOptions o) => $"{DataOf(o)} schema={LastMigration}";

    private static string DataOf(GeneratorOptions o) =>
        $"customers={o.Customers} salespeople={o.Salespeople} seed={o.Seed} children={o.Children} orders={o.Orders}";

    private static readonly string LastMigration = typeof(Crm.Infrastructure.Migrations.Sqlite.CustomerNameSearch).Assembly.GetTypes()
        .Where(t => t.Namespace == Crm.Infrastructure.Persistence.DatabaseSetup.SqliteMigrationsNamespace)
        .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().FirstOrDefault()?.Id)
        .OfType<string>()
        .Max(StringComparer.Ordinal)!;

    internal static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static void Run(GeneratorOptions o)
    {
        using var connection = Open(o.Db);
        Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000; PRAGMA temp_store=MEMORY;");
        var random = new Random(o.Seed);

        var owners = CreateOrganisation(connection, random, o.Salespeople);

        // Secondary indexes and triggers (the name-search index's) of the loaded tables are dropped for the
        // load and re-created from their own definitions afterwards; --keep-indexes loads with them in place
        // (what an import into a live database pays).
        var indexes = new List<(string Name, string Type, string Sql)>();
        if (!o.KeepIndexes)
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name, type, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ('Customers','Contacts','Interactions','Orders','OrderLines')";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                    indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }

            foreach (var (name, type, _) in indexes)
                Exec(connection, $"DROP {type.ToUpperInvariant()} \"{name}\"");
        }

        var dictionary = ReadDictionary(connection);
        var firstCustomer = NextId(connection, "Customers");
        var firstContact = NextId(connection, "Contacts");
        var firstInteraction = NextId(connection, "Interactions");
        var zhang = Scalar(connection, "SELECT Id FROM AspNetUsers WHERE UserName='zhang.wei'");

        var catalogue = ReadCatalogue(connection);
        var counts = LoadCustomers(connection, o, owners, dictionary, zhang, firstCustomer, firstContact, firstInteraction, catalogue);

        var sw = Stopwatch.StartNew();
        foreach (var (_, _, sql) in indexes)
            Exec(connection, sql);
        Console.WriteLine($"indexes and triggers re-created ({indexes.Count}): {sw.Elapsed.TotalSeconds:F1} s");
        if (!o.KeepIndexes)
        {
            sw.Restart();
            RefillNameSearch(connection);
            Console.WriteLine($"name-search index (FTS5 trigram) refilled: {sw.Elapsed.TotalSeconds:F1} s");
        }

        sw.Restart();
        Exec(connection, "ANALYZE;");
        Exec(connection, "PRAGMA synchronous=NORMAL; PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine($"ANALYZE + checkpoint: {sw.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"rows: customers {counts.Customers}, contacts {counts.Contacts}, interactions {counts.Interactions}, orders {counts.Orders}, order lines {counts.Lines}");
        File.WriteAllText(o.Db + ".meta", MetaOf(o));
    }

    private static List<Owner> CreateOrganisation(SqliteConnection connection, Random random, int salespeople)
    {
        var sw = Stopwatch.StartNew();
        var units = new List<(int Id, int? ParentId, string Name, string Kind, string Path)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id, ParentId, Name, Kind, Path FROM OrgUnits ORDER BY Id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                units.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        var nextId = units.Max(u => u.Id) + 1;
        var stamp = ToBinary(Now.AddYears(-2));
        using var tx = connection.BeginTransaction();
        using var insertUnit = Prepare(connection, tx,
            "INSERT INTO OrgUnits (Id, Name, Kind, ParentId, Path, CreatedAt, UpdatedAt, Version) VALUES ($id, $name, $kind, $parent, $path, $at, $at, $version)",
            "$id", "$name", "$kind", "$parent", "$path", "$at", "$version");

        int AddUnit(int parentId, string name, string kind)
        {
            var parent = units.Single(u => u.Id == parentId);
            var siblings = units.Count(u => u.ParentId == parentId);
            var path = parent.Path + (siblings + 1).ToString("D4", CultureInfo.InvariantCulture);
            var id = nextId++;
            Run(insertUnit, id, name, kind, parentId, path, stamp, NewGuid(random));
            units.Add((id, parentId, name, kind, path));
            return id;
        }

        var root = units.Single(u => u.ParentId is null).Id;
        var east = units.Single(u => u.Name == "华东公司").Id;
        var north = units.Single(u => u.Name == "华北公司").Id;
        var south = AddUnit(root, "华南公司", "Company");
        var west = AddUnit(root, "西部公司", "Company");
        var branches = new List<(int Id, int Company)>
        {
            (units.Single(u => u.Name == "上海分公司").Id, east), (AddUnit(east, "杭州分公司", "Branch"), east),
            (AddUnit(east, "南京分公司", "Branch"), east), (AddUnit(east, "苏州分公司", "Branch"), east),
            (units.Single(u => u.Name == "北京分公司").Id, north), (AddUnit(north, "天津分公司", "Branch"), north),
            (AddUnit(north, "济南分公司", "Branch"), north), (AddUnit(south, "广州分公司", "Branch"), south),
            (AddUnit(south, "深圳分公司", "Branch"), south), (AddUnit(west, "成都分公司", "Branch"), west),
            (AddUnit(west, "武汉分公司", "Branch"), west),
        };

        // About 10 salespeople per team, teams spread round-robin over the branches.
        var teamCount = Math.Max(1, (salespeople + 9) / 10);
        var teams = new List<(int Id, int Company)>();
        for (var t = 0; t < teamCount; t++)
        {
            var branch = branches[t % branches.Count];
            teams.Add((AddUnit(branch.Id, $"销售{(t / branches.Count) + 1}部{(t % branches.Count) + 1}组", "Team"), branch.Company));
        }

        var demo = new List<(string Id, int Unit)>();
        string hash, salesmanRole;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = "SELECT PasswordHash FROM AspNetUsers WHERE UserName='zhang.wei'";
            hash = (string)command.ExecuteScalar()!;
            command.CommandText = "SELECT Id FROM AspNetRoles WHERE Name='Salesman'";
            salesmanRole = (string)command.ExecuteScalar()!;
            command.CommandText = "SELECT u.Id, u.OrgUnitId FROM AspNetUsers u JOIN AspNetUserRoles r ON r.UserId=u.Id WHERE r.RoleId=$role ORDER BY u.UserName";
            command.Parameters.AddWithValue("$role", salesmanRole);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                demo.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        using var insertUser = Prepare(connection, tx,
            "INSERT INTO AspNetUsers (Id, DisplayName, OrgUnitId, IsActive, CreatedAt, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) " +
            "VALUES ($id, $display, $unit, 1, $at, $user, $nuser, $email, $nemail, 1, $hash, $stamp, $cstamp, 0, 0, 1, 0)",
            "$id", "$display", "$unit", "$at", "$user", "$nuser", "$email", "$nemail", "$hash", "$stamp", "$cstamp");
        using var insertRole = Prepare(connection, tx, "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($user, $role)", "$user", "$role");

        var unitCompany = teams.ToDictionary(t => t.Id, t => t.Company);
        int CompanyOf(int unitId)
        {
            var path = units.Single(u => u.Id == unitId).Path;
            return units.Single(u => u.Path == path[..8]).Id;
        }

        var owners = demo.Select(d => new Owner(d.Id, d.Unit, CompanyOf(d.Unit))).ToList();
        for (var i = 0; i < salespeople; i++)
        {
            var team = teams[i % teams.Count];
            var id = NewGuid(random);
            var user = $"sales.{i + 1:D4}";
            var email = $"{user}@bench.crm.local";
            var display = PersonName(random);
            Run(insertUser, id, display, team.Id, stamp, user, user.ToUpperInvariant(), email, email.ToUpperInvariant(), hash,
                NewGuid(random).Replace("-", "", StringComparison.Ordinal), NewGuid(random).ToLowerInvariant());
            Run(insertRole, id, salesmanRole);
            owners.Add(new Owner(id, team.Id, unitCompany[team.Id]));
        }

        tx.Commit();
        Console.WriteLine($"org: {units.Count} units, {salespeople} salespeople added (+{demo.Count} demo salesmen, password {Crm.Infrastructure.Seeding.DemoSeeder.Password}): {sw.Elapsed.TotalSeconds:F1} s");
        return owners;
    }

    private sealed record Catalogue((long Id, string Code, string Name, decimal ListPrice, decimal FloorPrice)[] Products, long[] Warehouses);

    /// <summary>The demo catalogue (products with their list and floor prices, active warehouses) the orders sell from.</summary>
    private static Catalogue ReadCatalogue(SqliteConnection connection)
    {
        var products = new List<(long, string, string, decimal, decimal)>();
        var warehouses = new List<long>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Code, Name, ListPrice, FloorPrice FROM Products WHERE Status = 'Active' ORDER BY Id";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                products.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture), decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        command.CommandText = "SELECT Id FROM Warehouses WHERE IsActive = 1 ORDER BY Id";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                warehouses.Add(reader.GetInt64(0));
        }

        return new Catalogue([.. products], [.. warehouses]);
    }

    private static (long Customers, long Contacts, long Interactions, long Orders, long Lines) LoadCustomers(
        SqliteConnection connection, GeneratorOptions o, List<Owner> owners, Dictionary<(string, string), long> dictionary,
        string zhang, long firstCustomer, long firstContact, long firstInteraction, Catalogue catalogue)
    {
        var levels = dictionary.Where(d => d.Key.Item1 == "CustomerLevel").OrderBy(d => d.Value).Select(d => d.Value).ToArray();
        var sources = dictionary.Where(d => d.Key.Item1 == "Source").Select(d => d.Value).ToArray();
        var channels = dictionary.Where(d => d.Key.Item1 == "InteractionChannel").Select(d => d.Value).ToArray();
        var cityWeights = Cities.Select(c => c.Weight).ToArray();

        const string customerSql =
            "INSERT INTO Customers (Id, Address, AnnualRevenue, Code, CreatedAt, CreditCode, CreditRating, IndustryId, LastInteractionAt, LegalRepresentative, LevelId, " +
            "Name, NormalizedName, OrgUnitId, OwnerId, OwnerSince, Phone, PhoneKey, Postcode, RegionId, RegisteredCapital, Satisfaction, SourceId, Status, Type, UpdatedAt, Version, LastOrderAt, LifetimeRevenue) " +
            "VALUES ($id, $address, $revenue, $code, $created, $credit, $rating, $industry, $last, $legal, $level, $name, $nname, $unit, $owner, $since, $phone, $pkey, $post, $region, $capital, $sat, $source, $status, 'Company', $created, $version, $lastorder, $lifetime)";
        string[] customerParams = ["$id", "$address", "$revenue", "$code", "$created", "$credit", "$rating", "$industry", "$last", "$legal", "$level", "$name", "$nname", "$unit", "$owner", "$since", "$phone", "$pkey", "$post", "$region", "$capital", "$sat", "$source", "$status", "$version", "$lastorder", "$lifetime"];
        const string orderSql =
            "INSERT INTO Orders (Id, Status, WarehouseId, DeliveryAddress, QuoteId, ConfirmedAt, ShippedAt, CompletedAt, CancelledAt, CancelReason, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy, " +
            "Version, Number, CustomerId, ContactId, SalesmanId, OrgUnitId, Date, Remarks, Total, ApprovalState) " +
            "VALUES ($id, $status, $warehouse, NULL, NULL, $confirmed, $shipped, $completed, $cancelled, $reason, $created, $by, $updated, $by, $version, $number, $customer, $contact, $salesman, $unit, $date, NULL, $total, 'NotRequired')";
        string[] orderParams = ["$id", "$status", "$warehouse", "$confirmed", "$shipped", "$completed", "$cancelled", "$reason", "$created", "$by", "$updated", "$version", "$number", "$customer", "$contact", "$salesman", "$unit", "$date", "$total"];
        const string lineSql =
            "INSERT INTO OrderLines (Id, OrderId, ShippedQuantity, ReturnedQuantity, LineNo, ProductId, ProductCode, ProductName, Quantity, PriceType, AppliedPriceType, UnitPrice, IsPriceOverridden, DiscountPercent, FloorPrice, Amount) " +
            "VALUES ($id, $order, $shipped, 0, $no, $product, $code, $name, $quantity, 'List', 'List', $price, 0, $discount, $floor, $amount)";
        string[] lineParams = ["$id", "$order", "$shipped", "$no", "$product", "$code", "$name", "$quantity", "$price", "$discount", "$floor", "$amount"];
        const string contactSql =
            "INSERT INTO Contacts (Id, CustomerId, Name, Gender, Title, Mobile, Email, Birthday, IsPrimary, CreatedAt, UpdatedAt, Version) " +
            "VALUES ($id, $customer, $name, $gender, $title, $mobile, $email, $birthday, $primary, $at, $at, $version)";
        string[] contactParams = ["$id", "$customer", "$name", "$gender", "$title", "$mobile", "$email", "$birthday", "$primary", "$at", "$version"];
        const string interactionSql =
            "INSERT INTO Interactions (Id, CustomerId, OccurredAt, ChannelId, ContactId, Summary, Details, CreatedAt, UpdatedAt, Version) " +
            "VALUES ($id, $customer, $at, $channel, $contact, $summary, $details, $at, $at, $version)";
        string[] interactionParams = ["$id", "$customer", "$at", "$channel", "$contact", "$summary", "$details", "$version"];

        long contacts = 0, interactions = 0, orders = 0, lines = 0;
        var tOrders = new Stopwatch();
        var tLines = new Stopwatch();
        var orderId = NextId(connection, "Orders");
        var lineId = NextId(connection, "OrderLines");
        // Orders draw from their own stream, so that the customers of a seed are the same with or without them.
        var orderRandom = new Random(o.Seed + 2);
        var ordersPerCustomer = o.Customers == 0 ? 0 : (double)o.Orders / o.Customers;
        var sold = new List<(DateTimeOffset At, string Status, decimal Total, (int Product, int Quantity, decimal Discount)[] Lines)>();
        var tCustomers = new Stopwatch();
        var tContacts = new Stopwatch();
        var tInteractions = new Stopwatch();
        var tCommit = new Stopwatch();
        var tAll = Stopwatch.StartNew();
        var contactId = firstContact;
        var interactionId = firstInteraction;
        var random = new Random(o.Seed + 1);
        var pooled = 0;

        for (var start = 0; start < o.Customers; start += o.Batch)
        {
            var end = Math.Min(o.Customers, start + o.Batch);
            using var tx = connection.BeginTransaction();
            using var insertCustomer = Prepare(connection, tx, customerSql, customerParams);
            using var insertContact = Prepare(connection, tx, contactSql, contactParams);
            using var insertInteraction = Prepare(connection, tx, interactionSql, interactionParams);
            using var insertOrder = Prepare(connection, tx, orderSql, orderParams);
            using var insertLine = Prepare(connection, tx, lineSql, lineParams);
            for (var i = start; i < end; i++)
            {
                var id = firstCustomer + i;
                var city = Cities[Weighted(random, cityWeights)];
                var trade = Trades[random.Next(Trades.Length)];
                var name = $"{city.City}{BrandChars[random.Next(BrandChars.Length)]}{BrandChars[random.Next(BrandChars.Length)]}{trade.Word}{Suffixes[random.Next(Suffixes.Length)]}";
                var first17 = "91" + city.Division + RandomCredit(random);
                var created = Now.AddMinutes(-random.Next(1, 4 * 365 * 24 * 60));
                // The first bench customer belongs to zhang.wei and has a long history (the 360 scenario).
                var rich = i == 0;
                var owner = rich ? owners.First(w => w.Id == zhang) : owners[random.Next(owners.Count)];
                var inPool = !rich && random.Next(100) < 3;
                pooled += inPool ? 1 : 0;
                var contactCount = rich ? 5 : o.Children ? random.Next(1, 4) : 0;
                var interactionCount = rich ? 60 : o.Children ? random.Next(0, 6) : 0;
                var occurred = new DateTimeOffset[interactionCount];
                for (var k = 0; k < interactionCount; k++)
                    occurred[k] = created.AddMinutes(random.Next(1, Math.Max(2, (int)(Now - created).TotalMinutes)));
                Array.Sort(occurred);
                var phone = $"{city.AreaCode}-{random.Next(5000_0000, 8999_9999)}";
                var status = random.Next(10) switch { < 6 => "Active", 6 => "ChurnWarning", 7 => "Churned", _ => "Prospect" };

                // Orders of this customer (drawn before the customer row: its revenue and last order come from them).
                sold.Clear();
                var orderCount = rich ? 40 : (int)ordersPerCustomer + (orderRandom.NextDouble() < ordersPerCustomer - (int)ordersPerCustomer ? 1 : 0);
                if (o.Orders == 0)
                    orderCount = 0;
                decimal lifetime = 0;
                DateTimeOffset? lastOrder = null;
                for (var k = 0; k < orderCount; k++)
                {
                    var at = created.AddMinutes(orderRandom.Next(1, Math.Max(2, (int)(Now - created).TotalMinutes)));
                    var orderStatus = orderRandom.Next(20) switch { < 13 => "Completed", < 15 => "Shipped", < 17 => "Confirmed", < 18 => "Draft", _ => "Cancelled" };
                    var items = new (int Product, int Quantity, decimal Discount)[orderRandom.Next(1, 5)];
                    decimal total = 0;
                    for (var n = 0; n < items.Length; n++)
                    {
                        var product = orderRandom.Next(catalogue.Products.Length);
                        var quantity = orderRandom.Next(1, 20);
                        // A 5 % discount where it stays at or above the floor price (no approval needed).
                        var discount = orderRandom.Next(4) == 0 && catalogue.Products[product].ListPrice * 0.95m >= catalogue.Products[product].FloorPrice ? 5m : 0m;
                        items[n] = (product, quantity, discount);
                        total += LineAmount(catalogue.Products[product].ListPrice, quantity, discount);
                    }

                    sold.Add((at, orderStatus, total, items));
                    if (orderStatus is not ("Draft" or "Cancelled"))
                    {
                        lifetime += total;
                        lastOrder = lastOrder is { } l && l > at ? l : at;
                    }
                }

                tCustomers.Start();
                Run(insertCustomer,
                    id,
                    $"{city.City}市{Streets[random.Next(Streets.Length)]}{random.Next(1, 999)}号",
                    Money(random.Next(100, 50_000) * 10_000m),
                    CodePrefix + (i + 1).ToString("D8", CultureInfo.InvariantCulture),
                    ToBinary(created),
                    first17 + UnifiedSocialCreditCode.CheckCharacter(first17),
                    random.Next(2, 6),
                    dictionary[("Industry", trade.Industry)],
                    interactionCount > 0 ? ToBinary(occurred[^1]) : DBNull.Value,
                    PersonName(random),
                    levels[Weighted(random, [55, 20, 15, 7, 3])],
                    name,
                    CustomerNameNormalizer.Normalize(name),
                    inPool ? owner.PoolUnitId : owner.UnitId,
                    inPool ? DBNull.Value : owner.Id,
                    inPool ? DBNull.Value : ToBinary(created),
                    phone,
                    Customer.PhoneKeyOf(phone)!,
                    city.Division[..2] + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
                    dictionary[("Region", city.Region)],
                    Money(random.Next(50, 5000) * 10_000m),
                    random.Next(2, 6),
                    sources[random.Next(sources.Length)],
                    status,
                    NewGuid(random),
                    lastOrder is { } lastOrderAt ? ToBinary(lastOrderAt) : DBNull.Value,
                    Money(lifetime));
                tCustomers.Stop();

                var firstContactOfCustomer = contactId;
                for (var k = 0; k < contactCount; k++)
                {
                    var female = random.Next(2) == 0;
                    var contactName = PersonName(random);
                    tContacts.Start();
                    Run(insertContact, contactId++, id, contactName, female ? "Female" : "Male", Titles[random.Next(Titles.Length)],
                        $"1{random.Next(30, 99)}{random.Next(1000_0000, 9999_9999)}", $"contact{contactId}@example.cn",
                        new DateOnly(random.Next(1960, 2000), random.Next(1, 13), random.Next(1, 29)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        k == 0 ? 1 : 0, ToBinary(created), NewGuid(random));
                    tContacts.Stop();
                }

                contacts += contactCount;
                for (var k = 0; k < interactionCount; k++)
                {
                    var (summary, details) = Interactions[random.Next(Interactions.Length)];
                    tInteractions.Start();
                    Run(insertInteraction, interactionId++, id, ToBinary(occurred[k]), channels[random.Next(channels.Length)],
                        contactCount > 0 ? firstContactOfCustomer + random.Next(contactCount) : DBNull.Value, summary, details, NewGuid(random));
                    tInteractions.Stop();
                }

                interactions += interactionCount;

                foreach (var (at, orderStatus, total, items) in sold)
                {
                    var confirmed = orderStatus is "Confirmed" or "Shipped" or "Completed";
                    var shipped = orderStatus is "Shipped" or "Completed";
                    tOrders.Start();
                    Run(insertOrder, orderId, orderStatus, catalogue.Warehouses[orderRandom.Next(catalogue.Warehouses.Length)],
                        confirmed ? ToBinary(at.AddHours(1)) : DBNull.Value,
                        shipped ? ToBinary(at.AddDays(2)) : DBNull.Value,
                        orderStatus == "Completed" ? ToBinary(at.AddDays(7)) : DBNull.Value,
                        orderStatus == "Cancelled" ? ToBinary(at.AddDays(1)) : DBNull.Value,
                        orderStatus == "Cancelled" ? "客户取消采购计划" : DBNull.Value,
                        ToBinary(at), owner.Id, ToBinary(at), NewGuid(orderRandom),
                        OrderPrefix + (orders + 1).ToString("D9", CultureInfo.InvariantCulture),
                        id, contactCount > 0 ? firstContactOfCustomer : DBNull.Value, owner.Id, owner.UnitId,
                        DateOnly.FromDateTime(at.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Money(total));
                    tOrders.Stop();
                    for (var n = 0; n < items.Length; n++)
                    {
                        var (product, quantity, discount) = items[n];
                        var p = catalogue.Products[product];
                        tLines.Start();
                        Run(insertLine, lineId++, orderId, shipped ? quantity : 0, n + 1, p.Id, p.Code, p.Name, quantity,
                            Money(p.ListPrice), Money(discount), Money(p.FloorPrice), Money(LineAmount(p.ListPrice, quantity, discount)));
                        tLines.Stop();
                    }

                    lines += items.Length;
                    orderId++;
                    orders++;
                }
            }

            tCommit.Start();
            tx.Commit();
            tCommit.Stop();
            if ((end / o.Batch) % 10 == 0 || end == o.Customers)
                Console.WriteLine($"  {end,9:N0} customers ...");
        }

        Console.WriteLine($"customers:    {o.Customers,10:N0} rows in {tCustomers.Elapsed.TotalSeconds,6:F1} s = {o.Customers / Math.Max(0.001, tCustomers.Elapsed.TotalSeconds),9:N0} rows/s ({pooled:N0} in the pool)");
        if (contacts > 0)
            Console.WriteLine($"contacts:     {contacts,10:N0} rows in {tContacts.Elapsed.TotalSeconds,6:F1} s = {contacts / Math.Max(0.001, tContacts.Elapsed.TotalSeconds),9:N0} rows/s");
        if (interactions > 0)
            Console.WriteLine($"interactions: {interactions,10:N0} rows in {tInteractions.Elapsed.TotalSeconds,6:F1} s = {interactions / Math.Max(0.001, tInteractions.Elapsed.TotalSeconds),9:N0} rows/s");
        if (orders > 0)
        {
            Console.WriteLine($"orders:       {orders,10:N0} rows in {tOrders.Elapsed.TotalSeconds,6:F1} s = {orders / Math.Max(0.001, tOrders.Elapsed.TotalSeconds),9:N0} rows/s");
            Console.WriteLine($"order lines:  {lines,10:N0} rows in {tLines.Elapsed.TotalSeconds,6:F1} s = {lines / Math.Max(0.001, tLines.Elapsed.TotalSeconds),9:N0} rows/s");
        }

        Console.WriteLine($"commits:      {tCommit.Elapsed.TotalSeconds,6:F1} s; whole load incl. generating values: {(o.Customers + contacts + interactions + orders + lines) / tAll.Elapsed.TotalSeconds:N0} rows/s over {tAll.Elapsed.TotalSeconds:F1} s");
        return (o.Customers, contacts, interactions, orders, lines);
    }

    /// <summary>
    /// The triggers that keep the name-search FTS tables in step were off during the load: the tables are
    /// emptied and filled again by the migration's own INSERT … SELECT statements (nothing restated here).
    /// </summary>
    private static void RefillNameSearch(SqliteConnection connection)
    {
        var fills = new Crm.Infrastructure.Migrations.Sqlite.CustomerNameSearch().UpOperations
            .OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.SqlOperation>()
            .Select(op => op.Sql.Trim())
            .Where(sql => sql.StartsWith("INSERT INTO", StringComparison.Ordinal))
            .ToList();
        if (fills.Count == 0)
            throw new InvalidOperationException("The CustomerNameSearch migration has no INSERT … SELECT to refill the name-search tables with.");
        foreach (var fill in fills)
        {
            var table = fill.Split('"')[1];
            Exec(connection, $"INSERT INTO \"{table}\" (\"{table}\") VALUES ('delete-all'); {fill}");
        }
    }

    internal static string RandomCredit(Random random)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        Span<char> chars = stackalloc char[9];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }

    internal static string PersonName(Random random) =>
        Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];

    /// <summary>A line's amount as the domain computes it: quantity × price less the discount, rounded to the fen.</summary>
    private static decimal LineAmount(decimal price, int quantity, decimal discountPercent) =>
        Math.Round(price * quantity * (100m - discountPercent) / 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>EF Core's SQLite provider stores decimals as TEXT in this format.</summary>
    private static string Money(decimal value) => value.ToString("0.0###########################", CultureInfo.InvariantCulture);

    private static string NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString().ToUpperInvariant();
    }

    internal static int Weighted(Random random, int[] weights)
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

    private static Dictionary<(string, string), long> ReadDictionary(SqliteConnection connection)
    {
        var result = new Dictionary<(string, string), long>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Category, Code, Id FROM DictionaryItems";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            result[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        return result;
    }

    private static long NextId(SqliteConnection connection, string table) =>
        Convert.ToInt64(Scalar(connection, $"SELECT coalesce(max(Id), 0) + 1 FROM \"{table}\""), CultureInfo.InvariantCulture);

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var p in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = p });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }
}
