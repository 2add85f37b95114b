using System.Diagnostics;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Domain.Service;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using C = Crm.Domain.Common.DictionaryCategories;

namespace Crm.Infrastructure.Seeding;

/// <summary>
/// A year of demo service work, made through the entities' methods as the app would have made it: 30 service
/// contracts (some expiring within 30 days, some expired), ~400 service requests of every type in every
/// state (the open ones partly overdue, some sent back by a satisfaction below 3 before they were handled
/// again; handlers are the salespeople of the customer's company, assigned by its manager; requests under an
/// active contract use its cases), a return visit for most archived requests plus planned ones, ~150 visits
/// with surveys in all, 40 quality complaints and 25 knowledge articles (plain, safe HTML). Deterministic;
/// does nothing when service requests exist or there are no owned customers. Written on an unaudited
/// context in batches; the caller's context is cleared afterwards so it holds no stale versions.
/// </summary>
public static class DemoService
{
    public const int Requests = 400;
    public const int Complaints = 40;
    public const int Visits = 150;
    public const int Contracts = 30;
    public const int Articles = 25;
    private const int BatchSize = 100;

    private static readonly string[] Summaries =
    [
        "打印机卡纸频繁", "服务器风扇噪音大", "咨询产品保修期限", "建议增加夜间服务热线", "投诉送货延误三天", "复印机无法联网",
        "要求上门更换硒鼓", "咨询批量采购折扣", "投诉售后工程师态度", "显示器出现坏点", "建议提供电子发票", "UPS 电池无法充电",
    ];

    private static readonly string[] Handlings =
    [
        "远程指导客户重新安装驱动，问题解决", "上门更换故障部件并测试正常", "电话解答并发送产品手册", "与物流协调补发，并致歉",
        "更换同型号备机，原机返厂检测", "调整网络配置后恢复正常",
    ];

    private static readonly string[] Projects = ["市政大楼改造工程", "滨江花园二期", "新区医院信息化", "高新区数据中心", "城北学校多媒体教室", "地铁三号线站房"];

    private static readonly string[] ComplaintDetails =
    [
        "批次产品外壳开裂，影响安装", "设备运行两周后频繁死机", "到货产品与订单型号不符", "部分产品包装破损导致划伤",
        "打印质量不稳定，出现条纹", "电源模块发热严重",
    ];

    private static readonly (string Title, string Tags, string Body)[] ArticleTexts =
    [
        ("打印机卡纸如何处理", "打印机,卡纸", "<p>关闭电源，打开前盖，<strong>沿出纸方向</strong>轻轻取出卡住的纸张。</p><ul><li>检查纸张是否受潮</li><li>不要超过纸盒容量</li></ul>"),
        ("硒鼓更换步骤", "打印机,耗材", "<p>打开前盖，取出旧硒鼓，摇匀新硒鼓后装入，听到<em>咔嗒</em>声即安装到位。</p>"),
        ("服务器风扇噪音过大", "服务器,风扇", "<p>检查机房温度是否超过 27℃，清理防尘网；如仍异常，请报修更换风扇模块。</p>"),
        ("保修期如何计算", "保修,政策", "<p>保修期自<strong>签收日</strong>起计算，凭订单号或序列号查询。</p>"),
        ("复印机无法联网", "复印机,网络", "<ol><li>确认网线连接</li><li>在面板中设置 IP 地址</li><li>重启设备</li></ol>"),
        ("UPS 电池保养", "UPS,电池", "<p>每三个月进行一次放电测试，电池寿命一般为 3–5 年。</p>"),
        ("显示器坏点标准", "显示器,质量", "<p>亮点不超过 2 个且不在中央区域时属于正常范围。</p>"),
        ("如何申请上门服务", "服务,流程", "<p>拨打服务热线或联系客户经理登记服务请求，我们将在约定时间内上门。</p>"),
        ("电子发票申请", "财务,发票", "<p>在订单确认后 3 个工作日内开具电子发票，发送至登记邮箱。</p>"),
        ("服务合同级别说明", "服务合同,政策", "<table><tr><th>级别</th><th>响应时间</th></tr><tr><td>基础</td><td>24 小时</td></tr><tr><td>标准</td><td>8 小时</td></tr><tr><td>高级</td><td>4 小时</td></tr></table>"),
    ];

    /// <summary>Seeds the demo service data; returns what it made (all zero when requests exist or nothing to build on).</summary>
    public static async Task<DemoServiceSummary> SeedAsync(CrmDbContext db, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var stopwatch = Stopwatch.StartNew();
        if (await db.ServiceRequests.IgnoreQueryFilters().AnyAsync(ct))
            return DemoServiceSummary.Nothing;

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var customers = await db.Customers.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.OwnerId != null && c.Status != CustomerStatus.Archived && c.MergedIntoId == null)
            .OrderBy(c => c.Id).Select(c => new DemoCustomer(c.Id, c.OwnerId!.Value, c.OrgUnitId)).ToListAsync(ct);
        var types = await DictionaryAsync(db, C.ServiceType, ct);
        var priorities = await db.DictionaryItems.AsNoTracking().Where(d => d.Category == C.Priority && d.IsActive)
            .OrderBy(d => d.SortOrder).Select(d => new { d.Id, Hours = d.Value ?? 24 }).ToListAsync(ct);
        var methods = await DictionaryAsync(db, C.VisitMethod, ct);
        if (customers.Count == 0 || types.Length == 0 || priorities.Count == 0)
            return DemoServiceSummary.Nothing;
        var products = await db.Products.AsNoTracking().Where(p => p.Status == ProductStatus.Active).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var contacts = (await db.Contacts.IgnoreQueryFilters().AsNoTracking().Select(k => new { k.Id, k.CustomerId }).ToListAsync(ct))
            .GroupBy(k => k.CustomerId).ToDictionary(g => g.Key, g => g.Select(k => k.Id).ToArray());
        var paths = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Path, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.OrgUnitId }).ToListAsync(ct);
        var managerRole = await db.Roles.Where(r => r.Name == BuiltInRoles.Manager).Select(r => r.Id).SingleOrDefaultAsync(ct);
        var managerIds = await db.UserRoles.Where(r => r.RoleId == managerRole).Select(r => r.UserId).ToListAsync(ct);
        var managers = users.Where(u => managerIds.Contains(u.Id)).Select(u => (u.Id, Path: paths[u.OrgUnitId])).OrderByDescending(m => m.Path.Length).ToList();
        var salespeople = users.Where(u => !managerIds.Contains(u.Id) && customers.Any(c => c.Owner == u.Id))
            .Select(u => (u.Id, u.OrgUnitId, Path: paths[u.OrgUnitId])).ToList();
        var admin = users.FirstOrDefault(u => paths[u.OrgUnitId].Count(ch => ch == '/') <= 2)?.Id ?? users[0].Id;

        Guid ManagerOf(int orgUnitId) =>
            managers.Where(m => paths[orgUnitId].StartsWith(m.Path, StringComparison.Ordinal)).Select(m => m.Id).FirstOrDefault() is var id && id != Guid.Empty ? id : admin;

        // Handlers: a salesperson under the same manager (company) as the customer.
        (Guid Id, int OrgUnitId) HandlerFor(Random random, DemoCustomer customer)
        {
            var manager = ManagerOf(customer.OrgUnitId);
            var path = managers.FirstOrDefault(m => m.Id == manager).Path;
            var pool = salespeople.Where(s => path is null || s.Path.StartsWith(path, StringComparison.Ordinal)).ToList();
            var pick = pool.Count > 0 ? pool[random.Next(pool.Count)] : salespeople[random.Next(salespeople.Count)];
            return (pick.Id, pick.OrgUnitId);
        }

        int? ContactOf(Random random, int customerId) =>
            contacts.TryGetValue(customerId, out var ids) && ids.Length > 0 ? ids[random.Next(ids.Length)] : null;

        var random = new Random(20261123);
        var codes = new CodeGenerator(db);
        var contractNo = await codes.ReserveAsync("ServiceContract", Contracts, ct);
        var requestNo = await codes.ReserveAsync("ServiceRequest", Requests, ct);
        var complaintNo = await codes.ReserveAsync("QualityComplaint", Complaints, ct);

        var made = new DemoServiceSummary(0, 0, 0, 0, 0, 0, TimeSpan.Zero);
        await using (var work = Unaudited(db))
        {
            // Contracts: a third expired, a few expiring within 30 days, the rest running.
            var contracts = new List<ServiceContract>();
            var contractCustomers = customers.OrderBy(_ => random.Next()).Take(Contracts).ToList();
            for (var i = 0; i < contractCustomers.Count; i++)
            {
                var customer = contractCustomers[i];
                var end = i switch
                {
                    < 8 => today.AddDays(-random.Next(5, 200)),
                    < 14 => today.AddDays(random.Next(1, 30)),
                    _ => today.AddDays(random.Next(45, 330)),
                };
                var start = end.AddYears(-1).AddDays(1);
                var level = (ServiceLevel)(i % 3);
                var contract = new ServiceContract(CodeGenerator.Format("HT", contractNo + i), customer.Id, start, end, level, i % 2 == 0 ? 12 + random.Next(12) : null);
                contract.Update(start, end, level, contract.CaseAllowance, i % 4 == 0 ? "含季度巡检一次" : null);
                if (products.Count > 0)
                    contract.SetProducts(products.OrderBy(_ => random.Next()).Take(1 + random.Next(3)));
                contract.MarkCreated(customer.Owner, new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
                contracts.Add(contract);
            }

            work.ServiceContracts.AddRange(contracts);
            await work.SaveChangesAsync(ct);
            var contractsByCustomer = contracts.ToDictionary(c => c.CustomerId);

            // Requests: received over the last 12 months; the older, the further along.
            var requests = new List<ServiceRequest>();
            var archived = new List<(ServiceRequest Request, DemoCustomer Customer)>();
            for (var i = 0; i < Requests; i++)
            {
                // Every fifth request comes from a customer with a contract, so contracts use cases.
                var customer = contractCustomers.Count > 0 && i % 5 == 0 ? contractCustomers[random.Next(contractCustomers.Count)] : customers[random.Next(customers.Count)];
                var priority = priorities[random.Next(priorities.Count)];
                var type = types[i % types.Length];
                // Spread over a year; every 20th request is fresh (within the last day) so open and overdue ones exist.
                var at = i % 20 == 0 ? now.AddHours(-random.Next(1, 30)) : now.AddDays(-random.Next(1, 365)).AddMinutes(-random.Next(1440));
                var creator = random.Next(3) == 0 ? ManagerOf(customer.OrgUnitId) : customer.Owner;
                var summary = Summaries[random.Next(Summaries.Length)];
                var request = new ServiceRequest(CodeGenerator.Format("FW", requestNo + i), customer.Id, type, priority.Id, priority.Hours, summary,
                    $"客户反映：{summary}，请尽快处理。", creator, customer.OrgUnitId, at);
                request.Update(type, priority.Id, priority.Hours, summary, request.Details, ContactOf(random, customer.Id),
                    products.Count > 0 && random.Next(2) == 0 ? products[random.Next(products.Count)] : null);
                request.MarkCreated(creator, at);
                var day = DateOnly.FromDateTime(at.UtcDateTime);
                if (contractsByCustomer.TryGetValue(customer.Id, out var contract) && contract.Covers(day))
                {
                    contract.UseCase(day);
                    request.LinkContract(contract.Id);
                }

                // Target state: fresh ones stay open; older ones mostly archived.
                var ageDays = (now - at).TotalDays;
                var target = i % 20 == 0 ? (i % 40 == 0 ? ServiceRequestStatus.New : ServiceRequestStatus.Assigned)
                    : ageDays < 10 ? (ServiceRequestStatus)random.Next(0, 4)
                    : random.Next(10) switch { 0 => ServiceRequestStatus.New, 1 => ServiceRequestStatus.Assigned, 2 => ServiceRequestStatus.Handled, 3 => ServiceRequestStatus.FeedbackGiven, _ => ServiceRequestStatus.Archived };
                var manager = ManagerOf(customer.OrgUnitId);
                var step = at;
                DateTimeOffset Next(double maxHours) => step = Min(step.AddHours(0.5 + random.NextDouble() * maxHours), now.AddMinutes(-1));
                if (target >= ServiceRequestStatus.Assigned)
                {
                    var handler = HandlerFor(random, customer);
                    request.Assign(handler.Id, manager, Next(priority.Hours / 2.0));
                    if (target >= ServiceRequestStatus.Handled)
                    {
                        request.Handle(handler.Id, Handlings[random.Next(Handlings.Length)], 15 + random.Next(240), Next(priority.Hours));
                        if (target >= ServiceRequestStatus.FeedbackGiven)
                        {
                            // One in six was not satisfied at first: back to the handler, handled again, then content.
                            if (i % 6 == 1)
                            {
                                request.RecordFeedback(creator, "客户表示问题仍未完全解决", 1 + random.Next(2), Next(48));
                                request.Handle(handler.Id, "再次上门处理，彻底解决问题", 30 + random.Next(120), Next(48));
                            }

                            request.RecordFeedback(creator, "客户确认问题已解决", 3 + random.Next(3), Next(72));
                            if (target == ServiceRequestStatus.Archived)
                            {
                                request.Archive(manager, Next(72));
                                archived.Add((request, customer));
                            }
                        }
                    }
                }

                requests.Add(request);
            }

            for (var start = 0; start < requests.Count; start += BatchSize)
            {
                work.ServiceRequests.AddRange(requests.Skip(start).Take(BatchSize));
                await work.SaveChangesAsync(ct);
            }

            // Visits: one for most archived requests (done, with a survey), and some planned (a few overdue).
            var visits = new List<ReturnVisit>();
            foreach (var (request, customer) in archived.Take(Visits - 20))
            {
                var planned = DateOnly.FromDateTime(request.ArchivedAt!.Value.UtcDateTime).AddDays(3);
                var visit = new ReturnVisit(customer.Id, planned, Pick(random, methods), customer.Owner, request.Id, "回访服务请求的处理结果");
                if (planned < today)
                {
                    int Score() => random.Next(10) == 0 ? 2 : 3 + random.Next(3);
                    visit.Complete(planned.AddDays(random.Next(0, 3)) is var d && d > today ? today : d, visit.MethodId, ContactOf(random, customer.Id),
                        "客户对本次服务处理结果表示认可", new SurveyScores(Score(), Score(), Score(), Score(), Score(), random.Next(4) == 0 ? null : Score()),
                        random.Next(3) == 0 ? "希望响应再快一些" : null, today);
                }

                visit.MarkCreated(customer.Owner, request.ArchivedAt!.Value);
                visits.Add(visit);
            }

            while (visits.Count < Visits)
            {
                var customer = customers[random.Next(customers.Count)];
                var planned = today.AddDays(random.Next(-10, 30));
                var visit = new ReturnVisit(customer.Id, planned, Pick(random, methods), customer.Owner, null, "定期回访，了解产品使用情况");
                if (visits.Count % 5 == 0)
                    visit.Cancel();
                visit.MarkCreated(customer.Owner, now.AddDays(-random.Next(1, 20)));
                visits.Add(visit);
            }

            work.ReturnVisits.AddRange(visits);
            await work.SaveChangesAsync(ct);

            // Quality complaints (seed 004's form) in every state.
            var complaints = new List<QualityComplaint>();
            for (var i = 0; i < Complaints; i++)
            {
                var customer = customers[random.Next(customers.Count)];
                var feedback = today.AddDays(-random.Next(0, 360));
                var project = random.Next(50, 2000);
                var details = new QualityComplaintDetails(
                    feedback, ComplaintDetails[random.Next(ComplaintDetails.Length)], ContactOf(random, customer.Id), Projects[random.Next(Projects.Length)],
                    project, products.Count > 0 ? products[random.Next(Math.Min(products.Count, 8))] : null, feedback.AddDays(-random.Next(1, 20)),
                    random.Next(1, Math.Max(2, project / 10)), priorities[random.Next(priorities.Count)].Id, "施工现场", "要求更换问题产品",
                    i % 2 == 0 ? "经检测为批次工艺问题" : null, HandlerFor(random, customer).Id);
                var complaint = new QualityComplaint(CodeGenerator.Format("ZL", complaintNo + i), customer.Id, details);
                switch (i % 4)
                {
                    case 1:
                        complaint.StartInvestigation();
                        break;
                    case 2:
                        complaint.StartInvestigation();
                        complaint.Resolve("免费更换问题产品，并加强出厂检验");
                        break;
                    case 3:
                        complaint.Resolve("退换货处理完毕，客户认可");
                        complaint.Close();
                        break;
                }

                complaint.MarkCreated(customer.Owner, new DateTimeOffset(feedback.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
                complaints.Add(complaint);
            }

            work.QualityComplaints.AddRange(complaints);

            // Knowledge articles: plain, safe HTML written here (no markup from outside).
            var articles = new List<KnowledgeArticle>();
            var views = new List<int>();
            for (var i = 0; i < Articles; i++)
            {
                var (title, tags, body) = ArticleTexts[i % ArticleTexts.Length];
                var article = new KnowledgeArticle(i < ArticleTexts.Length ? title : $"{title}（{i / ArticleTexts.Length + 1}）", body, tags,
                    products.Count > 0 && i % 3 == 0 ? products[random.Next(products.Count)] : null);
                views.Add(random.Next(0, 40));
                article.MarkCreated(admin, now.AddDays(-random.Next(30, 300)));
                articles.Add(article);
            }

            work.KnowledgeArticles.AddRange(articles);
            await work.SaveChangesAsync(ct);
            // View counts are only ever counted in the database (as the article page does).
            for (var i = 0; i < articles.Count; i++)
            {
                var (id, count) = (articles[i].Id, views[i]);
                if (count > 0)
                    await work.KnowledgeArticles.IgnoreQueryFilters().Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, count), ct);
            }
            made = new DemoServiceSummary(requests.Count, contracts.Count, visits.Count, complaints.Count, articles.Count, archived.Count, TimeSpan.Zero);
        }

        // The work context wrote behind this one's back: forget what it tracks so nothing stale is saved later.
        db.ChangeTracker.Clear();
        return made with { Elapsed = stopwatch.Elapsed };
    }

    private sealed record DemoCustomer(int Id, Guid Owner, int OrgUnitId);

    private static Task<int[]> DictionaryAsync(CrmDbContext db, string category, CancellationToken ct) =>
        db.DictionaryItems.AsNoTracking().Where(d => d.Category == category && d.IsActive).OrderBy(d => d.SortOrder).Select(d => d.Id).ToArrayAsync(ct);

    private static int? Pick(Random random, int[] ids) => ids.Length == 0 ? null : ids[random.Next(ids.Length)];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static CrmDbContext Unaudited(CrmDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return db is SqliteCrmDbContext
            ? new SqliteCrmDbContext(new DbContextOptionsBuilder<SqliteCrmDbContext>().UseSqlite(connection, DatabaseSetup.SqliteOptions).Options, CurrentUser.System())
            : new CrmDbContext(new DbContextOptionsBuilder<CrmDbContext>().UseSqlServer(connection, DatabaseSetup.SqlServerOptions).Options, CurrentUser.System());
    }
}

/// <summary>What the demo service seeding made and how long it took.</summary>
public sealed record DemoServiceSummary(int Requests, int Contracts, int Visits, int Complaints, int Articles, int Archived, TimeSpan Elapsed)
{
    public static readonly DemoServiceSummary Nothing = new(0, 0, 0, 0, 0, 0, TimeSpan.Zero);
}
