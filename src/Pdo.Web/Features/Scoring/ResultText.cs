using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;

namespace Pdo.Web.Features.Scoring;

/// <summary>How a result is named on every page: the measurement as the rule book read it, and its review state.</summary>
public static class ResultText
{
    /// <summary>"91,1 %", "1'16\"", "completato il 15/11/2019", "SI" / "NO"; null for an empty measurement.</summary>
    public static string? Describe(Kpi kpi, Measurement measurement) => measurement switch
    {
        { Value: decimal v } => ItalianValues.Format(v, kpi.ValueKind, kpi.Unit),
        { CompletionDate: DateOnly d } => $"completato il {ItalianValues.FormatDate(d)}",
        { Done: bool done } => done ? "SI" : "NO",
        _ => null,
    };

    /// <summary>How a KPI declared non rilevabile in the consuntivo is shown in place of its value: "Non rilevabile: motivo".</summary>
    public static string Unmeasurable(string reason) => $"Non rilevabile: {reason}";

    /// <summary>Da rilevare (no result yet), Inserito, Restituito, Confermato.</summary>
    public static string StatusLabel(ResultStatus? status) => status switch
    {
        null => "Da rilevare",
        ResultStatus.Entered => "Inserito",
        ResultStatus.Returned => "Restituito",
        _ => "Confermato",
    };
}
