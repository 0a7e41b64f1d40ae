using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Features.Users;

namespace Pdo.Web.Features.PlanEditing;

public sealed class NewPlanForm
{
    [Required(ErrorMessage = "Indicare l'anno.")]
    [Range(2000, 2100, ErrorMessage = "L'anno deve essere tra 2000 e 2100.")]
    public int? Year { get; set; }

    [Required(ErrorMessage = "Indicare il titolo.")]
    [StringLength(200, ErrorMessage = "Il titolo: al massimo 200 caratteri.")]
    public string? Title { get; set; }

    /// <summary>Copy the structure of this earlier plan; empty for an empty plan.</summary>
    public int? CopyFromYear { get; set; }

    public bool CopyTargets { get; set; }

    /// <summary>Copy the objectives' descriptions and the plan's introduction and closing note too (ticked on the rendered form).</summary>
    public bool CopyTexts { get; set; }
}

/// <summary>The new-plan form; the help text's examples use <paramref name="ExampleYear"/> (the year being created) and <paramref name="ExampleSourceYear"/>, never a fixed year.</summary>
public sealed record NewPlanViewModel(NewPlanForm Form, IReadOnlyList<Option> SourcePlans, int ExampleYear, int ExampleSourceYear);

public sealed class ApproveForm
{
    [Required(ErrorMessage = "Indicare il numero della delibera.")]
    [StringLength(40)]
    public string? Number { get; set; }

    [Required(ErrorMessage = "Indicare la data della delibera (gg/mm/aaaa).")]
    public string? Date { get; set; }

    [StringLength(1000)]
    public string? Link { get; set; }

    public Guid Version { get; set; }
}

/// <summary>
/// The approval page: what blocks the approval (with links to the result and a form for the reason), the KPIs
/// declared non rilevabili, what the approval freezes and the final scores (from the scorecard of the final period).
/// </summary>
public sealed record ApproveViewModel(
    int Year,
    string Title,
    bool InMonitoring,
    ApproveForm Form,
    IReadOnlyList<ApprovalBlockerRow> Blockers,
    IReadOnlyList<UnmeasurableKpiRow> Unmeasurable,
    FrozenSummary Frozen,
    FinalScores? Scores,
    UnmeasurableForm? Declaring);

/// <summary>A KPI whose final result blocks the approval, with where to fix it.</summary>
public sealed record ApprovalBlockerRow(
    string ObjectiveCode,
    string ObjectiveTitle,
    string KpiCode,
    string KpiName,
    string Kind,
    string ResultsUrl,
    string? ReviewUrl,
    string FieldId)
{
    /// <summary>A score override waiting for the OIV: <see cref="ResultsUrl"/> is the list of overrides, and no declaration is offered.</summary>
    public bool OverridePending { get; init; }
}

/// <summary>A KPI declared non rilevabile nel consuntivo: the reason, who and when.</summary>
public sealed record UnmeasurableKpiRow(string ObjectiveCode, string ObjectiveTitle, string KpiCode, string KpiName, string Reason, string DeclaredBy, string DeclaredAt);

/// <summary>What the approval makes read-only: the periods it closes and how much it freezes.</summary>
public sealed record FrozenSummary(IReadOnlyList<string> PeriodsToClose, int Periods, int Objectives, int Kpis, int Results);

/// <summary>The final scores shown before approving: plan, each section, each objective.</summary>
public sealed record FinalScores(string PeriodName, ScoreViewModel Plan, IReadOnlyList<FinalScoreRow> Sections, IReadOnlyList<FinalScoreRow> Objectives);

public sealed record FinalScoreRow(string Code, string Name, string Url, ScoreViewModel Score);

/// <summary>The planning office's declaration (or its removal) that a KPI is non rilevabile nel consuntivo.</summary>
public sealed class UnmeasurableForm
{
    [Required(ErrorMessage = "Indicare l'obiettivo.")]
    [StringLength(40)]
    public string? Objective { get; set; }

    [Required(ErrorMessage = "Indicare il KPI.")]
    [StringLength(40)]
    public string? Kpi { get; set; }

    [StringLength(2000, ErrorMessage = "Il motivo supera la lunghezza massima di 2.000 caratteri.")]
    public string? Reason { get; set; }
}

public sealed class ReopenForm
{
    [Required(ErrorMessage = "Scrivere la motivazione della riapertura.")]
    [StringLength(2000, MinimumLength = 10, ErrorMessage = "La motivazione deve avere tra 10 e 2.000 caratteri.")]
    public string? Reason { get; set; }

    public Guid Version { get; set; }
}

public sealed record ReopenViewModel(int Year, string Title, string? ApprovalText, ReopenForm Form);

public sealed class ObjectiveForm
{
    [Required(ErrorMessage = "Indicare il codice dell'obiettivo.")]
    [StringLength(40)]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Indicare il titolo dell'obiettivo.")]
    [StringLength(500)]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Scegliere la sezione.")]
    public string? Category { get; set; }

    public string? Area { get; set; }

    public int? DirectorateId { get; set; }

    [Required(ErrorMessage = "Indicare il peso (es. 1).")]
    public string? Weight { get; set; } = "1";

    public Guid? Version { get; set; }
}

public sealed record ObjectiveFormViewModel(
    int Year,
    string? ExistingCode,
    ObjectiveForm Form,
    IReadOnlyList<Option> Categories,
    IReadOnlyList<Option> Areas,
    IReadOnlyList<Option> Directorates);

public sealed class KpiForm
{
    [Required(ErrorMessage = "Indicare il codice del KPI.")]
    [StringLength(40)]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Indicare il nome del KPI.")]
    [StringLength(500)]
    public string? Name { get; set; }

    [StringLength(200)]
    public string? Group { get; set; }

    /// <summary>The target as written: "> 30", "91,1%", "3 minuti", "entro il 31/12/2020", "SI"; empty while in Bozza.</summary>
    [StringLength(500)]
    public string? Target { get; set; }

    /// <summary>Optional: the target as a typed value when the written one is prose ("Realizzazione dell'80%…" → ">= 80%").</summary>
    [StringLength(200)]
    public string? TargetValue { get; set; }

    public string? Direction { get; set; }

    [StringLength(40)]
    public string? Unit { get; set; }

    [Required(ErrorMessage = "Indicare il peso (es. 1).")]
    public string? Weight { get; set; } = "1";

    public string? Method { get; set; }

    /// <summary>Bands as "100:100; 90:80; 75:50" (minimum progress : score).</summary>
    [StringLength(200)]
    public string? Bands { get; set; }

    public string? PenaltyPerDay { get; set; }

    [StringLength(200)]
    public string? Baseline { get; set; }

    public Guid? Version { get; set; }
}

public sealed record KpiFormViewModel(int Year, string ObjectiveCode, string ObjectiveTitle, string? ExistingCode, KpiForm Form);

public enum EditOutcome
{
    Done,
    NotFound,
    Invalid,
    Conflict,
}

public sealed record EditResult(EditOutcome Outcome, IReadOnlyList<string> Errors, string? RedirectTo = null)
{
    public static EditResult Ok(string redirectTo) => new(EditOutcome.Done, [], redirectTo);

    public static EditResult Missing { get; } = new(EditOutcome.NotFound, []);

    public static EditResult Invalid(params string[] errors) => new(EditOutcome.Invalid, errors);

    public static EditResult Conflict { get; } = new(EditOutcome.Conflict, ["Qualcun altro ha modificato questi dati nel frattempo: ricaricare la pagina e riapplicare le modifiche."]);
}

/// <summary>The toggle of the plan's four-eyes review (Bozza only).</summary>
public sealed class FourEyesReviewForm
{
    public bool Required { get; set; }
}
