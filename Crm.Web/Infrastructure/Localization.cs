namespace Crm.Web.Infrastructure;

public static class Localization
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";

    public static IReadOnlyList<string> Cultures { get; } = [Chinese, English];

    /// <summary>The supported culture for a language tag ("en-GB" → en-US), or null.</summary>
    public static string? CultureFor(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
            return null;
        if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            return Chinese;
        if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            return English;
        return null;
    }
}
