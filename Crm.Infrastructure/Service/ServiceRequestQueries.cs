using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Service;

/// <summary>The customer of a service request as its pages label it.</summary>
public sealed class ServiceRequestParty
{
    public int Id { get; init; }

    public string Code { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;
}

/// <summary>A contact of a request's customer as the request pages show it.</summary>
public sealed class ServiceRequestContact
{
    public int Id { get; init; }

    public int CustomerId { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? Mobile { get; init; }

    public string? Phone { get; init; }
}

/// <summary>The service contract a request is under, as the request page shows it.</summary>
public sealed class ServiceRequestContract
{
    public int Id { get; init; }

    public string Number { get; init; } = string.Empty;

    public DateOnly EndDate { get; init; }

    public Crm.Domain.Service.ServiceLevel Level { get; init; }

    public int? CaseAllowance { get; init; }

    public int CasesUsed { get; init; }
}

/// <summary>
/// A handler sees a request of a customer outside their own data scope (a salesperson assigned a request of
/// a colleague's customer). The request pages still need the customer's name and the contact to call, so
/// these look-ups (and the one of the request's contract) read past the customer filter — each as a statement of its own: EF applies
/// IgnoreQueryFilters to a whole query, so it must never be composed into a query of requests. Callers pass
/// only ids taken from requests the user already sees.
/// </summary>
public sealed class ServiceRequestQueries(CrmDbContext db)
{
    /// <summary>Customer ids whose name contains the text or whose code is it (for the list's customer filter), at most <paramref name="limit"/>.</summary>
    public Task<List<int>> CustomerIdsMatchingAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        var name = text.Trim();
        var code = name.ToUpperInvariant();
        return Customers().Where(c => c.Name.Contains(name) || c.Code == code).OrderBy(c => c.Id).Select(c => c.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<Dictionary<int, ServiceRequestParty>> CustomersAsync(IEnumerable<int> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct().ToList();
        var result = new Dictionary<int, ServiceRequestParty>();
        foreach (var chunk in wanted.Chunk(500))
        {
            var list = chunk.ToList();
            foreach (var c in await Customers().Where(c => list.Contains(c.Id))
                         .Select(c => new ServiceRequestParty { Id = c.Id, Code = c.Code, Name = c.Name }).ToListAsync(cancellationToken))
                result[c.Id] = c;
        }

        return result;
    }

    /// <summary>The contract by id (a request's <c>ContractId</c>): a handler may not see the customer, and so not its contracts.</summary>
    public Task<ServiceRequestContract?> ContractAsync(int id, CancellationToken cancellationToken = default) =>
        db.ServiceContracts.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AsNoTracking().Where(c => c.Id == id)
            .Select(c => new ServiceRequestContract { Id = c.Id, Number = c.Number, EndDate = c.EndDate, Level = c.Level, CaseAllowance = c.CaseAllowance, CasesUsed = c.CasesUsed })
            .FirstOrDefaultAsync(cancellationToken);

    public Task<ServiceRequestContact?> ContactAsync(int id, CancellationToken cancellationToken = default) =>
        Contacts().Where(c => c.Id == id).FirstOrDefaultAsync(cancellationToken);

    public Task<List<ServiceRequestContact>> ContactsOfAsync(int customerId, CancellationToken cancellationToken = default) =>
        Contacts().Where(c => c.CustomerId == customerId).OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    private IQueryable<Crm.Domain.Customers.Customer> Customers() =>
        db.Customers.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AsNoTracking();

    private IQueryable<ServiceRequestContact> Contacts() =>
        db.Contacts.IgnoreQueryFilters([CrmDbContext.DataScopeFilter]).AsNoTracking()
            .Select(c => new ServiceRequestContact { Id = c.Id, CustomerId = c.CustomerId, Name = c.Name, Mobile = c.Mobile, Phone = c.Phone });
}
