using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Plans;

/// <summary>The narratives (objective description and data-source note, plan introduction and closing note) are written until approval.</summary>
public class NarrativeTests
{
    private const string Approved = "Il piano è approvato: descrizioni e testi del piano non sono più modificabili.";

    [Fact]
    public void WritesTheNarrativeAndMovesTheVersionGivenAPlanInMonitoring()
    {
        var plan = PlanBuilder.InMonitoring().Build();
        var objective = plan.Objective("SOL-01");
        var version = objective.Version;

        objective.Describe("Risultati dell'anno:\n- cantieri avviati", "Fonte: Direzione Casa, SAP");

        Assert.Equal("Risultati dell'anno:\n- cantieri avviati", objective.Narrative);
        Assert.Equal("Fonte: Direzione Casa, SAP", objective.DataSourceNote);
        Assert.NotEqual(version, objective.Version);
    }

    [Fact]
    public void KeepsTheVersionGivenTheSameTextsAgain()
    {
        var objective = PlanBuilder.InMonitoring().Build().Objective("SOL-01");
        objective.Describe("Testo.", null);
        var version = objective.Version;

        objective.Describe("Testo.\r\n", "  ");

        Assert.Equal(version, objective.Version);
    }

    [Fact]
    public void RefusesTheNarrativeWithItalianMessageGivenAnApprovedPlan()
    {
        var objective = PlanBuilder.Approved().Build().Objective("SOL-01");
        var before = (objective.Narrative, objective.DataSourceNote, objective.Version);

        var error = Assert.Throws<DomainRuleException>(() => objective.Describe("Altro testo.", null));

        Assert.Equal(Approved, error.Message);
        Assert.Equal(before, (objective.Narrative, objective.DataSourceNote, objective.Version));
    }

    [Theory]
    [InlineData("Draft")]
    [InlineData("Monitoring")]
    public void WritesThePlanTextsGivenAPlanNotYetApproved(string state)
    {
        var plan = (state == "Draft" ? PlanBuilder.Draft() : PlanBuilder.InMonitoring()).Build();
        var version = plan.Version;

        plan.WriteTexts("Introduzione.\n\n1. primo", "Nota conclusiva.", null);

        Assert.Equal("Introduzione.\n\n1. primo", plan.Introduction);
        Assert.Equal("Nota conclusiva.", plan.ClosingNote);
        Assert.NotEqual(version, plan.Version);
    }

    [Fact]
    public void RefusesThePlanTextsWithItalianMessageGivenAnApprovedPlan()
    {
        var plan = PlanBuilder.Approved().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.WriteTexts("Introduzione.", null, null));

        Assert.Equal(Approved, error.Message);
        Assert.Null(plan.Introduction);
    }

    [Fact]
    public void WritesThePlanTextsGivenAPlanReopenedAfterApproval()
    {
        var plan = PlanBuilder.Approved().Build();
        plan.Reopen("Correzione del consuntivo richiesta dalla Giunta.");

        plan.WriteTexts(null, "Nota dopo la riapertura.", null);

        Assert.Equal("Nota dopo la riapertura.", plan.ClosingNote);
    }
}
