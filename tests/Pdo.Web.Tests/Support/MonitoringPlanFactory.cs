namespace Pdo.Web.Tests.Support;

/// <summary>The portal with, besides the approved 2019 plan, a 2020 plan in monitoring (same structure, no results, interim period open).</summary>
public sealed class MonitoringPlanFactory : PdoWebFactory
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _imported;
    private bool _partial;

    /// <summary>
    /// The 2020 plan with interim results of two objectives below 100 (Casa: 100, 80, 100; Cultura: 100, 100, 75),
    /// entered through the result form once; the other objectives have none.
    /// </summary>
    public async Task EnsurePartialResults2020Async()
    {
        await EnsurePlan2020Async();
        await _once.WaitAsync();
        try
        {
            if (_partial)
            {
                return;
            }

            var office = await CreateClientAsAsync(Pdo.Infrastructure.Identity.Roles.PlanningOffice);
            await ResultForm.SaveAsync(this, office, 2020, "DIR-CASA-01", "INT", ("100%", null), ("720", "Cantieri in ritardo."), ("2.646", null));
            await ResultForm.SaveAsync(this, office, 2020, "DIR-CULT-01", "INT", ("100%", null), ("3", null), ("6", "Mostre rinviate."));
            _partial = true;
        }
        finally
        {
            _once.Release();
        }
    }

    public async Task EnsurePlan2020Async()
    {
        await _once.WaitAsync();
        try
        {
            if (_imported)
            {
                return;
            }

            await ImportPlanAsync(SeedPlanJson.AsYear(2020, "Monitoring", openPeriod: "INT"));
            _imported = true;
        }
        finally
        {
            _once.Release();
        }
    }
}
