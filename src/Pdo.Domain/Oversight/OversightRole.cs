namespace Pdo.Domain.Oversight;

/// <summary>Who acts on an observation: the OIV raises and closes it; the planning office and the owning Direttore answer.</summary>
public enum OversightRole
{
    Evaluator,
    PlanningOffice,
    DirectorateManager,
}

/// <summary>The state of an observation: Aperta → Con risposta (after an answer) → Chiusa (by the OIV, who may reopen it).</summary>
public enum ObservationStatus
{
    Open,
    Answered,
    Closed,
}

/// <summary>
/// The user acting on an observation: role, user name, full name and, for a Direttore, the Direzioni they own
/// (an answer is accepted only on an objective of one of them).
/// </summary>
public sealed record OversightActor(OversightRole Role, string UserName, string FullName, IReadOnlyCollection<int> Directorates)
{
    public static OversightActor Evaluator(string userName, string fullName) => new(OversightRole.Evaluator, userName, fullName, []);
}
