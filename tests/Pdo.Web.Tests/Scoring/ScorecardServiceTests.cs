using Microsoft.Extensions.DependencyInjection;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Scoring;

/// <summary>
/// The objective page loads one objective's entities, not the plan's: its scores and roll-ups are still the whole plan's
/// (the snapshot's), its KPIs and results those of the objective.
/// </summary>
public sealed class ScorecardServiceTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePartialResults2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(2019, null)]
    [InlineData(2020, null)]
    [InlineData(2020, "INT")]
    [InlineData(2020, "FIN")]
    public async Task ReturnsTheWholePlansScoresGivenOneObjective(int year, string? period)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var scorecards = scope.ServiceProvider.GetRequiredService<ScorecardService>();
        var whole = (await scorecards.LoadAsync(year, period, CancellationToken.None))!;

        foreach (var expected in whole.Objectives)
        {
            var card = await scorecards.LoadObjectiveAsync(year, expected.Objective.Code, period, CancellationToken.None);

            Assert.NotNull(card);
            Assert.Equal(whole.Period?.Code, card.Period?.Code);
            Assert.Equal(whole.Overall, card.Overall);
            Assert.Equal(whole.Categories.Select(c => c.Attainment), card.Categories.Select(c => c.Attainment));
            var actual = Assert.Single(card.Objectives);
            Assert.Equal(Summary(expected), Summary(actual));
        }
    }

    [Fact]
    public async Task ReturnsThePlansDefaultPeriodGivenAnObjectiveWithoutResults()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var scorecards = scope.ServiceProvider.GetRequiredService<ScorecardService>();

        var card = await scorecards.LoadObjectiveAsync(2020, "SOL-01", null, CancellationToken.None);

        Assert.Equal("INT", card!.Period!.Code);
        Assert.Null(card.Objectives.Single().Attainment.Score);
    }

    [Theory]
    [InlineData(2020, "NESSUNO", null)]
    [InlineData(2020, "DIR-CASA-01", "XYZ")]
    [InlineData(1990, "DIR-CASA-01", null)]
    public async Task ReturnsNothingGivenAnUnknownPlanObjectiveOrPeriod(int year, string code, string? period)
    {
        await using var scope = factory.Services.CreateAsyncScope();

        Assert.Null(await scope.ServiceProvider.GetRequiredService<ScorecardService>().LoadObjectiveAsync(year, code, period, CancellationToken.None));
    }

    [Fact]
    public async Task FindsTheObjectiveGivenItsCodeInLowerCase()
    {
        await using var scope = factory.Services.CreateAsyncScope();

        var card = await scope.ServiceProvider.GetRequiredService<ScorecardService>().LoadObjectiveAsync(2020, "dir-casa-01", null, CancellationToken.None);

        Assert.Equal("DIR-CASA-01", card!.FindObjective("dir-casa-01")!.Objective.Code);
    }

    private static object Summary(ObjectiveScore score) => new
    {
        score.Objective.Code,
        score.Attainment.Score,
        score.Attainment.Status,
        score.Attainment.MeasuredKpis,
        score.Attainment.TotalKpis,
        Kpis = string.Join("; ", score.Kpis.Select(k => $"{k.Kpi.Code}={k.Attainment.Score}/{k.Attainment.Status}/{k.Result?.ActualText}")),
    };
}
