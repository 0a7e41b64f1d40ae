using Pdo.Domain.Attainment;
using Pdo.Domain.Values;
using static Pdo.Domain.Tests.Builders.WeightedScoreBuilder;

namespace Pdo.Domain.Tests.Attainment;

/// <summary>AttainmentRules.Aggregate: weighted means of objectives, areas and plans, with coverage.</summary>
public class AggregateTests
{
    [Fact]
    public void Scores83Point3WithCoverage2Of3GivenKpis100Weight2And50Weight1AndOneUnmeasured()
    {
        var items = new[] { Kpi(100m, weight: 2m), Kpi(50m, weight: 1m), UnmeasuredKpi(weight: 1m) };

        var result = AttainmentRules.Aggregate("Obiettivo 1", items, Methodology.Default);

        Assert.Equal(250m / 3m, result.Score);
        Assert.Equal(83.3m, AttainmentRules.RoundForDisplay(result.Score!.Value));
        Assert.Equal("83,3 %", ItalianValues.FormatScore(result.Score));
        Assert.Equal(2, result.MeasuredKpis);
        Assert.Equal(3, result.TotalKpis);
        Assert.Equal(AttainmentStatus.PartiallyAchieved, result.Status);
    }

    [Fact]
    public void ExplainsWeightedMeanWithWeightsAndCoverage()
    {
        var items = new[] { Kpi(100m, weight: 2m), Kpi(50m, weight: 1m), UnmeasuredKpi(weight: 1m, label: "KPI 3") };

        var result = AttainmentRules.Aggregate("Obiettivo 1", items, Methodology.Default);

        Assert.Equal("Media ponderata", result.Explanation.Method);
        Assert.Equal("(100 × 2 + 50 × 1) / 3 = 83,3 %", result.Explanation.Formula);
        Assert.Contains(result.Explanation.Inputs, i => i.Label == "Copertura" && i.Value == "2 KPI rilevati su 3");
        Assert.Contains(result.Explanation.Inputs, i => i.Label == "KPI 3" && i.Value.Contains("escluso", StringComparison.Ordinal));
        Assert.Equal("Obiettivo 1: Provvisorio (83,3 %), 2 KPI rilevati su 3: la media riguarda solo i KPI rilevati.", result.Explanation.Summary);
    }

    [Fact]
    public void KeepsScoreUnroundedGivenThirds()
    {
        var items = new[] { Kpi(100m), Kpi(100m), Kpi(0m) };

        var result = AttainmentRules.Aggregate("Obiettivo", items, Methodology.Default);

        Assert.Equal(200m / 3m, result.Score);
        Assert.NotEqual(66.7m, result.Score);
    }

    [Fact]
    public void SumsCoverageOfObjectivesGivenAreaRollUp()
    {
        var items = new[]
        {
            Objective(90m, measuredKpis: 3, totalKpis: 4, weight: 1m),
            Objective(70m, measuredKpis: 2, totalKpis: 2, weight: 3m),
            Objective(null, measuredKpis: 0, totalKpis: 5, weight: 1m),
        };

        var result = AttainmentRules.Aggregate("Milano più solidale", items, Methodology.Default);

        Assert.Equal(75m, result.Score);
        Assert.Equal(5, result.MeasuredKpis);
        Assert.Equal(11, result.TotalKpis);
        Assert.Equal(AttainmentStatus.NotAchieved, result.Status);
        Assert.Contains(result.Explanation.Inputs, i => i.Label == "Copertura" && i.Value == "5 KPI rilevati su 11");
    }

    [Fact]
    public void ReturnsNotMeasuredWithCoverageGivenNoMeasuredItems()
    {
        var items = new[] { UnmeasuredKpi(), UnmeasuredKpi() };

        var result = AttainmentRules.Aggregate("Obiettivo", items, Methodology.Default);

        Assert.Null(result.Score);
        Assert.False(result.IsMeasured);
        Assert.Equal(AttainmentStatus.NotMeasured, result.Status);
        Assert.Equal(0, result.MeasuredKpis);
        Assert.Equal(2, result.TotalKpis);
        Assert.Contains("nessun elemento rilevato", result.Explanation.Formula);
    }

    [Fact]
    public void ReturnsNotMeasuredGivenNoItems()
    {
        var result = AttainmentRules.Aggregate("Piano", [], Methodology.Default);

        Assert.Null(result.Score);
        Assert.Equal(AttainmentStatus.NotMeasured, result.Status);
        Assert.Equal(0, result.TotalKpis);
    }

    [Fact]
    public void ReturnsNotMeasuredAndSaysPesiAZeroGivenWeightsOfMeasuredItemsSummingToZero()
    {
        var items = new[] { Kpi(100m, weight: 0m), Kpi(40m, weight: 0m), UnmeasuredKpi(weight: 1m) };

        var result = AttainmentRules.Aggregate("Obiettivo", items, Methodology.Default);

        Assert.Null(result.Score);
        Assert.Equal(AttainmentStatus.NotMeasured, result.Status);
        Assert.Equal(2, result.MeasuredKpis);
        Assert.Equal(3, result.TotalKpis);
        Assert.Contains("pesi a zero", result.Explanation.Formula);
        Assert.Contains("pesi a zero", result.Explanation.Summary);
    }

    [Fact]
    public void LeavesZeroWeightItemOutOfMeanButCountsItsCoverage()
    {
        var items = new[] { Kpi(100m, weight: 1m), Kpi(0m, weight: 0m) };

        var result = AttainmentRules.Aggregate("Obiettivo", items, Methodology.Default);

        Assert.Equal(100m, result.Score);
        Assert.Equal(2, result.MeasuredKpis);
    }

    [Fact]
    public void UsesPlanStatusBandsGivenCustomPartiallyThreshold()
    {
        var methodology = Methodology.Default with { StatusBands = new StatusBands(100m, 70m) };

        var result = AttainmentRules.Aggregate("Obiettivo", [Kpi(100m), Kpi(50m)], methodology);

        Assert.Equal(75m, result.Score);
        Assert.Equal(AttainmentStatus.PartiallyAchieved, result.Status);
    }

    [Fact]
    public void WritesSumsInsteadOfEveryTermGivenManyItems()
    {
        var items = Enumerable.Range(1, 20).Select(i => Kpi(i % 2 == 0 ? 100m : 50m)).ToList();

        var result = AttainmentRules.Aggregate("Piano", items, Methodology.Default);

        Assert.Equal(75m, result.Score);
        Assert.Equal("Σ (punteggio × peso) / Σ pesi = 1.500 / 20 = 75,0 %", result.Explanation.Formula);
    }

    [Fact]
    public void ThrowsGivenNegativeWeight()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => AttainmentRules.Aggregate("Obiettivo", [Kpi(100m, weight: -1m)], Methodology.Default));
    }
}
