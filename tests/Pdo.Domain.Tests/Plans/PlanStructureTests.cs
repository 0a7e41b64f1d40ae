using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Plans;

/// <summary>The structure of a plan in Bozza: sections and areas (rename, move, remove), periods (add, change, remove, presets), title and methodology.</summary>
public class PlanStructureTests
{
    [Fact]
    public void RenamesASectionAndChangesTheVersionGivenADraftPlan()
    {
        var plan = PlanBuilder.Draft().Build();
        var version = plan.Version;

        plan.RenameCategory(plan.Category("SOL"), "  Obiettivi solidali 2020 ");

        Assert.Equal("Obiettivi solidali 2020", plan.Category("SOL").Name);
        Assert.NotEqual(version, plan.Version);
    }

    [Fact]
    public void RefusesAnEmptyAreaNameGivenADraftPlan()
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.RenameArea(plan.Area("SOLIDALE"), " "));

        Assert.Equal("Il nome dell'area strategica è obbligatorio.", error.Message);
        Assert.Equal("Milano più solidale", plan.Area("SOLIDALE").Name);
    }

    [Fact]
    public void RefusesEveryStructureChangeGivenAPlanInMonitoring()
    {
        var plan = PlanBuilder.InMonitoring().Build();
        const string Refused = "Il piano non è in bozza: struttura e target non sono modificabili.";

        Assert.Equal(Refused, Assert.Throws<DomainRuleException>(() => plan.RenameCategory(plan.Category("SOL"), "x")).Message);
        Assert.Equal(Refused, Assert.Throws<DomainRuleException>(() => plan.MoveArea(plan.Area("SOLIDALE"), 1)).Message);
        Assert.Equal(Refused, Assert.Throws<DomainRuleException>(() => plan.RemoveCategory(plan.Category("GES"))).Message);
        Assert.Equal(Refused, Assert.Throws<DomainRuleException>(() => plan.UpdatePeriod(plan.Period("INT"), "x", new DateOnly(2020, 7, 31), false)).Message);
        Assert.Equal(Refused, Assert.Throws<DomainRuleException>(() => plan.RemovePeriod(plan.Period("INT"))).Message);
        Assert.Equal(Refused, Assert.Throws<DomainRuleException>(() => plan.UsePeriodPreset(PeriodPreset.Quarterly)).Message);
        Assert.Equal(Refused, Assert.Throws<DomainRuleException>(() => plan.Rename("Altro titolo")).Message);
        Assert.Equal("Milano più solidale", plan.Area("SOLIDALE").Name);
    }

    [Fact]
    public void RefusesADuplicateSectionCodeGivenADifferentCase()
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.AddCategory("sol", "Altri solidali"));

        Assert.Equal("Esiste già una sezione con il codice «sol» in questo piano.", error.Message);
        Assert.Equal(2, plan.Categories.Count);
    }

    [Fact]
    public void MovesASectionUpAndKeepsTheOrderDenseGivenThreeSections()
    {
        var plan = PlanBuilder.Draft().Build();
        plan.AddCategory("FUN", "Indicatori di funzionamento");

        plan.MoveCategory(plan.Category("FUN"), -1);

        Assert.Equal(["SOL", "FUN", "GES"], plan.Categories.OrderBy(c => c.SortOrder).Select(c => c.Code));
        Assert.Equal([1, 2, 3], plan.Categories.Select(c => c.SortOrder).Order());
    }

    [Fact]
    public void LeavesTheFirstAreaInPlaceGivenAMoveUp()
    {
        var plan = PlanBuilder.Draft().Build();
        plan.AddArea("DIGITALE", "Milano più digitale");

        plan.MoveArea(plan.Area("SOLIDALE"), -1);

        Assert.Equal(["SOLIDALE", "DIGITALE"], plan.Areas.OrderBy(a => a.SortOrder).Select(a => a.Code));
    }

    [Fact]
    public void RefusesAMoveOfMoreThanOnePlace()
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.MoveCategory(plan.Category("SOL"), 2));

        Assert.Equal("Si può spostare di un posto alla volta, in su o in giù.", error.Message);
    }

    [Fact]
    public void RemovesAnUnusedSectionAndRenumbersTheOthersGivenADraftPlan()
    {
        var plan = PlanBuilder.Draft().Build();
        plan.AddCategory("FUN", "Indicatori di funzionamento");
        plan.MoveCategory(plan.Category("FUN"), -1);

        plan.RemoveCategory(plan.Category("FUN"));

        Assert.Equal([("SOL", 1), ("GES", 2)], plan.Categories.OrderBy(c => c.SortOrder).Select(c => (c.Code, c.SortOrder)));
    }

    [Fact]
    public void RefusesToRemoveAnAreaNamingHowManyObjectivesUseIt()
    {
        var plan = PlanBuilder.Draft().Build();
        plan.AddObjective("SOL-02", "Secondo obiettivo", plan.Category("SOL"), plan.Area("SOLIDALE"), null);

        var error = Assert.Throws<DomainRuleException>(() => plan.RemoveArea(plan.Area("SOLIDALE")));

        Assert.Equal(
            "L'area strategica «Milano più solidale» non può essere eliminata: la usano 2 obiettivi. Toglierla dagli obiettivi o eliminarli prima.",
            error.Message);
        Assert.Single(plan.Areas);
    }

    [Fact]
    public void RefusesToRemoveASectionUsedByOneObjective()
    {
        var plan = PlanBuilder.Draft().Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.RemoveCategory(plan.Category("GES")));

        Assert.Equal(
            "La sezione «Obiettivi Gestionali» non può essere eliminata: la usano un obiettivo. Spostarli in un'altra sezione o eliminarli prima.",
            error.Message);
    }

    [Fact]
    public void RefusesASectionOfAnotherPlan()
    {
        var plan = PlanBuilder.Draft().Build();
        var other = PlanBuilder.Draft().ForYear(2021).Build();

        var error = Assert.Throws<DomainRuleException>(() => plan.RemoveCategory(other.Category("SOL")));

        Assert.Equal("La sezione indicata non appartiene a questo piano.", error.Message);
    }

    [Fact]
    public void OrdersPeriodsByEndDateGivenAPeriodAddedBeforeTheInterimOne()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");

        plan.AddPeriod("T1", "1° trimestre", new DateOnly(2020, 3, 31), isFinal: false);

        Assert.Equal([("T1", 1), ("INT", 2), ("FIN", 3)], plan.Periods.OrderBy(p => p.SortOrder).Select(p => (p.Code, p.SortOrder)));
    }

    [Fact]
    public void RefusesAPeriodEndingBeforeTheStartOfThePlanYear()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");

        var error = Assert.Throws<DomainRuleException>(() => plan.AddPeriod("T0", "Preliminare", new DateOnly(2019, 12, 31), isFinal: false));

        Assert.Equal("La data di fine del periodo (31/12/2019) è prima dell'inizio dell'anno 2020: deve cadere nel 2020.", error.Message);
    }

    [Fact]
    public void RefusesTwoPeriodsWithTheSameEndDate()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");

        var error = Assert.Throws<DomainRuleException>(() => plan.AddPeriod("SEM", "Semestre", new DateOnly(2020, 6, 30), isFinal: false));

        Assert.Equal("Il periodo «Monitoraggio intermedio» finisce già il 30/06/2020: due periodi non possono avere la stessa data di fine.", error.Message);
        Assert.Equal(2, plan.Periods.Count);
    }

    [Fact]
    public void RefusesAPeriodEndingAfterTheFinalOne()
    {
        var plan = new PerformancePlan(2020, "Piano degli Obiettivi 2020");
        plan.AddPeriod("FIN", "Consuntivo", new DateOnly(2020, 11, 30), isFinal: true);

        var error = Assert.Throws<DomainRuleException>(() => plan.AddPeriod("DIC", "Dicembre", new DateOnly(2020, 12, 31), isFinal: false));

        Assert.Equal("Nessun periodo può finire dopo il periodo finale «Consuntivo» (30/11/2020).", error.Message);
    }

    [Fact]
    public void RefusesAFinalPeriodBeforeAnother()
    {
        var plan = new PerformancePlan(2020, "Piano degli Obiettivi 2020");
        plan.AddPeriod("SEM2", "Secondo semestre", new DateOnly(2020, 12, 31), isFinal: false);

        var error = Assert.Throws<DomainRuleException>(() => plan.AddPeriod("FIN", "Consuntivo", new DateOnly(2020, 11, 30), isFinal: true));

        Assert.Equal("Il periodo finale deve essere l'ultimo: «Secondo semestre» finisce dopo, il 31/12/2020.", error.Message);
    }

    [Fact]
    public void ChangesAPeriodAndReordersGivenANewEndDate()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");
        plan.AddPeriod("T3", "3° trimestre", new DateOnly(2020, 9, 30), isFinal: false);

        plan.UpdatePeriod(plan.Periods.Single(p => p.Code == "T3"), "1° trimestre", new DateOnly(2020, 3, 31), isFinal: false);

        var first = plan.Periods.OrderBy(p => p.SortOrder).First();
        Assert.Equal(("T3", "1° trimestre", new DateOnly(2020, 3, 31)), (first.Code, first.Name, first.EndDate));
    }

    [Fact]
    public void RefusesToMarkASecondPeriodFinalButAllowsMovingTheFlag()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");
        var interim = plan.Periods.Single(p => p.Code == "INT");
        var final = plan.Periods.Single(p => p.Code == "FIN");

        var error = Assert.Throws<DomainRuleException>(() => plan.UpdatePeriod(interim, interim.Name, interim.EndDate, isFinal: true));
        plan.UpdatePeriod(final, "Secondo semestre", final.EndDate, isFinal: false);
        plan.UpdatePeriod(plan.Periods.Single(p => p.Code == "FIN"), "Consuntivo", final.EndDate, isFinal: true);

        Assert.Equal("Il piano ha già un periodo finale (consuntivo).", error.Message);
        Assert.Equal("FIN", plan.FinalPeriod!.Code);
    }

    [Fact]
    public void RefusesAChangedEndDateAfterTheEndOfTheYear()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");
        var final = plan.Periods.Single(p => p.Code == "FIN");

        var error = Assert.Throws<DomainRuleException>(() => plan.UpdatePeriod(final, final.Name, new DateOnly(2021, 1, 15), isFinal: true));

        Assert.Equal("La data di fine del periodo (15/01/2021) è dopo la fine dell'anno 2020: deve cadere entro il 31/12/2020.", error.Message);
        Assert.Equal(new DateOnly(2020, 12, 31), final.EndDate);
    }

    [Fact]
    public void RemovesAPeriodAndKeepsTheOrderDenseGivenADraftPlan()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");
        plan.AddPeriod("T1", "1° trimestre", new DateOnly(2020, 3, 31), isFinal: false);

        plan.RemovePeriod(plan.Periods.Single(p => p.Code == "INT"));

        Assert.Equal([("T1", 1), ("FIN", 2)], plan.Periods.OrderBy(p => p.SortOrder).Select(p => (p.Code, p.SortOrder)));
    }

    [Fact]
    public void ReplacesThePeriodsWithFourQuarterlyOnesGivenTheQuarterlyPreset()
    {
        var plan = PlanBuilder.Draft().Build();
        var final = plan.Period("FIN");

        plan.UsePeriodPreset(PeriodPreset.Quarterly);

        Assert.Equal(
            [("T1", new DateOnly(2020, 3, 31), false), ("T2", new DateOnly(2020, 6, 30), false), ("T3", new DateOnly(2020, 9, 30), false), ("FIN", new DateOnly(2020, 12, 31), true)],
            plan.Periods.OrderBy(p => p.SortOrder).Select(p => (p.Code, p.EndDate, p.IsFinal)));
        Assert.Same(final, plan.Period("FIN"));
    }

    [Fact]
    public void ReplacesThePeriodsWithThreeGivenTheFourMonthlyPreset()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(2020, "Piano degli Obiettivi 2020");

        plan.UsePeriodPreset(PeriodPreset.FourMonthly);

        Assert.Equal(["Q1", "Q2", "FIN"], plan.Periods.OrderBy(p => p.SortOrder).Select(p => p.Code));
    }

    [Fact]
    public void RenamesThePlanAndSetsTheMethodologyGivenADraftPlan()
    {
        var plan = PlanBuilder.Draft().Build();

        plan.Rename("PDO 2020 aggiornato");
        plan.SetMethodology(LowerIsBetterFormula.Linear, 75m);

        Assert.Equal(("PDO 2020 aggiornato", LowerIsBetterFormula.Linear, 75m), (plan.Title, plan.LowerIsBetterFormula, plan.PartiallyAchievedFrom));
    }
}
