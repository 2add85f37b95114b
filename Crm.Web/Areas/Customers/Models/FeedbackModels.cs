using System.ComponentModel.DataAnnotations;
using Crm.Domain.Customers;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>The posted feedback form; the time is typed in the organisation's zone.</summary>
public sealed class FeedbackEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Feedback.ReceivedAt")]
    public DateTime? ReceivedAt { get; set; }

    [Display(Name = "Feedback.Contact")]
    public int? ContactId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Feedback.SummaryMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Feedback.Summary")]
    public string Summary { get; set; } = string.Empty;

    [StringLength(Feedback.DetailsMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Feedback.Details")]
    public string? Details { get; set; }
}

public sealed record FeedbackFormViewModel(
    int CustomerId, string CustomerCode, string CustomerName, FeedbackEditModel Form, IReadOnlyList<SelectListItem> Contacts, string? ReturnUrl);

/// <summary>The feedback page of one customer (the same content as the 360 page's feedback tab).</summary>
public sealed record FeedbackIndexViewModel(int CustomerId, string CustomerCode, string CustomerName, bool CanEdit);

/// <summary>The customer-360 feedback tab: feedback newest first, each with its tasks.</summary>
public sealed record CustomerFeedbackViewModel(
    int CustomerId,
    IReadOnlyList<FeedbackItem> Feedback,
    bool CanEdit,
    IReadOnlyList<SelectListItem> Assignees,
    string DefaultDueAt,
    string ReturnUrl);

public sealed record FeedbackItem(
    int Id, DateTimeOffset ReceivedAt, string? Contact, string Summary, string? Details, string? RecordedBy, IReadOnlyList<TaskItem> Tasks)
{
    public bool IsSettled => Tasks.Count > 0 && Tasks.All(t => t.Status is CustomerTaskStatus.Done or CustomerTaskStatus.Cancelled);
}

public sealed record TaskItem(
    int Id, string Title, Guid AssigneeId, string? Assignee, DateTimeOffset DueAt, CustomerTaskStatus Status, DateTimeOffset? CompletedAt, bool Overdue)
{
    public bool IsOpen => Status is CustomerTaskStatus.Open or CustomerTaskStatus.InProgress;
}
