using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Plans;

/// <summary>Score overrides («forzature»): proposed by the planning office, decided by the OIV, withdrawn by the proposer.</summary>
public class ScoreOverrideTests
{
    private const string Reason = "Cantiere sospeso dalla Soprintendenza, causa esterna alla Direzione.";
    private const string Note = "Verificato il verbale della Soprintendenza: accolta.";
    private const string ProposerId = "u-pianificazione";
    private const string ProposerName = "Ufficio Pianificazione";
    private const string OivId = "u-oiv";
    private const string OivName = "Maria Valutatrice";

    private static readonly DateTimeOffset ProposedAt = new(2021, 1, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DecidedAt = new(2021, 1, 25, 11, 0, 0, TimeSpan.Zero);

    private static (PerformancePlan Plan, Kpi Kpi, MonitoringPeriod Final) Monitoring()
    {
        var plan = PlanBuilder.InMonitoring().WithFinalResults(ResultStatus.Confirmed).Build();
        return (plan, plan.Kpi("SOL-01.1"), plan.Period("FIN"));
    }

    private static ScoreOverride Propose(Kpi kpi, MonitoringPeriod period, decimal score = 85m) =>
        kpi.ProposeOverride(period, score, Reason, ProposerId, ProposerName, ProposedAt);

    [Fact]
    public void ReturnsAProposalWaitingForTheOivGivenAScoreAndAReason()
    {
        var (_, kpi, final) = Monitoring();

        var proposal = Propose(kpi, final, 87.5m);

        Assert.Equal(OverrideState.Proposed, proposal.State);
        Assert.Equal(87.5m, proposal.ProposedScore);
        Assert.Equal((ProposerId, ProposerName, ProposedAt), (proposal.ProposedById, proposal.ProposedByName, proposal.ProposedAt));
        Assert.Same(proposal, kpi.PendingOverrideFor(final));
        Assert.Null(kpi.OverrideFor(final));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.1)]
    [InlineData(87.55)]
    public void RefusesTheProposalGivenAScoreOutsideTheRuleBooksScale(double score)
    {
        var (_, kpi, final) = Monitoring();

        var error = Assert.Throws<DomainRuleException>(() => Propose(kpi, final, (decimal)score));

        Assert.StartsWith("Il punteggio forzato", error.Message);
        Assert.Empty(kpi.Overrides);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Esterna")]
    public void RefusesTheProposalGivenNoReasonOrAShortOne(string reason)
    {
        var (_, kpi, final) = Monitoring();

        var error = Assert.Throws<DomainRuleException>(() => kpi.ProposeOverride(final, 85m, reason, ProposerId, ProposerName, ProposedAt));

        Assert.StartsWith("Il motivo della forzatura", error.Message);
        Assert.Empty(kpi.Overrides);
    }

    [Fact]
    public void RefusesASecondProposalGivenOneStillPendingForTheSameKpiAndPeriod()
    {
        var (plan, kpi, final) = Monitoring();
        Propose(kpi, final);

        var error = Assert.Throws<DomainRuleException>(() => Propose(kpi, final, 90m));

        Assert.Contains("c'è già una forzatura in attesa della decisione dell'OIV", error.Message);
        Assert.Single(kpi.Overrides);
        Assert.NotNull(Propose(kpi, plan.Period("INT"), 90m));
    }

    [Fact]
    public void ReplacesTheScoreGivenTheOivApproves()
    {
        var (_, kpi, final) = Monitoring();
        var proposal = Propose(kpi, final);

        proposal.Approve(OivId, OivName, Note, DecidedAt);

        Assert.Equal(OverrideState.Approved, proposal.State);
        Assert.Equal((OivId, OivName, Note, (DateTimeOffset?)DecidedAt), (proposal.DecidedById, proposal.DecidedByName, proposal.DecisionNote, proposal.DecidedAt));
        Assert.Same(proposal, kpi.OverrideFor(final));
        Assert.Null(kpi.PendingOverrideFor(final));
    }

    [Fact]
    public void KeepsTheComputedScoreGivenTheOivRejects()
    {
        var (_, kpi, final) = Monitoring();
        var proposal = Propose(kpi, final);

        proposal.Reject(OivId, OivName, "Il ritardo dipende dalla Direzione stessa.", DecidedAt);

        Assert.Equal(OverrideState.Rejected, proposal.State);
        Assert.Null(kpi.OverrideFor(final));
    }

    [Fact]
    public void RefusesTheDecisionGivenNoNote()
    {
        var (_, kpi, final) = Monitoring();
        var proposal = Propose(kpi, final);

        var error = Assert.Throws<DomainRuleException>(() => proposal.Approve(OivId, OivName, " ", DecidedAt));

        Assert.StartsWith("La nota della decisione è obbligatoria", error.Message);
        Assert.Equal(OverrideState.Proposed, proposal.State);
    }

    [Fact]
    public void RefusesTheDecisionGivenTheProposerDecides()
    {
        var (_, kpi, final) = Monitoring();
        var proposal = Propose(kpi, final);

        var error = Assert.Throws<DomainRuleException>(() => proposal.Approve(ProposerId, ProposerName, Note, DecidedAt));

        Assert.Equal("Chi ha proposto la forzatura non può deciderla.", error.Message);
        Assert.Equal(OverrideState.Proposed, proposal.State);
    }

    [Fact]
    public void WithdrawsTheProposalGivenTheProposerBeforeTheDecision()
    {
        var (_, kpi, final) = Monitoring();
        var proposal = Propose(kpi, final);

        proposal.Withdraw(ProposerId, DecidedAt);

        Assert.Equal(OverrideState.Withdrawn, proposal.State);
        Assert.Null(kpi.PendingOverrideFor(final));
        Assert.NotNull(Propose(kpi, final, 90m));
    }

    [Fact]
    public void RefusesTheWithdrawalGivenSomeoneElseThanTheProposer()
    {
        var (_, kpi, final) = Monitoring();
        var proposal = Propose(kpi, final);

        var error = Assert.Throws<DomainRuleException>(() => proposal.Withdraw("u-altro", DecidedAt));

        Assert.Equal("Solo chi ha proposto la forzatura (Ufficio Pianificazione) può ritirarla.", error.Message);
        Assert.Equal(OverrideState.Proposed, proposal.State);
    }

    [Fact]
    public void RefusesTheWithdrawalGivenTheOivAlreadyDecided()
    {
        var (_, kpi, final) = Monitoring();
        var proposal = Propose(kpi, final);
        proposal.Approve(OivId, OivName, Note, DecidedAt);

        var error = Assert.Throws<DomainRuleException>(() => proposal.Withdraw(ProposerId, DecidedAt.AddHours(1)));

        Assert.Equal("La forzatura è già approvata: non si può più decidere né ritirare.", error.Message);
        Assert.Equal(OverrideState.Approved, proposal.State);
    }

    [Fact]
    public void SupersedesTheEarlierOverrideKeepingItGivenANewOverrideApproved()
    {
        var (_, kpi, final) = Monitoring();
        var first = Propose(kpi, final, 85m);
        first.Approve(OivId, OivName, Note, DecidedAt);
        var second = Propose(kpi, final, 60m);

        Assert.Same(first, kpi.OverrideFor(final));
        second.Approve(OivId, OivName, "Nuovi elementi: la causa esterna vale solo per metà anno.", DecidedAt.AddDays(3));

        Assert.Same(second, kpi.OverrideFor(final));
        Assert.Equal([OverrideState.Approved, OverrideState.Approved], kpi.Overrides.Select(o => o.State));
    }

    [Fact]
    public void BlocksTheApprovalGivenAPendingProposal()
    {
        var (plan, kpi, final) = Monitoring();
        Propose(kpi, final);

        var error = Assert.Throws<DomainRuleException>(() => plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today));

        Assert.Equal(
            [("SOL-01", "SOL-01.1", ApprovalBlockerKind.OverridePending, "forzatura in attesa della decisione dell'OIV")],
            plan.ApprovalBlockers().Select(b => (b.Objective.Code, b.Kpi.Code, b.Kind, b.KindText)));
        Assert.Contains("SOL-01 / SOL-01.1 (forzatura in attesa della decisione dell'OIV)", error.Message);
        Assert.EndsWith("Le forzature in attesa vanno decise dall'OIV o ritirate.", error.Message);
        Assert.Equal(PlanStatus.Monitoring, plan.Status);
    }

    [Fact]
    public void ApprovesThePlanGivenTheProposalDecided()
    {
        var (plan, kpi, final) = Monitoring();
        Propose(kpi, final).Approve(OivId, OivName, Note, DecidedAt);

        plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today);

        Assert.Equal(PlanStatus.Approved, plan.Status);
    }

    [Fact]
    public void RefusesEveryChangeGivenAnApprovedPlan()
    {
        var plan = PlanBuilder.Approved().Build();
        var kpi = plan.Kpi("SOL-01.1");

        var error = Assert.Throws<DomainRuleException>(() => Propose(kpi, plan.Period("FIN")));

        Assert.StartsWith("Il piano è approvato: i punteggi sono congelati", error.Message);
        Assert.Empty(kpi.Overrides);
    }

    [Fact]
    public void RefusesANewProposalGivenThePlanApprovedAfterAWithdrawal()
    {
        var (plan, kpi, final) = Monitoring();
        var proposal = Propose(kpi, plan.Period("INT"));
        proposal.Withdraw(ProposerId, DecidedAt);
        plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today);

        var error = Assert.Throws<DomainRuleException>(() => Propose(kpi, final));

        Assert.StartsWith("Il piano è approvato", error.Message);
    }

    [Fact]
    public void RefusesTheProposalGivenADraftPlan()
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(() => Propose(plan.Kpi("SOL-01.1"), plan.Period("FIN")));

        Assert.Equal("Il piano è in bozza: le forzature si propongono durante il monitoraggio.", error.Message);
    }
}
