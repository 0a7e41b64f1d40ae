namespace Pdo.Domain.Attainment;

/// <summary>
/// The rule book of ../shared/brief/attainment.md: KPI scores, roll-ups with coverage, status bands.
/// Pure arithmetic; every number shown anywhere in Pdo comes from here.
/// </summary>
public static class AttainmentRules
{
    /// <summary>Scores one KPI. A null measurement (or one with no value) is Non rilevato: no score.</summary>
    public static KpiAttainment ScoreKpi(KpiSpec kpi, Measurement? measurement, Methodology methodology)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(methodology);
        return KpiScoring.Score(kpi, measurement, methodology);
    }

    /// <summary>Weighted mean of the measured items' scores, with coverage summed over the items.</summary>
    public static AggregateAttainment Aggregate(string scope, IReadOnlyCollection<WeightedScore> items, Methodology methodology)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(methodology);
        return WeightedMean.Of(scope, items, methodology);
    }

    /// <summary>The status band of a score (null → Non rilevato).</summary>
    public static AttainmentStatus StatusOf(decimal? score, StatusBands bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return score switch
        {
            null => AttainmentStatus.NotMeasured,
            decimal s when s >= bands.AchievedFrom => AttainmentStatus.Achieved,
            decimal s when s >= bands.PartiallyFrom => AttainmentStatus.PartiallyAchieved,
            _ => AttainmentStatus.NotAchieved,
        };
    }

    /// <summary>
    /// A scoring method's Italian name, as the explanations, the KPI form and the history name it: "Proporzionale",
    /// "Soglia (tutto o niente)", "Fasce", "Scadenza".
    /// </summary>
    public static string MethodLabel(ScoringMethod method) => method switch
    {
        ScoringMethod.Proportional => "Proporzionale",
        ScoringMethod.Bands => "Fasce",
        ScoringMethod.Deadline => "Scadenza",
        _ => "Soglia (tutto o niente)",
    };

    /// <summary>Rounds for display only: one decimal, half away from zero.</summary>
    public static decimal RoundForDisplay(decimal score) => Math.Round(score, 1, MidpointRounding.AwayFromZero);
}
