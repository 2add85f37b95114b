using System.ComponentModel.DataAnnotations;
using Crm.Domain.Marketing;
using Crm.Domain.Sales;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Marketing.Models;

public sealed class CompetitorListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitors.Search")]
    public string? Q { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
}

public sealed record CompetitorRow(int Id, string Name, string? Scale, string? Region, string? Website, int Products, int LostOpportunities);

public sealed record CompetitorIndexViewModel(CompetitorListFilter Filter, Paged<CompetitorRow> Rows, bool CanManage);

/// <summary>The posted competitor profile (create and edit).</summary>
public sealed class CompetitorEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Competitor.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitor.Name")]
    public string Name { get; set; } = string.Empty;

    [StringLength(Competitor.ScaleMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitor.Scale")]
    public string? Scale { get; set; }

    [StringLength(Competitor.RegionMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitor.Region")]
    public string? Region { get; set; }

    [StringLength(Competitor.WebsiteMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitor.Website")]
    public string? Website { get; set; }

    [StringLength(Competitor.TextMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitor.Profile")]
    public string? Profile { get; set; }

    [StringLength(Competitor.TextMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitor.Strengths")]
    public string? Strengths { get; set; }

    [StringLength(Competitor.TextMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitor.Weaknesses")]
    public string? Weaknesses { get; set; }

    [StringLength(Competitor.TextMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitor.Opportunities")]
    public string? Opportunities { get; set; }

    [StringLength(Competitor.TextMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Competitor.Threats")]
    public string? Threats { get; set; }

    public Guid Version { get; set; }

    public CompetitorProfile ToProfile() => new(Name, Scale, Region, CompetitorWebsite.Normalize(Website), Profile, Strengths, Weaknesses, Opportunities, Threats);

    public static CompetitorEditModel From(Competitor c) => new()
    {
        Name = c.Name,
        Scale = c.Scale,
        Region = c.Region,
        Website = c.Website,
        Profile = c.Profile,
        Strengths = c.Strengths,
        Weaknesses = c.Weaknesses,
        Opportunities = c.Opportunities,
        Threats = c.Threats,
        Version = c.Version,
    };
}

/// <summary>
/// A website as typed ("www.example.cn" or a full address) made an http(s) address, so that the link
/// shown on the profile can never carry another scheme (javascript:, data:).
/// </summary>
public static class CompetitorWebsite
{
    public static string? Normalize(string? typed)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        return text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
    }

    public static bool IsValid(string? typed) =>
        Normalize(typed) is not { } url
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Contains('.', StringComparison.Ordinal));

    /// <summary>The address to link to, or null when a stored value is not a web address.</summary>
    public static string? Href(string? stored) => stored is not null && IsValid(stored) ? Normalize(stored) : null;
}

public sealed record CompetitorFormViewModel(int? Id, CompetitorEditModel Form);

/// <summary>A competitor product as posted (add and edit). The competitor's version guards the aggregate.</summary>
public sealed class CompetitorProductEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(CompetitorProduct.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "CompetitorProduct.Name")]
    public string? Name { get; set; }

    [StringLength(CompetitorProduct.ModelMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "CompetitorProduct.Model")]
    public string? Model { get; set; }

    [Range(typeof(decimal), "0", "99999999.99", ErrorMessage = "Validation.Range")]
    [Display(Name = "CompetitorProduct.Price")]
    public decimal? Price { get; set; }

    [Display(Name = "CompetitorProduct.OurProduct")]
    public int? OurProductId { get; set; }

    [StringLength(CompetitorProduct.NotesMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "CompetitorProduct.Notes")]
    public string? Notes { get; set; }

    /// <summary>The competitor's version the form was rendered with.</summary>
    public Guid Version { get; set; }

    public static CompetitorProductEditModel From(CompetitorProduct p, Guid version) => new()
    {
        Name = p.Name,
        Model = p.Model,
        Price = p.Price,
        OurProductId = p.OurProductId,
        Notes = p.Notes,
        Version = version,
    };
}

public sealed record CompetitorProductRow(int Id, string Name, string? Model, decimal? Price, int? OurProductId, string? OurProduct, decimal? OurListPrice, string? Notes)
{
    /// <summary>(their price − our list price) / our list price, when both are known.</summary>
    public decimal? DifferenceToList => CompetitorComparison.Difference(Price, OurListPrice);
}

public sealed record LostOpportunityRow(int Id, string Summary, string? Customer, string? Owner, string? Reason, decimal? ExpectedAmount, DateTimeOffset? ClosedAt);

public sealed record CompetitorDetailsViewModel(
    int Id,
    CompetitorEditModel Profile,
    IReadOnlyList<CompetitorProductRow> Products,
    IReadOnlyList<LostOpportunityRow> Lost,
    int LostCount,
    decimal LostAmount,
    bool LostComplete,
    bool CanManage,
    CompetitorProductEditModel NewProduct,
    IReadOnlyList<SelectListItem> OurProducts)
{
    public const int LostLimit = 100;
}

public sealed record CompetitorProductFormViewModel(int CompetitorId, string CompetitorName, int ProductId, CompetitorProductEditModel Form, IReadOnlyList<SelectListItem> OurProducts);

/// <summary>One of our prices on the comparison page: the list price or a special price valid today.</summary>
public sealed record OurPrice(PriceType Type, decimal Amount);

public sealed record RivalOffer(int CompetitorId, string Competitor, string Product, string? Model, decimal? Price, string? Notes);

/// <summary>One of our products with its prices, against the competitor products that name it.</summary>
public sealed record ProductComparison(int ProductId, string Code, string Name, string? Specification, IReadOnlyList<OurPrice> Prices, IReadOnlyList<RivalOffer> Rivals);

public sealed record CompetitorCompareViewModel(DateOnly Today, IReadOnlyList<ProductComparison> Products, int UnlinkedProducts);

public static class CompetitorComparison
{
    /// <summary>How much dearer (+) or cheaper (−) their price is than ours, as a ratio of ours.</summary>
    public static decimal? Difference(decimal? theirs, decimal? ours) =>
        theirs is { } t && ours is > 0 ? decimal.Round((t - ours.Value) / ours.Value, 4, MidpointRounding.AwayFromZero) : null;
}
