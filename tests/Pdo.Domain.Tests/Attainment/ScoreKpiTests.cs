using Pdo.Domain.Attainment;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Attainment;

/// <summary>AttainmentRules.ScoreKpi: one KPI, one actual, one score with its explanation (attainment.md).</summary>
public class ScoreKpiTests
{
    private static readonly Methodology Ratio = Methodology.Default;
    private static readonly Methodology Linear = Methodology.Default with { LowerIsBetter = LowerIsBetterFormula.Linear };

    // ---- Worked examples from the 2019 consuntivo: all score 100 ----

    [Theory]
    [InlineData("Piano Quartieri, avanzamento programmi di lavoro", Direction.HigherIsBetter, Comparator.AtLeast, 70, 91.1)]
    [InlineData("Pago PA, nuove fonti di entrata abilitate", Direction.HigherIsBetter, Comparator.AtLeast, 3, 4)]
    [InlineData("Riduzione congestione del traffico", Direction.LowerIsBetter, Comparator.AtMost, -1.5, -1.6)]
    [InlineData("Scostamento bilancio di previsione / consuntivo", Direction.LowerIsBetter, Comparator.LessThan, 10, 2.9)]
    [InlineData("Tempo di risposta chiamate telefoniche (3 min, 1'16\")", Direction.LowerIsBetter, Comparator.AtMost, 3, 1.2667)]
    [InlineData("Case sfitte recuperate", Direction.HigherIsBetter, Comparator.AtLeast, 900, 1003)]
    public void ScoresHundredGivenReportExample(string kpi, Direction direction, Comparator comparator, double target, double actual)
    {
        var spec = (direction == Direction.HigherIsBetter
            ? KpiSpecBuilder.Higher(comparator, (decimal)target)
            : KpiSpecBuilder.Lower(comparator, (decimal)target)).Build();

        foreach (var methodology in new[] { Ratio, Linear })
        {
            var result = AttainmentRules.ScoreKpi(spec, Measurement.Number((decimal)actual), methodology);

            Assert.True(result.Score == 100m, $"{kpi}: {result.Score}");
            Assert.True(result.Met, kpi);
            Assert.Equal(AttainmentStatus.Achieved, result.Status);
        }
    }

    [Fact]
    public void ScoresHundredGivenCallsAnsweredIn1Minute16SecondsAgainstTarget3Minutes()
    {
        var spec = KpiSpecBuilder.AtMost(3m).InMinutes().Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(76m / 60m), Ratio);

        Assert.Equal(100m, result.Score);
        Assert.Equal("1'16\"", Input(result, "Valore raggiunto"));
        Assert.Equal("≤ 3 minuti", Input(result, "Target"));
        Assert.Equal("1'16\" ≤ 3 minuti → raggiunto: 100 %", result.Explanation.Formula);
    }

    [Fact]
    public void ScoresHundredGivenCrmDoneByDeadline31December2019AndSi()
    {
        var spec = KpiSpecBuilder.DueBy(2019, 12, 31).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.YesNo(true), Ratio);

        Assert.Equal(100m, result.Score);
        Assert.True(result.Met);
        Assert.Equal(AttainmentStatus.Achieved, result.Status);
        Assert.Equal("SI → completato entro la scadenza del 31/12/2019: 100 %", result.Explanation.Formula);
    }

    // ---- Worked partial examples: they fix the arithmetic ----

    [Theory]
    [InlineData(Direction.HigherIsBetter, Comparator.AtLeast, 900, 720, null, ScoringMethod.Proportional, 80)]
    [InlineData(Direction.LowerIsBetter, Comparator.LessThan, 10, 12.5, null, ScoringMethod.Proportional, 80)]
    [InlineData(Direction.LowerIsBetter, Comparator.AtMost, -15, -6, null, ScoringMethod.Proportional, 40)]
    [InlineData(Direction.HigherIsBetter, Comparator.AtLeast, 330, 320, null, ScoringMethod.Threshold, 0)]
    [InlineData(Direction.HigherIsBetter, Comparator.AtLeast, 100, 90, 60.0, ScoringMethod.Proportional, 75)]
    public void ScoresRuleBookPartialExampleGivenTargetActualAndMethod(
        Direction direction, Comparator comparator, double target, double actual, double? baseline, ScoringMethod method, double expected)
    {
        var builder = direction == Direction.HigherIsBetter
            ? KpiSpecBuilder.Higher(comparator, (decimal)target)
            : KpiSpecBuilder.Lower(comparator, (decimal)target);
        if (baseline is double b)
        {
            builder.WithBaseline((decimal)b);
        }

        var result = AttainmentRules.ScoreKpi(builder.ScoredBy(method).Build(), Measurement.Number((decimal)actual), Ratio);

        Assert.Equal((decimal)expected, result.Score);
        Assert.False(result.Met);
    }

    [Fact]
    public void ScoresEightyGivenActual720AndTarget900()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), Measurement.Number(720m), Ratio);

        Assert.Equal(80m, result.Score);
        Assert.Equal(80m, result.Progress);
        Assert.Equal(AttainmentStatus.PartiallyAchieved, result.Status);
        Assert.Equal("progresso = valore / target = 720 / 900 = 80,0 % → punteggio 80,0", result.Explanation.Formula);
    }

    [Theory]
    [InlineData(LowerIsBetterFormula.Ratio, 83.3, "progresso = target / valore = 10 / 12 = 83,3 % → punteggio 83,3")]
    [InlineData(LowerIsBetterFormula.Linear, 80.0, "progresso = (2 × target − valore) / target = (2 × 10 − 12) / 10 = 80,0 % → punteggio 80,0")]
    public void ScoresByPlanFormulaGivenLowerIsBetterTarget10AndActual12(LowerIsBetterFormula formula, double displayed, string explained)
    {
        var methodology = Methodology.Default with { LowerIsBetter = formula };

        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtMost(10m).Build(), Measurement.Number(12m), methodology);

        Assert.Equal((decimal)displayed, AttainmentRules.RoundForDisplay(result.Score!.Value));
        Assert.Equal(explained, result.Explanation.Formula);
    }

    [Fact]
    public void KeepsRatioScoreUnroundedGivenTarget10AndActual12()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtMost(10m).Build(), Measurement.Number(12m), Ratio);

        Assert.InRange(result.Score!.Value, 83.3333333m, 83.3333334m);
    }

    [Fact]
    public void ScoresSixtyGivenReductionMinus0Point9AgainstMinus1Point5()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.Reduction(-1.5m).Build(), Measurement.Number(-0.9m), Ratio);

        Assert.Equal(60m, result.Score);
        Assert.Equal("progresso = valore / target = (-0,9) / (-1,5) = 60,0 % → punteggio 60,0", result.Explanation.Formula);
        Assert.Contains("Riduzione (target negativo): progresso = valore / target", result.Explanation.Methodology);
    }

    // ---- Strict comparators, zero and negative targets, zero actuals ----

    [Theory]
    [InlineData(Comparator.GreaterThan, 30, 30)]
    [InlineData(Comparator.GreaterThan, 900, 900)]
    public void ScoresNinetyNinePointNineGivenStrictGreaterThanAndActualEqualToTarget(Comparator comparator, double target, double actual)
    {
        var spec = KpiSpecBuilder.Higher(comparator, (decimal)target).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number((decimal)actual), Ratio);

        Assert.Equal(99.9m, result.Score);
        Assert.False(result.Met);
        Assert.Equal(AttainmentStatus.PartiallyAchieved, result.Status);
        Assert.Contains("al massimo 99,9", result.Explanation.Formula);
    }

    [Theory]
    [InlineData(LowerIsBetterFormula.Ratio)]
    [InlineData(LowerIsBetterFormula.Linear)]
    public void ScoresNinetyNinePointNineGivenStrictLessThan10AndActual10(LowerIsBetterFormula formula)
    {
        var methodology = Methodology.Default with { LowerIsBetter = formula };

        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.LessThan(10m).Build(), Measurement.Number(10m), methodology);

        Assert.Equal(99.9m, result.Score);
        Assert.False(result.Met);
    }

    [Fact]
    public void ScoresNinetyNinePointNineGivenEqualToTargetOvershot()
    {
        var spec = KpiSpecBuilder.Higher(Comparator.EqualTo, 100m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(120m), Ratio);

        Assert.Equal(99.9m, result.Score);
        Assert.Equal(120m, result.Progress);
        Assert.False(result.Met);
    }

    [Fact]
    public void ScoresHundredGivenEqualToTargetHitExactly()
    {
        var spec = KpiSpecBuilder.Higher(Comparator.EqualTo, 100m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(100m), Ratio);

        Assert.Equal(100m, result.Score);
        Assert.True(result.Met);
    }

    [Fact]
    public void ScoresHundredGivenZeroTargetMetWhenHigherIsBetter()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(0m).Build(), Measurement.Number(5m), Ratio);

        Assert.Equal(100m, result.Score);
    }

    [Fact]
    public void ScoresZeroAndExplainsWhyGivenZeroTargetNotMetWhenHigherIsBetter()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.GreaterThan(0m).Build(), Measurement.Number(0m), Ratio);

        Assert.Equal(0m, result.Score);
        Assert.Null(result.Progress);
        Assert.Equal(AttainmentStatus.NotAchieved, result.Status);
        Assert.Contains("progresso non definito", result.Explanation.Formula);
        Assert.Contains("target ≤ 0", result.Explanation.Formula);
    }

    [Theory]
    [InlineData(LowerIsBetterFormula.Ratio)]
    [InlineData(LowerIsBetterFormula.Linear)]
    public void ScoresHundredGivenZeroTargetMetWhenLowerIsBetter(LowerIsBetterFormula formula)
    {
        var methodology = Methodology.Default with { LowerIsBetter = formula };

        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtMost(0m).Build(), Measurement.Number(0m), methodology);

        Assert.Equal(100m, result.Score);
    }

    [Theory]
    [InlineData(LowerIsBetterFormula.Ratio)]
    [InlineData(LowerIsBetterFormula.Linear)]
    public void ScoresZeroAndExplainsWhyGivenZeroTargetNotMetWhenLowerIsBetter(LowerIsBetterFormula formula)
    {
        var methodology = Methodology.Default with { LowerIsBetter = formula };

        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtMost(0m).Build(), Measurement.Number(3m), methodology);

        Assert.Equal(0m, result.Score);
        Assert.False(result.Met);
        Assert.Contains("con target 0 e senza valore di partenza il progresso non è definito", result.Explanation.Formula);
    }

    [Fact]
    public void ScoresZeroGivenActualZeroWhenHigherIsBetter()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), Measurement.Number(0m), Ratio);

        Assert.Equal(0m, result.Score);
        Assert.Equal(AttainmentStatus.NotAchieved, result.Status);
    }

    [Theory]
    [InlineData(LowerIsBetterFormula.Ratio)]
    [InlineData(LowerIsBetterFormula.Linear)]
    public void ScoresHundredGivenActualZeroWhenLowerIsBetter(LowerIsBetterFormula formula)
    {
        var methodology = Methodology.Default with { LowerIsBetter = formula };

        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.LessThan(10m).Build(), Measurement.Number(0m), methodology);

        Assert.Equal(100m, result.Score);
    }

    [Fact]
    public void CountsNonPositiveActualAsMetGivenRatioFormula()
    {
        var spec = KpiSpecBuilder.Lower(Comparator.EqualTo, 10m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(0m), Ratio);

        Assert.Equal(100m, result.Score);
        Assert.True(result.Met);
        Assert.Contains("conta come raggiunto", result.Explanation.Formula);
    }

    [Fact]
    public void ScoresZeroGivenReductionTurnedIntoIncrease()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.Reduction(-1.5m).Build(), Measurement.Number(0.5m), Ratio);

        Assert.Equal(0m, result.Score);
        Assert.True(result.Progress < 0m);
        Assert.Contains("non scende sotto 0", result.Explanation.Formula);
    }

    [Fact]
    public void ScoresZeroAndExplainsWhyGivenNegativeTargetHigherIsBetterWithoutBaseline()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(-5m).Build(), Measurement.Number(-8m), Ratio);

        Assert.Equal(0m, result.Score);
        Assert.Contains("progresso non definito", result.Explanation.Formula);
    }

    [Fact]
    public void ScoresFortyGivenNegativeTargetWithBaseline()
    {
        var spec = KpiSpecBuilder.AtLeast(-5m).WithBaseline(-10m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(-8m), Ratio);

        Assert.Equal(40m, result.Score);
    }

    [Fact]
    public void ScoresFiftyGivenLowerIsBetterWithBaseline()
    {
        var spec = KpiSpecBuilder.AtMost(10m).WithBaseline(20m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(15m), Ratio);

        Assert.Equal(50m, result.Score);
    }

    [Fact]
    public void ScoresZeroAndExplainsWhyGivenBaselineEqualToTarget()
    {
        var spec = KpiSpecBuilder.GreaterThan(100m).WithBaseline(100m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(100m), Ratio);

        Assert.Equal(0m, result.Score);
        Assert.Contains("il target coincide con il valore di partenza", result.Explanation.Formula);
    }

    // ---- Bands ----

    [Theory]
    [InlineData(100, 100)]
    [InlineData(120, 100)]
    [InlineData(95, 80)]
    [InlineData(90, 80)]
    [InlineData(89.9, 50)]
    [InlineData(75, 50)]
    [InlineData(74.9, 0)]
    [InlineData(0, 0)]
    public void ScoresReportBandGivenProgressTowardsTarget100(double actual, double expected)
    {
        var spec = KpiSpecBuilder.AtLeast(100m).WithReportBands().Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number((decimal)actual), Ratio);

        Assert.Equal((decimal)expected, result.Score);
    }

    [Fact]
    public void ScoresNinetyNinePointNineGivenHundredBandReachedButTargetNotMet()
    {
        var spec = KpiSpecBuilder.GreaterThan(100m).WithReportBands().Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(100m), Ratio);

        Assert.Equal(99.9m, result.Score);
        Assert.False(result.Met);
        Assert.Equal(
            "progresso = valore / target = 100 / 100 = 100,0 % → fascia ≥ 100 %: 100 → punteggio 99,9 (non raggiunto: al massimo 99,9)",
            result.Explanation.Formula);
        Assert.Contains("non mostra mai 100", result.Explanation.Summary);
    }

    [Fact]
    public void ScoresEightyBandGivenLowerIsBetterProgressOf91Percent()
    {
        var spec = KpiSpecBuilder.LessThan(10m).WithReportBands().Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(11m), Ratio);

        Assert.Equal(80m, result.Score);
        Assert.Equal("Fasce", result.Explanation.Method);
        Assert.Equal("≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0", Input(result, "Fasce"));
    }

    [Fact]
    public void ScoresZeroGivenBandsAndProgressBelowLowestBand()
    {
        var spec = KpiSpecBuilder.AtLeast(100m).WithBands((75m, 50m)).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(10m), Ratio);

        Assert.Equal(0m, result.Score);
        Assert.Contains("nessuna fascia raggiunta", result.Explanation.Formula);
    }

    // ---- Threshold, SI/NO ----

    [Theory]
    [InlineData(330, 100)]
    [InlineData(400, 100)]
    [InlineData(329.9, 0)]
    public void ScoresAllOrNothingGivenThresholdMethod(double actual, double expected)
    {
        var spec = KpiSpecBuilder.AtLeast(330m).AllOrNothing().Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number((decimal)actual), Ratio);

        Assert.Equal((decimal)expected, result.Score);
        Assert.Equal("Soglia (tutto o niente)", result.Explanation.Method);
    }

    [Fact]
    public void ExplainsThresholdNotMetWithSubstitutedComparison()
    {
        var spec = KpiSpecBuilder.AtLeast(330m).AllOrNothing().Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(320m), Ratio);

        Assert.Equal("320 ≥ 330 non soddisfatto → non raggiunto: 0 %", result.Explanation.Formula);
    }

    [Theory]
    [InlineData(true, 100, AttainmentStatus.Achieved)]
    [InlineData(false, 0, AttainmentStatus.NotAchieved)]
    public void ScoresSiAsHundredAndNoAsZeroGivenBooleanKpi(bool done, double expected, AttainmentStatus status)
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.YesNo().Build(), Measurement.YesNo(done), Ratio);

        Assert.Equal((decimal)expected, result.Score);
        Assert.Equal(done, result.Met);
        Assert.Equal(status, result.Status);
        Assert.Equal("SI/NO", result.Explanation.Method);
    }

    // ---- Deadlines ----

    [Fact]
    public void ScoresNinetyGivenCompletionTenDaysLateWithPenaltyOnePerDay()
    {
        var spec = KpiSpecBuilder.DueBy(2019, 6, 30).WithPenaltyPerDay(1m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.CompletedOn(new DateOnly(2019, 7, 10)), Ratio);

        Assert.Equal(90m, result.Score);
        Assert.False(result.Met);
        Assert.Equal("1 punto al giorno", Input(result, "Penalità per giorno di ritardo"));
        Assert.Equal(
            "completato il 10/07/2019, 10 giorni dopo la scadenza del 30/06/2019 → 100 − 10 × 1 = 90,0",
            result.Explanation.Formula);
    }

    [Fact]
    public void ScoresZeroGivenLateCompletionWithoutPenalty()
    {
        var spec = KpiSpecBuilder.DueBy(2019, 6, 30).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.CompletedOn(new DateOnly(2019, 7, 1)), Ratio);

        Assert.Equal(0m, result.Score);
        Assert.Contains("1 giorno dopo la scadenza", result.Explanation.Formula);
        Assert.Contains("senza penalità giornaliera", result.Explanation.Formula);
    }

    [Fact]
    public void ScoresZeroGivenPenaltyExceedingHundredPoints()
    {
        var spec = KpiSpecBuilder.DueBy(2019, 6, 30).WithPenaltyPerDay(20m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.CompletedOn(new DateOnly(2019, 7, 10)), Ratio);

        Assert.Equal(0m, result.Score);
    }

    [Fact]
    public void ScoresNinetyNinePointNineGivenLateCompletionAndZeroPenalty()
    {
        var spec = KpiSpecBuilder.DueBy(2019, 6, 30).WithPenaltyPerDay(0m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.CompletedOn(new DateOnly(2019, 7, 10)), Ratio);

        Assert.Equal(99.9m, result.Score);
        Assert.False(result.Met);
    }

    [Fact]
    public void ScoresZeroGivenLateCompletionOnAllOrNothingDeadline()
    {
        var spec = KpiSpecBuilder.DueBy(2019, 6, 30).WithPenaltyPerDay(1m).AllOrNothing().Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.CompletedOn(new DateOnly(2019, 7, 10)), Ratio);

        Assert.Equal(0m, result.Score);
        Assert.Equal("Scadenza (tutto o niente)", result.Explanation.Method);
    }

    [Theory]
    [InlineData(2019, 11, 15)]
    [InlineData(2019, 12, 31)]
    public void ScoresHundredGivenCompletionOnOrBeforeDeadline(int year, int month, int day)
    {
        var spec = KpiSpecBuilder.DueBy(2019, 12, 31).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.CompletedOn(new DateOnly(year, month, day)), Ratio);

        Assert.Equal(100m, result.Score);
        Assert.True(result.Met);
    }

    [Theory]
    [InlineData(ScoringMethod.Deadline)]
    [InlineData(ScoringMethod.Threshold)]
    public void ScoresZeroGivenNoForDeadline(ScoringMethod method)
    {
        var spec = KpiSpecBuilder.DueBy(2019, 12, 31).WithPenaltyPerDay(1m).ScoredBy(method).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.YesNo(false), Ratio);

        Assert.Equal(0m, result.Score);
        Assert.False(result.Met);
        Assert.Equal("NO → non completato: 0 %", result.Explanation.Formula);
    }

    // ---- Non rilevato ----

    [Fact]
    public void ReturnsNotMeasuredGivenNoMeasurement()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), null, Ratio);

        Assert.Null(result.Score);
        Assert.False(result.IsMeasured);
        Assert.False(result.Met);
        Assert.Equal(AttainmentStatus.NotMeasured, result.Status);
        Assert.StartsWith("Non rilevato", result.Explanation.Summary);
    }

    [Theory]
    [InlineData(KpiKind.Numeric)]
    [InlineData(KpiKind.Boolean)]
    [InlineData(KpiKind.Deadline)]
    public void ReturnsNotMeasuredGivenMeasurementWithoutValueDoneOrDate(KpiKind kind)
    {
        var spec = kind switch
        {
            KpiKind.Boolean => KpiSpecBuilder.YesNo().Build(),
            KpiKind.Deadline => KpiSpecBuilder.DueBy(2019, 12, 31).Build(),
            _ => KpiSpecBuilder.AtLeast(900m).Build(),
        };

        var result = AttainmentRules.ScoreKpi(spec, new Measurement(null, null, null), Ratio);

        Assert.Null(result.Score);
        Assert.Equal(AttainmentStatus.NotMeasured, result.Status);
    }

    [Fact]
    public void ReturnsNotMeasuredAndSaysWhyGivenSiForNumericKpi()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(900m).Build(), Measurement.YesNo(true), Ratio);

        Assert.Null(result.Score);
        Assert.Contains("non è adatto a questo KPI", result.Explanation.Summary);
    }

    [Fact]
    public void ReturnsNotMeasuredAndSaysWhyGivenNumberForBooleanKpi()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.YesNo().Build(), Measurement.Number(1m), Ratio);

        Assert.Null(result.Score);
        Assert.Contains("atteso SI oppure NO", result.Explanation.Summary);
    }

    // ---- Explanations ----

    [Fact]
    public void ExplainsMetResultWithSubstitutedComparisonAndItalianInputs()
    {
        var spec = KpiSpecBuilder.AtLeast(70m).InPercent().Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(91.1m), Ratio);

        Assert.Equal("Proporzionale", result.Explanation.Method);
        Assert.Equal("91,1 ≥ 70 → raggiunto: 100 %", result.Explanation.Formula);
        Assert.Equal("≥ 70 %", Input(result, "Target"));
        Assert.Equal("91,1 %", Input(result, "Valore raggiunto"));
        Assert.Equal("Raggiunto (100,0 %): il valore 91,1 % soddisfa il target ≥ 70 %.", result.Explanation.Summary);
    }

    [Fact]
    public void ExplainsRatioFormulaAndMethodologyGivenBudgetDeviation12Point5AgainstLessThan10()
    {
        var spec = KpiSpecBuilder.LessThan(10m).InPercent().Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(12.5m), Ratio);

        Assert.Equal("progresso = target / valore = 10 / 12,5 = 80,0 % → punteggio 80,0", result.Explanation.Formula);
        Assert.Contains("Minore è meglio: formula Rapporto (target / valore)", result.Explanation.Methodology);
        Assert.Contains("Fasce di stato: 100 raggiunto, da 80 parzialmente", result.Explanation.Methodology);
        Assert.Equal("Parzialmente raggiunto (80,0 %): il valore 12,5 % non soddisfa il target < 10 %.", result.Explanation.Summary);
    }

    [Fact]
    public void ExplainsLinearMethodologyGivenLinearPlanSetting()
    {
        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtMost(10m).Build(), Measurement.Number(12m), Linear);

        Assert.Contains("Lineare ((2 × target − valore) / target)", result.Explanation.Methodology);
    }

    [Fact]
    public void ExplainsBaselineFormulaAndInputGivenBaseline60()
    {
        var spec = KpiSpecBuilder.AtLeast(100m).WithBaseline(60m).Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(90m), Ratio);

        Assert.Equal(
            "progresso = (valore − partenza) / (target − partenza) = (90 − 60) / (100 − 60) = 75,0 % → punteggio 75,0",
            result.Explanation.Formula);
        Assert.Equal("60", Input(result, "Valore di partenza"));
    }

    [Fact]
    public void ExplainsValuesWithFreeUnitLabel()
    {
        var spec = KpiSpecBuilder.AtLeast(900m).InUnit("alloggi").Build();

        var result = AttainmentRules.ScoreKpi(spec, Measurement.Number(1003m), Ratio);

        Assert.Equal("≥ 900 alloggi", Input(result, "Target"));
        Assert.Equal("1.003 alloggi", Input(result, "Valore raggiunto"));
    }

    [Fact]
    public void UsesPlanStatusBandsGivenCustomPartiallyThreshold()
    {
        var methodology = Methodology.Default with { StatusBands = new StatusBands(100m, 60m) };

        var result = AttainmentRules.ScoreKpi(KpiSpecBuilder.AtLeast(100m).Build(), Measurement.Number(70m), methodology);

        Assert.Equal(AttainmentStatus.PartiallyAchieved, result.Status);
        Assert.Contains("Fasce di stato: 100 raggiunto, da 60 parzialmente", result.Explanation.Methodology);
    }

    private static string? Input(KpiAttainment result, string label) =>
        result.Explanation.Inputs.SingleOrDefault(i => i.Label == label)?.Value;
}
