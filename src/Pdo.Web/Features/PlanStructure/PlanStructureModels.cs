using Microsoft.AspNetCore.Mvc.ViewFeatures;
using System.ComponentModel.DataAnnotations;
using Pdo.Web.Features.Users;

namespace Pdo.Web.Features.PlanStructure;

/// <summary>The two ordered lists of a plan that group its objectives: the sections (sezioni) and the strategic areas (aree).</summary>
public enum StructurePart
{
    Sections,
    Areas,
}

/// <summary>Title and methodology of the plan.</summary>
public sealed class PlanSettingsForm
{
    [Required(ErrorMessage = "Indicare il titolo del piano.")]
    [StringLength(200, ErrorMessage = "Il titolo: al massimo 200 caratteri.")]
    public string? Title { get; set; }

    /// <summary>The lower-is-better formula: Ratio or Linear.</summary>
    [Required(ErrorMessage = "Scegliere la formula per i KPI «minore è meglio».")]
    public string? Formula { get; set; }

    /// <summary>The score from which a result is Parzialmente raggiunto, as written (80 or 75,5).</summary>
    [Required(ErrorMessage = "Indicare la soglia di «Parzialmente raggiunto» (es. 80).")]
    public string? PartiallyAchievedFrom { get; set; }

    public Guid? Version { get; set; }
}

/// <summary>A new section or area: code and name.</summary>
public sealed class PartForm
{
    [Required(ErrorMessage = "Indicare il codice.")]
    [StringLength(40)]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Indicare il nome.")]
    [StringLength(200)]
    public string? Name { get; set; }

    public Guid? Version { get; set; }
}

/// <summary>A section's or area's new name (the code stays).</summary>
public sealed class RenamePartForm
{
    [Required(ErrorMessage = "Indicare il nome.")]
    [StringLength(200)]
    public string? Name { get; set; }

    public Guid? Version { get; set; }
}

/// <summary>One place up (<c>su</c>) or down (<c>giu</c>).</summary>
public sealed class MoveForm
{
    [Required]
    public string? Direction { get; set; }

    public Guid? Version { get; set; }
}

/// <summary>Only the plan's version: a removal refused on a stale page.</summary>
public sealed class VersionForm
{
    public Guid? Version { get; set; }
}

/// <summary>A monitoring period: code (new periods only), name, end date (gg/mm/aaaa), final flag.</summary>
public sealed class PeriodForm
{
    [StringLength(40)]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Indicare il nome del periodo.")]
    [StringLength(100)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Indicare la data di fine del periodo (gg/mm/aaaa).")]
    public string? EndDate { get; set; }

    public bool IsFinal { get; set; }

    public Guid? Version { get; set; }
}

/// <summary>A set of periods for the whole year, replacing the current ones on a plan without results.</summary>
public sealed class PeriodPresetForm
{
    [Required(ErrorMessage = "Scegliere lo schema dei periodi.")]
    public string? Preset { get; set; }

    public Guid? Version { get; set; }
}

public sealed record StructureRow(string Code, string Name, int Objectives, bool IsFirst, bool IsLast);

public sealed record PeriodRow(string Code, string Name, string EndDate, bool IsFinal, int Results);

public sealed record PlanStructureViewModel(
    int Year,
    string Title,
    string StatusLabel,
    bool IsEditable,
    Guid Version,
    PlanSettingsForm Settings,
    IReadOnlyList<Option> Formulas,
    IReadOnlyList<StructureRow> Sections,
    IReadOnlyList<StructureRow> Areas,
    IReadOnlyList<PeriodRow> Periods,
    IReadOnlyList<Option> Presets,
    bool CanUsePreset);

/// <summary>
/// What the user typed in one of the page's "add" forms (<paramref name="Form"/>: <c>sezioni</c>, <c>aree</c> or
/// <c>periodi</c>), kept across the redirect after a refusal so that the form comes back filled in, not empty.
/// </summary>
public sealed record StructureDraft(string Form, string? Code, string? Name, string? EndDate, bool IsFinal)
{
    public const string Key = "StructureDraft";

    public static StructureDraft? For(ViewDataDictionary viewData, string form) =>
        viewData[Key] is StructureDraft draft && draft.Form == form ? draft : null;
}

