using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Plans;

/// <summary>PerformancePlan: Bozza → In monitoraggio → Approvato (→ riaperto In monitoraggio), and what each state refuses.</summary>
public class PlanLifecycleTests
{
    private const string NotDraft = "Il piano non è in bozza: struttura e target non sono modificabili.";
    private const string Reason = "Correzione del valore di SOL-01.1 segnalata dalla Direzione Casa";

    // ---- Bozza → In monitoraggio ----

    [Fact]
    public void StartsMonitoringGivenADraftWithAFinalPeriodAndKpisWithTargets()
    {
        var plan = PlanBuilder.Draft().Build();
        var version = plan.Version;

        plan.StartMonitoring();

        Assert.Equal(PlanStatus.Monitoring, plan.Status);
        Assert.True(plan.AcceptsResults);
        Assert.False(plan.IsStructureEditable);
        Assert.NotEqual(version, plan.Version);
        Assert.All(plan.Periods, p => Assert.False(p.IsOpen));
    }

    // ---- Objective codes: unique in the plan, whatever the case ----

    [Theory]
    [InlineData("SOL-01")]
    [InlineData("sol-01")]
    [InlineData(" SOL-01 ")]
    public void RefusesAnObjectiveGivenACodeAlreadyInThePlan(string code)
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.AddObjective(code, "Doppione", plan.Categories[0], null, null));

        Assert.Equal($"Esiste già un obiettivo con il codice «{code}» in questo piano.", error.Message);
    }

    [Fact]
    public void AcceptsTheCodeAgainGivenItsObjectiveWasRemoved()
    {
        var plan = PlanBuilder.Draft().Build();
        var section = plan.Categories[0];
        plan.RemoveObjective(plan.Objective("SOL-01"));

        var again = plan.AddObjective("SOL-01", "Piano Quartieri, di nuovo", section, null, null);

        Assert.Equal("SOL-01", again.Code);
        Assert.Throws<DomainRuleException>(() => plan.AddObjective("sol-01", "Doppione", section, null, null));
    }

    [Fact]
    public void RefusesMonitoringGivenAPlanWithoutAFinalPeriod()
    {
        var plan = new PerformancePlan(2020, "Piano degli Obiettivi 2020");
        plan.AddPeriod("INT", "Monitoraggio intermedio", new DateOnly(2020, 6, 30), isFinal: false);
        var section = plan.AddCategory("SOL", "Obiettivi Solidali");
        plan.AddObjective("SOL-01", "Piano Quartieri", section, null, null).AddKpi(KpiDefinitionBuilder.PercentAtLeast("SOL-01.1", 70m));

        var error = Assert.Throws<DomainRuleException>(plan.StartMonitoring);

        Assert.Equal("Prima di avviare il monitoraggio il piano deve avere un periodo finale (consuntivo).", error.Message);
        Assert.Equal(PlanStatus.Draft, plan.Status);
    }

    [Fact]
    public void RefusesMonitoringGivenAPlanWithoutPeriods()
    {
        var plan = new PerformancePlan(2020, "Piano degli Obiettivi 2020");
        var section = plan.AddCategory("SOL", "Obiettivi Solidali");
        plan.AddObjective("SOL-01", "Piano Quartieri", section, null, null).AddKpi(KpiDefinitionBuilder.PercentAtLeast("SOL-01.1", 70m));

        var error = Assert.Throws<DomainRuleException>(plan.StartMonitoring);

        Assert.Contains("periodo finale", error.Message, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Draft, plan.Status);
    }

    [Fact]
    public void RefusesMonitoringGivenAnObjectiveWithoutKpis()
    {
        var plan = PlanBuilder.Draft().Build();
        plan.AddObjective("GES-02", "Pago PA", plan.Category("GES"), null, null);

        var error = Assert.Throws<DomainRuleException>(plan.StartMonitoring);

        Assert.Equal("Prima di avviare il monitoraggio ogni obiettivo deve avere almeno un KPI.", error.Message);
        Assert.Equal(PlanStatus.Draft, plan.Status);
    }

    [Fact]
    public void RefusesMonitoringGivenAPlanWithoutObjectives()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");
        plan.AddCategory("SOL", "Obiettivi Solidali");

        var error = Assert.Throws<DomainRuleException>(plan.StartMonitoring);

        Assert.Equal("Prima di avviare il monitoraggio ogni obiettivo deve avere almeno un KPI.", error.Message);
    }

    [Fact]
    public void RefusesMonitoringAndNamesTheKpisGivenKpisCopiedWithoutTargets()
    {
        var copy = PerformancePlan.CopyStructure(PlanBuilder.Approved().Build(), 2021, "Piano degli Obiettivi 2021", copyTargets: false);

        var error = Assert.Throws<DomainRuleException>(copy.StartMonitoring);

        Assert.Equal(
            "Prima di avviare il monitoraggio ogni KPI deve avere un target. Mancano: SOL-01.1, SOL-01.2, GES-01.1.",
            error.Message);
        Assert.Equal(PlanStatus.Draft, copy.Status);
    }

    [Fact]
    public void StartsMonitoringGivenTheBlankTargetsOfACopyFilledIn()
    {
        var copy = PerformancePlan.CopyStructure(PlanBuilder.Approved().Build(), 2021, "Piano degli Obiettivi 2021", copyTargets: false);
        copy.Kpi("SOL-01.1").Update(KpiDefinitionBuilder.PercentAtLeast("SOL-01.1", 75m));
        copy.Kpi("SOL-01.2").Update(KpiDefinitionBuilder.YesNo("SOL-01.2"));
        copy.Kpi("GES-01.1").Update(KpiDefinitionBuilder.DueBy("GES-01.1", new DateOnly(2021, 12, 31)));

        copy.StartMonitoring();

        Assert.Equal(PlanStatus.Monitoring, copy.Status);
    }

    [Fact]
    public void RefusesMonitoringGivenAPlanAlreadyInMonitoring()
    {
        var plan = PlanBuilder.InMonitoring().Build();

        var error = Assert.Throws<DomainRuleException>(plan.StartMonitoring);

        Assert.Equal("Solo un piano in bozza può passare in monitoraggio.", error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
    }

    [Fact]
    public void RefusesMonitoringGivenAnApprovedPlan()
    {
        var plan = PlanBuilder.Approved().Build();

        var error = Assert.Throws<DomainRuleException>(plan.StartMonitoring);

        Assert.Equal("Solo un piano in bozza può passare in monitoraggio.", error.Message);
        Assert.Equal(PlanStatus.Approved, plan.Status);
    }

    // ---- In monitoraggio → Approvato ----

    [Fact]
    public void ApprovesAndClosesEveryPeriodGivenAPlanInMonitoringAndTheAct()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Confirmed).Build();
        var act = new ApprovalAct("501", new DateOnly(2021, 4, 14), "https://www.comune.milano.it/delibera-501.pdf", "Approvazione Consuntivo PDO 2020");
        var version = plan.Version;

        plan.Approve(act, PlanBuilder.Today);

        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Same(act, plan.ApprovalAct);
        Assert.All(plan.Periods, p => Assert.False(p.IsOpen));
        Assert.False(plan.AcceptsResults);
        Assert.False(plan.IsStructureEditable);
        Assert.NotEqual(version, plan.Version);
    }

    [Fact]
    public void ApprovesGivenAnActDatedWithinThePlanYear()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Confirmed).Build();

        plan.Approve(new ApprovalAct("12", new DateOnly(2020, 12, 31), null), PlanBuilder.Today);

        Assert.Equal(PlanStatus.Approved, plan.Status);
    }

    [Fact]
    public void RefusesApprovalGivenAPlanInDraft()
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today));

        Assert.Equal("Solo un piano in monitoraggio può essere approvato.", error.Message);
        Assert.Equal(PlanStatus.Draft, plan.Status);
        Assert.Null(plan.ApprovalAct);
    }

    [Fact]
    public void RefusesApprovalGivenAnApprovedPlan()
    {
        var plan = PlanBuilder.Approved().Build();
        var act = plan.ApprovalAct;

        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(new ApprovalAct("777", new DateOnly(2021, 5, 1), null), PlanBuilder.Today));

        Assert.Equal("Solo un piano in monitoraggio può essere approvato.", error.Message);
        Assert.Same(act, plan.ApprovalAct);
    }

    [Fact]
    public void RefusesApprovalGivenAnActDatedBeforeThePlanYear()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Confirmed).Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(new ApprovalAct("501", new DateOnly(2019, 12, 31), null), PlanBuilder.Today));

        Assert.Equal("La delibera di approvazione del consuntivo 2020 non può essere anteriore al 2020.", error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
        Assert.Null(plan.ApprovalAct);
        Assert.True(plan.Period("INT").IsOpen);
    }

    [Fact]
    public void RefusesApprovalGivenAnActDatedInTheFuture()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Confirmed).Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(new ApprovalAct("501", new DateOnly(2099, 4, 15), null), PlanBuilder.Today));

        Assert.Equal("La data della delibera (15/04/2099) è nel futuro: indicare la data in cui la Giunta ha approvato il consuntivo.", error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
        Assert.Null(plan.ApprovalAct);
    }

    [Fact]
    public void ApprovesGivenAnActDatedToday()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Confirmed).Build();

        plan.Approve(new ApprovalAct("501", PlanBuilder.Today, null), PlanBuilder.Today);

        Assert.Equal(PlanStatus.Approved, plan.Status);
    }

    [Fact]
    public void RefusesApprovalGivenAnActDatedBeforeTheEndOfTheFinalPeriod()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Confirmed).Build();
        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(new ApprovalAct("501", new DateOnly(2020, 12, 30), null), PlanBuilder.Today));

        Assert.Equal("La delibera (30/12/2020) non può essere anteriore alla fine del periodo finale «Consuntivo» (31/12/2020).", error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
        Assert.Null(plan.ApprovalAct);
    }

    // ---- Approvato → In monitoraggio ----

    [Fact]
    public void ReopensAndWithdrawsTheActGivenAnApprovedPlanAndAReason()
    {
        var plan = PlanBuilder.Approved().Build();
        var version = plan.Version;

        plan.Reopen(Reason);

        Assert.Equal(PlanStatus.Monitoring, plan.Status);
        Assert.Null(plan.ApprovalAct);
        Assert.True(plan.AcceptsResults);
        Assert.False(plan.IsStructureEditable);
        Assert.All(plan.Periods, p => Assert.False(p.IsOpen));
        Assert.NotEqual(version, plan.Version);
    }

    [Fact]
    public void ApprovesAgainGivenAReopenedPlan()
    {
        var plan = PlanBuilder.Approved().Build();
        plan.Reopen(Reason);
        var act = new ApprovalAct("612", new DateOnly(2021, 5, 20), null);

        plan.Approve(act, PlanBuilder.Today);

        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Same(act, plan.ApprovalAct);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("errore")]
    [InlineData("  123456789  ")]
    public void RefusesReopeningGivenNoReasonOrOneShorterThanTenCharacters(string reason)
    {
        var plan = PlanBuilder.Approved().Build();
        var act = plan.ApprovalAct;

        var error = Assert.Throws<DomainRuleException>(() => plan.Reopen(reason));

        Assert.Equal("Per riaprire un piano approvato serve una motivazione (almeno 10 caratteri).", error.Message);
        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Same(act, plan.ApprovalAct);
    }

    [Fact]
    public void RefusesReopeningGivenANullReason()
    {
        var plan = PlanBuilder.Approved().Build();

        Assert.Throws<DomainRuleException>(() => plan.Reopen(null!));

        Assert.Equal(PlanStatus.Approved, plan.Status);
    }

    [Fact]
    public void ReopensGivenAReasonOfExactlyTenCharacters()
    {
        var plan = PlanBuilder.Approved().Build();

        plan.Reopen("1234567890");

        Assert.Equal(PlanStatus.Monitoring, plan.Status);
    }

    [Fact]
    public void RefusesReopeningGivenAPlanInDraft()
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.Reopen(Reason));

        Assert.Equal("Solo un piano approvato può essere riaperto.", error.Message);
        Assert.Equal(PlanStatus.Draft, plan.Status);
    }

    [Fact]
    public void RefusesReopeningGivenAPlanInMonitoring()
    {
        var plan = PlanBuilder.InMonitoring().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.Reopen(Reason));

        Assert.Equal("Solo un piano approvato può essere riaperto.", error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
    }

    // ---- Structure and targets are frozen outside Bozza ----

    public static TheoryData<string, string> FrozenStructureEdits()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in new[] { "Monitoring", "Approved", "Reopened" })
        {
            foreach (var edit in StructureEdits.Keys)
            {
                data.Add(state, edit);
            }
        }

        return data;
    }

    public static TheoryData<string> EveryStructureEdit() => new(StructureEdits.Keys);

    [Theory]
    [MemberData(nameof(FrozenStructureEdits))]
    public void RefusesStructureEditsGivenAPlanOutOfDraft(string state, string edit)
    {
        var plan = state switch
        {
            "Monitoring" => PlanBuilder.InMonitoring().Build(),
            "Approved" => PlanBuilder.Approved().Build(),
            _ => Reopened(),
        };
        var before = Snapshot(plan);

        var error = Assert.Throws<DomainRuleException>(() => StructureEdits[edit](plan));

        Assert.Equal(NotDraft, error.Message);
        Assert.Equal(before, Snapshot(plan));
    }

    [Theory]
    [MemberData(nameof(EveryStructureEdit))]
    public void AllowsStructureEditsGivenAPlanInDraft(string edit)
    {
        var plan = PlanBuilder.Draft().Build();
        var before = Snapshot(plan);

        StructureEdits[edit](plan);

        Assert.NotEqual(before, Snapshot(plan));
    }

    // ---- The approval act ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RefusesAnApprovalActWithoutNumber(string number)
    {
        var error = Assert.Throws<DomainRuleException>(() => new ApprovalAct(number, new DateOnly(2021, 4, 14), null));

        Assert.Equal("Il numero della delibera è obbligatorio.", error.Message);
    }

    [Theory]
    [InlineData("delibera-501.pdf")]
    [InlineData("/documents/delibera-501.pdf")]
    [InlineData("www.comune.milano.it/delibera-501.pdf")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    public void RefusesAnApprovalActGivenALinkThatIsNotAnAbsoluteWebAddress(string link)
    {
        var error = Assert.Throws<DomainRuleException>(() => new ApprovalAct("501", new DateOnly(2021, 4, 14), link));

        Assert.Equal("Il link della delibera non è un indirizzo valido (deve iniziare con https:// o http://).", error.Message);
    }

    [Theory]
    [InlineData("https://www.comune.milano.it/documents/20126/983653/Delibera+n.+501.pdf")]
    [InlineData("http://albopretorio.comune.milano.it/atto?id=501")]
    public void KeepsTheLinkGivenAnAbsoluteWebAddress(string link)
    {
        var act = new ApprovalAct(" 501 ", new DateOnly(2021, 4, 14), $"  {link} ", "  Approvazione Consuntivo PDO 2020 ");

        Assert.Equal("501", act.Number);
        Assert.Equal(link, act.Link);
        Assert.Equal("Approvazione Consuntivo PDO 2020", act.Description);
        Assert.Equal(new DateOnly(2021, 4, 14), act.Date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void HasNoLinkGivenABlankLink(string? link)
    {
        var act = new ApprovalAct("501", new DateOnly(2021, 4, 14), link);

        Assert.Null(act.Link);
        Assert.Null(act.Description);
    }

    private static readonly Dictionary<string, Action<PerformancePlan>> StructureEdits = new()
    {
        ["AddObjective"] = p => p.AddObjective("SOL-02", "Casa ai giovani", p.Category("SOL"), p.Area("SOLIDALE"), null),
        ["Objective.AddKpi"] = p => p.Objective("GES-01").AddKpi(KpiDefinitionBuilder.YesNo("GES-01.2")),
        ["Kpi.Update"] = p => p.Kpi("SOL-01.1").Update(KpiDefinitionBuilder.PercentAtLeast("SOL-01.1", 60m)),
        ["Objective.Update"] = p => p.Objective("GES-01").Update("CRM unico e sportello digitale", p.Category("SOL"), p.Area("SOLIDALE"), null, 3m),
        ["RemoveObjective"] = p => p.RemoveObjective(p.Objective("GES-01")),
        ["Objective.RemoveKpi"] = p => p.Objective("SOL-01").RemoveKpi(p.Kpi("SOL-01.2")),
        ["SetMethodology"] = p => p.SetMethodology(LowerIsBetterFormula.Linear, 70m),
        ["AddCategory"] = p => p.AddCategory("FUN", "Indicatori di funzionamento dell'Ente"),
        ["AddArea"] = p => p.AddArea("DIGITALE", "Milano più digitale"),
        ["AddPeriod"] = p => p.AddPeriod("SET", "Monitoraggio di settembre", new DateOnly(p.Year, 9, 30), isFinal: false),
        ["Rename"] = p => p.Rename("Piano degli Obiettivi rinominato"),
    };

    private static PerformancePlan Reopened()
    {
        var plan = PlanBuilder.Approved().Build();
        plan.Reopen(Reason);
        return plan;
    }

    /// <summary>Everything a structure edit can change, as one comparable string.</summary>
    private static string Snapshot(PerformancePlan plan) => string.Join(
        " | ",
        plan.Title,
        plan.LowerIsBetterFormula,
        plan.PartiallyAchievedFrom,
        string.Join(",", plan.Categories.Select(c => c.Code)),
        string.Join(",", plan.Areas.Select(a => a.Code)),
        string.Join(",", plan.Periods.Select(p => p.Code)),
        string.Join(
            ",",
            plan.Objectives.Select(o =>
                $"{o.Code}:{o.Title}:{o.Category?.Code}:{o.Area?.Code}:{o.Weight}:{o.Narrative}:" +
                string.Join("/", o.Kpis.Select(k => $"{k.Code}={k.TargetText}")))));
}
