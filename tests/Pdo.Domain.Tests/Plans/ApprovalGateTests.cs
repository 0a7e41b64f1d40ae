using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Plans;

/// <summary>
/// The approval gate: a plan is approved only when every KPI has a confirmed final result or is declared non
/// rilevabile with a reason; the declaration and its effect on the score.
/// </summary>
public class ApprovalGateTests
{
    private const string Reason = "Il dato ISTAT 2020 non è stato pubblicato in tempo.";

    private static readonly DateTimeOffset DeclaredAt = new(2021, 2, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RefusesApprovalListingEveryKpiGivenNoFinalResults()
    {
        var plan = PlanBuilder.InMonitoring().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today));

        Assert.Equal(
            "Il piano non può essere approvato: 3 risultati del consuntivo bloccano l'approvazione: SOL-01 / SOL-01.1 (mancante); "
            + "SOL-01 / SOL-01.2 (mancante); GES-01 / GES-01.1 (mancante). Confermare i risultati oppure dichiarare i KPI non rilevabili con il motivo.",
            error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
        Assert.Null(plan.ApprovalAct);
    }

    [Fact]
    public void RefusesApprovalGivenFinalResultsEnteredButNotConfirmed()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Entered).Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today));

        Assert.Contains("SOL-01 / SOL-01.1 (inserito non confermato)", error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
        Assert.All(plan.ApprovalBlockers(), b => Assert.Equal(ApprovalBlockerKind.NotConfirmed, b.Kind));
    }

    [Fact]
    public void RefusesApprovalGivenAReturnedFinalResult()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Returned).Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today));

        Assert.Contains("GES-01 / GES-01.1 (restituito)", error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
    }

    [Fact]
    public void ReturnsTheBlockersWithObjectiveKpiAndKindGivenMixedFinalResults()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Entered).Build();
        var final = plan.Period("FIN");
        plan.Kpi("SOL-01.1").ResultFor(final)!.Confirm(PlanBuilder.Director, PlanBuilder.At);
        plan.Kpi("SOL-01.2").ResultFor(final)!.Return("Manca la fonte del dato.", PlanBuilder.Director, PlanBuilder.At);

        var blockers = plan.ApprovalBlockers();

        Assert.Equal(
            [("SOL-01", "SOL-01.2", ApprovalBlockerKind.Returned, "restituito"), ("GES-01", "GES-01.1", ApprovalBlockerKind.NotConfirmed, "inserito non confermato")],
            blockers.Select(b => (b.Objective.Code, b.Kpi.Code, b.Kind, b.KindText)));
    }

    [Fact]
    public void RefusesAFutureActGivenEveryResultConfirmed()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Confirmed).Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(new ApprovalAct("501", new DateOnly(2099, 1, 1), null), PlanBuilder.Today));

        Assert.StartsWith("La data della delibera (01/01/2099) è nel futuro", error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
    }

    [Fact]
    public void ApprovesGivenTheBlockingKpisDeclaredNonRilevabili()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Entered).Build();
        foreach (var kpi in plan.Objectives.SelectMany(o => o.Kpis))
        {
            kpi.DeclareUnmeasurable(Reason, PlanBuilder.PlanningOffice, DeclaredAt);
        }

        plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today);

        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Empty(plan.ApprovalBlockers());
    }

    [Fact]
    public void ApprovesGivenOneMissingResultDeclaredAndTheOthersConfirmed()
    {
        var plan = PlanBuilder.InMonitoring().Build();
        var final = plan.Period("FIN");
        final.Open();
        plan.Kpi("SOL-01.1").RecordResult(final, "91,1%", Measurement.Number(91.1m), null, PlanBuilder.PlanningOffice, PlanBuilder.At).Confirm(PlanBuilder.Director, PlanBuilder.At);
        plan.Kpi("SOL-01.2").RecordResult(final, "SI", Measurement.YesNo(true), null, PlanBuilder.PlanningOffice, PlanBuilder.At).Confirm(PlanBuilder.Director, PlanBuilder.At);
        Assert.Equal(("GES-01.1", ApprovalBlockerKind.Missing), plan.ApprovalBlockers().Select(b => (b.Kpi.Code, b.Kind)).Single());

        plan.Kpi("GES-01.1").DeclareUnmeasurable(Reason, PlanBuilder.PlanningOffice, DeclaredAt);
        plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today);

        Assert.Equal(PlanStatus.Approved, plan.Status);
    }

    [Fact]
    public void RecordsTheReasonWhoAndWhenGivenADeclarationInMonitoring()
    {
        var kpi = PlanBuilder.InMonitoring().Build().Kpi("SOL-01.1");
        var version = kpi.Version;

        kpi.DeclareUnmeasurable($"  {Reason}  ", PlanBuilder.PlanningOffice, DeclaredAt);

        Assert.Equal((Reason, PlanBuilder.PlanningOffice, DeclaredAt), (kpi.UnmeasurableReason, kpi.UnmeasurableDeclaredBy, kpi.UnmeasurableDeclaredAt));
        Assert.True(kpi.IsUnmeasurable);
        Assert.NotEqual(version, kpi.Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("non c'è")]
    public void RefusesTheDeclarationGivenNoReasonOrAShortOne(string? reason)
    {
        var kpi = PlanBuilder.InMonitoring().Build().Kpi("SOL-01.1");

        var error = Assert.Throws<DomainRuleException>(() => kpi.DeclareUnmeasurable(reason, PlanBuilder.PlanningOffice, DeclaredAt));

        Assert.Contains("non è rilevabile", error.Message);
        Assert.False(kpi.IsUnmeasurable);
    }

    [Fact]
    public void RefusesTheDeclarationGivenAPlanInDraft()
    {
        var kpi = PlanBuilder.Draft().Build().Kpi("SOL-01.1");

        var error = Assert.Throws<DomainRuleException>(() => kpi.DeclareUnmeasurable(Reason, PlanBuilder.PlanningOffice, DeclaredAt));

        Assert.Equal("Il piano è in bozza: un KPI si dichiara non rilevabile durante il monitoraggio.", error.Message);
    }

    [Fact]
    public void RefusesTheDeclarationAndItsRemovalGivenAnApprovedPlan()
    {
        var kpi = PlanBuilder.Approved().Build().Kpi("SOL-01.1");

        var declare = Assert.Throws<DomainRuleException>(() => kpi.DeclareUnmeasurable(Reason, PlanBuilder.PlanningOffice, DeclaredAt));
        var withdraw = Assert.Throws<DomainRuleException>(kpi.WithdrawUnmeasurable);

        Assert.Equal("Il piano è approvato: la dichiarazione di KPI non rilevabile non è modificabile.", declare.Message);
        Assert.Equal(declare.Message, withdraw.Message);
    }

    [Fact]
    public void BlocksTheApprovalAgainGivenTheDeclarationWithdrawn()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Entered).Build();
        foreach (var declared in plan.Objectives.SelectMany(o => o.Kpis))
        {
            declared.DeclareUnmeasurable(Reason, PlanBuilder.PlanningOffice, DeclaredAt);
        }

        var kpi = plan.Kpi("SOL-01.1");
        kpi.WithdrawUnmeasurable();

        Assert.Equal((null, null, null), (kpi.UnmeasurableReason, kpi.UnmeasurableDeclaredBy, kpi.UnmeasurableDeclaredAt));
        Assert.Equal("SOL-01.1", plan.ApprovalBlockers().Single().Kpi.Code);
    }

    [Fact]
    public void CountsNoFinalResultGivenADeclaredKpiButKeepsTheInterimOne()
    {
        var plan = PlanBuilder.InMonitoring().WithInterimResults().WithFinalResults(ResultStatus.Entered).Build();
        var kpi = plan.Kpi("SOL-01.1");

        kpi.DeclareUnmeasurable(Reason, PlanBuilder.PlanningOffice, DeclaredAt);

        Assert.Null(kpi.CountedResultFor(plan.Period("FIN")));
        Assert.NotNull(kpi.ResultFor(plan.Period("FIN")));
        Assert.Same(kpi.ResultFor(plan.Period("INT")), kpi.CountedResultFor(plan.Period("INT")));
    }

    [Fact]
    public void RefusesAFinalResultGivenADeclaredKpi()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Entered).Build();
        var kpi = plan.Kpi("SOL-01.1");
        kpi.DeclareUnmeasurable(Reason, PlanBuilder.PlanningOffice, DeclaredAt);

        var refusal = Assert.Throws<DomainRuleException>(() =>
            kpi.RecordResult(plan.Period("FIN"), "91,1%", Measurement.Number(91.1m), null, PlanBuilder.PlanningOffice, PlanBuilder.At));

        Assert.Contains("dichiarato non rilevabile nel consuntivo", refusal.Message, StringComparison.Ordinal);
    }
}
