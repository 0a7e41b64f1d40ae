using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Plans;

/// <summary>
/// The plan page reads the dashboards' snapshot instead of reloading every result: its numbers and explanations must
/// be exactly those of the plan's scorecard (the computation the consuntivo PDF and open data use).
/// </summary>
public sealed class PlanOverviewTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePartialResults2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(2019, null)]
    [InlineData(2020, null)]
    [InlineData(2020, "INT")]
    [InlineData(2020, "FIN")]
    public async Task ReturnsTheScorecardsRollUpsGivenAPlanAndPeriod(int year, string? period)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var card = (await scope.ServiceProvider.GetRequiredService<ScorecardService>().LoadAsync(year, period, CancellationToken.None))!;

        var overview = (await scope.ServiceProvider.GetRequiredService<PlanService>().OverviewAsync(year, period, CancellationToken.None))!;

        Assert.Equal(card.Period?.Code, overview.Header.PeriodCode);
        Assert.Equal(Json(PlanService.Header(card)), Json(overview.Header));
        Assert.Equal(Json(ScoreViewModel.From(card.Overall)), Json(overview.Overall));
        Assert.Equal(Json(Rows(card.Categories)), Json(Rows(overview.Categories)));
        Assert.Equal(Json(Rows(card.Areas)), Json(Rows(overview.Areas)));
        Assert.Equal(Json(Rows(card.Directorates)), Json(Rows(overview.Directorates)));
        Assert.Equal((card.Objectives.Count, card.AllKpis.Count()), (overview.ObjectiveCount, overview.KpiCount));
    }

    [Theory]
    [InlineData(2019, null)]
    [InlineData(2020, "INT")]
    public async Task ReturnsTheScorecardsObjectivesGivenEverySectionAreaAndDirezione(int year, string? period)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var card = (await scope.ServiceProvider.GetRequiredService<ScorecardService>().LoadAsync(year, period, CancellationToken.None))!;
        var plans = scope.ServiceProvider.GetRequiredService<PlanService>();
        var sections = card.Plan.Categories.ToDictionary(c => c.Id, c => c.Name);

        var pages = new List<(GroupScore Expected, GroupPageViewModel? Actual)>();
        foreach (var group in card.Categories)
        {
            pages.Add((group, await plans.CategoryAsync(year, group.Code, period, CancellationToken.None)));
        }

        foreach (var group in card.Areas)
        {
            pages.Add((group, await plans.AreaAsync(year, group.Code.ToLowerInvariant(), period, CancellationToken.None)));
        }

        foreach (var group in card.Directorates)
        {
            pages.Add((group, await plans.DirectorateAsync(year, group.Code, period, CancellationToken.None)));
        }

        Assert.Equal(4 + 4 + 4, pages.Count);
        Assert.All(pages, page =>
        {
            Assert.NotNull(page.Actual);
            Assert.Equal(Json(PlanService.Header(card)), Json(page.Actual.Header));
            Assert.Equal((page.Expected.Code, page.Expected.Name), (page.Actual.Code, page.Actual.Name));
            Assert.Equal(Json(ScoreViewModel.From(page.Expected.Attainment)), Json(page.Actual.Score));
            var expected = page.Expected.Objectives.Select(o => new ObjectiveRow(
                o.Objective.Code,
                o.Objective.Title,
                o.Objective.Directorate?.Name,
                sections[o.Objective.CategoryId],
                o.Kpis.Count,
                ScoreViewModel.From(o.Attainment),
                Pdo.Web.Features.Links.Objective(year, o.Objective.Code, card.Period?.Code)));
            Assert.Equal(Json(expected), Json(page.Actual.Objectives));
        });
    }

    [Fact]
    public async Task ShowsTheNewPlanAtOnceGivenAnEmptyDraftJustCreated()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await office.GetStringAsync("/piani/2020");

        var created = await PdoWebFactory.PostFormAsync(office, "/piani/nuovo", "/piani/nuovo", [new("Year", "2033"), new("Title", "Piano degli Obiettivi 2033")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var overview = await scope.ServiceProvider.GetRequiredService<PlanService>().OverviewAsync(2033, null, CancellationToken.None);

        Assert.NotNull(overview);
        Assert.Equal(("Bozza", 0, 0), (overview.Header.StatusLabel, overview.ObjectiveCount, overview.KpiCount));
        Assert.Null(overview.Overall.Value);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/piani/2033")).StatusCode);
    }

    [Fact]
    public async Task AnswersNotFoundGivenAnUnknownPeriod()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/piani/2020?periodo=XYZ")).StatusCode);
    }

    private static IEnumerable<object> Rows(IEnumerable<GroupScore> groups) =>
        groups.Select(g => new { g.Code, g.Name, Count = g.Objectives.Count, Score = ScoreViewModel.From(g.Attainment) });

    private static IEnumerable<object> Rows(IEnumerable<GroupRow> rows) =>
        rows.Select(r => new { r.Code, r.Name, Count = r.ObjectiveCount, r.Score });

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
