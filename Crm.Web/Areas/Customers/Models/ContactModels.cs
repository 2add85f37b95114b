using System.ComponentModel.DataAnnotations;
using Crm.Domain.Customers;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>The posted contact form (create and edit).</summary>
public sealed class ContactEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Contact.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Contact.Name")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "Contact.Gender")]
    public Gender Gender { get; set; }

    [StringLength(Contact.TitleMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Contact.Title")]
    public string? Title { get; set; }

    [StringLength(Contact.PhoneMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Contact.Mobile")]
    public string? Mobile { get; set; }

    [StringLength(Contact.PhoneMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Contact.Phone")]
    public string? Phone { get; set; }

    [StringLength(Contact.EmailMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Contact.Email")]
    public string? Email { get; set; }

    [Display(Name = "Contact.Birthday")]
    public DateOnly? Birthday { get; set; }

    [Display(Name = "Contact.IsPrimary")]
    public bool IsPrimary { get; set; }

    [StringLength(Contact.NotesMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Contact.Notes")]
    public string? Notes { get; set; }

    /// <summary>The version the form was rendered with (edit only).</summary>
    public Guid Version { get; set; }

    public void ApplyTo(Contact contact) => contact.Update(Name, Gender, Title, Mobile, Phone, Email, Birthday, Notes);

    public static ContactEditModel From(Contact c) => new()
    {
        Name = c.Name,
        Gender = c.Gender,
        Title = c.Title,
        Mobile = c.Mobile,
        Phone = c.Phone,
        Email = c.Email,
        Birthday = c.Birthday,
        IsPrimary = c.IsPrimary,
        Notes = c.Notes,
        Version = c.Version,
    };
}

/// <summary>The contact form page: the customer it belongs to and, when editing, the contact's id.</summary>
public sealed record ContactFormViewModel(int? Id, int CustomerId, string CustomerCode, string CustomerName, ContactEditModel Form);

/// <summary>One contact on the customer 360.</summary>
public sealed record ContactRow(
    int Id, string Name, Gender Gender, string? Title, string? Mobile, string? Phone, string? Email,
    DateOnly? Birthday, bool IsPrimary, string? Notes, Guid Version);
