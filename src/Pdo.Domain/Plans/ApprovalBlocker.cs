namespace Pdo.Domain.Plans;

/// <summary>Why a KPI's final result keeps the plan from being approved.</summary>
public enum ApprovalBlockerKind
{
    /// <summary>No final result: «mancante».</summary>
    Missing,

    /// <summary>Entered, never confirmed: «inserito non confermato».</summary>
    NotConfirmed,

    /// <summary>Returned for correction: «restituito».</summary>
    Returned,
}

/// <summary>A KPI whose final result blocks the approval (see <see cref="PerformancePlan.ApprovalBlockers"/>).</summary>
public sealed record ApprovalBlocker(Objective Objective, Kpi Kpi, ApprovalBlockerKind Kind)
{
    private const int Listed = 10;

    public string KindText => Text(Kind);

    public static string Text(ApprovalBlockerKind kind) => kind switch
    {
        ApprovalBlockerKind.Missing => "mancante",
        ApprovalBlockerKind.NotConfirmed => "inserito non confermato",
        _ => "restituito",
    };

    /// <summary>The Italian refusal listing the blockers (the first ten, then how many more).</summary>
    public static string Describe(IReadOnlyList<ApprovalBlocker> blockers)
    {
        var listed = string.Join("; ", blockers.Take(Listed).Select(b => $"{b.Objective.Code} / {b.Kpi.Code} ({b.KindText})"));
        var more = blockers.Count > Listed ? $" e altri {blockers.Count - Listed}" : string.Empty;
        var count = blockers.Count == 1 ? "1 risultato del consuntivo blocca" : $"{blockers.Count} risultati del consuntivo bloccano";
        return $"Il piano non può essere approvato: {count} l'approvazione: {listed}{more}. "
            + "Confermare i risultati oppure dichiarare i KPI non rilevabili con il motivo.";
    }
}
