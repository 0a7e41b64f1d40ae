using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Plans;

/// <summary>MonitoringPeriod: the default periods, opening and closing, and results only in an open period of a plan in monitoring.</summary>
public class PeriodTests
{
    [Fact]
    public void HasAClosedInterimAndAClosedFinalPeriodGivenANewPlan()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");

        Assert.Collection(
            plan.Periods,
            p =>
            {
                Assert.Equal(("INT", "Monitoraggio intermedio", new DateOnly(2020, 6, 30), false), (p.Code, p.Name, p.EndDate, p.IsFinal));
                Assert.False(p.IsOpen);
            },
            p =>
            {
                Assert.Equal(("FIN", "Consuntivo", new DateOnly(2020, 12, 31), true), (p.Code, p.Name, p.EndDate, p.IsFinal));
                Assert.False(p.IsOpen);
            });
        Assert.Same(plan.Periods[1], plan.FinalPeriod);
    }

    [Fact]
    public void ReturnsThePeriodGivenItsCodeInAnotherCaseOrWithSpaces()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");

        Assert.Equal("INT", plan.PeriodWithCode("int")?.Code);
        Assert.Equal("FIN", plan.PeriodWithCode(" Fin ")?.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("SEM")]
    [InlineData("IN")]
    public void ReturnsNoPeriodGivenNoCodeOrAnUnknownOne(string? code)
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");

        Assert.Null(plan.PeriodWithCode(code));
    }

    [Fact]
    public void RefusesASecondFinalPeriod()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");

        var error = Assert.Throws<DomainRuleException>(() => plan.AddPeriod("FIN2", "Consuntivo bis", new DateOnly(2020, 12, 30), isFinal: true));

        Assert.Equal("Il piano ha già un periodo finale (consuntivo).", error.Message);
        Assert.Equal(2, plan.Periods.Count);
    }

    [Fact]
    public void RefusesAPeriodEndingAfterTheEndOfThePlanYear()
    {
        var plan = new PerformancePlan(2020, "Piano degli Obiettivi 2020");

        var error = Assert.Throws<DomainRuleException>(() => plan.AddPeriod("FIN", "Consuntivo", new DateOnly(2021, 1, 31), isFinal: true));

        Assert.Equal("La data di fine del periodo (31/01/2021) è dopo la fine dell'anno 2020: deve cadere entro il 31/12/2020.", error.Message);
        Assert.Empty(plan.Periods);
    }

    [Fact]
    public void RefusesAPeriodWithTheCodeOfAnother()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");

        var error = Assert.Throws<DomainRuleException>(() => plan.AddPeriod("int", "Altro intermedio", new DateOnly(2020, 9, 30), isFinal: false));

        Assert.Equal("Esiste già un periodo di monitoraggio con il codice «int» in questo piano.", error.Message);
    }

    [Fact]
    public void OpensGivenAPlanInMonitoring()
    {
        var plan = PlanBuilder.InMonitoring().WithNoOpenPeriod().Build();
        var version = plan.Version;

        plan.Period("FIN").Open();

        Assert.True(plan.Period("FIN").IsOpen);
        Assert.False(plan.Period("INT").IsOpen);
        Assert.NotEqual(version, plan.Version);
    }

    [Fact]
    public void OpensTwoPeriodsAtOnceGivenAPlanInMonitoring()
    {
        var plan = PlanBuilder.InMonitoring().Build();

        plan.Period("FIN").Open();

        Assert.All(plan.Periods, p => Assert.True(p.IsOpen));
    }

    [Fact]
    public void RefusesOpeningGivenAPlanInDraft()
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(plan.Period("INT").Open);

        Assert.Equal("Si possono aprire i periodi solo di un piano in monitoraggio.", error.Message);
        Assert.False(plan.Period("INT").IsOpen);
    }

    [Fact]
    public void RefusesOpeningGivenAnApprovedPlan()
    {
        var plan = PlanBuilder.Approved().Build();

        var error = Assert.Throws<DomainRuleException>(plan.Period("FIN").Open);

        Assert.Equal("Si possono aprire i periodi solo di un piano in monitoraggio.", error.Message);
        Assert.False(plan.Period("FIN").IsOpen);
    }

    [Fact]
    public void RefusesOpeningGivenAPeriodAlreadyOpen()
    {
        var plan = PlanBuilder.InMonitoring().Build();

        var error = Assert.Throws<DomainRuleException>(plan.Period("INT").Open);

        Assert.Equal("Il periodo «Monitoraggio intermedio» è già aperto.", error.Message);
        Assert.True(plan.Period("INT").IsOpen);
    }

    [Fact]
    public void ClosesGivenAnOpenPeriod()
    {
        var plan = PlanBuilder.InMonitoring().Build();
        var version = plan.Version;

        plan.Period("INT").Close();

        Assert.False(plan.Period("INT").IsOpen);
        Assert.NotEqual(version, plan.Version);
    }

    [Fact]
    public void RefusesClosingGivenAClosedPeriod()
    {
        var plan = PlanBuilder.InMonitoring().Build();

        var error = Assert.Throws<DomainRuleException>(plan.Period("FIN").Close);

        Assert.Equal("Il periodo «Consuntivo» è già chiuso.", error.Message);
    }

    [Fact]
    public void OpensAgainGivenAPeriodClosedEarlier()
    {
        var plan = PlanBuilder.InMonitoring().Build();
        plan.Period("INT").Close();

        plan.Period("INT").Open();

        Assert.True(plan.Period("INT").IsOpen);
    }

    [Fact]
    public void AcceptsAResultGivenAnOpenPeriodOfAPlanInMonitoring()
    {
        var plan = PlanBuilder.InMonitoring().Build();

        var result = Record(plan, "SOL-01.1", "INT");

        Assert.Same(plan.Period("INT"), result.Period);
        Assert.Same(result, plan.Kpi("SOL-01.1").ResultFor(plan.Period("INT")));
    }

    [Fact]
    public void RefusesAResultGivenAClosedPeriod()
    {
        var plan = PlanBuilder.InMonitoring().Build();

        var error = Assert.Throws<DomainRuleException>(() => Record(plan, "SOL-01.1", "FIN"));

        Assert.Equal("Il periodo «Consuntivo» non è aperto: i risultati si inseriscono solo nei periodi aperti.", error.Message);
        Assert.Empty(plan.Kpi("SOL-01.1").Results);
    }

    [Fact]
    public void RefusesAResultGivenAPeriodClosedAfterAResultWasEntered()
    {
        var plan = PlanBuilder.InMonitoring().WithInterimResults().Build();
        plan.Period("INT").Close();

        var error = Assert.Throws<DomainRuleException>(() => Record(plan, "SOL-01.1", "INT", "95%", 95m));

        Assert.Equal("Il periodo «Monitoraggio intermedio» non è aperto: i risultati si inseriscono solo nei periodi aperti.", error.Message);
        Assert.Equal(91.1m, plan.Kpi("SOL-01.1").ResultFor(plan.Period("INT"))!.Value);
    }

    [Fact]
    public void RefusesAResultGivenAPlanInDraft()
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(() => Record(plan, "SOL-01.1", "INT"));

        Assert.Equal("Il piano è in bozza: i risultati si inseriscono dopo l'avvio del monitoraggio.", error.Message);
        Assert.Empty(plan.Kpi("SOL-01.1").Results);
    }

    [Fact]
    public void RefusesAResultGivenAnApprovedPlan()
    {
        var plan = PlanBuilder.Approved().WithInterimResults().Build();

        var error = Assert.Throws<DomainRuleException>(() => Record(plan, "SOL-01.1", "INT", "95%", 95m));

        Assert.Equal("Il piano è approvato: i risultati non sono modificabili.", error.Message);
        Assert.Equal(91.1m, plan.Kpi("SOL-01.1").ResultFor(plan.Period("INT"))!.Value);
    }

    [Fact]
    public void RefusesAResultGivenAReopenedPlanUntilAPeriodIsOpened()
    {
        var plan = PlanBuilder.Approved().Build();
        plan.Reopen("Correzione del consuntivo richiesta dalla Giunta");

        Assert.Throws<DomainRuleException>(() => Record(plan, "SOL-01.1", "FIN"));
        plan.Period("FIN").Open();
        var result = Record(plan, "SOL-01.1", "FIN");

        Assert.Equal(ResultStatus.Entered, result.Status);
    }

    [Fact]
    public void KeepsOneResultPerPeriodGivenResultsInTwoOpenPeriods()
    {
        var plan = PlanBuilder.InMonitoring().Build();
        plan.Period("FIN").Open();

        var interim = Record(plan, "SOL-01.1", "INT", "75%", 75m);
        var final = Record(plan, "SOL-01.1", "FIN", "91,1%", 91.1m);
        var corrected = Record(plan, "SOL-01.1", "INT", "80%", 80m);

        var kpi = plan.Kpi("SOL-01.1");
        Assert.Equal(2, kpi.Results.Count);
        Assert.Same(interim, corrected);
        Assert.Equal(80m, kpi.ResultFor(plan.Period("INT"))!.Value);
        Assert.Equal(91.1m, kpi.ResultFor(plan.Period("FIN"))!.Value);
        Assert.NotSame(interim, final);
    }

    private static KpiResult Record(PerformancePlan plan, string kpi, string period, string actual = "91,1%", decimal value = 91.1m) =>
        plan.Kpi(kpi).RecordResult(plan.Period(period), actual, Measurement.Number(value), null, PlanBuilder.PlanningOffice, PlanBuilder.At);
}
