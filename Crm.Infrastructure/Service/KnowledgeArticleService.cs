using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Ganss.Xss;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Service;

/// <summary>What an editor of a knowledge article submits; the answer is untrusted HTML.</summary>
public sealed record KnowledgeArticleInput(string Title, string AnswerHtml, string? Tags, int? ProductId);

/// <summary>
/// 知识库: articles are saved with their answer sanitized (HtmlSanitizer: no scripts, no event handlers,
/// no styles, only http/https/mailto links), so what the pages render with Html.Raw is the stored HTML only.
/// </summary>
public sealed class KnowledgeArticleService(CrmDbContext db)
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The answer as it may be stored and rendered.</summary>
    public static string Sanitize(string? html) => html is null ? string.Empty : Sanitizer.Sanitize(html).Trim();

    public async Task<KnowledgeArticle> CreateAsync(KnowledgeArticleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await EnsureProductAsync(input.ProductId, null, cancellationToken);
        var article = new KnowledgeArticle(input.Title, Sanitize(input.AnswerHtml), input.Tags, input.ProductId);
        db.KnowledgeArticles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        return article;
    }

    public async Task EditAsync(KnowledgeArticle article, KnowledgeArticleInput input, bool published, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(input);
        await EnsureProductAsync(input.ProductId, article.ProductId, cancellationToken);
        article.Edit(input.Title, Sanitize(input.AnswerHtml), input.Tags, input.ProductId);
        article.SetPublished(published);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Counts a view without touching the article's version (a reader must not make an editor's form stale).</summary>
    public Task CountViewAsync(int articleId, CancellationToken cancellationToken = default) =>
        db.KnowledgeArticles.Where(a => a.Id == articleId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + 1), cancellationToken);

    private async Task EnsureProductAsync(int? productId, int? current, CancellationToken cancellationToken)
    {
        if (productId is { } id && id != current && !await db.Products.AnyAsync(p => p.Id == id, cancellationToken))
            throw new DomainException("Knowledge.InvalidProduct");
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedAttributes.Remove("id");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("option");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }
}
