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
