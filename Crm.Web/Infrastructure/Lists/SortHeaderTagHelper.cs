using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Crm.Web.Infrastructure.Lists;

/// <summary>
/// A sortable column header: <c>&lt;th sort-field="Name"&gt;客户名称&lt;/th&gt;</c>. Links to the same page with
/// the query string kept, sorting by this field (ascending first, then descending), restarting at page 1,
/// and tells screen readers the current order with aria-sort.
/// </summary>
[HtmlTargetElement("th", Attributes = "sort-field")]
public sealed class SortHeaderTagHelper : TagHelper
{
    [HtmlAttributeName("sort-field")]
    public string Field { get; set; } = string.Empty;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var query = ViewContext.HttpContext.Request.Query;
        var current = query["sort"].ToString();
        var descending = string.Equals(query["dir"], "desc", StringComparison.OrdinalIgnoreCase);
        var active = string.Equals(current, Field, StringComparison.OrdinalIgnoreCase);
        var nextDirection = active && !descending ? "desc" : "asc";

        var values = query.Where(kv => kv.Key is not ("sort" or "dir" or "page"))
            .SelectMany(kv => kv.Value.Select(v => (kv.Key, Value: v ?? string.Empty)))
            .Append(("sort", Field))
            .Append(("dir", nextDirection));
        var href = ViewContext.HttpContext.Request.Path + QueryString(values);

        var label = (await output.GetChildContentAsync()).GetContent();
        output.Attributes.SetAttribute("scope", "col");
        output.Attributes.SetAttribute("aria-sort", active ? (descending ? "descending" : "ascending") : "none");
        var icon = active ? (descending ? "bi-sort-down" : "bi-sort-up") : "bi-arrow-down-up text-body-tertiary";
        var link = new TagBuilder("a");
        link.Attributes["href"] = href;
        link.AddCssClass("link-body-emphasis text-decoration-none text-nowrap");
        link.InnerHtml.AppendHtml(label);
        link.InnerHtml.AppendHtml($" <i class=\"bi {icon}\" aria-hidden=\"true\"></i>");
        output.Content.SetHtmlContent(link);
    }

    private static string QueryString(IEnumerable<(string Key, string Value)> values) =>
        "?" + string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
}
