using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// Keeps the rules that span a customer's contacts: at most one primary contact, the first contact
/// becomes primary, and a contact that other records refer to is never hard-deleted. The caller saves.
/// </summary>
public sealed class ContactService(CrmDbContext db, ReferenceChecker references)
{
    public async Task AddAsync(Contact contact, bool primary, CancellationToken cancellationToken = default)
    {
        var others = await OthersAsync(contact, cancellationToken);
        db.Contacts.Add(contact);
        SetPrimary(contact, others, primary || others.Count == 0);
    }

    /// <summary>Makes the contact primary (clearing the others) or clears its flag.</summary>
    public async Task SetPrimaryAsync(Contact contact, bool primary, CancellationToken cancellationToken = default)
    {
        if (primary == contact.IsPrimary)
            return;
        SetPrimary(contact, primary ? await OthersAsync(contact, cancellationToken) : [], primary);
    }

    /// <summary>Deletes an unreferenced contact; when it was the primary one, the oldest remaining contact takes over.</summary>
    public async Task DeleteAsync(Contact contact, CancellationToken cancellationToken = default)
    {
        var used = await references.FindAsync<Contact>(contact.Id, cancellationToken);
        if (used.Count > 0)
            throw new DomainException("Contact.InUse", contact.Name, used);
        db.Contacts.Remove(contact);
        if (contact.IsPrimary)
            (await OthersAsync(contact, cancellationToken)).OrderBy(c => c.Id).FirstOrDefault()?.MakePrimary();
    }

    private async Task<List<Contact>> OthersAsync(Contact contact, CancellationToken cancellationToken) =>
        await db.Contacts.Where(c => c.CustomerId == contact.CustomerId && c.Id != contact.Id).ToListAsync(cancellationToken);

    private static void SetPrimary(Contact contact, IEnumerable<Contact> others, bool primary)
    {
        if (!primary)
        {
            contact.ClearPrimary();
            return;
        }

        foreach (var other in others.Where(o => o.IsPrimary))
            other.ClearPrimary();
        contact.MakePrimary();
    }
}
