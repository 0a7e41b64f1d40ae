using Pdo.Domain.Plans;
using Pdo.Domain.Values;

namespace Pdo.Domain.Oversight;

/// <summary>The outcome of the OIV's validation of the Relazione sulla Performance.</summary>
public enum ValidationOutcome
{
    Validated,
    ValidatedWithReservations,
    NotValidated,
}

/// <summary>
/// The OIV's validation of the Relazione sulla Performance of an approved plan (D.Lgs. 150/2009 art. 14 c.4 lett. c):
/// date, outcome, reasoning (and reservations for «validata con riserva»), signed by the OIV user. Never edited: a
/// new validation supersedes the current one (<see cref="PerformancePlan.Validate"/>), and so does a reopen of the plan.
/// </summary>
public sealed class PlanValidation
{
    public const int TextMaxLength = 20_000;

    private PlanValidation()
    {
        Reasoning = string.Empty;
        SignedByUserId = string.Empty;
        SignedByName = string.Empty;
    }

    internal PlanValidation(
        PerformancePlan plan,
        DateOnly date,
        ValidationOutcome outcome,
        string? reasoning,
        string? reservations,
        string signedByUserId,
        string signedByName,
        DateTimeOffset recordedAt)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new DomainRuleException("L'esito della validazione non è valido.");
        }

        Plan = plan;
        Date = date;
        Outcome = outcome;
        Reasoning = NarrativeText.Normalize(reasoning, "La motivazione della validazione", TextMaxLength)
            ?? throw new DomainRuleException("La motivazione della validazione è obbligatoria.");
        Reservations = NarrativeText.Normalize(reservations, "Le riserve", TextMaxLength);
        if (outcome == ValidationOutcome.ValidatedWithReservations && Reservations is null)
        {
            throw new DomainRuleException("Per «validata con riserva» le riserve sono obbligatorie.");
        }

        if (outcome != ValidationOutcome.ValidatedWithReservations && Reservations is not null)
        {
            throw new DomainRuleException("Le riserve si indicano solo con l'esito «validata con riserva».");
        }

        SignedByUserId = Guard.Text(signedByUserId, "L'identificativo di chi firma", 450);
        SignedByName = Guard.Text(signedByName, "Il nome di chi firma", 200);
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public PerformancePlan? Plan { get; private set; }

    /// <summary>The date of the OIV's act.</summary>
    public DateOnly Date { get; private set; }

    public ValidationOutcome Outcome { get; private set; }

    public string Reasoning { get; private set; }

    /// <summary>The reservations, only for «validata con riserva».</summary>
    public string? Reservations { get; private set; }

    public string SignedByUserId { get; private set; }

    public string SignedByName { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Why this validation is no longer current (a newer validation, a reopen of the plan); null while current.</summary>
    public string? SupersededReason { get; private set; }

    public bool IsCurrent => SupersededReason is null;

    internal void Supersede(string reason) => SupersededReason ??= reason;
}
