using Pdo.Domain.Attainment;
using Pdo.Domain.Values;
using static Pdo.Domain.Tests.Builders.WeightedScoreBuilder;

namespace Pdo.Domain.Tests.Attainment;

/// <summary>
/// Issue 13, "No number that can mislead": coverage in the headline, a roll-up below 100 never showing 100,0, and
/// explanations whose displayed terms give the displayed result by hand (attainment.md, "Rounding for display",
/// "Coverage and status").
/// </summary>
public class HonestDisplayTests
{
    [Fact]
    public void ReturnsProvisionalWithCoverageGivenOneKpiOf35MeasuredAt100()
    {
        var items = new[] { Kpi(100m) }.Concat(Enumerable.Range(0, 34).Select(_ => UnmeasuredKpi())).ToList();

        var plan = AttainmentRules.Aggregate("Piano 2021", items, Methodology.Default);

        Assert.Equal(100m, plan.Score);
        Assert.True(AttainmentRules.IsProvisional(plan));
        Assert.Equal("Provvisorio — 1 KPI rilevato su 35", AttainmentRules.HeadlineLabel(plan));
        Assert.StartsWith("Piano 2021: Provvisorio (100,0 %), 1 KPI rilevato su 35", plan.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(35, 35, "Raggiunto")]
    [InlineData(34, 35, "Provvisorio — 34 KPI rilevati su 35")]
    [InlineData(1, 35, "Provvisorio — 1 KPI rilevato su 35")]
    public void ReturnsRaggiuntoOnlyAtFullCoverageGivenObjectiveAt100(int measured, int total, string expected)
    {
        var plan = AttainmentRules.Aggregate("Piano", [Objective(100m, measured, total)], Methodology.Default);

        Assert.Equal(expected, AttainmentRules.HeadlineLabel(plan));
    }

    [Fact]
    public void ReturnsBandLabelNotProvisionalGivenNothingMeasured()
    {
        var objective = AttainmentRules.Aggregate("Obiettivo", [UnmeasuredKpi()], Methodology.Default);

        Assert.False(AttainmentRules.IsProvisional(objective));
        Assert.Equal("Non rilevato", AttainmentRules.HeadlineLabel(objective));
    }

    [Fact]
    public void Displays99Point9AndPartiallyAchievedGivenObjectiveOfKpis100And99Point9()
    {
        var objective = AttainmentRules.Aggregate("Obiettivo", [Kpi(100m), Kpi(99.9m)], Methodology.Default);

        Assert.Equal(99.95m, objective.Score);
        Assert.Equal(AttainmentStatus.PartiallyAchieved, objective.Status);
        Assert.Equal("99,9 %", ItalianValues.FormatScore(objective.Score));
        Assert.Equal("(100 × 1 + 99,9 × 1) / 2 = 99,95 → 99,9 % (non pienamente raggiunto: sotto 100 non si mostra mai 100,0)", objective.Explanation.Formula);
        Assert.Equal("Obiettivo: Parzialmente raggiunto (99,9 %), 2 KPI rilevati su 2.", objective.Explanation.Summary);
    }

    [Theory]
    [InlineData(99.95, 99.9)]
    [InlineData(99.99, 99.9)]
    [InlineData(100, 100)]
    [InlineData(99.94, 99.9)]
    public void NeverRoundsBelowFullTo100GivenScore(double score, double displayed)
    {
        Assert.Equal((decimal)displayed, AttainmentRules.RoundForDisplay((decimal)score));
    }

    [Fact]
    public void WritesTermsThatAddUpByHandGivenScores75Point05Weight3And62Point5Weight1()
    {
        var objective = AttainmentRules.Aggregate("Obiettivo", [Kpi(75.05m, weight: 3m), Kpi(62.5m, weight: 1m)], Methodology.Default);

        Assert.Equal("(75,05 × 3 + 62,5 × 1) / 4 = 71,9 %", objective.Explanation.Formula);
        Assert.Contains(objective.Explanation.Inputs, i => i.Value == "75,05 %, peso 3");
        Assert.Equal(71.9125m, objective.Score);
    }

    [Fact]
    public void WritesOneDecimalTermsGivenTermsThatAlreadyAddUp()
    {
        var objective = AttainmentRules.Aggregate("Obiettivo", [Kpi(100m, weight: 2m), Kpi(50m)], Methodology.Default);

        Assert.Equal("(100 × 2 + 50 × 1) / 3 = 83,3 %", objective.Explanation.Formula);
    }

    [Fact]
    public void NeverWritesATermBelowFullAs100GivenAnObjectiveAt99Point95InAPlan()
    {
        var plan = AttainmentRules.Aggregate("Piano", [Objective(99.95m, 2, 2), Objective(50m, 1, 1)], Methodology.Default);

        Assert.Equal("(99,95 × 1 + 50 × 1) / 2 = 75,0 %", plan.Explanation.Formula);
    }

    [Theory]
    [InlineData(0, 1, "0 KPI rilevati su 1")]
    [InlineData(1, 35, "1 KPI rilevato su 35")]
    [InlineData(2, 3, "2 KPI rilevati su 3")]
    [InlineData(1, 1, "1 KPI rilevato su 1")]
    [InlineData(1003, 2000, "1.003 KPI rilevati su 2.000")]
    public void WritesCoverageInItalianGivenMeasuredAndTotal(int measured, int total, string expected)
    {
        Assert.Equal(expected, AttainmentRules.CoverageText(measured, total));
    }
}
