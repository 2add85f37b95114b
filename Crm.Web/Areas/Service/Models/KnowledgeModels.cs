using System.ComponentModel.DataAnnotations;
using Crm.Domain.Service;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Service.Models;

/// <summary>The knowledge base's search and product filter, bound from the query string.</summary>
public sealed class KnowledgeListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Knowledge.Search")]
    public string? Q { get; set; }

    [Display(Name = "Knowledge.Product")]
    public int? ProductId { get; set; }

    public int? Page { get; set; }
}

public sealed record KnowledgeRow(int Id, string Title, string? Tags, string? Product, int ViewCount, bool IsPublished, DateTimeOffset UpdatedAt);

public sealed record KnowledgeIndexViewModel(KnowledgeListFilter Filter, Paged<KnowledgeRow> Rows, IReadOnlyList<SelectListItem> Products, bool CanManage);

public sealed record KnowledgeDetailsViewModel(
    int Id, string Title, string AnswerHtml, string? Tags, string? Product, int ViewCount, bool IsPublished, bool CanManage);

/// <summary>The posted article; the answer is untrusted HTML sanitized on save.</summary>
public sealed class KnowledgeFormModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(KnowledgeArticle.TitleMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "KnowledgeArticle.Title")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(KnowledgeArticle.AnswerMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "KnowledgeArticle.Answer")]
    public string? AnswerHtml { get; set; }

    [StringLength(KnowledgeArticle.TagsMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "KnowledgeArticle.Tags")]
    public string? Tags { get; set; }

    [Display(Name = "Knowledge.Product")]
    public int? ProductId { get; set; }

    [Display(Name = "Knowledge.Published")]
    public bool IsPublished { get; set; } = true;

    public Guid Version { get; set; }
}

public sealed record KnowledgeFormViewModel(int? Id, KnowledgeFormModel Form, IReadOnlyList<SelectListItem> Products);
