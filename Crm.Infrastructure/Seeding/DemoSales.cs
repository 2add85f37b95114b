using System.Diagnostics;
using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using C = Crm.Domain.Common.DictionaryCategories;

namespace Crm.Infrastructure.Seeding;

/// <summary>
/// Two years of demo sales for the demo customers, made through the domain as the app would have made
/// them: about 3,000 orders of the owned, non-prospect customers (sold by the owner, in the customer's
/// org unit, priced by the customer level's price type), confirmed, shipped and completed at past dates
/// with their stock movements — goods are received shortly before they are needed, so the movement
/// history never runs below zero — and the customers' revenue and last order from those orders. About
/// one customer in ten stopped ordering 7–20 months ago, so the churn detection (run here as of 20 days
/// ago) warns of them; some warnings have retention measures and two are confirmed. A few returns in
/// every state, and three orders below the floor price waiting for a manager. Deterministic (fixed
/// seed); reads whatever products and warehouses exist and does nothing without them. Run after the
/// customers and the products (with their stock) are seeded, on a system-scoped context.
/// </summary>
public static class DemoSales
{
    public const int TargetOrders = 3000;
    private const int BatchSize = 300;
    private static readonly TimeSpan ChurnRunAgo = TimeSpan.FromDays(20);

    private static readonly string[] NorthRegions = ["110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "370000"];

    private static readonly string[] Measures =
    [
        "电话回访采购负责人，了解暂停采购的原因", "上门拜访总经理，介绍新一季产品方案", "提供季度返利方案，等待客户内部评估",
        "邀请客户参加新品发布会", "赠送一年延保服务，客户表示会考虑", "寄送样品供客户试用", "与客户财务沟通付款条件，可延长账期 30 天",
    ];

    private static readonly string[] CancelReasons = ["客户取消采购计划", "客户要求合并到下一批订单", "价格未谈妥", "客户预算调整"];

    /// <summary>Seeds the demo sales; returns what it made (all zero when there are no products, warehouses or customers, or orders exist already).</summary>
    /// <param name="orders">About how many orders to make; fewer make a faster start (e.g. for test databases).</param>
    public static async Task<DemoSalesSummary> SeedAsync(CrmDbContext db, TimeProvider clock, int orders = TargetOrders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var stopwatch = Stopwatch.StartNew();
        if (await db.Orders.IgnoreQueryFilters().AnyAsync(cancellationToken))
            return DemoSalesSummary.Nothing;
        var products = await db.Products.AsNoTracking().Include(p => p.Prices)
            .Where(p => p.Status == ProductStatus.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var warehouses = await db.Warehouses.AsNoTracking().Where(w => w.IsActive).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        if (products.Count == 0 || warehouses.Count == 0)
            return DemoSalesSummary.Nothing;

        var world = await World.LoadAsync(db, clock.GetUtcNow(), warehouses, cancellationToken);
        if (world.Buyers.Count == 0)
            return DemoSalesSummary.Nothing;

        var random = new Random(20261124);
        var plans = Plan(random, world, products, Math.Max(1, orders));
        var firstNumber = await new CodeGenerator(db).ReserveAsync("Order", plans.Count + 3, cancellationToken);
        var stock = new HistoricStock();
        var sales = new Dictionary<int, (decimal Total, DateTimeOffset Last)>();
        var orderIds = new List<(int Id, OrderPlan Plan)>(plans.Count);
        await using (var history = Unaudited(db))
        {
            for (var start = 0; start < plans.Count; start += BatchSize)
            {
                var batch = plans.Skip(start).Take(BatchSize).ToList();
                orderIds.AddRange(await RunBatchAsync(history, random, world, stock, batch, firstNumber + start, sales, cancellationToken));
            }
        }

        // The history context changed stock levels and customers behind this one's back: whatever this
        // context still tracks from the earlier seeders carries old versions and would fail as a conflict.
        db.ChangeTracker.Clear();
        var returns = await SeedReturnsAsync(db, random, world, stock, orderIds, cancellationToken);
        await RecordSalesAsync(db, sales, returns.Refunds, cancellationToken);
        var approvals = await SeedPriceApprovalsAsync(db, random, world, products, firstNumber + plans.Count, cancellationToken);
        var (warnings, confirmed) = await SeedChurnAsync(db, random, world, clock, cancellationToken);

        return new DemoSalesSummary(plans.Count + approvals, plans.Sum(p => p.Lines.Count), returns.Count, warnings, confirmed, approvals + returns.Pending, stopwatch.Elapsed);
    }

    /// <summary>What an order will be: its customer, date, warehouse, lines and the state it ends in.</summary>
    private sealed record OrderPlan(Buyer Buyer, DateTimeOffset At, int WarehouseId, List<(Product Product, int Quantity, PriceType Type, decimal Discount)> Lines, OrderStatus Status);

    private sealed record Buyer(int Id, Guid Owner, int OrgUnitId, string OrgUnitPath, int? LevelId, string? Address, int WarehouseId, DateTimeOffset? LapsedAt);

    private sealed class World
    {
        public required DateTimeOffset Now { get; init; }

        public required List<Buyer> Buyers { get; init; }

        public required Dictionary<int, PriceType> LevelPriceTypes { get; init; }

        /// <summary>Managers with the path of their org unit, deepest first.</summary>
        public required List<(Guid Id, string Path)> Managers { get; init; }

        public required Dictionary<string, Guid> UsersByName { get; init; }

        public required int[] ReturnReasons { get; init; }

        public required int[] ChurnReasons { get; init; }

        public Guid? ManagerOf(string orgUnitPath) =>
            Managers.Where(m => orgUnitPath.StartsWith(m.Path, StringComparison.Ordinal)).Select(m => (Guid?)m.Id).FirstOrDefault();

        public static async Task<World> LoadAsync(CrmDbContext db, DateTimeOffset now, List<Warehouse> warehouses, CancellationToken cancellationToken)
        {
            var paths = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Path, cancellationToken);
            var regions = await db.DictionaryItems.AsNoTracking().Where(d => d.Category == C.Region).ToDictionaryAsync(d => d.Id, d => d.Code, cancellationToken);
            var north = warehouses.FirstOrDefault(w => w.Code.StartsWith("BJ", StringComparison.OrdinalIgnoreCase)) ?? warehouses[^1];
            var south = warehouses.FirstOrDefault(w => w.Code.StartsWith("SH", StringComparison.OrdinalIgnoreCase)) ?? warehouses[0];
            var customers = await db.Customers.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.OwnerId != null && c.Status != CustomerStatus.Prospect && c.Status != CustomerStatus.Archived && c.MergedIntoId == null)
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.OwnerId, c.OrgUnitId, c.LevelId, c.RegionId, c.Address })
                .ToListAsync(cancellationToken);
            var random = new Random(7);
            var buyers = customers.Select(c =>
            {
                var isNorth = c.RegionId is { } region && regions.TryGetValue(region, out var code) && NorthRegions.Contains(code);
                // About one in ten stopped ordering 7–20 months ago.
                var lapsed = random.Next(10) == 0 ? now.AddDays(-random.Next(212, 600)) : (DateTimeOffset?)null;
                return new Buyer(c.Id, c.OwnerId!.Value, c.OrgUnitId, paths[c.OrgUnitId], c.LevelId, c.Address, (isNorth ? north : south).Id, lapsed);
            }).ToList();

            var managerRole = await db.Roles.Where(r => r.Name == BuiltInRoles.Manager).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
            var managers = await db.Users.AsNoTracking()
                .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == managerRole))
                .Select(u => new { u.Id, u.OrgUnitId })
                .ToListAsync(cancellationToken);
            return new World
            {
                Now = now,
                Buyers = buyers,
                LevelPriceTypes = await db.CustomerLevelPriceTypes.AsNoTracking().ToDictionaryAsync(m => m.LevelId, m => m.PriceType, cancellationToken),
                Managers = managers.Select(m => (m.Id, paths[m.OrgUnitId])).OrderByDescending(m => m.Item2.Length).ToList(),
                UsersByName = await db.Users.AsNoTracking().Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, u => u.Id, cancellationToken),
                ReturnReasons = await db.DictionaryItems.AsNoTracking().Where(d => d.Category == C.ReturnReason).OrderBy(d => d.SortOrder).Select(d => d.Id).ToArrayAsync(cancellationToken),
                ChurnReasons = await db.DictionaryItems.AsNoTracking().Where(d => d.Category == C.ChurnReason).OrderBy(d => d.SortOrder).Select(d => d.Id).ToArrayAsync(cancellationToken),
            };
        }
    }

    /// <summary>
    /// The stock each warehouse had through the demo history, starting from nothing: whatever stock the
    /// products seeder put in stays on top, and goods are received just before an order needs them.
    /// </summary>
    private sealed class HistoricStock
    {
        private readonly Dictionary<(int WarehouseId, int ProductId), int> _available = [];

        public int this[int warehouseId, int productId]
        {
            get => _available.GetValueOrDefault((warehouseId, productId));
            set => _available[(warehouseId, productId)] = value;
        }
    }

    private static List<OrderPlan> Plan(Random random, World world, List<Product> products, int target)
    {
        var now = world.Now;
        var from = now.AddMonths(-24);
        // Bigger accounts order more often.
        var weights = world.Buyers.Select(b => 1.0 + (b.LevelId is { } level ? (level % 5) * 0.5 : 0) + random.NextDouble()).ToList();
        var total = weights.Sum();
        var plans = new List<OrderPlan>(target + world.Buyers.Count);
        for (var i = 0; i < world.Buyers.Count; i++)
        {
            var buyer = world.Buyers[i];
            var until = buyer.LapsedAt ?? now;
            var count = Math.Max(1, (int)Math.Round(target * weights[i] / total * (until - from).TotalDays / (now - from).TotalDays));
            var priceType = buyer.LevelId is { } levelId && world.LevelPriceTypes.TryGetValue(levelId, out var mapped) ? mapped : PriceType.List;
            var first = plans.Count;
            for (var k = 0; k < count; k++)
            {
                // Beijing office hours (01:00–09:00 UTC) of a day in the customer's ordering period.
                var day = from.AddDays(random.NextDouble() * (until - from).TotalDays);
                var at = new DateTimeOffset(day.UtcDateTime.Date, TimeSpan.Zero).AddHours(1).AddMinutes(random.Next(0, 8 * 60));
                if (at > now.AddMinutes(-30))
                    at = now.AddMinutes(-30 - random.Next(0, 120));
                if (buyer.LapsedAt is { } lapsed && at > lapsed)
                    at = lapsed;
                var lines = new List<(Product, int, PriceType, decimal)>();
                var lineCount = Weighted(random, [40, 30, 20, 10]) + 1;
                foreach (var product in products.OrderBy(_ => random.Next()).Take(lineCount))
                {
                    var type = priceType;
                    var date = DateOnly.FromDateTime(at.UtcDateTime);
                    if (product.PriceFor(type, date).Amount < product.FloorPrice)
                        type = PriceType.List;
                    var price = product.PriceFor(type, date).Amount;
                    var discount = random.Next(5) == 0 ? random.Next(1, 5) * 2m : 0m;
                    if (SalesLine.Round(price * (1 - (discount / 100m))) < product.FloorPrice)
                        discount = 0m;
                    lines.Add((product, QuantityFor(random, price), type, discount));
                }

                plans.Add(new OrderPlan(buyer, at, buyer.WarehouseId, lines, StatusFor(random, now - at)));
            }

            // Every buyer's newest order is a sale, so that its revenue, last order and status come from orders.
            var newest = plans.Skip(first).MaxBy(p => p.At)!;
            if (newest.Status is OrderStatus.Cancelled or OrderStatus.Draft)
                plans[plans.IndexOf(newest, first)] = newest with { Status = now - newest.At > TimeSpan.FromDays(7) ? OrderStatus.Completed : OrderStatus.Confirmed };
        }

        return plans.OrderBy(p => p.At).ToList();
    }

    private static int QuantityFor(Random random, decimal price) => price switch
    {
        >= 20_000m => random.Next(1, 4),
        >= 5_000m => random.Next(1, 11),
        >= 1_000m => random.Next(2, 21),
        >= 100m => random.Next(5, 41),
        _ => random.Next(10, 101),
    };

    /// <summary>Older orders are done; the last weeks hold the work in progress.</summary>
    private static OrderStatus StatusFor(Random random, TimeSpan age)
    {
        var roll = random.Next(100);
        if (age > TimeSpan.FromDays(30))
            return roll < 93 ? OrderStatus.Completed : roll < 96 ? OrderStatus.Shipped : OrderStatus.Cancelled;
        if (age > TimeSpan.FromDays(7))
            return roll < 50 ? OrderStatus.Completed : roll < 85 ? OrderStatus.Shipped : roll < 95 ? OrderStatus.Confirmed : OrderStatus.Cancelled;
        return roll < 30 ? OrderStatus.Shipped : roll < 70 ? OrderStatus.Confirmed : roll < 97 ? OrderStatus.Draft : OrderStatus.Cancelled;
    }

    /// <summary>
    /// Makes a batch of orders and moves each along at its dates — goods received when the history had
    /// too few, confirmed, shipped, completed or cancelled — then saves them with their stock. The
    /// movements of an order need its id, which exists after the first save; they are added then.
    /// </summary>
    private static async Task<List<(int Id, OrderPlan Plan)>> RunBatchAsync(CrmDbContext db, Random random, World world, HistoricStock history,
        List<OrderPlan> batch, long firstNumber, Dictionary<int, (decimal Total, DateTimeOffset Last)> sales, CancellationToken cancellationToken)
    {
        var levels = await LevelsAsync(db, cancellationToken);
        var orders = new List<(Order Order, OrderPlan Plan, List<StockMovement> Movements)>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var plan = batch[i];
            var order = new Order(CodeGenerator.Format("DD", firstNumber + i), plan.Buyer.Id, plan.Buyer.OrgUnitId, plan.Buyer.Owner,
                DateOnly.FromDateTime(plan.At.UtcDateTime), plan.WarehouseId, plan.Buyer.Address);
            foreach (var (product, quantity, type, discount) in plan.Lines)
                order.AddLine(product, quantity, type, null, discount);
            order.MarkCreated(plan.Buyer.Owner, plan.At.AddMinutes(-random.Next(5, 120)));
            db.Orders.Add(order);
            var movements = new List<StockMovement>();
            orders.Add((order, plan, movements));
            Move(random, world, history, db, levels, order, plan, movements, sales);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (order, _, movements) in orders)
        {
            foreach (var movement in movements)
            {
                db.StockMovements.Add(movement);
                db.Entry(movement).Property(m => m.OrderId).CurrentValue = order.Id;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return orders.Select(o => (o.Order.Id, o.Plan)).ToList();
    }

    /// <summary>One order's history; the movements that belong to the order are collected in <paramref name="movements"/>.</summary>
    private static void Move(Random random, World world, HistoricStock history, CrmDbContext db, Dictionary<(int WarehouseId, int ProductId), StockLevel> levels,
        Order order, OrderPlan plan, List<StockMovement> movements, Dictionary<int, (decimal Total, DateTimeOffset Last)> sales)
    {
        if (plan.Status == OrderStatus.Draft)
            return;
        var stock = LevelsOf(db, levels, order);
        if (plan.Status == OrderStatus.Cancelled && random.Next(2) == 0)
        {
            order.Cancel(CancelReasons[random.Next(CancelReasons.Length)], stock, plan.Buyer.Owner, Min(plan.At.AddHours(random.Next(2, 48)), world.Now.AddMinutes(-10)));
            return;
        }

        foreach (var line in order.Lines.GroupBy(l => l.ProductId))
        {
            var wanted = line.Sum(l => l.Quantity);
            var available = history[order.WarehouseId, line.Key];
            if (available >= wanted)
                continue;
            // The catalogue's low-stock products are bought in just for the order, so they stay below their safety stock.
            var receipt = wanted - available + (DemoProducts.LowStockCodes.Contains(line.First().ProductCode) ? 0 : wanted * random.Next(2, 6));
            db.StockMovements.Add(stock[line.Key].Receive(receipt, "采购入库", null, plan.At.AddDays(-random.Next(2, 6))));
            history[order.WarehouseId, line.Key] = available + receipt;
        }

        movements.AddRange(order.Confirm(stock, plan.Buyer.Owner, plan.At));
        foreach (var line in order.Lines)
            history[order.WarehouseId, line.ProductId] -= line.Quantity;
        if (plan.Status == OrderStatus.Cancelled)
        {
            movements.AddRange(order.Cancel(CancelReasons[random.Next(CancelReasons.Length)], stock, plan.Buyer.Owner, Min(plan.At.AddDays(random.Next(1, 4)), world.Now.AddMinutes(-10))));
            foreach (var line in order.Lines)
                history[order.WarehouseId, line.ProductId] += line.Quantity;
            return;
        }

        sales[plan.Buyer.Id] = sales.TryGetValue(plan.Buyer.Id, out var sold)
            ? (sold.Total + order.Total, plan.At > sold.Last ? plan.At : sold.Last)
            : (order.Total, plan.At);
        if (plan.Status == OrderStatus.Confirmed)
            return;
        var shippedAt = Min(plan.At.AddHours(random.Next(20, 72)), world.Now.AddMinutes(-20));
        movements.AddRange(order.Ship(stock, plan.Buyer.Owner, shippedAt));
        var completedAt = shippedAt.AddDays(random.Next(3, 11));
        if (plan.Status == OrderStatus.Completed && completedAt < world.Now)
            order.Complete(completedAt);
    }

    private static Task<Dictionary<(int WarehouseId, int ProductId), StockLevel>> LevelsAsync(CrmDbContext db, CancellationToken cancellationToken) =>
        db.StockLevels.ToDictionaryAsync(s => (s.WarehouseId, s.ProductId), cancellationToken);

    /// <summary>The levels of an order's products in its warehouse, creating the ones that do not exist yet.</summary>
    private static Dictionary<int, StockLevel> LevelsOf(CrmDbContext db, Dictionary<(int WarehouseId, int ProductId), StockLevel> levels, Order order)
    {
        var result = new Dictionary<int, StockLevel>();
        foreach (var productId in order.Lines.Select(l => l.ProductId).Distinct())
        {
            if (!levels.TryGetValue((order.WarehouseId, productId), out var level))
            {
                level = new StockLevel(productId, order.WarehouseId);
                db.StockLevels.Add(level);
                levels[(order.WarehouseId, productId)] = level;
            }

            result[productId] = level;
        }

        return result;
    }

    private sealed record ReturnsSeeded(int Count, int Pending, Dictionary<int, decimal> Refunds);

    /// <summary>
    /// Returns in every state against orders shipped in the last months: a few waiting for approval (the
    /// first of them for zhang.wei's customers, so manager.east has them to decide), approved, received,
    /// refunded and rejected — each with its approval as the approvals page records it.
    /// </summary>
    private static async Task<ReturnsSeeded> SeedReturnsAsync(CrmDbContext db, Random random, World world, HistoricStock history,
        List<(int Id, OrderPlan Plan)> orders, CancellationToken cancellationToken)
    {
        ReturnStatus[] states =
        [
            ReturnStatus.Requested, ReturnStatus.Requested, ReturnStatus.Requested, ReturnStatus.Approved, ReturnStatus.Approved,
            ReturnStatus.Received, ReturnStatus.Received, ReturnStatus.Refunded, ReturnStatus.Refunded, ReturnStatus.Refunded,
            ReturnStatus.Rejected, ReturnStatus.Rejected,
        ];
        var refunds = new Dictionary<int, decimal>();
        if (world.ReturnReasons.Length == 0)
            return new ReturnsSeeded(0, 0, refunds);
        var zhang = world.UsersByName.GetValueOrDefault("zhang.wei");
        // Shipped 10–150 days ago, of customers still ordering; zhang.wei's first for the pending ones.
        var candidates = orders
            .Where(o => o.Plan.Status is OrderStatus.Shipped or OrderStatus.Completed && o.Plan.Buyer.LapsedAt is null
                        && o.Plan.At < world.Now.AddDays(-10) && o.Plan.At > world.Now.AddDays(-150)
                        && o.Plan.Lines.Any(l => !DemoProducts.LowStockCodes.Contains(l.Product.Code)))
            .OrderByDescending(o => o.Plan.Buyer.Owner == zhang).ThenBy(_ => random.Next())
            .Take(states.Length)
            .ToList();
        if (candidates.Count == 0)
            return new ReturnsSeeded(0, 0, refunds);
        var firstNumber = await new CodeGenerator(db).ReserveAsync("Return", candidates.Count, cancellationToken);
        var ids = candidates.Select(c => c.Id).ToList();
        var loaded = await db.Orders.IgnoreQueryFilters().Include(o => o.Lines).Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);

        var made = new List<(Return Return, Order Order, ReturnStatus State, DateTimeOffset At, Guid Requester, string OrgUnitPath)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var (orderId, plan) = candidates[i];
            var order = loaded[orderId];
            // Returned goods come back into stock: the catalogue's low-stock products stay low for the demo.
            var lines = order.Lines.Where(l => !DemoProducts.LowStockCodes.Contains(l.ProductCode)).OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(2, order.Lines.Count) + 1))
                .Select(l => (l.LineNo, Math.Max(1, l.ShippedQuantity * random.Next(1, 4) / 4))).ToList();
            var at = Min(order.ShippedAt!.Value.AddDays(random.Next(3, 10)), world.Now.AddDays(-1));
            var request = order.RequestReturn(CodeGenerator.Format("TH", firstNumber + i), lines, world.ReturnReasons[random.Next(world.ReturnReasons.Length)],
                ReturnDescriptions[random.Next(ReturnDescriptions.Length)], plan.Buyer.Owner, at);
            db.Returns.Add(request);
            made.Add((request, order, states[i], at, plan.Buyer.Owner, plan.Buyer.OrgUnitPath));
        }

        await db.SaveChangesAsync(cancellationToken);

        var levels = await LevelsAsync(db, cancellationToken);
        var pending = 0;
        foreach (var (request, order, state, at, requester, path) in made)
        {
            var approval = new Approval(ApprovalKind.Return, request.Id, request.Number, request.CustomerId,
                string.Join("; ", request.Lines.Select(l => $"{l.ProductName} × {l.Quantity}")), request.Amount, requester, request.OrgUnitId, at);
            db.Approvals.Add(approval);
            var manager = world.ManagerOf(path);
            if (state == ReturnStatus.Requested || manager is null)
            {
                pending++;
                continue;
            }

            var decidedAt = at.AddHours(random.Next(2, 30));
            if (state == ReturnStatus.Rejected)
            {
                approval.Reject(manager.Value, "已超过约定的退货期限", decidedAt);
                request.Reject(order, manager.Value, "已超过约定的退货期限", decidedAt);
                continue;
            }

            approval.Approve(manager.Value, "同意退货", decidedAt);
            request.Approve(manager.Value, "同意退货", decidedAt);
            if (state == ReturnStatus.Approved)
                continue;
            var receivedAt = decidedAt.AddDays(random.Next(2, 5));
            var stock = request.Lines.Select(l => l.ProductId).Distinct().ToDictionary(p => p, p => levels[(request.WarehouseId, p)]);
            db.StockMovements.AddRange(request.Receive(stock, null, receivedAt));
            foreach (var line in request.Lines)
                history[request.WarehouseId, line.ProductId] += line.Quantity;
            if (state == ReturnStatus.Refunded)
            {
                request.Refund(receivedAt.AddDays(random.Next(1, 4)));
                refunds[request.CustomerId] = refunds.GetValueOrDefault(request.CustomerId) + request.Amount;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new ReturnsSeeded(made.Count, pending, refunds);
    }

    private static readonly string[] ReturnDescriptions =
    [
        "到货后发现部分产品外包装破损", "型号与合同约定不符", "客户项目调整，多余数量退回", "设备试运行时发现故障", "发错颜色，客户要求退换",
    ];

    /// <summary>
    /// Each buyer's sales at once (the sum of its sale orders, the last confirmation), its refunds, and
    /// its last order as the orders say — the customer seeder's placeholder date is replaced.
    /// </summary>
    private static async Task RecordSalesAsync(CrmDbContext db, Dictionary<int, (decimal Total, DateTimeOffset Last)> sales, Dictionary<int, decimal> refunds, CancellationToken cancellationToken)
    {
        foreach (var chunk in sales.Keys.Chunk(200))
        {
            var customers = await db.Customers.IgnoreQueryFilters().Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken);
            foreach (var customer in customers)
            {
                var (total, last) = sales[customer.Id];
                customer.RecordSale(total, last);
                if (customer.LastOrderAt != last)
                    customer.ReverseSale(0m, last);
                if (refunds.TryGetValue(customer.Id, out var refunded))
                    customer.RecordRefund(refunded);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Draft orders below the floor price waiting for a manager: two in 华东 (zhang.wei, zhao.lei), one in 华北 (wang.fang).</summary>
    private static async Task<int> SeedPriceApprovalsAsync(CrmDbContext db, Random random, World world, List<Product> products, long firstNumber, CancellationToken cancellationToken)
    {
        var discounted = products.Where(p => p.FloorPrice >= 10m).ToList();
        if (discounted.Count == 0)
            return 0;
        var made = 0;
        foreach (var salesman in new[] { "zhang.wei", "zhao.lei", "wang.fang" })
        {
            if (!world.UsersByName.TryGetValue(salesman, out var userId))
                continue;
            var buyer = world.Buyers.FirstOrDefault(b => b.Owner == userId && b.LapsedAt is null);
            if (buyer is null)
                continue;
            var at = world.Now.AddHours(-random.Next(3, 60));
            var order = new Order(CodeGenerator.Format("DD", firstNumber + made), buyer.Id, buyer.OrgUnitId, buyer.Owner,
                DateOnly.FromDateTime(at.UtcDateTime), buyer.WarehouseId, buyer.Address);
            var product = discounted[random.Next(discounted.Count)];
            order.AddLine(product, random.Next(5, 21), PriceType.List, SalesLine.Round(product.FloorPrice * 0.9m), 0m);
            var other = products[random.Next(products.Count)];
            if (other.Id != product.Id)
                order.AddLine(other, random.Next(1, 6), PriceType.List, null, 0m);
            order.RequestApproval();
            db.Orders.Add(order);
            await db.SaveChangesAsync(cancellationToken);
            db.Approvals.Add(new Approval(ApprovalKind.OrderPrice, order.Id, order.Number, order.CustomerId, ApprovalService.PriceSummaryOf(order),
                order.Total, buyer.Owner, order.OrgUnitId, at));
            made++;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return made;
    }

    /// <summary>
    /// Runs the churn detection as of 20 days ago (so the warnings have a little history), then records
    /// retention measures on some of them and has a manager confirm two.
    /// </summary>
    private static async Task<(int Warnings, int Confirmed)> SeedChurnAsync(CrmDbContext db, Random random, World world, TimeProvider clock, CancellationToken cancellationToken)
    {
        var warnedAt = new ShiftedClock(clock, -ChurnRunAgo);
        var configuration = new ConfigurationBuilder().Build();
        await new ChurnService(db, CurrentUser.System(), warnedAt, configuration).DetectAsync(cancellationToken);

        var warnings = await db.ChurnWarnings.IgnoreQueryFilters().Include(w => w.Measures)
            .Where(w => w.Status == ChurnWarningStatus.Open).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        var customerIds = warnings.Select(w => w.CustomerId).ToList();
        var customers = await db.Customers.IgnoreQueryFilters().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var paths = world.Buyers.ToDictionary(b => b.Id, b => b.OrgUnitPath);
        var confirmed = 0;
        foreach (var warning in warnings)
        {
            var customer = customers[warning.CustomerId];
            if (customer.OwnerId is not { } owner || random.Next(5) >= 2)
                continue;
            var measureCount = random.Next(1, 4);
            for (var m = 0; m < measureCount; m++)
            {
                var at = warning.WarnedAt.AddDays(2 + (m * 5) + random.Next(0, 3)).AddHours(random.Next(0, 6));
                if (at > world.Now)
                    break;
                warning.AddMeasure(DateOnly.FromDateTime(at.UtcDateTime), Measures[random.Next(Measures.Length)], owner, at);
            }

            if (confirmed < 2 && world.ChurnReasons.Length > 0 && paths.TryGetValue(customer.Id, out var path) && world.ManagerOf(path) is { } manager)
            {
                var at = world.Now.AddDays(-random.Next(1, 4));
                warning.Confirm(world.ChurnReasons[random.Next(world.ChurnReasons.Length)], "多次沟通无果，客户已转向其他供应商", manager, at);
                customer.ConfirmChurn();
                var key = warning.Id.ToString(CultureInfo.InvariantCulture);
                foreach (var reminder in await db.Reminders.Where(r => r.SourceType == ChurnService.ReminderSource && r.SourceKey == key).ToListAsync(cancellationToken))
                    reminder.MarkDone(at);
                confirmed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (warnings.Count, confirmed);
    }

    /// <summary>
    /// A context on the same connection without the auditing interceptor, for the bulk of the history:
    /// an audit entry (with a JSON snapshot) for each of some 20,000 fabricated rows tripled the seeding
    /// time and says nothing anyone did. The orders stamp their own creation (at their historic time).
    /// </summary>
    private static CrmDbContext Unaudited(CrmDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return db is SqliteCrmDbContext
            ? new SqliteCrmDbContext(new DbContextOptionsBuilder<SqliteCrmDbContext>().UseSqlite(connection, DatabaseSetup.SqliteOptions).Options, CurrentUser.System())
            : new CrmDbContext(new DbContextOptionsBuilder<CrmDbContext>().UseSqlServer(connection, DatabaseSetup.SqlServerOptions).Options, CurrentUser.System());
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

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

    /// <summary>A clock some time behind another: the churn detection of the demo runs "20 days ago".</summary>
    private sealed class ShiftedClock(TimeProvider inner, TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + shift;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
    }
}

/// <param name="Orders">Orders made (including the ones waiting for price approval).</param>
/// <param name="Approvals">Pending approvals (prices below the floor, returns).</param>
public sealed record DemoSalesSummary(int Orders, int Lines, int Returns, int ChurnWarnings, int ChurnConfirmed, int Approvals, TimeSpan Elapsed)
{
    public static DemoSalesSummary Nothing { get; } = new(0, 0, 0, 0, 0, 0, TimeSpan.Zero);
}
