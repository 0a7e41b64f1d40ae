using Pdo.Domain.Attainment;

namespace Pdo.Domain.Tests.Builders;

/// <summary>Items of a weighted mean: <c>WeightedScoreBuilder.Kpi(100m, weight: 2)</c>, <c>WeightedScoreBuilder.UnmeasuredKpi()</c>.</summary>
public static class WeightedScoreBuilder
{
    /// <summary>A measured KPI: coverage 1 of 1.</summary>
    public static WeightedScore Kpi(decimal score, decimal weight = 1m, string label = "KPI") =>
        new(label, score, weight, MeasuredKpis: 1, TotalKpis: 1);

    /// <summary>A KPI with no actual yet: coverage 0 of 1.</summary>
    public static WeightedScore UnmeasuredKpi(decimal weight = 1m, string label = "KPI non rilevato") =>
        new(label, null, weight, MeasuredKpis: 0, TotalKpis: 1);

    /// <summary>An objective (or any roll-up) entering a higher roll-up with its own coverage.</summary>
    public static WeightedScore Objective(decimal? score, int measuredKpis, int totalKpis, decimal weight = 1m, string label = "Obiettivo") =>
        new(label, score, weight, measuredKpis, totalKpis);
}
