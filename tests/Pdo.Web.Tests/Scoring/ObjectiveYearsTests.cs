using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Objectives;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Scoring;

/// <summary>The objective page's year-over-year rows read each plan's snapshot: the same KPI code, each plan's default period.</summary>
public sealed class ObjectiveYearsTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePartialResults2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ShowsEveryHeldPlansScoreGivenAKpiInTwoPlans()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var snapshots = await scope.ServiceProvider.GetRequiredService<DashboardCache>().AllAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);

        var page = (await scope.ServiceProvider.GetRequiredService<ObjectiveService>().DetailsAsync(2020, "DIR-CASA-01", null, CancellationToken.None))!;

        // 2019 (approved, final period): 1003 against 900 scores 100; 2020 (its default period, the interim one):
        // the snapshot's score of the same KPI, whatever it is.
        var row = page.YearRows.Single(r => r.Code == "DIR-CASA-01.2");
        var s2020 = snapshots.Single(s => s.Year == 2020);
        var kpi2020 = s2020.Kpis.Single(k => k.Code == "DIR-CASA-01.2");
        Assert.Equal(
            [(2019, "900", "1003", "100,0 %"), (2020, "900", s2020.Result(s2020.DefaultPeriod!.Id, kpi2020.Id)?.ActualText ?? "—", Pdo.Domain.Values.ItalianValues.FormatScore(s2020.Attainment(s2020.DefaultPeriod.Id, kpi2020.Id).Score))],
            row.Years.Select(y => (y.Year, y.Target, y.Actual, y.Score.Display)));
        Assert.False(page.OtherYearsLoading);
    }
}
