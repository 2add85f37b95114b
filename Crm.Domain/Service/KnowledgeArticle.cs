using Crm.Domain.Common;

namespace Crm.Domain.Service;

/// <summary>
/// 知识库 article: a question and its standard answer (标准答案). The answer is rich text; the
/// infrastructure sanitizes it before it reaches <see cref="Edit"/>, so what is stored is safe to render.
/// </summary>
public sealed class KnowledgeArticle : AuditableEntity
{
    public const int TitleMaxLength = 200;
    public const int AnswerMaxLength = 20_000;
    public const int TagsMaxLength = 200;

    private KnowledgeArticle()
    {
        Title = string.Empty;
        AnswerHtml = string.Empty;
    }

    public KnowledgeArticle(string title, string sanitizedAnswerHtml, string? tags, int? productId)
        : this() => Edit(title, sanitizedAnswerHtml, tags, productId);

    public string Title { get; private set; }

    public string AnswerHtml { get; private set; }

    /// <summary>Comma-separated tags, normalized (trimmed, distinct).</summary>
    public string? Tags { get; private set; }

    public int? ProductId { get; private set; }

    /// <summary>How often the article was read; counted in the database in one statement (no read-modify-write), so it has no setter here.</summary>
    public int ViewCount { get; private set; }

    public bool IsPublished { get; private set; } = true;

    public void Edit(string title, string sanitizedAnswerHtml, string? tags, int? productId)
    {
        Title = Text.Required(title, TitleMaxLength, "KnowledgeArticle.Title");
        AnswerHtml = Text.Required(sanitizedAnswerHtml, AnswerMaxLength, "KnowledgeArticle.Answer");
        var normalized = tags is null ? null : string.Join(",", tags.Split([',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase));
        Tags = Text.Optional(normalized, TagsMaxLength, "KnowledgeArticle.Tags");
        ProductId = productId;
    }

    public void SetPublished(bool published) => IsPublished = published;
}

/// <summary>A knowledge-base article linked from a service request.</summary>
public sealed class ServiceRequestArticle : Entity
{
    private ServiceRequestArticle()
    {
    }

    public ServiceRequestArticle(int serviceRequestId, int articleId)
    {
        ServiceRequestId = serviceRequestId;
        ArticleId = articleId;
    }

    public int ServiceRequestId { get; private set; }

    public int ArticleId { get; private set; }
}
