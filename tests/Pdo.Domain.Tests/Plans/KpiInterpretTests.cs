using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;
using Pdo.Domain.Values;

namespace Pdo.Domain.Tests.Plans;

/// <summary>Kpi.Interpret: a value typed in Italian read as a measurement of one KPI, or the Italian reason it cannot be (including the plausibility rules).</summary>
public class KpiInterpretTests
{
    private readonly PerformancePlan _plan = BuildPlan();

    // ---- Numeric KPIs ----

    [Theory]
    [InlineData("91,1%", 91.1)]
    [InlineData("91,1 %", 91.1)]
    [InlineData("91,1", 91.1)]
    [InlineData("70", 70)]
    public void ReadsANumberGivenAPercentKpiAndAPercentageOrAPlainNumber(string text, double expected)
    {
        var interpretation = Interpret("SOL-01.1", text);

        Assert.Null(interpretation.Error);
        Assert.Equal(Measurement.Number((decimal)expected), interpretation.Measurement);
    }

    [Fact]
    public void RefusesMinutesGivenAPercentKpi()
    {
        var kpi = _plan.Kpi("SOL-01.1");

        var interpretation = Interpret("SOL-01.1", "1'16\"");

        Assert.Null(interpretation.Measurement);
        Assert.Equal($"Il KPI «{kpi.Name}» si misura in percentuale: il valore «1'16\"» è in minuti.", interpretation.Error);
    }

    [Fact]
    public void RefusesDaysGivenAPercentKpi()
    {
        var kpi = _plan.Kpi("SOL-01.1");

        var interpretation = Interpret("SOL-01.1", "9,9 giorni");

        Assert.Equal($"Il KPI «{kpi.Name}» si misura in percentuale: il valore «9,9 giorni» è in giorni.", interpretation.Error);
    }

    [Theory]
    [InlineData("SI")]
    [InlineData("15/11/2020")]
    public void AsksForANumberWithAnExampleGivenAPercentKpiAndNoNumber(string text)
    {
        var kpi = _plan.Kpi("SOL-01.1");

        var interpretation = Interpret("SOL-01.1", text);

        Assert.Null(interpretation.Measurement);
        Assert.Equal($"Il KPI «{kpi.Name}» richiede un valore numerico (es. 91,1%).", interpretation.Error);
    }

    [Theory]
    [InlineData("1'16\"", 76.0 / 60.0)]
    [InlineData("3 minuti", 3)]
    [InlineData("2,5", 2.5)]
    public void ReadsMinutesGivenAMinutesKpi(string text, double expected)
    {
        var interpretation = Interpret("FUN-01.1", text);

        Assert.Null(interpretation.Error);
        Assert.Equal((decimal)expected, interpretation.Measurement!.Value!.Value, 4);
    }

    [Fact]
    public void RefusesAPercentageGivenAMinutesKpi()
    {
        var kpi = _plan.Kpi("FUN-01.1");

        var interpretation = Interpret("FUN-01.1", "50%");

        Assert.Equal($"Il KPI «{kpi.Name}» si misura in minuti: il valore «50%» è in percentuale.", interpretation.Error);
    }

    [Fact]
    public void RefusesAPercentageGivenAPlainNumberKpi()
    {
        var kpi = _plan.Kpi("FUN-01.2");

        var interpretation = Interpret("FUN-01.2", "91,1%");

        Assert.Equal($"Il KPI «{kpi.Name}» si misura in numeri: il valore «91,1%» è in percentuale.", interpretation.Error);
    }

    [Fact]
    public void ReadsThousandsGivenAPlainNumberKpi()
    {
        var interpretation = Interpret("FUN-01.2", "1.003");

        Assert.Equal(Measurement.Number(1003m), interpretation.Measurement);
    }

    // ---- SI/NO KPIs ----

    [Theory]
    [InlineData("SI", true)]
    [InlineData("Sì", true)]
    [InlineData("si", true)]
    [InlineData("NO", false)]
    [InlineData("no", false)]
    public void ReadsSiOrNoGivenABooleanKpi(string text, bool expected)
    {
        var interpretation = Interpret("SOL-01.2", text);

        Assert.Null(interpretation.Error);
        Assert.Equal(Measurement.YesNo(expected), interpretation.Measurement);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("100%")]
    [InlineData("15/11/2020")]
    public void RequiresSiOrNoGivenABooleanKpi(string text)
    {
        var kpi = _plan.Kpi("SOL-01.2");

        var interpretation = Interpret("SOL-01.2", text);

        Assert.Null(interpretation.Measurement);
        Assert.Equal($"Il KPI «{kpi.Name}» richiede SI oppure NO.", interpretation.Error);
    }

    // ---- Deadline KPIs ----

    [Theory]
    [InlineData("SI", true)]
    [InlineData("NO", false)]
    public void ReadsDoneOrNotDoneGivenADeadlineKpiAndSiOrNo(string text, bool done)
    {
        var interpretation = Interpret("GES-01.1", text);

        Assert.Null(interpretation.Error);
        Assert.Equal(Measurement.YesNo(done), interpretation.Measurement);
    }

    [Fact]
    public void ReadsTheCompletionDateGivenADeadlineKpiAndADate()
    {
        var interpretation = Interpret("GES-01.1", "15/11/2020");

        Assert.Equal(Measurement.CompletedOn(new DateOnly(2020, 11, 15)), interpretation.Measurement);
        Assert.Equal(100m, _plan.Kpi("GES-01.1").Score(interpretation.Measurement).Score);
    }

    [Theory]
    [InlineData("91,1%")]
    [InlineData("3")]
    public void AsksForSiNoOrADateWithTheDeadlineYearGivenADeadlineKpiAndANumber(string text)
    {
        var kpi = _plan.Kpi("GES-01.1");

        var interpretation = Interpret("GES-01.1", text);

        Assert.Null(interpretation.Measurement);
        Assert.Equal($"Il KPI «{kpi.Name}» richiede SI, NO oppure la data di completamento (es. 15/11/2020).", interpretation.Error);
    }

    [Fact]
    public void ScoresTheInterpretationWithThePlanMethodology()
    {
        var kpi = _plan.Kpi("FUN-01.1");

        var attainment = kpi.Score(Interpret("FUN-01.1", "3'36\"").Measurement);

        // Target ≤ 3 minuti, actual 3,6 minuti: Ratio gives 3 / 3,6 = 83,3 %.
        Assert.Equal(83.3m, Math.Round(attainment.Score!.Value, 1));
    }

    // ---- Plausibility (attainment.md, "Plausibility at entry") ----

    [Theory]
    [InlineData("15/11/2019")]
    [InlineData("31/12/2030")]
    [InlineData("01/01/2021")]
    public void RefusesCompletionDateGivenDateOutsideThePlanYear(string date)
    {
        var interpretation = Interpret("GES-01.1", date);

        Assert.Null(interpretation.Measurement);
        Assert.Contains("fuori dall'anno del piano (2020)", interpretation.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01/01/2020")]
    [InlineData("15/11/2020")]
    [InlineData("31/12/2020")]
    public void AcceptsCompletionDateGivenDateInThePlanYear(string date)
    {
        Assert.NotNull(Interpret("GES-01.1", date).Measurement);
    }

    [Fact]
    public void RefusesRecordingGivenCompletionDateOutsideThePlanYear()
    {
        var plan = PlanBuilder.InMonitoring().Build();
        var kpi = plan.Kpi("GES-01.1");

        var ex = Assert.Throws<DomainRuleException>(() => kpi.RecordResult(
            plan.Period("INT"), "15/11/2019", Measurement.CompletedOn(new DateOnly(2019, 11, 15)), null, PlanBuilder.PlanningOffice, PlanBuilder.At));

        Assert.Contains("fuori dall'anno del piano", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FUN-01.2", "-5")]
    [InlineData("FUN-01.1", "-3")]
    public void RefusesNegativeValueGivenCountOrDuration(string code, string text)
    {
        var interpretation = Interpret(code, text);

        Assert.Null(interpretation.Measurement);
        Assert.Contains("non può essere negativo", interpretation.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FUN-01.2", "1.000.000.000.000")]
    [InlineData("FUN-01.2", "-2.646.000.000.000")]
    public void RefusesAValueGivenTwelveOrMoreDigitsBeforeTheDecimalPoint(string code, string text)
    {
        var interpretation = Interpret(code, text);

        Assert.Null(interpretation.Measurement);
        Assert.Contains("è troppo grande: Pdo registra valori inferiori a 1.000.000.000.000", interpretation.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsAValueGivenElevenDigitsBeforeTheDecimalPoint()
    {
        Assert.NotNull(Interpret("FUN-01.2", "999.999.999.999,5").Measurement);
    }

    [Fact]
    public void AcceptsNegativePercentageGivenReductionKpi()
    {
        Assert.NotNull(Interpret("FUN-01.3", "-1,6%").Measurement);
    }

    [Theory]
    [InlineData(2_646_000_000_000, true)]
    [InlineData(9_001, true)]
    [InlineData(9_000, false)]
    [InlineData(1_003, false)]
    [InlineData(90, false)]
    [InlineData(89, true)]
    [InlineData(0, true)]
    public void FlagsValueGivenMoreThanTenTimesAwayFromTarget900(double actual, bool far)
    {
        Assert.Equal(far, _plan.Kpi("FUN-01.2").IsFarFromTarget(Measurement.Number((decimal)actual)));
    }

    private Interpretation Interpret(string kpi, string text)
    {
        var parsed = ItalianValues.Parse(text);
        Assert.True(parsed.Succeeded, parsed.Error);
        return _plan.Kpi(kpi).Interpret(parsed.Value!);
    }

    private static PerformancePlan BuildPlan()
    {
        var plan = PlanBuilder.Draft().Build();
        var funzionamento = plan.AddCategory("FUN", "Indicatori di funzionamento dell'Ente");
        var objective = plan.AddObjective("FUN-01", "Qualità dei servizi", funzionamento, null, null);
        objective.AddKpi(KpiDefinitionBuilder.MinutesAtMost("FUN-01.1", 3m));
        objective.AddKpi(KpiDefinitionBuilder.NumberAtLeast("FUN-01.2", 900m));
        objective.AddKpi(KpiDefinitionBuilder.PercentAtLeast("FUN-01.3", -1.5m) with { Direction = Direction.LowerIsBetter, Comparator = Comparator.AtMost });
        return plan;
    }
}
