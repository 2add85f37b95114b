using Crm.Domain.Common;

namespace Crm.Domain.Customers;

/// <summary>
/// One contact with a customer (交往记录): when, through which channel, with whom, what was said, and
/// the next step with a follow-up date that becomes a reminder for the customer's owner.
/// </summary>
public sealed class Interaction : AuditableEntity, ICustomerOwned
{
    public const int SummaryMaxLength = 200;
    public const int DetailsMaxLength = 4000;
    public const int NextStepMaxLength = 500;

    private Interaction()
    {
        Summary = string.Empty;
    }

    public Interaction(int customerId, DateTimeOffset occurredAt, int? channelId, int? contactId, string summary, string? details, string? nextStep, DateTimeOffset? followUpAt)
        : this()
    {
        CustomerId = customerId;
        Update(occurredAt, channelId, contactId, summary, details, nextStep, followUpAt);
    }

    public int CustomerId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public int? ChannelId { get; private set; }

    public int? ContactId { get; private set; }

    public string Summary { get; private set; }

    public string? Details { get; private set; }

    public string? NextStep { get; private set; }

    public DateTimeOffset? FollowUpAt { get; private set; }

    public void Update(DateTimeOffset occurredAt, int? channelId, int? contactId, string summary, string? details, string? nextStep, DateTimeOffset? followUpAt)
    {
        if (followUpAt is { } followUp && followUp < occurredAt)
            throw new DomainException("Interaction.FollowUpBeforeInteraction");
        OccurredAt = occurredAt;
        ChannelId = channelId;
        ContactId = contactId;
        Summary = Text.Required(summary, SummaryMaxLength, "Interaction.Summary");
        Details = Text.Optional(details, DetailsMaxLength, "Interaction.Details");
        NextStep = Text.Optional(nextStep, NextStepMaxLength, "Interaction.NextStep");
        FollowUpAt = followUpAt;
    }

    public void MoveTo(int customerId) => CustomerId = customerId;
}
