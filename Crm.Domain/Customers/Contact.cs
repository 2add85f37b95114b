using Crm.Domain.Common;

namespace Crm.Domain.Customers;

public enum Gender
{
    Unknown,
    Male,
    Female,
}

/// <summary>A person at a customer (联系人).</summary>
public sealed class Contact : AuditableEntity, ICustomerOwned
{
    public const int NameMaxLength = 50;
    public const int TitleMaxLength = 50;
    public const int PhoneMaxLength = 32;
    public const int EmailMaxLength = 100;
    public const int NotesMaxLength = 500;

    private Contact()
    {
        Name = string.Empty;
    }

    public Contact(int customerId, string name)
    {
        CustomerId = customerId;
        Name = Text.Required(name, NameMaxLength, "Contact.Name");
    }

    public int CustomerId { get; private set; }

    public string Name { get; private set; }

    public Gender Gender { get; private set; }

    public string? Title { get; private set; }

    public string? Mobile { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public DateOnly? Birthday { get; private set; }

    /// <summary>The customer's main contact; at most one per customer (kept by the caller).</summary>
    public bool IsPrimary { get; private set; }

    public string? Notes { get; private set; }

    public void Update(string name, Gender gender, string? title, string? mobile, string? phone, string? email, DateOnly? birthday, string? notes)
    {
        Name = Text.Required(name, NameMaxLength, "Contact.Name");
        Gender = gender;
        Title = Text.Optional(title, TitleMaxLength, "Contact.Title");
        Mobile = Text.Optional(mobile, PhoneMaxLength, "Contact.Mobile");
        Phone = Text.Optional(phone, PhoneMaxLength, "Contact.Phone");
        var trimmedEmail = Text.Optional(email, EmailMaxLength, "Contact.Email");
        if (trimmedEmail is not null && (!trimmedEmail.Contains('@') || trimmedEmail.StartsWith('@') || trimmedEmail.EndsWith('@')))
            throw new DomainException("Contact.EmailInvalid");
        Email = trimmedEmail;
        Birthday = birthday;
        Notes = Text.Optional(notes, NotesMaxLength, "Contact.Notes");
    }

    public void MakePrimary() => IsPrimary = true;

    public void ClearPrimary() => IsPrimary = false;

    /// <summary>Used when customers are merged: the contact moves to the surviving customer.</summary>
    public void MoveTo(int customerId)
    {
        CustomerId = customerId;
        IsPrimary = false;
    }
}
