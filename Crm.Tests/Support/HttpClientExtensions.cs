using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Crm.Tests.Support;

public static class HttpClientExtensions
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return await response.ReadDocumentAsync();
    }

    public static async Task<IDocument> ReadDocumentAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await Parser.ParseDocumentAsync(html);
    }

    /// <summary>Reads the antiforgery token of the form page, as a browser would have it, then posts the form.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetDocumentAsync(formPage ?? url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? url}");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    public static string Text(this IDocument document, string selector) =>
        document.QuerySelector(selector)?.TextContent.Trim() ?? string.Empty;
}
