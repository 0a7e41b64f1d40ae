using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.PlanImport;

namespace Pdo.Web.Tests.Support;

/// <summary>The portal with, besides the approved 2019 plan, a 2020 plan in monitoring (same structure, no results, interim period open).</summary>
public sealed class MonitoringPlanFactory : PdoWebFactory
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _imported;

    public async Task EnsurePlan2020Async()
    {
        await _once.WaitAsync();
        try
        {
            if (_imported)
            {
                return;
            }

            var tree = SeedPlanJson.AsYear(2020, "Monitoring", openPeriod: "INT");
            await using var scope = Services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
            using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(tree.ToJsonString()));
            var result = await importer.ImportAsync(json, "test");
            Assert.True(result.Outcome == PlanImportOutcome.Imported, result.Summary);
            _imported = true;
        }
        finally
        {
            _once.Release();
        }
    }
}
