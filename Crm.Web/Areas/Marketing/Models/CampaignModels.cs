using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Crm.Domain.Marketing;
using Crm.Web.Areas.Customers.Models;
using Crm.Web.Infrastructure.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Areas.Marketing.Models;

/// <summary>The campaign list's search, filters, sort and page, bound from the query string (list and export alike).</summary>
public sealed class CampaignListFilter
{
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Campaigns.Search")]
    public string? Q { get; set; }

    [Display(Name = "Campaign.Type")]
    public int? TypeId { get; set; }

    [Display(Name = "Campaign.Status")]
    public CampaignStatus? Status { get; set; }

    /// <summary>Campaigns still running on or after this day (end date ≥ From).</summary>
    [Display(Name = "Campaigns.From")]
    public DateOnly? From { get; set; }

    /// <summary>Campaigns started on or before this day (start date ≤ To).</summary>
    [Display(Name = "Campaigns.To")]
    public DateOnly? To { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int? Page { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
}

public sealed record CampaignRow(
    int Id, string Name, string? Type, CampaignStatus Status, DateOnly StartDate, DateOnly EndDate,
    decimal Budget, decimal? ActualCost, string? TargetSegment, int Responses);

public sealed record CampaignIndexViewModel(
    CampaignListFilter Filter,
    Paged<CampaignRow> Rows,
    IReadOnlyList<SelectListItem> Types,
    bool CanManage);

/// <summary>The posted campaign form (create and edit).</summary>
public sealed class CampaignEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Campaign.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Campaign.Name")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Campaign.Type")]
    public int? TypeId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Campaign.StartDate")]
    public DateOnly? StartDate { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Campaign.EndDate")]
    public DateOnly? EndDate { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(typeof(decimal), "0", "999999999.99", ErrorMessage = "Validation.Range")]
    [Display(Name = "Campaign.Budget")]
    public decimal? Budget { get; set; }

    [Range(typeof(decimal), "0", "999999999.99", ErrorMessage = "Validation.Range")]
    [Display(Name = "Campaign.ActualCost")]
    public decimal? ActualCost { get; set; }

    [StringLength(Campaign.SegmentMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Campaign.TargetSegment")]
    public string? TargetSegment { get; set; }

    [StringLength(Campaign.DescriptionMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Campaign.Description")]
    public string? Description { get; set; }

    /// <summary>The version the form was rendered with (edit only).</summary>
    public Guid Version { get; set; }

    public void ApplyTo(Campaign campaign) =>
        campaign.Update(Name, TypeId!.Value, StartDate!.Value, EndDate!.Value, Budget!.Value, ActualCost, TargetSegment, Description);

    public static CampaignEditModel From(Campaign c) => new()
    {
        Name = c.Name,
        TypeId = c.TypeId,
        StartDate = c.StartDate,
        EndDate = c.EndDate,
        Budget = c.Budget,
        ActualCost = c.ActualCost,
        TargetSegment = c.TargetSegment,
        Description = c.Description,
        Version = c.Version,
    };
}

public sealed record CampaignFormViewModel(int? Id, CampaignEditModel Form, IReadOnlyList<SelectListItem> Types);

/// <summary>A response to log: the customer is typed as its code (or exact name) and must be one the user can see.</summary>
public sealed class CampaignResponseEditModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "CampaignResponse.Date")]
    public DateOnly? Date { get; set; }

    [StringLength(120, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "CampaignResponse.Customer")]
    public string? Customer { get; set; }

    [StringLength(CampaignResponse.ContactNameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "CampaignResponse.ContactName")]
    public string? ContactName { get; set; }

    [Display(Name = "CampaignResponse.Channel")]
    public int? ChannelId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(CampaignResponse.ContentMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "CampaignResponse.Content")]
    public string? Content { get; set; }
}

public sealed record CampaignResponseRow(int Id, DateOnly Date, int? CustomerId, string? Customer, string? ContactName, string? Channel, string Content, string? RecordedBy);

public sealed record CampaignOpportunityRow(
    int Id, string Summary, int CustomerId, string? Customer, string? Owner, OpportunityStatus Status, PipelineStage Stage,
    decimal? ExpectedAmount, DateOnly? ExpectedCloseDate);

/// <summary>
/// 活动效果评估. Responses are the campaign's own (company-wide); the opportunity figures count only the
/// opportunities the user may see (<see cref="Complete"/> is false when the data scope hides some).
/// </summary>
public sealed record CampaignEvaluation(
    int Responses,
    int RespondingCustomers,
    int Opportunities,
    int OpenOpportunities,
    int Won,
    int Lost,
    decimal WonAmount,
    decimal? Cost,
    bool Complete)
{
    /// <summary>Opportunities per response (线索转化率), when there were responses.</summary>
    public decimal? ConversionRate => Responses > 0 ? decimal.Round((decimal)Opportunities / Responses, 4, MidpointRounding.AwayFromZero) : null;

    /// <summary>Won out of the closed ones (赢单率), when some are closed.</summary>
    public decimal? WinRate => Won + Lost > 0 ? decimal.Round((decimal)Won / (Won + Lost), 4, MidpointRounding.AwayFromZero) : null;

    public decimal? CostPerOpportunity => Cost is { } cost && Opportunities > 0 ? decimal.Round(cost / Opportunities, 2, MidpointRounding.AwayFromZero) : null;

    public decimal? CostPerResponse => Cost is { } cost && Responses > 0 ? decimal.Round(cost / Responses, 2, MidpointRounding.AwayFromZero) : null;

    public decimal? ReturnOnInvestment => Campaign.ReturnOnInvestment(WonAmount, Cost);
}

public sealed record CampaignDetailsViewModel(
    int Id,
    string Name,
    string? Type,
    CampaignStatus Status,
    DateOnly StartDate,
    DateOnly EndDate,
    decimal Budget,
    decimal? ActualCost,
    string? TargetSegment,
    string? Description,
    Guid Version,
    IReadOnlyList<CampaignResponseRow> Responses,
    IReadOnlyList<CampaignOpportunityRow> Opportunities,
    CampaignEvaluation Evaluation,
    bool CanManage,
    IReadOnlyList<CampaignStatus> NextStatuses,
    CampaignResponseEditModel NewResponse,
    IReadOnlyList<SelectListItem> Channels,
    IReadOnlyList<SelectListItem> CustomerSuggestions)
{
    /// <summary>The details page lists at most this many linked opportunities (the evaluation counts them all).</summary>
    public const int OpportunityLimit = 100;

    public bool TakesResponses => Status is CampaignStatus.Running or CampaignStatus.Completed;
}

/// <summary>Money and rates as the marketing pages show them: ¥1,234.56 and 12.5% in both languages.</summary>
public static class MarketingFormat
{
    public static string Money(decimal? value) =>
        value is { } v ? (v < 0 ? "-¥" : "¥") + Math.Abs(v).ToString("N2", CultureInfo.InvariantCulture) : "—";

    public static string Percent(decimal? ratio) =>
        ratio is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A difference with its sign: +12.5%, -3%, 0%.</summary>
    public static string SignedPercent(decimal? ratio) =>
        ratio is > 0 ? "+" + Percent(ratio) : Percent(ratio);

    public static string Date(DateOnly? date) =>
        date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";
}

/// <summary>
/// The marketing lists' export: the filtered rows, all pages, streamed as CSV (UTF-8 with BOM) or .xlsx
/// through the customer module's writers (formula neutralizing included).
/// </summary>
public static class MarketingExport
{
    public static async Task<int> WriteAsync<T>(
        HttpResponse response, string fileName, bool xlsx, IReadOnlyList<string> headers, IQueryable<T> rows,
        Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        var count = 0;
        if (xlsx)
        {
            IEnumerable<IDictionary<string, object?>> Sheet()
            {
                foreach (var row in rows.AsEnumerable())
                {
                    count++;
                    yield return ExportFile.Row(headers, values(row));
                }
            }

            await ExportFile.WriteXlsxAsync(response, fileName, Sheet(), cancellationToken);
            return count;
        }

        await using var csv = CsvResponseWriter.Start(response, fileName);
        await csv.WriteRowAsync(headers, cancellationToken);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            await csv.WriteRowAsync(values(row).Select(ExportFile.Text), cancellationToken);
        }

        await csv.CompleteAsync(cancellationToken);
        return count;
    }

    /// <summary>The filters as the query string gave them, for the audit log ("*" for the whole list).</summary>
    public static string FilterSummary(IQueryCollection query)
    {
        var parts = query
            .Where(q => !string.Equals(q.Key, "format", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .Where(q => !string.IsNullOrEmpty(q.Value.ToString()))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => $"{q.Key}={q.Value}");
        var summary = string.Join('&', parts);
        return summary.Length == 0 ? "*" : summary;
    }
}
