using System.ComponentModel.DataAnnotations;
using Crm.Domain.Common;

namespace Crm.Web.Areas.Admin.Models;

/// <summary>
/// The settings form: company profile, customer rules and the SLA hours of each priority. Labels are the
/// resource keys the domain names in its refusals, so "Settings.OutOfRange" reads with the same words.
/// The ranges repeat the domain's (which stays the authority) to answer next to the field.
/// </summary>
public sealed class SettingsEditModel
{
    /// <summary>The settings row's concurrency token when the form was rendered.</summary>
    public Guid Version { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(SystemSettings.CompanyNameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Settings.CompanyName")]
    public string? CompanyName { get; set; }

    [StringLength(SystemSettings.AddressMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Settings.CompanyAddress")]
    public string? CompanyAddress { get; set; }

    [StringLength(SystemSettings.PhoneMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Settings.CompanyPhone")]
    public string? CompanyPhone { get; set; }

    [StringLength(SystemSettings.TaxNumberMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Settings.CompanyTaxNumber")]
    public string? CompanyTaxNumber { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, 60, ErrorMessage = "Settings.OutOfRange")]
    [Display(Name = "Settings.ChurnThresholdMonths")]
    public int? ChurnThresholdMonths { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(0, 3650, ErrorMessage = "Settings.OutOfRange")]
    [Display(Name = "Settings.PoolRecycleDaysWithoutInteraction")]
    public int? PoolRecycleDaysWithoutInteraction { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(0, 120, ErrorMessage = "Settings.OutOfRange")]
    [Display(Name = "Settings.PoolRecycleMonthsWithoutOrder")]
    public int? PoolRecycleMonthsWithoutOrder { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, 100_000, ErrorMessage = "Settings.OutOfRange")]
    [Display(Name = "Settings.PoolMaxCustomersPerUser")]
    public int? PoolMaxCustomersPerUser { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, 10_000, ErrorMessage = "Settings.OutOfRange")]
    [Display(Name = "Settings.PoolDailyClaimLimit")]
    public int? PoolDailyClaimLimit { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, 365, ErrorMessage = "Settings.OutOfRange")]
    [Display(Name = "Settings.ContractRenewalReminderDays")]
    public int? ContractRenewalReminderDays { get; set; }

    public List<PrioritySlaInput> Sla { get; set; } = [];
}

/// <summary>The SLA hours of one priority (a dictionary item), with that item's own concurrency token.</summary>
public sealed class PrioritySlaInput
{
    public const int MinHours = 1;
    public const int MaxHours = 8760;

    public int Id { get; set; }

    public Guid Version { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(MinHours, MaxHours, ErrorMessage = "Settings.OutOfRange")]
    [Display(Name = "Settings.SlaHours")]
    public int? Hours { get; set; }

    /// <summary>Display only, in the user's language; filled from the database, never trusted from the form.</summary>
    public string Name { get; set; } = string.Empty;
}
