using Crm.Tests.Support;

namespace Crm.Tests.Web;

/// <summary>
/// Every HTML page of the route matrix, as the administrator sees it: no inline script or style (the CSP
/// would block them), and every visible form field has a label. New modules are covered by adding their rows.
/// </summary>
public sealed class PageHygieneTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    [Fact]
    public async Task EveryPageIsFreeOfInlineCodeAndLabelsItsFields()
    {
        var admin = await factory.SignInAsync("admin", language: "zh-CN");
        var adminColumn = Array.IndexOf(RouteMatrix.Identities, "admin");
        var problems = new List<string>();
        var checkedPages = 0;

        foreach (var row in RouteMatrix.Rows.Where(r => r.Expected[adminColumn] == 200 && !r.Url.StartsWith("/health", StringComparison.Ordinal)))
        {
            var url = await AuthorizationMatrixTests.ResolveAsync(factory, row.Url);
            var response = await admin.GetAsync(url);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
                continue;
            checkedPages++;
            var page = await response.ReadDocumentAsync();
            problems.AddRange(page.QuerySelectorAll("script:not([src])").Select(_ => $"{url}: inline script"));
            problems.AddRange(page.QuerySelectorAll("style").Select(_ => $"{url}: <style> block"));
            problems.AddRange(page.QuerySelectorAll("[style]").Select(e => $"{url}: style attribute on <{e.LocalName}>"));
            foreach (var field in page.QuerySelectorAll("input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea"))
            {
                var id = field.GetAttribute("id");
                var labelled = (id is not null && page.QuerySelector($"label[for='{id}']") is not null)
                    || field.Closest("label") is not null
                    || field.HasAttribute("aria-label") || field.HasAttribute("aria-labelledby");
                if (!labelled)
                    problems.Add($"{url}: unlabelled <{field.LocalName} name='{field.GetAttribute("name")}'>");
            }
        }

        Assert.True(checkedPages > 20, $"only {checkedPages} pages checked");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }
}
