using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Plans;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Plans;

/// <summary>The plan page: a new plan shows at once, an unknown period is not found.</summary>
public sealed class PlanOverviewTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePartialResults2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

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
}
