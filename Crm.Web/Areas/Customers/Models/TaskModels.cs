using System.ComponentModel.DataAnnotations;
using Crm.Domain.Customers;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>The posted form that splits a task off a feedback, or reassigns one.</summary>
public sealed class TaskEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(CustomerTask.TitleMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "CustomerTask.Title")]
    public string Title { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "CustomerTask.Assignee")]
    public Guid? AssigneeId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "CustomerTask.DueAt")]
    public DateTime? DueAt { get; set; }
}

public sealed class TaskReassignModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "CustomerTask.Assignee")]
    public Guid? AssigneeId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "CustomerTask.DueAt")]
    public DateTime? DueAt { get; set; }
}

/// <summary>One of the current user's open tasks; the customer is linked when the user may open it.</summary>
public sealed record MyTaskRow(
    int Id, string Title, CustomerTaskStatus Status, DateTimeOffset DueAt, bool Overdue,
    int CustomerId, string CustomerCode, string CustomerName, bool CustomerVisible, string FeedbackSummary);

public sealed record MyTasksViewModel(IReadOnlyList<MyTaskRow> Rows, int OverdueCount);
