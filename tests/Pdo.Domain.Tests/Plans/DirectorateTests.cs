using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Plans;

/// <summary>A Direzione's active interval: its rules, the years it covers, and which plans may assign it.</summary>
public class DirectorateTests
{
    private static readonly DateOnly From2015 = new(2015, 1, 1);

    [Fact]
    public void RefusesTheIntervalGivenAnEndBeforeTheStart()
    {
        var ex = Assert.Throws<DomainRuleException>(() => new DirectorateBuilder().ActiveBetween(new(2020, 3, 1), new(2020, 2, 28)).Build());

        Assert.Equal("La data «attiva fino al» non può precedere la data «attiva dal».", ex.Message);
    }

    [Fact]
    public void RefusesTheNewIntervalAndKeepsTheOldGivenAnEndBeforeTheStart()
    {
        var directorate = new DirectorateBuilder().ActiveBetween(From2015, null).Build();

        Assert.Throws<DomainRuleException>(() => directorate.SetActivity(new(2020, 1, 1), new(2019, 12, 31)));

        Assert.Equal(From2015, directorate.ActiveFrom);
        Assert.Null(directorate.ActiveTo);
    }

    [Fact]
    public void AcceptsASingleDayIntervalGivenTheSameStartAndEnd()
    {
        var directorate = new DirectorateBuilder().ActiveBetween(new(2020, 6, 30), new(2020, 6, 30)).Build();

        Assert.True(directorate.IsActiveOn(new(2020, 6, 30)));
        Assert.False(directorate.IsActiveOn(new(2020, 7, 1)));
    }

    [Theory]
    [InlineData(2014, false)]
    [InlineData(2015, true)]
    [InlineData(2019, true)]
    [InlineData(2020, true)]
    [InlineData(2021, false)]
    public void IsActiveInTheYearsItsIntervalOverlapsGivenAClosedDirezione(int year, bool expected)
    {
        var directorate = new DirectorateBuilder().ActiveBetween(new(2015, 7, 1), new(2020, 3, 31)).Build();

        Assert.Equal(expected, directorate.IsActiveIn(year));
    }

    [Fact]
    public void IsActiveInEveryLaterYearGivenNoEnd()
    {
        var directorate = new DirectorateBuilder().ActiveBetween(From2015, null).Build();

        Assert.True(directorate.IsActiveIn(2099));
        Assert.False(directorate.IsActiveIn(2014));
    }

    [Fact]
    public void RefusesANewObjectiveGivenADirezioneClosedBeforeThePlanYear()
    {
        var plan = PlanBuilder.Draft().ForYear(2021).Build();
        var closed = new DirectorateBuilder().WithCode("VERDE", "Direzione Verde").ActiveBetween(From2015, new(2020, 12, 31)).Build();

        var ex = Assert.Throws<DomainRuleException>(() => plan.AddObjective("SOL-09", "Nuovo", plan.Categories[0], null, closed));

        Assert.Equal("La Direzione «Direzione Verde» (VERDE) non è attiva nel 2021: scegliere una Direzione attiva nell'anno del piano.", ex.Message);
    }

    [Fact]
    public void KeepsTheAssignedDirezioneOnUpdateGivenItClosedMeanwhile()
    {
        var plan = PlanBuilder.Draft().ForYear(2021).Build();
        var objective = plan.Objectives.First(o => o.Directorate is not null);
        var assigned = objective.Directorate!;
        assigned.SetActivity(assigned.ActiveFrom, new(2020, 12, 31));

        objective.Update("Titolo nuovo", objective.Category!, objective.Area, assigned, objective.Weight);

        Assert.Same(assigned, objective.Directorate);
        Assert.Equal("Titolo nuovo", objective.Title);
    }

    [Fact]
    public void RefusesAnotherDirezioneOnUpdateGivenItIsNotActiveInThePlanYear()
    {
        var plan = PlanBuilder.Draft().ForYear(2021).Build();
        var objective = plan.Objectives.First(o => o.Directorate is not null);
        var future = new DirectorateBuilder().WithCode("NUOVA", "Direzione Nuova").ActiveBetween(new(2022, 1, 1), null).Build();

        Assert.Throws<DomainRuleException>(() => objective.Update(objective.Title, objective.Category!, objective.Area, future, objective.Weight));

        Assert.Equal("CASA", objective.Directorate!.Code);
    }

    [Fact]
    public void LeavesTheObjectiveWithoutDirezioneInTheCopyGivenItsDirezioneClosedBeforeTheNewYear()
    {
        var source = PlanBuilder.Draft().ForYear(2020).Build();
        var objective = source.Objectives.First(o => o.Directorate is not null);
        objective.Directorate!.SetActivity(objective.Directorate.ActiveFrom, new(2020, 12, 31));

        var copy = PerformancePlan.CopyStructure(source, 2021, "Piano 2021", copyTargets: true);

        Assert.Null(copy.Objectives.Single(o => o.Code == objective.Code).Directorate);
    }
}
