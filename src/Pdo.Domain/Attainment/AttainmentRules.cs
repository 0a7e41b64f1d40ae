using Pdo.Domain.Values;

namespace Pdo.Domain.Attainment;

/// <summary>
/// The rule book of ../shared/brief/attainment.md: KPI scores, roll-ups with coverage, status bands.
/// Pure arithmetic; every number shown anywhere in Pdo comes from here.
/// </summary>
public static class AttainmentRules
{
    /// <summary>The version of the rule book these rules implement: docs/attainment.md, «Rule book version N».</summary>
    public const int RuleBookVersion = 2;

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

    /// <summary>
    /// Rounds a score for display only: one decimal, half away from zero, except that a score below 100 never shows
    /// 100,0 (99,95 shows 99,9), for KPIs and roll-ups alike (attainment.md, "Rounding for display").
    /// </summary>
    public static decimal RoundForDisplay(decimal score)
    {
        var rounded = Math.Round(score, 1, MidpointRounding.AwayFromZero);
        return score < FullScore && rounded >= FullScore ? NotFullyMetDisplay : rounded;
    }

    /// <summary>
    /// Whether a roll-up is provisional: it has a score but covers fewer KPIs than planned (attainment.md, "Coverage
    /// and status"). A provisional roll-up shows «Provvisorio — 1 KPI rilevato su 35» instead of its status band.
    /// </summary>
    public static bool IsProvisional(AggregateAttainment aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return aggregate.Score.HasValue && aggregate.MeasuredKpis < aggregate.TotalKpis;
    }

    /// <summary>The status as a headline shows it: «Provvisorio — 1 KPI rilevato su 35» below full coverage, else the band's label.</summary>
    public static string HeadlineLabel(AggregateAttainment aggregate) =>
        IsProvisional(aggregate)
            ? $"{ProvisionalLabel} — {CoverageText(aggregate.MeasuredKpis, aggregate.TotalKpis)}"
            : StatusLabel(aggregate.Status);

    /// <summary>"Raggiunto", "Parzialmente raggiunto", "Non raggiunto", "Non rilevato".</summary>
    public static string StatusLabel(AttainmentStatus status) => AttainmentText.StatusLabel(status);

    /// <summary>A number of KPIs in a status, agreed in number: "1 raggiunto", "33 raggiunti", "0 non rilevati".</summary>
    public static string StatusCountText(AttainmentStatus status, int count) => ItalianValues.Count(
        count,
        StatusLabel(status).ToLowerInvariant(),
        status switch
        {
            AttainmentStatus.Achieved => "raggiunti",
            AttainmentStatus.PartiallyAchieved => "parzialmente raggiunti",
            AttainmentStatus.NotAchieved => "non raggiunti",
            _ => "non rilevati",
        });

    /// <summary>"0 KPI rilevati su 1", "1 KPI rilevato su 35", "2 KPI rilevati su 3".</summary>
    public static string CoverageText(int measured, int total) => AttainmentText.Coverage(measured, total);

    /// <summary>The word a provisional roll-up shows in place of its status band.</summary>
    public const string ProvisionalLabel = "Provvisorio";

    private const decimal FullScore = 100m;
    private const decimal NotFullyMetDisplay = 99.9m;
}
