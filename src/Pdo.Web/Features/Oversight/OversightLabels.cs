using Pdo.Domain.Oversight;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;

namespace Pdo.Web.Features.Oversight;

/// <summary>The Italian labels of the OIV's observations and validations, used by the pages, the PDFs and the history.</summary>
public static class OversightLabels
{
    public static string Status(ObservationStatus status) => status switch
    {
        ObservationStatus.Open => "Aperta",
        ObservationStatus.Answered => "Con risposta",
        ObservationStatus.Closed => "Chiusa",
        _ => status.ToString(),
    };

    public static string Role(OversightRole role) => role switch
    {
        OversightRole.Evaluator => "OIV / Nucleo di Valutazione",
        OversightRole.PlanningOffice => "Ufficio Pianificazione e Controllo",
        OversightRole.DirectorateManager => "Direttore",
        _ => role.ToString(),
    };

    /// <summary>
    /// The validation state shown wherever the approval is: «Relazione validata dall'OIV il 30/06/2020» (or «validata con
    /// riserva», «non validata»), «Relazione non ancora validata dall'OIV» for an approved plan without a current one,
    /// null for a plan not approved.
    /// </summary>
    public static string? ValidationText(PlanStatus status, PlanValidation? current) => status != PlanStatus.Approved
        ? null
        : current is null
            ? "Relazione non ancora validata dall'OIV"
            : $"Relazione {Outcome(current.Outcome).ToLowerInvariant()} dall'OIV il {ItalianValues.FormatDate(current.Date)}";

    public static string Outcome(ValidationOutcome outcome) => outcome switch
    {
        ValidationOutcome.Validated => "Validata",
        ValidationOutcome.ValidatedWithReservations => "Validata con riserva",
        ValidationOutcome.NotValidated => "Non validata",
        _ => outcome.ToString(),
    };
}
