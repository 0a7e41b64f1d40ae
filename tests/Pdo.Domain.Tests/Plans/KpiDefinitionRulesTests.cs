using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;
using Pdo.Domain.Values;

namespace Pdo.Domain.Tests.Plans;

/// <summary>
/// What a KPI definition must say for the rule book to score it correctly (attainment.md, "Direction",
/// "Plausibility at entry"): no silent guess of direction, baselines on the right side, bands that grow.
/// </summary>
public class KpiDefinitionRulesTests
{
    [Theory]
    [InlineData("3 minuti")]
    [InlineData("9,9 giorni")]
    [InlineData("0")]
    [InlineData("0%")]
    public void RefusesNamingTheKpiGivenTargetWithoutComparatorReadingBothWays(string target)
    {
        var ex = Assert.Throws<DomainRuleException>(() => KpiDefinitionInference.Infer(Draft("FUN-02.1", target)));

        Assert.Contains("KPI «FUN-02.1»", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Indicare l'andamento", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3 minuti", Direction.LowerIsBetter)]
    [InlineData("0", Direction.LowerIsBetter)]
    [InlineData("9,9 giorni", Direction.HigherIsBetter)]
    public void KeepsTheChosenDirectionGivenAmbiguousTargetAndExplicitDirection(string target, Direction direction)
    {
        var definition = KpiDefinitionInference.Infer(Draft("FUN-02.1", target) with { Direction = direction });

        Assert.Equal(direction, definition.Direction);
    }

    [Theory]
    [InlineData("<= 3 minuti", Direction.LowerIsBetter)]
    [InlineData("≤ 0", Direction.LowerIsBetter)]
    [InlineData("900", Direction.HigherIsBetter)]
    [InlineData("-1,5%", Direction.LowerIsBetter)]
    [InlineData(">= 70%", Direction.HigherIsBetter)]
    public void InfersDirectionGivenTargetThatSaysIt(string target, Direction expected)
    {
        Assert.Equal(expected, KpiDefinitionInference.Infer(Draft("K", target)).Direction);
    }

    [Fact]
    public void Scores100GivenDurationWithChosenLowerDirectionAndActual1Minute16()
    {
        var plan = PlanBuilder.Draft().Build();
        var objective = plan.AddObjective("FUN-02", "Tempi di risposta", plan.AddCategory("FUN", "Funzionamento"), null, null);
        var kpi = objective.AddKpi(KpiDefinitionInference.Infer(Draft("FUN-02.1", "3 minuti") with { Direction = Direction.LowerIsBetter }));

        Assert.Equal(100m, kpi.Score(Measurement.Number(76m / 60m)).Score);
    }

    [Theory]
    [InlineData(Direction.HigherIsBetter, 100, 120)]
    [InlineData(Direction.LowerIsBetter, 10, 5)]
    public void RefusesBaselineOnTheWrongSideGivenTarget(Direction direction, double target, double baseline)
    {
        var definition = KpiDefinitionBuilder.NumberAtLeast("SOL-09.1", (decimal)target) with
        {
            Direction = direction,
            Comparator = direction == Direction.HigherIsBetter ? Comparator.AtLeast : Comparator.AtMost,
            Baseline = (decimal)baseline,
        };

        var ex = Assert.Throws<DomainRuleException>(() => AddTo(definition));

        Assert.Contains("dalla parte sbagliata del target", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Direction.HigherIsBetter, 100, 60)]
    [InlineData(Direction.LowerIsBetter, 10, 15)]
    public void AcceptsBaselineGivenItIsOnTheRightSide(Direction direction, double target, double baseline)
    {
        var definition = KpiDefinitionBuilder.NumberAtLeast("SOL-09.1", (decimal)target) with { Direction = direction, Baseline = (decimal)baseline };

        Assert.Equal((decimal)baseline, AddTo(definition).Baseline);
    }

    [Fact]
    public void RefusesBandsGivenAHigherProgressScoringLess()
    {
        var definition = KpiDefinitionBuilder.PercentAtLeast("SOL-09.1", 100m) with
        {
            Method = ScoringMethod.Bands,
            Bands = [new ScoreBand(100m, 100m), new ScoreBand(90m, 50m), new ScoreBand(75m, 80m)],
        };

        var ex = Assert.Throws<DomainRuleException>(() => AddTo(definition));

        Assert.Contains("non sono crescenti", ex.Message, StringComparison.Ordinal);
        Assert.Contains("≥ 75 % vale 80", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsBandsGivenScoresNeverDecreasingWithProgress()
    {
        var definition = KpiDefinitionBuilder.PercentAtLeast("SOL-09.1", 100m) with
        {
            Method = ScoringMethod.Bands,
            Bands = [new ScoreBand(75m, 50m), new ScoreBand(100m, 100m), new ScoreBand(90m, 80m)],
        };

        Assert.Equal(3, AddTo(definition).Bands.Count);
    }

    private static KpiDraft Draft(string code, string target) =>
        new(code, $"Tempo di risposta ({code})", null, target, ItalianValues.Parse(target).Value, null, null, 1m);

    private static Kpi AddTo(KpiDefinition definition)
    {
        var plan = PlanBuilder.Draft().Build();
        var objective = plan.AddObjective("SOL-09", "Obiettivo di prova", plan.AddCategory("PRV", "Obiettivi di prova"), null, null);
        return objective.AddKpi(definition);
    }
}
