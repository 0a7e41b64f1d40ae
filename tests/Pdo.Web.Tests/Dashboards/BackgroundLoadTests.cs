using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Dashboards;

/// <summary>
/// After a restart the first dashboard loads its own plan only; the other plans follow in the background, starting
/// <c>Dashboards:BackgroundLoadDelay</c> after that request, so they do not compete with it for the CPU (#18 item 3).
/// </summary>
public sealed class BackgroundLoadTests
{
    [Fact]
    public async Task LoadsTheOtherPlansOnlyAfterTheDelayGivenAFirstDashboard()
    {
        await using var factory = new DelayedLoadFactory(TimeSpan.FromHours(1));
        await factory.AddPlan2020Async();
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var first = await office.GetAsync("/piani/2019/cruscotto");
        first.EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var (snapshots, loading) = await factory.LoadedAsync();
        Assert.Equal([2019], snapshots.Select(s => s.Year));
        Assert.Equal([2020], loading);
        Assert.Contains("Gli altri anni sono in calcolo", await office.GetStringAsync("/piani/2019/cruscotto"));
    }

    [Fact]
    public async Task LoadsTheOtherPlansInTheBackgroundGivenNoDelay()
    {
        await using var factory = new DelayedLoadFactory(TimeSpan.Zero);
        await factory.AddPlan2020Async();
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var first = await office.GetAsync("/piani/2019/cruscotto");
        first.EnsureSuccessStatusCode();

        // Polls without asking for any plan itself (the plan list's own call would load nothing either).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await factory.LoadedAsync()).Snapshots.Complete)
        {
            Assert.True(DateTime.UtcNow < deadline, "The 2020 plan was not loaded in the background within 30 s.");
            await Task.Delay(50);
        }

        Assert.Equal([2019, 2020], (await factory.LoadedAsync()).Snapshots.Select(s => s.Year));
    }

    private sealed class DelayedLoadFactory(TimeSpan delay) : PdoWebFactory
    {
        public async Task AddPlan2020Async()
        {
            await using var scope = Services.CreateAsyncScope();
            using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(SeedPlanJson.AsYear(2020, "Monitoring", openPeriod: "INT").ToJsonString()));
            Assert.Equal(PlanImportOutcome.Imported, (await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync(json, "test")).Outcome);

            // As after a restart: nothing loaded yet.
            Services.GetRequiredService<DashboardCache>().Clear();
        }

        public Task<(PlanSnapshots Snapshots, IReadOnlyList<int> Loading)> LoadedAsync() =>
            WithDbAsync(db => Services.GetRequiredService<DashboardCache>().LoadedAsync(db, CancellationToken.None));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Dashboards:BackgroundLoadDelay", delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
