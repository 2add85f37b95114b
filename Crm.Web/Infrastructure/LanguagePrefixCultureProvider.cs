using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Crm.Web.Infrastructure;

/// <summary>
/// The browser's language decides when no cookie does. Matches by language, not exact tag, so that
/// "en", "en-GB" or "zh-Hans-CN" still pick English or Chinese.
/// </summary>
public sealed class LanguagePrefixCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var languages = httpContext.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? string.Empty);
        foreach (var language in languages)
        {
            var culture = Localization.CultureFor(language);
            if (culture is not null)
                return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
        }

        return NullProviderCultureResult;
    }
}
