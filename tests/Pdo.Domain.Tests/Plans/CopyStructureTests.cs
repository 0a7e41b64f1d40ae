using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Plans;

/// <summary>PerformancePlan.CopyStructure: next year's plan in Bozza with this year's structure, with or without targets.</summary>
public class CopyStructureTests
{
    private readonly PerformancePlan _source = PlanBuilder.InMonitoring()
        .WithInterimResults()
        .WithMethodology(LowerIsBetterFormula.Linear, 75m)
        .Build();

    [Fact]
    public void CreatesADraftOfTheNewYearWithItsOwnTitle()
    {
        var copy = Copy();

        Assert.Equal(2021, copy.Year);
        Assert.Equal("Piano degli Obiettivi 2021", copy.Title);
        Assert.Equal(PlanStatus.Draft, copy.Status);
        Assert.Null(copy.ApprovalAct);
        Assert.True(copy.IsStructureEditable);
    }

    [Fact]
    public void CopiesThePeriodsMovedToTheNewYear()
    {
        var copy = Copy();

        Assert.Equal(
            [("INT", "Monitoraggio intermedio", new DateOnly(2021, 6, 30), false), ("FIN", "Consuntivo", new DateOnly(2021, 12, 31), true)],
            copy.Periods.Select(p => (p.Code, p.Name, p.EndDate, p.IsFinal)));
        Assert.All(copy.Periods, p => Assert.False(p.IsOpen));
        Assert.All(copy.Periods, p => Assert.Same(copy, p.Plan));
    }

    [Fact]
    public void MovesTheTwentyNinthOfFebruaryToTheLastDayOfFebruaryGivenANonLeapYear()
    {
        var source = new PerformancePlan(2020, "Piano degli Obiettivi 2020");
        source.AddPeriod("FEB", "Monitoraggio di febbraio", new DateOnly(2020, 2, 29), isFinal: false);
        source.AddPeriod("FIN", "Consuntivo", new DateOnly(2020, 12, 31), isFinal: true);

        var copy = PerformancePlan.CopyStructure(source, 2021, "Piano degli Obiettivi 2021", copyTargets: true);

        Assert.Equal(new DateOnly(2021, 2, 28), copy.Period("FEB").EndDate);
    }

    [Fact]
    public void CopiesTheSectionsAndAreasInOrder()
    {
        var copy = Copy();

        Assert.Equal([("SOL", "Obiettivi Solidali"), ("GES", "Obiettivi Gestionali")], copy.Categories.Select(c => (c.Code, c.Name)));
        Assert.Equal([("SOLIDALE", "Milano più solidale")], copy.Areas.Select(a => (a.Code, a.Name)));
        Assert.All(copy.Categories, c => Assert.Same(copy, c.Plan));
        Assert.All(copy.Areas, a => Assert.Same(copy, a.Plan));
    }

    [Fact]
    public void CopiesTheMethodology()
    {
        var copy = Copy();

        Assert.Equal(LowerIsBetterFormula.Linear, copy.LowerIsBetterFormula);
        Assert.Equal(75m, copy.PartiallyAchievedFrom);
    }

    [Fact]
    public void CopiesTheFourEyesReviewSettingGivenASourceWithoutIt()
    {
        var source = PlanBuilder.Approved().WithoutFourEyesReview().Build();

        var copy = PerformancePlan.CopyStructure(source, 2021, "Piano degli Obiettivi 2021", copyTargets: true);

        Assert.False(copy.RequireFourEyesReview);
        Assert.True(PerformancePlan.CopyStructure(PlanBuilder.Approved().Build(), 2021, "Piano 2021", copyTargets: true).RequireFourEyesReview);
    }

    [Fact]
    public void CopiesTheObjectivesWithCodesSectionsAreasDirezioniAndWeights()
    {
        var copy = Copy();

        Assert.Equal(["SOL-01", "GES-01"], copy.Objectives.Select(o => o.Code));
        var quartieri = copy.Objective("SOL-01");
        Assert.Equal("Piano Quartieri", quartieri.Title);
        Assert.Same(copy.Category("SOL"), quartieri.Category);
        Assert.Same(copy.Area("SOLIDALE"), quartieri.Area);
        Assert.Same(_source.Objective("SOL-01").Directorate, quartieri.Directorate);
        Assert.Equal(2m, quartieri.Weight);
        Assert.Same(copy, quartieri.Plan);

        var crm = copy.Objective("GES-01");
        Assert.Same(copy.Category("GES"), crm.Category);
        Assert.Null(crm.Area);
        Assert.Null(crm.Directorate);
        Assert.Equal(1m, crm.Weight);
    }

    [Fact]
    public void CopiesTheKpisWithTheirTargetsGivenCopyTargets()
    {
        var copy = Copy(copyTargets: true);

        Assert.Equal(["SOL-01.1", "SOL-01.2"], copy.Objective("SOL-01").Kpis.Select(k => k.Code));
        Assert.Equal(["GES-01.1"], copy.Objective("GES-01").Kpis.Select(k => k.Code));
        foreach (var code in new[] { "SOL-01.1", "SOL-01.2" })
        {
            AssertSameDefinition(_source.Kpi(code).Definition, copy.Kpi(code).Definition);
            Assert.True(copy.Kpi(code).HasTarget);
        }
    }

    [Fact]
    public void MovesADeadlineByTheYearsBetweenThePlansGivenCopyTargets()
    {
        var source = _source.Kpi("GES-01.1");

        var copied = Copy(copyTargets: true).Kpi("GES-01.1");

        Assert.Equal(source.Deadline!.Value.AddYears(1), copied.Deadline);
        Assert.Equal(source.Definition with { Deadline = copied.Deadline, TargetText = copied.TargetText }, copied.Definition with { Bands = source.Definition.Bands });
        Assert.Contains(copied.Deadline!.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), copied.TargetText);
    }

    [Fact]
    public void CopiesBandsBaselineGroupAndWeightOfAKpi()
    {
        var source = PlanBuilder.Draft().Build();
        var bands = new List<ScoreBand> { new(100m, 100m), new(90m, 80m), new(75m, 50m) };
        source.Kpi("SOL-01.1").Update(KpiDefinitionBuilder.PercentAtLeast("SOL-01.1", 70m) with
        {
            Group = "Area più pulita",
            Baseline = 40m,
            Weight = 3m,
            Method = ScoringMethod.Bands,
            Bands = bands,
        });

        var copy = PerformancePlan.CopyStructure(source, 2021, "Piano degli Obiettivi 2021", copyTargets: true);

        var kpi = copy.Kpi("SOL-01.1");
        Assert.Equal(("Area più pulita", 40m, 3m, ScoringMethod.Bands), (kpi.Group, kpi.Baseline, kpi.Weight, kpi.Method));
        Assert.Equal(bands, kpi.Bands);
    }

    [Fact]
    public void LeavesTheTargetsBlankAndKeepsTheRestGivenNoTargets()
    {
        var copy = Copy(copyTargets: false);

        foreach (var code in new[] { "SOL-01.1", "SOL-01.2", "GES-01.1" })
        {
            var kpi = copy.Kpi(code);
            Assert.False(kpi.HasTarget);
            Assert.Equal(string.Empty, kpi.TargetText);
            Assert.Null(kpi.TargetValue);
            Assert.Null(kpi.Deadline);
            AssertSameDefinition(
                _source.Kpi(code).Definition with { TargetText = string.Empty, TargetValue = null, Deadline = null },
                kpi.Definition);
        }
    }

    [Fact]
    public void CopiesNeitherNarrativesNorResults()
    {
        var copy = Copy();

        Assert.NotNull(_source.Objective("SOL-01").Narrative);
        Assert.All(copy.Objectives, o => Assert.Null(o.Narrative));
        Assert.NotEmpty(_source.Kpi("SOL-01.1").Results);
        Assert.All(copy.Objectives.SelectMany(o => o.Kpis), k => Assert.Empty(k.Results));
    }

    [Fact]
    public void CopiesTheNarrativesAndThePlanTextsGivenCopyTexts()
    {
        _source.WriteTexts("Introduzione del 2020.", "Nota conclusiva del 2020.", "Contesto del 2020.");

        var copy = PerformancePlan.CopyStructure(_source, 2021, "Piano degli Obiettivi 2021", copyTargets: true, copyTexts: true);

        Assert.Equal(_source.Objective("SOL-01").Narrative, copy.Objective("SOL-01").Narrative);
        Assert.Equal("Introduzione del 2020.", copy.Introduction);
        Assert.Equal("Nota conclusiva del 2020.", copy.ClosingNote);
        Assert.Equal("Contesto del 2020.", copy.Context);
        Assert.All(copy.Objectives.SelectMany(o => o.Kpis), k => Assert.Empty(k.Results));
    }

    [Fact]
    public void KeepsTheDataSourceNote()
    {
        var copy = Copy();

        Assert.Equal("Fonte: Direzione Casa", copy.Objective("SOL-01").DataSourceNote);
        Assert.Null(copy.Objective("GES-01").DataSourceNote);
    }

    [Fact]
    public void LeavesTheSourceUntouched()
    {
        var version = _source.Version;

        var copy = Copy();
        copy.Kpi("SOL-01.1").Update(KpiDefinitionBuilder.PercentAtLeast("SOL-01.1", 99m));
        copy.RemoveObjective(copy.Objective("GES-01"));

        Assert.Equal(version, _source.Version);
        Assert.Equal(70m, _source.Kpi("SOL-01.1").TargetValue);
        Assert.Equal(2, _source.Objectives.Count);
    }

    [Fact]
    public void CopiesAnApprovedPlanIntoADraftThatCanStartMonitoring()
    {
        var source = PlanBuilder.Approved().Build();

        var copy = PerformancePlan.CopyStructure(source, 2021, "Piano degli Obiettivi 2021", copyTargets: true);
        copy.StartMonitoring();

        Assert.Equal(PlanStatus.Monitoring, copy.Status);
        Assert.Equal(PlanStatus.Approved, source.Status);
    }

    [Theory]
    [InlineData(2020)]
    [InlineData(2019)]
    public void RefusesAYearNotAfterTheSource(int year)
    {
        var error = Assert.Throws<DomainRuleException>(() =>
            PerformancePlan.CopyStructure(_source, year, $"Piano degli Obiettivi {year}", copyTargets: true));

        Assert.Equal("Il nuovo piano deve essere di un anno successivo al 2020.", error.Message);
    }

    private PerformancePlan Copy(bool copyTargets = true) =>
        PerformancePlan.CopyStructure(_source, 2021, "Piano degli Obiettivi 2021", copyTargets);

    private static void AssertSameDefinition(KpiDefinition expected, KpiDefinition actual)
    {
        Assert.Equal(expected with { Bands = null }, actual with { Bands = null });
        Assert.Equal(expected.Bands ?? [], actual.Bands ?? []);
    }
}
