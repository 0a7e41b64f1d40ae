using System.ComponentModel.DataAnnotations;

namespace Pdo.Web.Features.Overrides;

/// <summary>The planning office's proposal of a score override for a KPI in a period.</summary>
public sealed class ProposeOverrideForm
{
    [Required(ErrorMessage = "Indicare l'obiettivo.")]
    [StringLength(40)]
    public string? Objective { get; set; }

    [Required(ErrorMessage = "Indicare il KPI.")]
    [StringLength(40)]
    public string? Kpi { get; set; }

    [Required(ErrorMessage = "Scegliere il periodo di monitoraggio.")]
    [StringLength(40)]
    public string? Period { get; set; }

    [Required(ErrorMessage = "Scrivere il punteggio proposto, es. 85 oppure 87,5%.")]
    [StringLength(20)]
    public string? Score { get; set; }

    [Required(ErrorMessage = "Scrivere il motivo della forzatura.")]
    [StringLength(2000, MinimumLength = 10, ErrorMessage = "Il motivo della forzatura deve avere tra 10 e 2.000 caratteri.")]
    public string? Reason { get; set; }
}

/// <summary>The OIV's decision on a proposal (approve or reject, with its note), or the proposer's withdrawal.</summary>
public sealed class OverrideDecisionForm
{
    [StringLength(2000, MinimumLength = 10, ErrorMessage = "La nota della decisione deve avere tra 10 e 2.000 caratteri.")]
    public string? Note { get; set; }

    public Guid Version { get; set; }
}

/// <summary>A period the proposal form offers, with the KPI's score in it as the rule book computes it now.</summary>
public sealed record OverridePeriodOption(string Code, string Name, string ComputedScore, bool Selected);

public sealed record ProposeOverrideViewModel(
    int Year,
    string PlanTitle,
    string ObjectiveCode,
    string ObjectiveTitle,
    string KpiCode,
    string KpiName,
    string Target,
    IReadOnlyList<OverridePeriodOption> Periods,
    ProposeOverrideForm Form);

/// <summary>One override of the list, with what the signed-in user may do with it.</summary>
public sealed record OverrideRow(
    int Id,
    string ObjectiveCode,
    string ObjectiveTitle,
    string KpiCode,
    string KpiName,
    string PeriodName,
    string ObjectiveUrl,
    string ComputedScore,
    string ProposedScore,
    string Reason,
    string ProposedBy,
    string ProposedAt,
    string StateLabel,
    string StateCss,
    string? DecidedBy,
    string? DecisionNote,
    string? DecidedAt,
    bool InForce,
    Guid Version,
    bool CanDecide,
    bool CanWithdraw)
{
    /// <summary>The form field ids of this row (unique per page).</summary>
    public string NoteId => $"nota-{Id}";
}

public sealed record OverridesViewModel(int Year, string PlanTitle, bool Editable, IReadOnlyList<OverrideRow> Rows)
{
    /// <summary>The row whose decision was refused, with the note typed, shown again (else null).</summary>
    public int? RefusedId { get; init; }

    public string? RefusedNote { get; init; }
}
