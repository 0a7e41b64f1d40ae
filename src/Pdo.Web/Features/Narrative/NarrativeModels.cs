using System.ComponentModel.DataAnnotations;
using Pdo.Domain.Plans;

namespace Pdo.Web.Features.Narrative;

/// <summary>An objective's «Descrizione e risultati» and data-source note, with the version the form was opened on.</summary>
public sealed class ObjectiveNarrativeForm
{
    [StringLength(Objective.NarrativeMaxLength, ErrorMessage = "La descrizione: al massimo 20.000 caratteri.")]
    public string? Narrative { get; set; }

    [StringLength(Objective.DataSourceNoteMaxLength, ErrorMessage = "La fonte dei dati: al massimo 1.000 caratteri.")]
    public string? DataSourceNote { get; set; }

    public Guid Version { get; set; }
}

/// <summary>The plan's introduction and closing note of the consuntivo and the context of the Relazione, with the plan's version.</summary>
public sealed class PlanTextsForm
{
    [StringLength(PerformancePlan.TextMaxLength, ErrorMessage = "L'introduzione: al massimo 20.000 caratteri.")]
    public string? Introduction { get; set; }

    [StringLength(PerformancePlan.TextMaxLength, ErrorMessage = "La nota conclusiva: al massimo 20.000 caratteri.")]
    public string? ClosingNote { get; set; }

    /// <summary>«Contesto e risorse» of the Relazione sulla Performance.</summary>
    [StringLength(PerformancePlan.TextMaxLength, ErrorMessage = "Il contesto e le risorse: al massimo 20.000 caratteri.")]
    public string? Context { get; set; }

    public Guid Version { get; set; }
}

/// <summary>
/// What is stored now, shown when the form was saved by someone else meanwhile: the two texts and who changed
/// them last. The user's input stays in the form, on the stored version, to be re-applied.
/// </summary>
public sealed record StoredTexts(string? First, string? Second, string? ChangedBy, string? ChangedAt);

public sealed record ObjectiveNarrativeViewModel(
    int Year,
    string PlanTitle,
    string Code,
    string Title,
    string? DirectorateName,
    ObjectiveNarrativeForm Form,
    string? ReadOnlyReason,
    StoredTexts? Conflict);

public sealed record PlanTextsViewModel(
    int Year,
    string PlanTitle,
    PlanTextsForm Form,
    string? ReadOnlyReason,
    StoredTexts? Conflict);
