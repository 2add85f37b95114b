using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Crm.Domain.Marketing;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Crm.Web.Areas.Marketing.Models;

/// <summary>The board's filters, from the query string (and posted back with a move, for the new totals).</summary>
public sealed class PipelineFilter
{
    [Display(Name = "Opportunities.Owner")]
    public Guid? OwnerId { get; set; }

    [Display(Name = "Opportunities.Campaign")]
    public int? CampaignId { get; set; }
}

public sealed record PipelineCard(
    int Id, string Summary, string? Customer, decimal? ExpectedAmount, int Probability, string? Owner, int DaysInStage,
    DateOnly? ExpectedCloseDate, bool Overdue, Guid Version);

/// <summary>A column's totals: count, amount, and amount weighted by each card's probability.</summary>
public sealed record PipelineTotals(PipelineStage Stage, int Count, decimal Amount, decimal WeightedAmount)
{
    public static PipelineTotals Empty(PipelineStage stage) => new(stage, 0, 0, 0);
}

public sealed record PipelineColumn(PipelineTotals Totals, IReadOnlyList<PipelineCard> Cards)
{
    public PipelineStage Stage => Totals.Stage;

    /// <summary>Whether the column holds more cards than the board shows.</summary>
    public bool Truncated => Totals.Count > Cards.Count;
}

public sealed record PipelineViewModel(
    PipelineFilter Filter,
    IReadOnlyList<PipelineColumn> Columns,
    IReadOnlyList<SelectListItem> Owners,
    IReadOnlyList<SelectListItem> Campaigns,
    bool CanMove)
{
    public PipelineTotals Total => new(
        PipelineStage.Initial, Columns.Sum(c => c.Totals.Count), Columns.Sum(c => c.Totals.Amount), Columns.Sum(c => c.Totals.WeightedAmount));
}

/// <summary>The answer to a drag on the board: the card's new state and every column's totals, as text to show.</summary>
public sealed record PipelineMoveResult(
    int Id, string Stage, string StageText, Guid Version, int Probability, string DaysText, string Message, bool Closed,
    IReadOnlyList<PipelineTotalsText> Totals);

public sealed record PipelineTotalsText(string Stage, string Count, string Amount, string WeightedAmount);

public static class PipelineMoney
{
    /// <summary>Money as the glossary writes it, ¥1,234.56 in both languages.</summary>
    public static string Format(decimal? value) => value is { } v ? "¥" + v.ToString("N2", CultureInfo.InvariantCulture) : "—";
}
