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

    /// <summary>A score override waiting for the OIV's decision: «forzatura in attesa della decisione dell'OIV».</summary>
    OverridePending,
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
        ApprovalBlockerKind.OverridePending => "forzatura in attesa della decisione dell'OIV",
        _ => "restituito",
    };

    /// <summary>The Italian refusal listing the blockers (the first ten, then how many more).</summary>
    public static string Describe(IReadOnlyList<ApprovalBlocker> blockers)
    {
        var listed = string.Join("; ", blockers.Take(Listed).Select(b => $"{b.Objective.Code} / {b.Kpi.Code} ({b.KindText})"));
        var more = blockers.Count > Listed ? $" e altri {blockers.Count - Listed}" : string.Empty;
        var count = blockers.Count == 1 ? "1 risultato del consuntivo blocca" : $"{blockers.Count} risultati del consuntivo bloccano";
        var overrides = blockers.Any(b => b.Kind == ApprovalBlockerKind.OverridePending)
            ? " Le forzature in attesa vanno decise dall'OIV o ritirate."
            : string.Empty;
        return $"Il piano non può essere approvato: {count} l'approvazione: {listed}{more}. "
            + "Confermare i risultati oppure dichiarare i KPI non rilevabili con il motivo." + overrides;
    }
}
