using Pdo.Domain.Oversight;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Oversight;

/// <summary>An OIV observation: only the OIV opens, closes and reopens it; the planning office and the owning Direttore answer.</summary>
public class ObservationTests
{
    private static readonly OversightActor Oiv = OversightActor.Evaluator("oiv@comune.it", "Olga Ivaldi");
    private static readonly OversightActor Office = new(OversightRole.PlanningOffice, PlanBuilder.PlanningOffice, "Paola Uffici", []);

    // The in-memory Direzione of the builder has id 0.
    private static readonly OversightActor OwnDirector = new(OversightRole.DirectorateManager, PlanBuilder.Director, "Dario Casa", [0]);
    private static readonly OversightActor OtherDirector = new(OversightRole.DirectorateManager, "altro@comune.it", "Altro Direttore", [7]);

    private static Observation OpenOn(string objective = "SOL-01", string? kpi = null)
    {
        var plan = PlanBuilder.Approved().Build();
        return new Observation(plan.Objective(objective), kpi is null ? null : plan.Kpi(kpi), "Manca la fonte del dato.", Oiv, PlanBuilder.At);
    }

    [Fact]
    public void OpensTheObservationGivenTheOivAndAKpiOfTheObjective()
    {
        var observation = OpenOn(kpi: "SOL-01.1");

        Assert.Equal(ObservationStatus.Open, observation.Status);
        Assert.Equal("SOL-01.1", observation.Kpi!.Code);
        Assert.Equal("Olga Ivaldi", observation.OpenedByName);
    }

    [Fact]
    public void RefusesTheObservationGivenAnotherRole()
    {
        var plan = PlanBuilder.Approved().Build();

        var error = Assert.Throws<DomainRuleException>(() => new Observation(plan.Objective("SOL-01"), null, "Testo.", Office, PlanBuilder.At));

        Assert.Equal("Solo l'OIV può formulare un'osservazione.", error.Message);
    }

    [Fact]
    public void RefusesTheObservationGivenAKpiOfAnotherObjective()
    {
        var plan = PlanBuilder.Approved().Build();

        var error = Assert.Throws<DomainRuleException>(() => new Observation(plan.Objective("SOL-01"), plan.Kpi("GES-01.1"), "Testo.", Oiv, PlanBuilder.At));

        Assert.Equal("Il KPI indicato non appartiene all'obiettivo.", error.Message);
    }

    [Fact]
    public void RefusesTheObservationGivenAPlanInBozza()
    {
        var plan = PlanBuilder.Draft().Build();

        Assert.Throws<DomainRuleException>(() => new Observation(plan.Objective("SOL-01"), null, "Testo.", Oiv, PlanBuilder.At));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void RefusesTheObservationGivenNoText(string text)
    {
        var plan = PlanBuilder.Approved().Build();

        var error = Assert.Throws<DomainRuleException>(() => new Observation(plan.Objective("SOL-01"), null, text, Oiv, PlanBuilder.At));

        Assert.Equal("Il testo dell'osservazione è obbligatorio.", error.Message);
    }

    [Fact]
    public void RefusesTheObservationGivenATextOverTheLimit()
    {
        var plan = PlanBuilder.Approved().Build();

        var error = Assert.Throws<DomainRuleException>(() => new Observation(plan.Objective("SOL-01"), null, new string('a', Observation.TextMaxLength + 1), Oiv, PlanBuilder.At));

        Assert.Contains("supera la lunghezza massima di 4.000 caratteri", error.Message);
    }

    [Fact]
    public void SetsConRispostaGivenAnAnswerOfThePlanningOfficeAndOfTheOwningDirector()
    {
        var observation = OpenOn();
        var version = observation.Version;

        observation.Answer("La fonte è SAP.", Office, PlanBuilder.At.AddHours(1));
        observation.Answer("Confermo.", OwnDirector, PlanBuilder.At.AddHours(2));

        Assert.Equal(ObservationStatus.Answered, observation.Status);
        Assert.Equal(["Paola Uffici", "Dario Casa"], observation.Messages.Select(m => m.AuthorName));
        Assert.Equal(OversightRole.DirectorateManager, observation.Messages[1].AuthorRole);
        Assert.NotEqual(version, observation.Version);
    }

    [Fact]
    public void RefusesTheAnswerGivenADirectorOfAnotherDirezione()
    {
        var observation = OpenOn();

        Assert.Throws<DomainRuleException>(() => observation.Answer("Risposta.", OtherDirector, PlanBuilder.At));
        Assert.Empty(observation.Messages);
        Assert.Equal(ObservationStatus.Open, observation.Status);
    }

    [Fact]
    public void RefusesTheAnswerGivenADirectorOnAnObjectiveOfTheEnte()
    {
        var observation = OpenOn("GES-01");

        Assert.Throws<DomainRuleException>(() => observation.Answer("Risposta.", OwnDirector, PlanBuilder.At));
    }

    [Fact]
    public void RefusesTheAnswerGivenTheOiv()
    {
        var observation = OpenOn();

        var error = Assert.Throws<DomainRuleException>(() => observation.Answer("Risposta.", Oiv, PlanBuilder.At));

        Assert.Equal("L'OIV non risponde alle proprie osservazioni: le chiude o le riapre.", error.Message);
    }

    [Fact]
    public void RefusesTheAnswerGivenAClosedObservation()
    {
        var observation = OpenOn();
        observation.Close(Oiv, PlanBuilder.At);

        var error = Assert.Throws<DomainRuleException>(() => observation.Answer("Risposta.", Office, PlanBuilder.At));

        Assert.Equal("L'osservazione è chiusa: non si possono aggiungere risposte.", error.Message);
        Assert.Empty(observation.Messages);
    }

    [Fact]
    public void ReturnsToConRispostaGivenAnAnsweredObservationClosedAndReopened()
    {
        var observation = OpenOn();
        observation.Answer("Risposta.", Office, PlanBuilder.At);

        observation.Close(Oiv, PlanBuilder.At.AddDays(1));
        Assert.Equal(ObservationStatus.Closed, observation.Status);
        Assert.Equal("Olga Ivaldi", observation.ClosedByName);

        observation.Reopen(Oiv);
        Assert.Equal(ObservationStatus.Answered, observation.Status);
        Assert.Null(observation.ClosedAt);
    }

    [Fact]
    public void RefusesClosingGivenThePlanningOffice()
    {
        var observation = OpenOn();

        var error = Assert.Throws<DomainRuleException>(() => observation.Close(Office, PlanBuilder.At));

        Assert.Equal("Solo l'OIV può chiudere un'osservazione.", error.Message);
        Assert.Equal(ObservationStatus.Open, observation.Status);
    }

    [Fact]
    public void RefusesReopeningGivenAnObservationNotClosed()
    {
        var observation = OpenOn();

        Assert.Throws<DomainRuleException>(() => observation.Reopen(Oiv));
    }
}
