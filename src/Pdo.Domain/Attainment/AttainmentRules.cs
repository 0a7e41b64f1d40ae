using Pdo.Domain.Values;

namespace Pdo.Domain.Attainment;

/// <summary>
/// The rule book of ../shared/brief/attainment.md: KPI scores, roll-ups with coverage, status bands.
/// Pure arithmetic; every number shown anywhere in Pdo comes from here.
/// </summary>
public static class AttainmentRules
{
    /// <summary>The version of the rule book these rules implement: docs/attainment.md, «Rule book version N».</summary>
    public const int RuleBookVersion = 3;

    /// <summary>Scores one KPI. A null measurement (or one with no value) is Non rilevato: no score.</summary>
    public static KpiAttainment ScoreKpi(KpiSpec kpi, Measurement? measurement, Methodology methodology)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(methodology);
        return KpiScoring.Score(kpi, measurement, methodology);
    }

    /// <summary>
    /// Scores one KPI and applies the approved override, when there is one (docs/attainment.md, "Forzature"): the
    /// override's score replaces the computed one in every roll-up, the status follows from it with the same bands, and
    /// the explanation names both scores, the reason and who approved it. Every reader of scores calls this.
    /// </summary>
    public static KpiAttainment ScoreKpi(KpiSpec kpi, Measurement? measurement, Methodology methodology, ApprovedOverride? approved) =>
        ApplyOverride(ScoreKpi(kpi, measurement, methodology), approved, methodology);

    /// <summary>The computed attainment with <paramref name="approved"/> in place of its score (unchanged when null).</summary>
    public static KpiAttainment ApplyOverride(KpiAttainment computed, ApprovedOverride? approved, Methodology methodology)
    {
        ArgumentNullException.ThrowIfNull(computed);
        ArgumentNullException.ThrowIfNull(methodology);
        if (approved is null)
        {
            return computed;
        }

        var status = StatusOf(approved.Score, methodology.StatusBands);
        return new KpiAttainment(approved.Score, status, status == AttainmentStatus.Achieved, computed.Progress, () => OverrideExplanation(computed, approved, status))
        {
            Override = approved,
            Computed = computed,
        };
    }

    /// <summary>The computed explanation wrapped with the override: both scores, the reason and who approved it.</summary>
    private static Explanation OverrideExplanation(KpiAttainment computed, ApprovedOverride approved, AttainmentStatus status)
    {
        var computedText = ComputedScoreText(computed);
        var approvedText = $"{ApprovedOverride.Decider} il {ItalianValues.FormatDate(RomeTime.Today(approved.ApprovedAt))}";
        var e = computed.Explanation;
        return new Explanation(
            e.Method,
            $"{e.Formula} → punteggio calcolato {computedText}; forzatura approvata: {AttainmentText.Percent(approved.Score)}",
            [
                .. e.Inputs,
                new("Punteggio calcolato", computedText),
                new("Punteggio forzato", AttainmentText.Percent(approved.Score)),
                new("Motivo della forzatura", approved.Reason),
                new("Forzatura approvata da", approvedText),
            ],
            AttainmentText.Sentences(e.Methodology, OverrideRule),
            $"{StatusLabel(status)} ({AttainmentText.Percent(approved.Score)}), punteggio forzato (calcolato: {computedText}): forzatura approvata da {approvedText}. Motivo: {approved.Reason}");
    }

    /// <summary>The computed score as the explanations write it: "72,5 %", or «non calcolato» when the KPI has none.</summary>
    public static string ComputedScoreText(KpiAttainment attainment)
    {
        ArgumentNullException.ThrowIfNull(attainment);
        return attainment.ComputedScore is decimal score ? AttainmentText.Percent(score) : "non calcolato";
    }

    /// <summary>The sentence of the rule «Forzature» that every overridden explanation carries.</summary>
    public const string OverrideRule =
        "Forzatura: il punteggio approvato dall'OIV sostituisce quello calcolato nel grado del KPI e in tutte le medie";

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
        return IsProvisional(aggregate.Score, aggregate.MeasuredKpis, aggregate.TotalKpis);
    }

    /// <summary>The rule of <see cref="IsProvisional(AggregateAttainment)"/> on a roll-up's numbers.</summary>
    internal static bool IsProvisional(decimal? score, int measuredKpis, int totalKpis) => score.HasValue && measuredKpis < totalKpis;

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
