using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Crm.Web.Infrastructure.Lists;

/// <summary>
/// <c>&lt;status-badge value="@row.Status" /&gt;</c>: a state of any module as a coloured badge, its text
/// from the resource "{EnumType}.{Value}". Colours follow the meaning of the state, not the module.
/// </summary>
[HtmlTargetElement("status-badge", TagStructure = TagStructure.WithoutEndTag)]
public sealed class StatusBadgeTagHelper(IStringLocalizer<SharedResource> l) : TagHelper
{
    private static readonly Dictionary<string, string> Tones = new(StringComparer.Ordinal)
    {
        ["Prospect"] = "text-bg-info",
        ["Active"] = "text-bg-success",
        ["ChurnWarning"] = "text-bg-warning",
        ["Churned"] = "text-bg-danger",
        ["Archived"] = "text-bg-secondary",
        ["Disabled"] = "text-bg-secondary",
        ["Locked"] = "text-bg-danger",
        ["Open"] = "text-bg-primary",
        ["Done"] = "text-bg-success",
        // Work waiting for someone (a decision, an assignment, a handler).
        ["Pending"] = "text-bg-warning",
        ["Required"] = "text-bg-warning",
        ["Requested"] = "text-bg-warning",
        ["Unassigned"] = "text-bg-warning",
        ["New"] = "text-bg-warning",
        // Under way.
        ["Draft"] = "text-bg-light border",
        ["Planned"] = "text-bg-info",
        ["Sent"] = "text-bg-info",
        ["Confirmed"] = "text-bg-primary",
        ["Assigned"] = "text-bg-primary",
        ["Developing"] = "text-bg-primary",
        ["Running"] = "text-bg-primary",
        ["Investigating"] = "text-bg-primary",
        ["Handled"] = "text-bg-info",
        ["FeedbackGiven"] = "text-bg-info",
        ["Shipped"] = "text-bg-info",
        ["Received"] = "text-bg-info",
        // Ended well.
        ["Approved"] = "text-bg-success",
        ["Accepted"] = "text-bg-success",
        ["Converted"] = "text-bg-success",
        ["Completed"] = "text-bg-success",
        ["Won"] = "text-bg-success",
        ["Recovered"] = "text-bg-success",
        ["Refunded"] = "text-bg-success",
        ["Resolved"] = "text-bg-success",
        ["NotRequired"] = "text-bg-light border",
        // Ended otherwise.
        ["Rejected"] = "text-bg-danger",
        ["Lost"] = "text-bg-danger",
        ["Cancelled"] = "text-bg-secondary",
        ["Withdrawn"] = "text-bg-secondary",
        ["Closed"] = "text-bg-secondary",
    };

    public Enum? Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Value is null)
        {
            output.SuppressOutput();
            return;
        }

        var name = Value.ToString();
        var text = l[$"{Value.GetType().Name}.{name}"];
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", $"badge {Tones.GetValueOrDefault(name, "text-bg-light border")}");
        output.Attributes.SetAttribute("data-status", name);
        output.Content.SetContent(text.ResourceNotFound ? name : text.Value);
    }
}
