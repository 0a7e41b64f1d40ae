namespace Pdo.Infrastructure.PlanImport;

public enum PlanImportOutcome
{
    Imported,
    AlreadyPresent,
    Rejected,
}

/// <summary>One problem in a plan file: where (JSON path, and line/column for syntax errors) and what, in Italian.</summary>
public sealed record PlanImportError(string Path, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : $"{Path}: {Message}";
}

/// <summary>What an import did. A rejected import wrote nothing.</summary>
public sealed record PlanImportResult(
    PlanImportOutcome Outcome,
    int? Year,
    int Objectives,
    int Kpis,
    IReadOnlyList<PlanImportError> Errors)
{
    public static PlanImportResult Rejected(IReadOnlyList<PlanImportError> errors, int? year = null) =>
        new(PlanImportOutcome.Rejected, year, 0, 0, errors);

    public string Summary => Outcome switch
    {
        PlanImportOutcome.Imported => $"Piano {Year} importato: {Objectives} obiettivi e {Kpis} KPI.",
        PlanImportOutcome.AlreadyPresent => $"Il piano {Year} è già presente: nessuna modifica.",
        _ => $"File rifiutato, nessuna modifica: {string.Join(" ", Errors.Select(e => e.ToString()))}",
    };
}
