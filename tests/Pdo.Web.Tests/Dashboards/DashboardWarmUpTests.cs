using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Dashboards;

/// <summary>
/// At start the portal prepares the dashboards' cold-request queries for a plan that does not exist, so that the first
/// dashboard after a restart does not pay for translating them (#18 item 3); no plan is loaded by it.
/// </summary>
public sealed class DashboardWarmUpTests
{
    [Fact]
    public async Task RunsTheColdQueriesForNoPlanGivenAStart()
    {
        await using var factory = new WarmUpFactory();
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        Assert.True(await factory.Services.GetRequiredService<DashboardWarmUp>().Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        // Of everything the start sent (migrations, seed), the warm-up's queries are those for a plan no row has:
        // the plan by year, then its objectives, KPIs, results and approved overrides by plan id.
        var warmUp = factory.Counter.Commands.Where(q => q.IntParameters.Contains(int.MinValue)).ToList();
        Assert.Equal(5, warmUp.Count);
        Assert.All(warmUp, q => Assert.Equal([int.MinValue], q.IntParameters));
        foreach (var table in new[] { "\"Plans\"", "\"Objectives\"", "\"Kpis\"", "\"KpiResults\"", "\"ScoreOverrides\"" })
        {
            Assert.Contains(warmUp, q => q.Text.Contains(table, StringComparison.Ordinal));
        }

        var (snapshots, loading) = await factory.WithDbAsync(db => factory.Services.GetRequiredService<DashboardCache>().LoadedAsync(db, CancellationToken.None));
        Assert.Empty(snapshots);
        Assert.Equal([2019], loading);

        var dashboard = await office.GetStringAsync("/piani/2019/cruscotto");
        Assert.Contains("Cruscotto del Piano", dashboard);
    }

    [Fact]
    public async Task SendsNoQueryGivenTheWarmUpOff()
    {
        await using var factory = new WarmUpFactory(enabled: false);
        await factory.CreateClientAsAsync(Roles.PlanningOffice);

        Assert.False(await factory.Services.GetRequiredService<DashboardWarmUp>().Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(factory.Counter.Commands, q => q.IntParameters.Contains(int.MinValue));
    }

    private sealed class WarmUpFactory(bool enabled = true) : PdoWebFactory
    {
        public QueryCounter Counter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Dashboards:WarmUpOnStart", enabled ? "true" : "false");
            builder.UseSetting("Dashboards:BackgroundLoadDelay", "01:00:00"); // what is loaded is what the test asked for
            builder.ConfigureTestServices(services => ConfigureDbContext(services, o => o.AddInterceptors(Counter)));
        }
    }
}
