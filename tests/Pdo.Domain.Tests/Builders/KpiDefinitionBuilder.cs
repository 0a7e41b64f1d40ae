using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;

namespace Pdo.Domain.Tests.Builders;

/// <summary>
/// KPI definitions in the words of the plan: <c>KpiDefinitionBuilder.PercentAtLeast("SOL-01.1", 70m)</c> is
/// "≥ 70 %", <c>YesNo("SOL-01.2")</c> is a SI/NO KPI, <c>DueBy("GES-01.1", date)</c> is "entro il 31/12/2020".
/// Variations go through <c>with</c>: <c>PercentAtLeast(...) with { Weight = 2m }</c>.
/// </summary>
public static class KpiDefinitionBuilder
{
    /// <summary>A percentage, higher is better, scored in proportion: "≥ 70 %".</summary>
    public static KpiDefinition PercentAtLeast(string code, decimal target) => new(
        code,
        $"Avanzamento dei programmi di lavoro ({code})",
        Group: null,
        KpiKind.Numeric,
        ValueKind.Percent,
        Unit: null,
        Direction.HigherIsBetter,
        Comparator.AtLeast,
        TargetText: $"≥ {ItalianValues.FormatNumber(target)}%",
        TargetValue: target,
        Deadline: null,
        Baseline: null,
        Weight: 1m,
        ScoringMethod.Proportional);

    /// <summary>A duration in minutes, lower is better: "≤ 3 minuti".</summary>
    public static KpiDefinition MinutesAtMost(string code, decimal target) => new(
        code,
        $"Tempo di risposta alle chiamate ({code})",
        Group: null,
        KpiKind.Numeric,
        ValueKind.Minutes,
        Unit: null,
        Direction.LowerIsBetter,
        Comparator.AtMost,
        TargetText: $"≤ {ItalianValues.FormatNumber(target)} minuti",
        TargetValue: target,
        Deadline: null,
        Baseline: null,
        Weight: 1m,
        ScoringMethod.Proportional);

    /// <summary>A plain count, higher is better: "≥ 900".</summary>
    public static KpiDefinition NumberAtLeast(string code, decimal target) => new(
        code,
        $"Case sfitte recuperate ({code})",
        Group: null,
        KpiKind.Numeric,
        ValueKind.Number,
        Unit: null,
        Direction.HigherIsBetter,
        Comparator.AtLeast,
        TargetText: $"≥ {ItalianValues.FormatNumber(target)}",
        TargetValue: target,
        Deadline: null,
        Baseline: null,
        Weight: 1m,
        ScoringMethod.Proportional);

    /// <summary>A SI/NO KPI, all or nothing.</summary>
    public static KpiDefinition YesNo(string code) => new(
        code,
        $"Messa a regime della proposta organizzativa ({code})",
        Group: null,
        KpiKind.Boolean,
        ValueKind.YesNo,
        Unit: null,
        Direction.HigherIsBetter,
        Comparator.AtLeast,
        TargetText: "SI",
        TargetValue: null,
        Deadline: null,
        Baseline: null,
        Weight: 1m,
        ScoringMethod.Threshold);

    /// <summary>Something to be done by a deadline: "Avvio entro il 31/12/2020".</summary>
    public static KpiDefinition DueBy(string code, DateOnly deadline) => new(
        code,
        $"Avvio del CRM unico ({code})",
        Group: null,
        KpiKind.Deadline,
        ValueKind.Deadline,
        Unit: null,
        Direction.HigherIsBetter,
        Comparator.AtLeast,
        TargetText: $"Avvio entro il {ItalianValues.FormatDate(deadline)}",
        TargetValue: null,
        Deadline: deadline,
        Baseline: null,
        Weight: 1m,
        ScoringMethod.Deadline);
}
