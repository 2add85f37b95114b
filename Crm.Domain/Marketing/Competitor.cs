using Crm.Domain.Common;

namespace Crm.Domain.Marketing;

/// <summary>竞争对手: who they are, their strengths and weaknesses (SWOT), and the products they sell against ours.</summary>
public sealed class Competitor : AuditableEntity
{
    public const int NameMaxLength = 100;
    public const int ScaleMaxLength = 100;
    public const int RegionMaxLength = 100;
    public const int WebsiteMaxLength = 200;
    public const int TextMaxLength = 2000;

    private readonly List<CompetitorProduct> _products = [];

    private Competitor()
    {
        Name = string.Empty;
    }

    public Competitor(CompetitorProfile profile)
        : this() => Update(profile);

    public string Name { get; private set; }

    /// <summary>规模 (e.g. staff, revenue band).</summary>
    public string? Scale { get; private set; }

    public string? Region { get; private set; }

    public string? Website { get; private set; }

    public string? Profile { get; private set; }

    public string? Strengths { get; private set; }

    public string? Weaknesses { get; private set; }

    public string? Opportunities { get; private set; }

    public string? Threats { get; private set; }

    public IReadOnlyList<CompetitorProduct> Products => _products;

    public void Update(CompetitorProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        // Every value is checked before any is assigned: a refused update changes nothing.
        var name = Text.Required(profile.Name, NameMaxLength, "Competitor.Name");
        var scale = Text.Optional(profile.Scale, ScaleMaxLength, "Competitor.Scale");
        var region = Text.Optional(profile.Region, RegionMaxLength, "Competitor.Region");
        var website = Text.Optional(profile.Website, WebsiteMaxLength, "Competitor.Website");
        var text = Text.Optional(profile.Profile, TextMaxLength, "Competitor.Profile");
        var strengths = Text.Optional(profile.Strengths, TextMaxLength, "Competitor.Strengths");
        var weaknesses = Text.Optional(profile.Weaknesses, TextMaxLength, "Competitor.Weaknesses");
        var opportunities = Text.Optional(profile.Opportunities, TextMaxLength, "Competitor.Opportunities");
        var threats = Text.Optional(profile.Threats, TextMaxLength, "Competitor.Threats");
        Name = name;
        Scale = scale;
        Region = region;
        Website = website;
        Profile = text;
        Strengths = strengths;
        Weaknesses = weaknesses;
        Opportunities = opportunities;
        Threats = threats;
    }

    public CompetitorProduct AddProduct(string name, string? model, decimal? price, int? ourProductId, string? notes)
    {
        var product = new CompetitorProduct();
        product.Update(name, model, price, ourProductId, notes);
        _products.Add(product);
        return product;
    }

    public void RemoveProduct(int productId)
    {
        var product = _products.FirstOrDefault(p => p.Id == productId) ?? throw new DomainException("Competitor.ProductNotFound");
        _products.Remove(product);
    }
}

public sealed record CompetitorProfile(
    string Name,
    string? Scale = null,
    string? Region = null,
    string? Website = null,
    string? Profile = null,
    string? Strengths = null,
    string? Weaknesses = null,
    string? Opportunities = null,
    string? Threats = null);

/// <summary>A competitor's product, its price, and the product of ours it competes with.</summary>
public sealed class CompetitorProduct : Entity
{
    public const int NameMaxLength = 200;
    public const int ModelMaxLength = 200;
    public const int NotesMaxLength = 1000;

    internal CompetitorProduct()
    {
        Name = string.Empty;
    }

    public int CompetitorId { get; private set; }

    public string Name { get; private set; }

    public string? Model { get; private set; }

    public decimal? Price { get; private set; }

    public int? OurProductId { get; private set; }

    public string? Notes { get; private set; }

    public void Update(string name, string? model, decimal? price, int? ourProductId, string? notes)
    {
        if (price is < 0 or > 99_999_999.99m || (price is { } p && decimal.Round(p, 2) != p))
            throw new DomainException("Competitor.PriceOutOfRange");
        var validName = Text.Required(name, NameMaxLength, "CompetitorProduct.Name");
        var validModel = Text.Optional(model, ModelMaxLength, "CompetitorProduct.Model");
        var validNotes = Text.Optional(notes, NotesMaxLength, "CompetitorProduct.Notes");
        Name = validName;
        Model = validModel;
        Price = price;
        OurProductId = ourProductId;
        Notes = validNotes;
    }
}
