using System.Linq.Expressions;
using System.Reflection;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Domain.Service;
using Crm.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// Identity and the domain in one context. This type targets SQL Server and owns
/// <c>Migrations/SqlServer</c>; <see cref="SqliteCrmDbContext"/> derives from it for SQLite.
/// </summary>
public class CrmDbContext : IdentityDbContext<CrmUser, CrmRole, Guid>, IDataProtectionKeyContext
{
    /// <summary>Name of the query filter that applies the current user's data scope.</summary>
    public const string DataScopeFilter = "DataScope";

    private readonly ICurrentUser? _currentUser;

    public CrmDbContext(DbContextOptions<CrmDbContext> options, ICurrentUser? currentUser = null)
        : base(options)
    {
        _currentUser = currentUser;
    }

    protected CrmDbContext(DbContextOptions options, ICurrentUser? currentUser)
        : base(options)
    {
        _currentUser = currentUser;
    }

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();

    /// <summary>
    /// Pinned, not read from IdentityOptions: the design-time tools have no application services, and
    /// a schema that depended on them would make migrations and runtime disagree.
    /// </summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version2;

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DictionaryItem> DictionaryItems => Set<DictionaryItem>();

    public DbSet<SystemSettings> SystemSettings => Set<SystemSettings>();

    public DbSet<Reminder> Reminders => Set<Reminder>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    public DbSet<Feedback> Feedbacks => Set<Feedback>();

    public DbSet<CustomerTask> CustomerTasks => Set<CustomerTask>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<ChurnWarning> ChurnWarnings => Set<ChurnWarning>();

    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductPriceChange> ProductPriceChanges => Set<ProductPriceChange>();

    public DbSet<CustomerLevelPriceType> CustomerLevelPriceTypes => Set<CustomerLevelPriceType>();

    public DbSet<Warehouse> Warehouses => Set<Warehouse>();

    public DbSet<StockLevel> StockLevels => Set<StockLevel>();

    public DbSet<StockMovement> StockMovements => Set<StockMovement>();

    public DbSet<Quote> Quotes => Set<Quote>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Return> Returns => Set<Return>();

    public DbSet<Approval> Approvals => Set<Approval>();

    public DbSet<Opportunity> Opportunities => Set<Opportunity>();

    public DbSet<PipelineStageSetting> PipelineStageSettings => Set<PipelineStageSetting>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<Competitor> Competitors => Set<Competitor>();

    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();

    public DbSet<ServiceRequestArticle> ServiceRequestArticles => Set<ServiceRequestArticle>();

    public DbSet<QualityComplaint> QualityComplaints => Set<QualityComplaint>();

    public DbSet<ReturnVisit> ReturnVisits => Set<ReturnVisit>();

    public DbSet<ServiceContract> ServiceContracts => Set<ServiceContract>();

    public DbSet<KnowledgeArticle> KnowledgeArticles => Set<KnowledgeArticle>();

    /// <summary>Data-protection keys live in the database so that every web instance shares them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // The data-scope filter reads these per query (EF parameterizes context members), so one model
    // serves every user. Without a current user the filter admits nothing.
    private bool ScopeAll => _currentUser?.Scope == DataScope.All;

    private Guid? ScopeUserId => _currentUser?.UserId;

    private bool ScopeSubtree => _currentUser?.Scope == DataScope.OrgUnitSubtree && _currentUser.User is not null;

    private string ScopePathFrom => _currentUser?.User is { } u ? OrgUnit.SubtreeRange(u.OrgUnitPath).From : string.Empty;

    private string ScopePathTo => _currentUser?.User is { } u ? OrgUnit.SubtreeRange(u.OrgUnitPath).To : string.Empty;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);

        var apply = typeof(CrmDbContext).GetMethod(nameof(ApplyDataScopeFilter), BindingFlags.Instance | BindingFlags.NonPublic)!;
        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(IDataScoped).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            apply.MakeGenericMethod(entityType.ClrType).Invoke(this, [builder]);
        }

        var applyChild = typeof(CrmDbContext).GetMethod(nameof(ApplyCustomerScopeFilter), BindingFlags.Instance | BindingFlags.NonPublic)!;
        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(ICustomerOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            applyChild.MakeGenericMethod(entityType.ClrType).Invoke(this, [builder]);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    /// <summary>
    /// Own: records the user owns (and, for <see cref="ICreatorScoped"/> records, created). Unit and below: records of any org unit in the user's subtree (one
    /// indexed range on the unit path) plus their own. All: everything.
    /// </summary>
    private void ApplyDataScopeFilter<T>(ModelBuilder builder)
        where T : class, IDataScoped
    {
        Expression<Func<T, bool>> filter = typeof(T) == typeof(ServiceRequest)
            // A service request: as any creator-scoped record, and also whenever its customer is visible (the customer's owner follows the service of his customer).
            ? e =>
                ScopeAll
                || (ScopeUserId != null && (EF.Property<Guid?>(e, nameof(IDataScoped.OwnerId)) == ScopeUserId
                                            || EF.Property<Guid>(e, nameof(ICreatorScoped.CreatorId)) == ScopeUserId))
                || (ScopeSubtree && OrgUnits.Any(o =>
                    o.Id == EF.Property<int>(e, nameof(IDataScoped.OrgUnitId))
                    && string.Compare(o.Path, ScopePathFrom) >= 0
                    && string.Compare(o.Path, ScopePathTo) < 0))
                || Customers.Any(c => c.Id == EF.Property<int>(e, nameof(ServiceRequest.CustomerId)))
            : typeof(ICreatorScoped).IsAssignableFrom(typeof(T))
            ? e =>
                ScopeAll
                || (ScopeUserId != null && (EF.Property<Guid?>(e, nameof(IDataScoped.OwnerId)) == ScopeUserId
                                            || EF.Property<Guid>(e, nameof(ICreatorScoped.CreatorId)) == ScopeUserId))
                || (ScopeSubtree && OrgUnits.Any(o =>
                    o.Id == EF.Property<int>(e, nameof(IDataScoped.OrgUnitId))
                    && string.Compare(o.Path, ScopePathFrom) >= 0
                    && string.Compare(o.Path, ScopePathTo) < 0))
            : e =>
            ScopeAll
            || (ScopeUserId != null && EF.Property<Guid?>(e, nameof(IDataScoped.OwnerId)) == ScopeUserId)
            || (ScopeSubtree && OrgUnits.Any(o =>
                o.Id == EF.Property<int>(e, nameof(IDataScoped.OrgUnitId))
                && string.Compare(o.Path, ScopePathFrom) >= 0
                && string.Compare(o.Path, ScopePathTo) < 0));
        builder.Entity<T>().HasQueryFilter(DataScopeFilter, filter);
    }

    /// <summary>A customer's contacts, interactions, feedback and tasks are visible exactly when the customer is.</summary>
    private void ApplyCustomerScopeFilter<T>(ModelBuilder builder)
        where T : class, ICustomerOwned
    {
        Expression<Func<T, bool>> filter = e =>
            ScopeAll || Customers.Any(c => c.Id == EF.Property<int>(e, nameof(ICustomerOwned.CustomerId)));
        builder.Entity<T>().HasQueryFilter(DataScopeFilter, filter);
    }
}
