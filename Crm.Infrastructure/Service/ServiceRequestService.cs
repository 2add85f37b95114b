using System.Globalization;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Domain.Service;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Crm.Infrastructure.Service;

/// <summary>What the creator of a service request fills in.</summary>
public sealed record ServiceRequestInput(int CustomerId, int TypeId, int PriorityId, string Summary, string? Details, int? ContactId, int? ProductId);

/// <summary>
/// The service-request moves whose rules reach beyond the request: its number (FW…), the SLA hours of the
/// priority, the service contract whose allowance a new request uses, assignment within the manager's
/// subtree, and the return visit with its reminder that archiving schedules.
/// </summary>
public sealed class ServiceRequestService(CrmDbContext db, ICurrentUser currentUser, TimeProvider clock, CodeGenerator codes, IConfiguration configuration)
{
    public const string NumberPrefix = "FW";
    public const string ReminderSource = "ReturnVisit";

    /// <summary>The return visit is planned this many days after the request is archived.</summary>
    public const int ReturnVisitAfterDays = 7;

    public static string LinkOf(int requestId) => $"/Service/Requests/Details/{requestId}";

    public static string VisitLinkOf(int visitId) => $"/Service/Visits/Details/{visitId}";

    /// <summary>The organisation's calendar day of an instant (setting App:TimeZone).</summary>
    public DateOnly DayOf(DateTimeOffset at) => ServiceCalendar.DayOf(at, configuration);

    /// <summary>
    /// 新建: the customer must be one the user sees; the due time follows from the priority's hours; an
    /// active contract of the customer covering today (and the product, when the contract lists products)
    /// gives up one case of its allowance.
    /// </summary>
    public async Task<ServiceRequest> CreateAsync(ServiceRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var me = currentUser.User ?? throw new InvalidOperationException("Only a signed-in user creates service requests.");
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId && c.Status != CustomerStatus.Archived && c.MergedIntoId == null, cancellationToken))
            throw new DomainException("ServiceRequests.CustomerNotFound");
        await EnsureOptionsAsync(input, null, null, null, cancellationToken);
        var slaHours = await SlaHoursAsync(input.PriorityId, cancellationToken);
        var now = clock.GetUtcNow();

        var number = CodeGenerator.Format(NumberPrefix, await codes.ReserveAsync("ServiceRequest", 1, cancellationToken));
        var request = new ServiceRequest(number, input.CustomerId, input.TypeId, input.PriorityId, slaHours, input.Summary, input.Details, me.UserId, me.OrgUnitId, now);
        request.Update(input.TypeId, input.PriorityId, slaHours, input.Summary, input.Details, input.ContactId, input.ProductId);

        var contract = await CoveringContractAsync(input.CustomerId, input.ProductId, DayOf(now), cancellationToken);
        if (contract is not null)
        {
            contract.UseCase(DayOf(now));
            request.LinkContract(contract.Id);
        }

        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>Edits what was asked (type, priority — which moves the due time —, summary, details, contact, product).</summary>
    public async Task UpdateAsync(ServiceRequest request, ServiceRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(input);
        await EnsureOptionsAsync(input, request.TypeId, request.PriorityId, request.ProductId, cancellationToken);
        var slaHours = await SlaHoursAsync(input.PriorityId, cancellationToken);
        request.Update(input.TypeId, input.PriorityId, slaHours, input.Summary, input.Details, input.ContactId, input.ProductId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The active contract of the customer that covers the day (and the product, when the contract lists products).</summary>
    public async Task<ServiceContract?> CoveringContractAsync(int customerId, int? productId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var candidates = await db.ServiceContracts.Include(c => c.Products)
            .Where(c => c.CustomerId == customerId && c.StartDate <= day && c.EndDate >= day)
            .OrderBy(c => c.EndDate).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(c => c.Covers(day)
                                              && (c.Products.Count == 0 || (productId is { } product && c.Products.Any(p => p.ProductId == product))));
    }

    /// <summary>The users the current user may hand requests to: active users of their subtree (everyone for scope All).</summary>
    public IQueryable<CrmUser> AssignableHandlers()
    {
        var users = db.Users.AsNoTracking().Where(u => u.IsActive);
        var me = currentUser.User;
        if (me is null || !currentUser.HasPermission(Permissions.Service.Assign) || me.Scope == DataScope.Own)
            return users.Where(_ => false);
        if (me.Scope == DataScope.All)
            return users;
        var (from, to) = OrgUnit.SubtreeRange(me.OrgUnitPath);
        return users.Where(u => db.OrgUnits.Any(o => o.Id == u.OrgUnitId && string.Compare(o.Path, from) >= 0 && string.Compare(o.Path, to) < 0));
    }

    /// <summary>分配: only to an active user of the manager's subtree; the handler gets a reminder. The request keeps its org unit.</summary>
    public async Task AssignAsync(ServiceRequest request, Guid handlerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user assigns service requests.");
        var handler = await AssignableHandlers().Where(u => u.Id == handlerId).Select(u => new { u.Id }).FirstOrDefaultAsync(cancellationToken)
                      ?? throw new DomainException("ServiceRequests.HandlerOutOfScope");
        var now = clock.GetUtcNow();
        request.Assign(handler.Id, by, now);
        db.Reminders.Add(new Reminder(handler.Id, ReminderTitles.ServiceRequestAssigned(request.Number, request.Summary), now, LinkOf(request.Id),
            sourceType: "ServiceRequest", sourceKey: request.Id.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>处理: by the handler only (the entity refuses anyone else).</summary>
    public async Task HandleAsync(ServiceRequest request, string handling, int minutesSpent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user handles service requests.");
        request.Handle(by, handling, minutesSpent, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>反馈: a satisfaction below 3 sends the request back to its handler, who is reminded.</summary>
    public async Task RecordFeedbackAsync(ServiceRequest request, string result, int satisfaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user records feedback.");
        var now = clock.GetUtcNow();
        request.RecordFeedback(by, result, satisfaction, now);
        if (request.Status == ServiceRequestStatus.Assigned && request.HandlerId is { } handler)
        {
            db.Reminders.Add(new Reminder(handler, ReminderTitles.ServiceRequestUnsatisfied(request.Number), now, LinkOf(request.Id),
                sourceType: "ServiceRequest", sourceKey: request.Id.ToString(CultureInfo.InvariantCulture)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// 归档: closes the request and schedules the return visit (回访) of the customer, with a reminder for the
    /// customer's owner (the archiving user for an unowned customer). The customer is read past the data
    /// scope on purpose: whoever may archive a request schedules its visit even for a customer they do not own.
    /// </summary>
    public async Task<ReturnVisit> ArchiveAsync(ServiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var by = currentUser.UserId ?? throw new InvalidOperationException("Only a signed-in user archives service requests.");
        var now = clock.GetUtcNow();
        request.Archive(by, now);
        var customer = await db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AsNoTracking()
            .Where(c => c.Id == request.CustomerId).Select(c => new { c.Name, c.OwnerId }).SingleAsync(cancellationToken);
        var visitor = customer.OwnerId ?? by;
        var planned = DayOf(now).AddDays(ReturnVisitAfterDays);
        var visit = new ReturnVisit(request.CustomerId, planned, null, visitor, request.Id, $"服务请求 {request.Number} 回访：{request.Summary}");
        db.ReturnVisits.Add(visit);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.Reminders.Add(new Reminder(visitor, ReminderTitles.ReturnVisitOfRequest(customer.Name, request.Number),
            PoolCalendar.StartOfDay(planned, PoolCalendar.Zone(configuration)), VisitLinkOf(visit.Id),
            $"{request.Number} {request.Summary} · {LinkOf(request.Id)}", ReminderSource, visit.Id.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return visit;
    }

    /// <summary>Links a published knowledge article to the request (once).</summary>
    public async Task LinkArticleAsync(ServiceRequest request, int articleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.KnowledgeArticles.AnyAsync(a => a.Id == articleId && a.IsPublished, cancellationToken))
            throw new DomainException("ServiceRequests.ArticleNotFound");
        if (!await db.ServiceRequestArticles.AnyAsync(x => x.ServiceRequestId == request.Id && x.ArticleId == articleId, cancellationToken))
        {
            db.ServiceRequestArticles.Add(new ServiceRequestArticle(request.Id, articleId));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task UnlinkArticleAsync(ServiceRequest request, int articleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var links = await db.ServiceRequestArticles.Where(x => x.ServiceRequestId == request.Id && x.ArticleId == articleId).ToListAsync(cancellationToken);
        db.ServiceRequestArticles.RemoveRange(links);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<int> SlaHoursAsync(int priorityId, CancellationToken cancellationToken) =>
        await db.DictionaryItems.AsNoTracking()
            .Where(d => d.Id == priorityId && d.Category == DictionaryCategories.Priority)
            .Select(d => d.Value).SingleOrDefaultAsync(cancellationToken)
        ?? throw new DomainException("ServiceRequests.PriorityWithoutSla");

    /// <summary>Type and priority from their dictionaries (active, or the request's current one), the contact of the customer, an existing product.</summary>
    private async Task EnsureOptionsAsync(ServiceRequestInput input, int? currentType, int? currentPriority, int? currentProduct, CancellationToken cancellationToken)
    {
        if (!await db.DictionaryItems.AnyAsync(d => d.Id == input.TypeId && d.Category == DictionaryCategories.ServiceType && (d.IsActive || d.Id == currentType), cancellationToken))
            throw new DomainException("ServiceRequests.InvalidType");
        if (!await db.DictionaryItems.AnyAsync(d => d.Id == input.PriorityId && d.Category == DictionaryCategories.Priority && (d.IsActive || d.Id == currentPriority), cancellationToken))
            throw new DomainException("ServiceRequests.InvalidPriority");
        if (input.ContactId is { } contact && !await db.Contacts.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AnyAsync(c => c.Id == contact && c.CustomerId == input.CustomerId, cancellationToken))
            throw new DomainException("ServiceRequests.InvalidContact");
        if (input.ProductId is { } product && product != currentProduct && !await db.Products.AnyAsync(p => p.Id == product, cancellationToken))
            throw new DomainException("ServiceRequests.InvalidProduct");
    }
}
