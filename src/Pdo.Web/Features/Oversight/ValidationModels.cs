using System.ComponentModel.DataAnnotations;
using Pdo.Domain.Oversight;
using Pdo.Domain.Values;

namespace Pdo.Web.Features.Oversight;

/// <summary>The OIV's validation form: date (gg/mm/aaaa), outcome, reasoning, reservations (for «validata con riserva»).</summary>
public sealed class ValidationForm
{
    public string? Date { get; set; }

    public ValidationOutcome? Outcome { get; set; }

    [StringLength(PlanValidation.TextMaxLength, ErrorMessage = "La motivazione: al massimo 20.000 caratteri.")]
    public string? Reasoning { get; set; }

    [StringLength(PlanValidation.TextMaxLength, ErrorMessage = "Le riserve: al massimo 20.000 caratteri.")]
    public string? Reservations { get; set; }
}

/// <summary>A validation as the pages and PDFs show it.</summary>
public sealed record ValidationView(
    string Date,
    ValidationOutcome Outcome,
    string OutcomeLabel,
    IReadOnlyList<NarrativeBlock> Reasoning,
    IReadOnlyList<NarrativeBlock> Reservations,
    string SignedBy,
    string RecordedAt,
    string? SupersededReason)
{
    public bool IsCurrent => SupersededReason is null;
}

/// <summary>The validation page of a plan: state, the form (approved plans, OIV), and every validation, newest first.</summary>
public sealed record ValidationViewModel(
    int Year,
    string PlanTitle,
    string? ApprovalText,
    string? ReadOnlyReason,
    ValidationForm Form,
    IReadOnlyList<ValidationView> History);
