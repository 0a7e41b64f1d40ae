using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Tests.Dashboards;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.OpenData;

/// <summary>
/// The open-data files of an approved plan are built from its snapshot and kept with it: the first request loads the
/// plan's snapshot and the KPIs' display fields (that plan only), the next ones send no query, a change to another plan
/// costs the stamp check and its audit rows only.
/// </summary>
public sealed class OpenDataQueryCountTests(DashboardQueryCountTests.CountingFactory factory) : IClassFixture<DashboardQueryCountTests.CountingFactory>
{
    [Fact]
    public async Task SendsNoQueryGivenTheSameFileAskedAgain()
    {
        var client = factory.CreateClient();
        factory.Services.GetRequiredService<DashboardCache>().Clear();
        var plan2019 = await factory.WithDbAsync(db => db.Plans.Where(p => p.Year == 2019).Select(p => p.Id).SingleAsync());

        factory.Counter.Reset();
        var first = await client.GetByteArrayAsync("/opendata/pdo-2019.csv");
        var cold = factory.Counter.Commands;
        factory.Counter.Reset();
        var second = await client.GetByteArrayAsync("/opendata/pdo-2019.csv");
        var warm = factory.Counter.Count;
        factory.Counter.Reset();
        var json = await client.GetAsync("/opendata/pdo-2019.json");
        var jsonQueries = factory.Counter.Commands;

        // The stamp, the plan years, the 2019 snapshot (plan with periods, sections, areas, validations; objectives, KPIs,
        // results, approved overrides, Direzioni), then the KPIs' group and «non rilevabile» reason: one query.
        Assert.Equal(2 + 10 + 1, cold.Count);
        Assert.All(cold.Where(q => q.Text.Contains("\"Kpis\"", StringComparison.Ordinal)), q => Assert.Equal([plan2019], q.IntParameters));
        Assert.Equal(first, second);
        Assert.Equal(0, warm);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Single(jsonQueries); // the JSON file is built from the same snapshot: the display fields only
    }

    [Fact]
    public async Task KeepsTheFileGivenAChangeToAnotherPlan()
    {
        await factory.EnsurePlansAsync();
        var client = factory.CreateClient();
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var before = await client.GetByteArrayAsync("/opendata/pdo-2019-excel.csv");

        await ResultForm.SaveAsync(factory, office, 2020, "DIR-SOC-01", "INT", ("SI", null));
        factory.Counter.Reset();
        var after = await client.GetByteArrayAsync("/opendata/pdo-2019-excel.csv");

        // The stamp and the new audit rows: nothing of 2019 is read again.
        Assert.Equal(2, factory.Counter.Count);
        Assert.Equal(before, after);
    }
}
