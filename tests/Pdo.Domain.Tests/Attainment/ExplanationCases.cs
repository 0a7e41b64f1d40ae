using Pdo.Domain.Attainment;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Attainment;

/// <summary>
/// One case per branch of the rule book that writes an explanation (KPI scoring, override, weighted mean), named, with
/// the whole explanation rendered as one text: the cases of <see cref="LazyExplanationTests"/>.
/// </summary>
public static class ExplanationCases
{
    private static readonly Methodology Ratio = Methodology.Default;
    private static readonly Methodology Linear = Methodology.Default with { LowerIsBetter = LowerIsBetterFormula.Linear };

    private static readonly ApprovedOverride Override = new(
        85m, "Cantiere sospeso dalla Soprintendenza.", "Maria Valutatrice", new DateTimeOffset(2021, 1, 25, 23, 30, 0, TimeSpan.Zero), "Accolta.");

    /// <summary>Each KPI branch: its name and how to score it.</summary>
    public static IReadOnlyList<(string Name, Func<KpiAttainment> Score)> Kpis { get; } =
    [
        ("threshold met", () => Score(KpiSpecBuilder.AtLeast(330m).AllOrNothing(), 400m)),
        ("threshold not met", () => Score(KpiSpecBuilder.AtLeast(330m).AllOrNothing(), 329.9m)),
        ("target satisfied", () => Score(KpiSpecBuilder.AtLeast(70m).InPercent(), 91.1m)),
        ("minutes satisfied", () => Score(KpiSpecBuilder.AtMost(3m).InMinutes(), 76m / 60m)),
        ("non-positive actual counts as met", () => Score(KpiSpecBuilder.Lower(Comparator.EqualTo, 10m), 0m)),
        ("proportional", () => Score(KpiSpecBuilder.AtLeast(900m).InUnit("alloggi"), 720m)),
        ("proportional at most 99,9", () => Score(KpiSpecBuilder.GreaterThan(30m), 30m)),
        ("proportional not below 0", () => Score(KpiSpecBuilder.Reduction(-1.5m).InPercent(), 0.5m)),
        ("proportional with baseline", () => Score(KpiSpecBuilder.AtMost(10m).WithBaseline(20m), 15m)),
        ("lower is better, linear", () => Score(KpiSpecBuilder.AtMost(10m), 12m, Linear)),
        ("lower is better, ratio", () => Score(KpiSpecBuilder.AtMost(10m), 12m)),
        ("progress undefined", () => Score(KpiSpecBuilder.AtLeast(-5m), -8m)),
        ("baseline equal to target", () => Score(KpiSpecBuilder.GreaterThan(100m).WithBaseline(100m), 100m)),
        ("progress out of scale", () => Score(KpiSpecBuilder.Lower(Comparator.EqualTo, decimal.MaxValue), 1m, Linear)),
        ("band reached", () => Score(KpiSpecBuilder.LessThan(10m).WithReportBands(), 11m)),
        ("band of 100 capped", () => Score(KpiSpecBuilder.GreaterThan(100m).WithReportBands(), 100m)),
        ("below the lowest band", () => Score(KpiSpecBuilder.AtLeast(100m).WithReportBands(), 50m)),
        ("bands, target met", () => Score(KpiSpecBuilder.AtLeast(100m).WithReportBands(), 120m)),
        ("SI", () => AttainmentRules.ScoreKpi(KpiSpecBuilder.YesNo().Build(), Measurement.YesNo(true), Ratio)),
        ("NO", () => AttainmentRules.ScoreKpi(KpiSpecBuilder.YesNo().Build(), Measurement.YesNo(false), Ratio)),
        ("deadline NO", () => Due(KpiSpecBuilder.DueBy(2019, 6, 30), Measurement.YesNo(false))),
        ("deadline not given", () => AttainmentRules.ScoreKpi(KpiSpecBuilder.DueBy(2019, 6, 30).Build() with { Deadline = null }, Measurement.YesNo(true), Ratio)),
        ("deadline SI", () => Due(KpiSpecBuilder.DueBy(2019, 12, 31), Measurement.YesNo(true))),
        ("completed on time", () => Due(KpiSpecBuilder.DueBy(2019, 6, 30), Measurement.CompletedOn(new DateOnly(2019, 6, 30)))),
        ("late, all or nothing", () => Due(KpiSpecBuilder.DueBy(2019, 6, 30).AllOrNothing(), Measurement.CompletedOn(new DateOnly(2019, 7, 1)))),
        ("late, no penalty", () => Due(KpiSpecBuilder.DueBy(2019, 6, 30), Measurement.CompletedOn(new DateOnly(2019, 7, 1)))),
        ("late with penalty", () => Due(KpiSpecBuilder.DueBy(2019, 6, 30).WithPenaltyPerDay(1m), Measurement.CompletedOn(new DateOnly(2019, 7, 10)))),
        ("late, penalty below 0", () => Due(KpiSpecBuilder.DueBy(2019, 6, 30).WithPenaltyPerDay(20m), Measurement.CompletedOn(new DateOnly(2019, 7, 10)))),
        ("late, penalty 0", () => Due(KpiSpecBuilder.DueBy(2019, 6, 30).WithPenaltyPerDay(0m), Measurement.CompletedOn(new DateOnly(2019, 7, 10)))),
        ("not measured", () => AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), null, Ratio)),
        ("no target", () => AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build() with { Target = null }, Measurement.Number(5m), Ratio)),
        ("SI for a numeric KPI", () => AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), Measurement.YesNo(true), Ratio)),
        ("number for a SI/NO KPI", () => AttainmentRules.ScoreKpi(KpiSpecBuilder.YesNo().Build(), Measurement.Number(1m), Ratio)),
        ("number for a deadline KPI", () => Due(KpiSpecBuilder.DueBy(2019, 6, 30), Measurement.Number(1m))),
        ("overridden", () => AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), Measurement.Number(720m), Ratio, Override)),
        ("overridden, not measured", () => AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), null, Ratio, Override)),
    ];

    /// <summary>Each weighted-mean branch: its name and how to compute it.</summary>
    public static IReadOnlyList<(string Name, Func<AggregateAttainment> Aggregate)> Aggregates { get; } =
    [
        ("mean", () => Mean("Obiettivo 1.1", WeightedScoreBuilder.Kpi(100m, 2m, "KPI A"), WeightedScoreBuilder.Kpi(62.5m, 1m, "KPI B"))),
        ("mean with two-decimal terms", () => Mean("Obiettivo", WeightedScoreBuilder.Kpi(75.05m, 3m), WeightedScoreBuilder.Kpi(62.5m))),
        ("mean just below 100", () => Mean("Piano", WeightedScoreBuilder.Kpi(100m), WeightedScoreBuilder.Kpi(99.9m))),
        ("provisional mean", () => Mean(" Area ", WeightedScoreBuilder.Kpi(80m), WeightedScoreBuilder.UnmeasuredKpi())),
        ("nothing measured", () => Mean("Obiettivo", WeightedScoreBuilder.UnmeasuredKpi(), WeightedScoreBuilder.UnmeasuredKpi(2m))),
        ("weights at zero", () => Mean(string.Empty, WeightedScoreBuilder.Kpi(80m, 0m), WeightedScoreBuilder.UnmeasuredKpi())),
        ("summarised mean", () => Mean("Piano", [.. Enumerable.Range(0, 13).Select(i => WeightedScoreBuilder.Objective(60m + i, 1, 2, 1m + (i % 3), $"Obiettivo {i}"))])),
    ];

    /// <summary>The whole explanation as one text: method, formula, each input, methodology, summary, one a line.</summary>
    public static string Render(Explanation explanation) => string.Join(
        "\n",
        [
            explanation.Method,
            explanation.Formula,
            .. explanation.Inputs.Select(i => $"{i.Label}: {i.Value}"),
            explanation.Methodology,
            explanation.Summary,
        ]);

    private static KpiAttainment Score(KpiSpecBuilder kpi, decimal actual, Methodology? methodology = null) =>
        AttainmentRules.ScoreKpi(kpi.Build(), Measurement.Number(actual), methodology ?? Ratio);

    private static KpiAttainment Due(KpiSpecBuilder kpi, Measurement measurement) =>
        AttainmentRules.ScoreKpi(kpi.Build(), measurement, Ratio);

    private static AggregateAttainment Mean(string scope, params WeightedScore[] items) =>
        AttainmentRules.Aggregate(scope, items, Ratio);
}
