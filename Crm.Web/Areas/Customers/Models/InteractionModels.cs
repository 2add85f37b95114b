using System.ComponentModel.DataAnnotations;
using Crm.Domain.Customers;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>
/// The posted interaction form. Times are what the user typed in a <c>datetime-local</c> input, i.e.
/// wall-clock times in the organisation's time zone; the controller converts them to UTC.
/// </summary>
public sealed class InteractionEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Interaction.OccurredAt")]
    public DateTime? OccurredAt { get; set; }

    [Display(Name = "Interaction.Channel")]
    public int? ChannelId { get; set; }

    [Display(Name = "Interaction.Contact")]
    public int? ContactId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Interaction.SummaryMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Interaction.Summary")]
    public string Summary { get; set; } = string.Empty;

    [StringLength(Interaction.DetailsMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Interaction.Details")]
    public string? Details { get; set; }

    [StringLength(Interaction.NextStepMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Interaction.NextStep")]
    public string? NextStep { get; set; }

    [Display(Name = "Interaction.FollowUpAt")]
    public DateTime? FollowUpAt { get; set; }

    /// <summary>The version the form was rendered with (edit only).</summary>
    public Guid Version { get; set; }

    /// <summary>The value of a <c>datetime-local</c> input.</summary>
    public static string? InputValue(DateTime? local) =>
        local?.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record InteractionFormViewModel(
    int? Id,
    int CustomerId,
    string CustomerCode,
    string CustomerName,
    InteractionEditModel Form,
    IReadOnlyList<SelectListItem> Channels,
    IReadOnlyList<SelectListItem> Contacts);

/// <summary>One entry of the customer's interaction timeline.</summary>
public sealed record InteractionRow(
    int Id, DateTimeOffset OccurredAt, string? Channel, string? Contact, string Summary, string? Details,
    string? NextStep, DateTimeOffset? FollowUpAt, string? RecordedBy);
