using System.ComponentModel.DataAnnotations;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>The customer list's search, filters, sort and page, bound from the query string.</summary>
public sealed class CustomerListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customers.Search")]
    public string? Q { get; set; }

    [Display(Name = "Customers.Status")]
    public CustomerStatus? Status { get; set; }

    [Display(Name = "Customers.Level")]
    public int? LevelId { get; set; }

    [Display(Name = "Customers.Region")]
    public int? RegionId { get; set; }

    [Display(Name = "Customers.Industry")]
    public int? IndustryId { get; set; }

    [Display(Name = "Customers.Owner")]
    public Guid? OwnerId { get; set; }

    [Display(Name = "Customers.InPool")]
    public bool InPool { get; set; }

    [Display(Name = "Customers.OrgUnit")]
    public int? OrgUnitId { get; set; }

    [Display(Name = "Customers.CreatedFrom")]
    public DateOnly? CreatedFrom { get; set; }

    [Display(Name = "Customers.CreatedTo")]
    public DateOnly? CreatedTo { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
}

public sealed record CustomerRow(
    int Id, string Code, string Name, CustomerType Type, CustomerStatus Status, string? Level, string? Region,
    string? Industry, string? Owner, string OrgUnit, string? Phone, DateTimeOffset? LastInteractionAt, DateTimeOffset CreatedAt);

public sealed record CustomerIndexViewModel(
    CustomerListFilter Filter,
    Paged<CustomerRow> Rows,
    IReadOnlyList<SelectListItem> Levels,
    IReadOnlyList<SelectListItem> Regions,
    IReadOnlyList<SelectListItem> Industries,
    IReadOnlyList<SelectListItem> Owners,
    IReadOnlyList<SelectListItem> OrgUnits,
    bool CanCreate,
    IReadOnlyList<SelectListItem>? AssignableOwners = null);

/// <summary>The posted customer form (create and edit).</summary>
public sealed class CustomerEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Customer.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.Name")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "Customers.Type")]
    public CustomerType Type { get; set; } = CustomerType.Company;

    [Display(Name = "Customers.Level")]
    public int? LevelId { get; set; }

    [Display(Name = "Customers.Industry")]
    public int? IndustryId { get; set; }

    [Display(Name = "Customers.Region")]
    public int? RegionId { get; set; }

    [Display(Name = "Customers.Source")]
    public int? SourceId { get; set; }

    [Range(1, 5, ErrorMessage = "Validation.Range")]
    [Display(Name = "Customer.Satisfaction")]
    public int? Satisfaction { get; set; }

    [Range(1, 5, ErrorMessage = "Validation.Range")]
    [Display(Name = "Customer.CreditRating")]
    public int? CreditRating { get; set; }

    [StringLength(Customer.AddressMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.Address")]
    public string? Address { get; set; }

    [StringLength(Customer.PostcodeMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.Postcode")]
    public string? Postcode { get; set; }

    [StringLength(Customer.PhoneMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.Phone")]
    public string? Phone { get; set; }

    [StringLength(Customer.PhoneMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.Fax")]
    public string? Fax { get; set; }

    [StringLength(Customer.WebsiteMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.Website")]
    public string? Website { get; set; }

    [StringLength(30, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.CreditCode")]
    public string? CreditCode { get; set; }

    [StringLength(Customer.PersonNameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.LegalRepresentative")]
    public string? LegalRepresentative { get; set; }

    [Range(0, 999_999_999_999.99, ErrorMessage = "Validation.Range")]
    [Display(Name = "Customer.RegisteredCapital")]
    public decimal? RegisteredCapital { get; set; }

    [Range(0, 999_999_999_999.99, ErrorMessage = "Validation.Range")]
    [Display(Name = "Customer.AnnualRevenue")]
    public decimal? AnnualRevenue { get; set; }

    [StringLength(Customer.BankNameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.BankName")]
    public string? BankName { get; set; }

    [StringLength(Customer.BankAccountMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.BankAccount")]
    public string? BankAccount { get; set; }

    [StringLength(Customer.RemarksMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Customer.Remarks")]
    public string? Remarks { get; set; }

    [Display(Name = "Customers.Owner")]
    public Guid? OwnerId { get; set; }

    /// <summary>The version the form was rendered with (edit only).</summary>
    public Guid Version { get; set; }

    /// <summary>Set once the user has seen the possible duplicates and still wants to save.</summary>
    public bool ConfirmNotDuplicate { get; set; }

    public CustomerProfile ToProfile() => new()
    {
        Name = Name,
        Type = Type,
        LevelId = LevelId,
        IndustryId = IndustryId,
        RegionId = RegionId,
        SourceId = SourceId,
        Satisfaction = Satisfaction,
        CreditRating = CreditRating,
        Address = Address,
        Postcode = Postcode,
        Phone = Phone,
        Fax = Fax,
        Website = Website,
        CreditCode = CreditCode,
        LegalRepresentative = LegalRepresentative,
        RegisteredCapital = RegisteredCapital,
        AnnualRevenue = AnnualRevenue,
        BankName = BankName,
        BankAccount = BankAccount,
        Remarks = Remarks,
    };

    public static CustomerEditModel From(Customer c) => new()
    {
        Name = c.Name,
        Type = c.Type,
        LevelId = c.LevelId,
        IndustryId = c.IndustryId,
        RegionId = c.RegionId,
        SourceId = c.SourceId,
        Satisfaction = c.Satisfaction,
        CreditRating = c.CreditRating,
        Address = c.Address,
        Postcode = c.Postcode,
        Phone = c.Phone,
        Fax = c.Fax,
        Website = c.Website,
        CreditCode = c.CreditCode,
        LegalRepresentative = c.LegalRepresentative,
        RegisteredCapital = c.RegisteredCapital,
        AnnualRevenue = c.AnnualRevenue,
        BankName = c.BankName,
        BankAccount = c.BankAccount,
        Remarks = c.Remarks,
        OwnerId = c.OwnerId,
        Version = c.Version,
    };
}

public sealed record CustomerFormViewModel(
    int? Id,
    string? Code,
    CustomerEditModel Form,
    IReadOnlyList<SelectListItem> Levels,
    IReadOnlyList<SelectListItem> Industries,
    IReadOnlyList<SelectListItem> Regions,
    IReadOnlyList<SelectListItem> Sources,
    IReadOnlyList<SelectListItem> Owners,
    IReadOnlyList<DuplicateMatch> Duplicates);

public sealed record PoolEventRow(PoolEventKind Kind, string? From, string? To, string? By, DateTimeOffset At, string? Reason);

/// <summary>
/// The customer 360 (客户360): the profile header and key figures, the counts on the tabs, and the rows of
/// the active tab only. Each tab is a link (<c>?tab=</c>), so a page costs the same few statements however
/// many tabs the modules add.
/// </summary>
public sealed record CustomerDetailsViewModel(
    int Id,
    string Code,
    string Name,
    CustomerType Type,
    CustomerStatus Status,
    CustomerEditModel Profile,
    string? Level,
    string? Industry,
    string? Region,
    string? Source,
    string? Owner,
    DateTimeOffset? OwnerSince,
    string OrgUnit,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastInteractionAt,
    DateTimeOffset? LastOrderAt,
    CustomerTabCounts Counts,
    PrimaryContactInfo? PrimaryContact,
    string ActiveTab,
    IReadOnlyList<SelectListItem> AssignableOwners,
    bool CanEdit,
    bool CanArchive,
    bool CanAssign,
    PoolActions Pool,
    IReadOnlyList<ContactRow>? Contacts = null,
    IReadOnlyList<InteractionRow>? Interactions = null,
    IReadOnlyList<PoolEventRow>? PoolHistory = null,
    Crm.Web.Areas.Sales.Models.CustomerOrdersViewModel? Orders = null,
    Crm.Web.Areas.Marketing.Models.CustomerOpportunitiesViewModel? Opportunities = null,
    IReadOnlyList<ChurnHistoryRow>? ChurnHistory = null,
    decimal? Satisfaction = null)
{
    /// <summary>The tabs in their order; the first is shown when <c>?tab=</c> names none of them.</summary>
    public static readonly IReadOnlyList<string> Tabs = ["profile", "contacts", "interactions", "opportunities", "orders", "returns", "service", "complaints", "visits", "churn", "pool", "feedback", "changes"];

    /// <summary>The tabs another module owns, with the permission that shows them; without it the tab is hidden and ?tab= falls back to the profile.</summary>
    public static readonly IReadOnlyDictionary<string, string> TabPermissions = new Dictionary<string, string>
    {
        ["opportunities"] = Crm.Domain.Organization.Permissions.Opportunities.View,
        ["orders"] = Crm.Domain.Organization.Permissions.Orders.View,
        ["returns"] = Crm.Domain.Organization.Permissions.Returns.View,
    };

    /// <summary>The timeline shows this many of the newest interactions.</summary>
    public const int TimelineLimit = 50;

    public static string TabOf(string? requested, Func<string, bool>? hasPermission = null)
    {
        var tab = requested is not null && Tabs.Contains(requested, StringComparer.OrdinalIgnoreCase) ? requested.ToLowerInvariant() : Tabs[0];
        return hasPermission is not null && TabPermissions.TryGetValue(tab, out var permission) && !hasPermission(permission) ? Tabs[0] : tab;
    }
}

/// <summary>The figures on the 360's tabs; the change count is capped (the badge then reads "50+").</summary>
public sealed record CustomerTabCounts(int Contacts, int Interactions, int PoolEvents, int Feedback, int Changes,
    int Opportunities = 0, int Orders = 0, int ChurnWarnings = 0, int Service = 0, int ServiceOverdue = 0, int Complaints = 0, int Visits = 0, int Returns = 0);

public sealed record PrimaryContactInfo(string Name, string? Mobile);
