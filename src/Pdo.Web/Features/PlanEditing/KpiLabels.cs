using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Web.Features.PlanEditing;

/// <summary>
/// How the KPI form names a KPI's settings (its select options) and how the history names the same values: one place.
/// </summary>
public static class KpiLabels
{
    /// <summary>"Proporzionale", "Soglia (tutto o niente)", "Fasce", "Scadenza", as in the «Metodo di calcolo» list (the rule book's names).</summary>
    public static string Method(ScoringMethod method) => AttainmentRules.MethodLabel(method);

    /// <summary>"Maggiore è meglio", "Minore è meglio", as in the «Andamento» list.</summary>
    public static string Direction(Direction direction) =>
        direction == Domain.Attainment.Direction.LowerIsBetter ? "Minore è meglio" : "Maggiore è meglio";

    /// <summary>What a KPI measures, deduced from its target: "Numerico", "SI/NO", "Scadenza".</summary>
    public static string Kind(KpiKind kind) => kind switch
    {
        KpiKind.Boolean => "SI/NO",
        KpiKind.Deadline => "Scadenza",
        _ => "Numerico",
    };

    /// <summary>The kind of a KPI's values, deduced from its target: "Numero", "Percentuale", "Minuti"…</summary>
    public static string ValueKind(ValueKind kind) => kind switch
    {
        Domain.Values.ValueKind.Percent => "Percentuale",
        Domain.Values.ValueKind.Minutes => "Minuti",
        Domain.Values.ValueKind.Days => "Giorni",
        Domain.Values.ValueKind.YesNo => "SI/NO",
        Domain.Values.ValueKind.Deadline => "Scadenza",
        Domain.Values.ValueKind.Date => "Data",
        _ => "Numero",
    };
}
