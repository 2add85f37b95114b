using Crm.Domain.Sales;

namespace Crm.Web.Areas.Sales.Models;

/// <summary>One customer level of the setting and the price type it buys at.</summary>
public sealed class LevelPriceTypeInput
{
    public int LevelId { get; set; }

    public PriceType PriceType { get; set; }
}

public sealed class PriceTypesModel
{
    public List<LevelPriceTypeInput> Levels { get; set; } = [];
}

public sealed record LevelPriceTypeRow(int LevelId, string LevelName, bool LevelActive, PriceType PriceType);

public sealed record PriceTypesViewModel(IReadOnlyList<LevelPriceTypeRow> Rows, bool CanManage);
