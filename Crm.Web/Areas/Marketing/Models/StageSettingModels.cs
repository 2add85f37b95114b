using System.ComponentModel.DataAnnotations;
using Crm.Domain.Marketing;

namespace Crm.Web.Areas.Marketing.Models;

/// <summary>The default probability of each open pipeline stage (赢单 and 输单 are always 100% and 0%).</summary>
public sealed class StageSettingsEditModel
{
    /// <summary>The stages whose probability is a setting, in pipeline order.</summary>
    public static IReadOnlyList<PipelineStage> EditableStages { get; } =
        [PipelineStage.Initial, PipelineStage.NeedsConfirmed, PipelineStage.Proposal, PipelineStage.Negotiation];

    public List<StageSettingInput> Stages { get; set; } = [];
}

public sealed class StageSettingInput
{
    public PipelineStage Stage { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(0, 100, ErrorMessage = "Validation.Range")]
    [Display(Name = "StageSettings.Probability")]
    public int? Probability { get; set; }

    /// <summary>
    /// The value the form was rendered with: the rows carry no version, so a save is refused when the
    /// stored value has changed since (someone else saved in between).
    /// </summary>
    public int Original { get; set; }

    /// <summary>Whether the value comes from a stored row (false: the built-in default).</summary>
    public bool Stored { get; set; }
}
