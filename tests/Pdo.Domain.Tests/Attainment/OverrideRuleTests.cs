using Pdo.Domain.Attainment;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Attainment;

/// <summary>The rule «Forzature» (docs/attainment.md): an approved override replaces the computed score everywhere.</summary>
public class OverrideRuleTests
{
    private static readonly ApprovedOverride Override = new(
        85m, "Cantiere sospeso dalla Soprintendenza.", "Maria Valutatrice", new DateTimeOffset(2021, 1, 25, 23, 30, 0, TimeSpan.Zero), "Accolta.");

    private static KpiAttainment Scored(decimal actual, ApprovedOverride? approved) =>
        AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), Measurement.Number(actual), Methodology.Default, approved);

    [Fact]
    public void ReturnsTheOverrideAsScoreKeepingTheComputedOneGivenAnApprovedOverride()
    {
        var result = Scored(720m, Override);

        Assert.Equal(85m, result.Score);
        Assert.Equal(85m, result.OverrideScore);
        Assert.Equal(80m, result.ComputedScore);
        Assert.Equal(AttainmentStatus.PartiallyAchieved, result.Status);
        Assert.True(result.IsOverridden);
        Assert.Equal(80m, result.Computed!.Score);
    }

    [Fact]
    public void ReturnsTheComputedAttainmentUnchangedGivenNoOverride()
    {
        var result = Scored(720m, null);

        Assert.Equal(80m, result.Score);
        Assert.Equal(80m, result.ComputedScore);
        Assert.Null(result.OverrideScore);
        Assert.False(result.IsOverridden);
    }

    [Theory]
    [InlineData(100, AttainmentStatus.Achieved)]
    [InlineData(79.9, AttainmentStatus.NotAchieved)]
    [InlineData(0, AttainmentStatus.NotAchieved)]
    public void DerivesTheStatusFromTheOverrideWithTheSameBandsGivenAnyOverrideScore(double score, AttainmentStatus status)
    {
        var result = Scored(1_000m, Override with { Score = (decimal)score });

        Assert.Equal(status, result.Status);
        Assert.Equal(100m, result.ComputedScore);
        Assert.Equal(status == AttainmentStatus.Achieved, result.Met);
    }

    [Fact]
    public void NamesBothScoresTheReasonAndTheApproverGivenAnOverriddenExplanation()
    {
        var e = Scored(720m, Override).Explanation;

        Assert.Equal(
            "progresso = valore / target = 720 / 900 = 80,0 % → punteggio 80,0 → punteggio calcolato 80,0 %; forzatura approvata: 85,0 %",
            e.Formula);
        Assert.Equal("80,0 %", e.Inputs.Single(i => i.Label == "Punteggio calcolato").Value);
        Assert.Equal("85,0 %", e.Inputs.Single(i => i.Label == "Punteggio forzato").Value);
        Assert.Equal("Cantiere sospeso dalla Soprintendenza.", e.Inputs.Single(i => i.Label == "Motivo della forzatura").Value);
        Assert.Equal("OIV / Nucleo di Valutazione il 26/01/2021", e.Inputs.Single(i => i.Label == "Forzatura approvata da").Value);
        Assert.EndsWith(AttainmentRules.OverrideRule + ".", e.Methodology);
        Assert.Equal(
            "Parzialmente raggiunto (85,0 %), punteggio forzato (calcolato: 80,0 %): forzatura approvata da OIV / Nucleo di Valutazione il 26/01/2021. Motivo: Cantiere sospeso dalla Soprintendenza.",
            e.Summary);
    }

    [Fact]
    public void ScoresAKpiWithoutResultGivenAnApprovedOverride()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), null, Methodology.Default, Override);

        Assert.Equal(85m, result.Score);
        Assert.Null(result.ComputedScore);
        Assert.True(result.IsMeasured);
        Assert.Contains("punteggio calcolato non calcolato; forzatura approvata: 85,0 %", result.Explanation.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplacesTheComputedScoreInTheObjectiveAndPlanMeansGivenAnOverriddenKpi()
    {
        var overridden = Scored(720m, Override);
        var other = Scored(1_000m, null);

        var objective = AttainmentRules.Aggregate(
            "Obiettivo",
            [new WeightedScore("A", overridden.Score, 1m, 1, 1), new WeightedScore("B", other.Score, 1m, 1, 1)],
            Methodology.Default);
        var plan = AttainmentRules.Aggregate(
            "Piano", [new WeightedScore("Obiettivo", objective.Score, 2m, objective.MeasuredKpis, objective.TotalKpis)], Methodology.Default);

        Assert.Equal(92.5m, objective.Score);
        Assert.Equal(92.5m, plan.Score);
        Assert.Contains("85", objective.Explanation.Formula, StringComparison.Ordinal);
        Assert.DoesNotContain("80 ", objective.Explanation.Formula, StringComparison.Ordinal);
    }
}
