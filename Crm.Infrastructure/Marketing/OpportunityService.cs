using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Domain.Organization;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Marketing;

/// <summary>
/// The opportunity moves whose rules reach beyond the opportunity: the prospect customer made for a new
/// name, assignment within the manager's subtree, default stage probabilities (settings), follow-up
/// reminders of plan items, and the customer a won opportunity makes active for its assignee.
/// </summary>
public sealed class OpportunityService(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock, CustomerService customers, Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    public const string ReminderSource = "Opportunity";

    /// <summary>Defaults used when the setting rows are missing (初步接触 10%, 需求确认 30%, 方案报价 50%, 商务谈判 70%).</summary>
    public static IReadOnlyDictionary<PipelineStage, int> DefaultProbabilities { get; } = new Dictionary<PipelineStage, int>
    {
        [PipelineStage.Initial] = 10,
        [PipelineStage.NeedsConfirmed] = 30,
        [PipelineStage.Proposal] = 50,
        [PipelineStage.Negotiation] = 70,
        [PipelineStage.Won] = 100,
        [PipelineStage.Lost] = 0,
    };

    public static string LinkOf(int opportunityId) => $"/Marketing/Opportunities/Details/{opportunityId}";

    /// <summary>
    /// Creates an opportunity for an existing customer the user can see, or for a new prospect named
    /// <paramref name="prospectName"/> (a <see cref="CustomerStatus.Prospect"/> customer owned by the creator).
    /// </summary>
    public async Task<Opportunity> CreateAsync(OpportunityDetails details, int? customerId, string? prospectName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var me = currentUser.User ?? throw new InvalidOperationException("Only a signed-in user creates opportunities.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int id;
        if (customerId is { } existing)
        {
            id = await db.Customers.Where(c => c.Id == existing && c.Status != CustomerStatus.Archived).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken)
                 ?? throw new DomainException("Opportunity.CustomerNotFound");
        }
        else
        {
            var name = Text.Required(prospectName, Customer.NameMaxLength, "Opportunity.ProspectName");
            var prospect = await customers.CreateAsync(new CustomerProfile { Name = name, Type = CustomerType.Company }, me.UserId, me.OrgUnitId, cancellationToken);
            id = prospect.Id;
        }

        var probability = await ProbabilityOfAsync(PipelineStage.Initial, cancellationToken);
        var opportunity = new Opportunity(id, details, me.UserId, me.OrgUnitId, probability, clock.GetUtcNow());
        db.Opportunities.Add(opportunity);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return opportunity;
    }

    /// <summary>The salespeople the current user may assign opportunities to: active users of their subtree (everyone for scope All).</summary>
    public IQueryable<CrmUser> AssignableSalesmen()
    {
        var users = db.Users.AsNoTracking().Where(u => u.IsActive);
        var me = currentUser.User;
        if (me is null || !currentUser.HasPermission(Permissions.Opportunities.Assign) || me.Scope == DataScope.Own)
            return users.Where(_ => false);
        if (me.Scope == DataScope.All)
            return users;
        var (from, to) = OrgUnit.SubtreeRange(me.OrgUnitPath);
        return users.Where(u => db.OrgUnits.Any(o => o.Id == u.OrgUnitId && string.Compare(o.Path, from) >= 0 && string.Compare(o.Path, to) < 0));
    }

    /// <summary>指派: only to a salesperson of the manager's subtree; the assignee gets a reminder.</summary>
    public async Task AssignAsync(Opportunity opportunity, Guid salesmanId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var salesman = await AssignableSalesmen().Where(u => u.Id == salesmanId).Select(u => new { u.Id, u.OrgUnitId }).FirstOrDefaultAsync(cancellationToken)
                       ?? throw new DomainException("Opportunity.AssigneeOutOfScope");
        var now = clock.GetUtcNow();
        opportunity.Assign(salesman.Id, salesman.OrgUnitId, now);
        db.Reminders.Add(new Reminder(salesman.Id, ReminderTitles.OpportunityAssigned(opportunity.Summary), now, LinkOf(opportunity.Id),
            sourceType: ReminderSource, sourceKey: opportunity.Id.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Moves to a pipeline stage and takes that stage's default probability.</summary>
    public async Task MoveToStageAsync(Opportunity opportunity, PipelineStage stage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user moves opportunities.");
        opportunity.MoveToStage(stage, by, clock.GetUtcNow(), await ProbabilityOfAsync(stage, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Starts development with the first plan item, or adds one; its date becomes the assignee's reminder.</summary>
    public async Task<DevelopmentPlanItem> AddPlanItemAsync(Opportunity opportunity, DateOnly date, string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user plans.");
        var now = clock.GetUtcNow();
        var item = opportunity.Status == OpportunityStatus.Assigned
            ? opportunity.StartDevelopment(by, date, content, now)
            : opportunity.AddPlanItem(by, date, content, now);
        await db.SaveChangesAsync(cancellationToken);
        db.Reminders.Add(new Reminder(by, ReminderTitles.OpportunityPlanStep(opportunity.Summary, item.Content), PoolCalendar.StartOfDay(date, PoolCalendar.Zone(configuration)), LinkOf(opportunity.Id),
            sourceType: ReminderSource + "Plan", sourceKey: item.Id.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    /// <summary>
    /// 开发成功: the customer becomes active and owned by the assignee (a prospect may have been created
    /// by someone else, so the customer is loaded outside the assignee's scope — this rule hands it over).
    /// </summary>
    public async Task WinAsync(Opportunity opportunity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user wins opportunities.");
        var now = clock.GetUtcNow();
        opportunity.Win(by, now);
        var customer = await db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).FirstAsync(c => c.Id == opportunity.CustomerId, cancellationToken);
        if (customer.Status == CustomerStatus.Prospect)
        {
            if (customer.OwnerId != by)
                customer.AssignTo(by, opportunity.OrgUnitId, by, now, "销售机会开发成功");
            customer.Activate();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task LoseAsync(Opportunity opportunity, int reasonId, int? competitorId, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user closes opportunities.");
        opportunity.Lose(by, reasonId, competitorId, note, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> ProbabilityOfAsync(PipelineStage stage, CancellationToken cancellationToken = default) =>
        await db.PipelineStageSettings.AsNoTracking().Where(s => s.Stage == stage).Select(s => (int?)s.DefaultProbability).FirstOrDefaultAsync(cancellationToken)
        ?? DefaultProbabilities[stage];
}
