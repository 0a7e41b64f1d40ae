using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using System.Text.Json.Nodes;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Oversight;

/// <summary>The checks page (LG 3/2018) on a plan built to fail each check, and on the approved 2019 plan.</summary>
public sealed class ChecksTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private readonly SemaphoreSlim _once = new(1, 1);

    /// <summary>
    /// 2021 in monitoring with the 2019 results as Inserito, SOL-01.1 at 50 % of 70 % without justification, SOL-03 without KPIs, GES-01
    /// with weight 0, FUN-01.1 with weight 0, a target of SOL-02.1 changed after the start and the
    /// justification of SOL-01.1 removed (both past the entities, which refuse them, as a change by SQL would be; the
    /// audit trail still records them), an open observation on FUN-02, a score override of SOL-04.2 waiting for the OIV.
    /// </summary>
    private async Task BuildFailingPlanAsync()
    {
        await _once.WaitAsync();
        try
        {
            if (await factory.WithDbAsync(db => db.Plans.AnyAsync(p => p.Year == 2021)))
            {
                return;
            }

            var tree = SeedPlanJson.AsYear(2021, "Monitoring", openPeriod: "FIN", keepResults: true);
            foreach (var objective in tree["objectives"]!.AsArray())
            {
                switch (objective!["code"]!.GetValue<string>())
                {
                    case "SOL-01":
                        // 50 % against a target of 70 %: below 100; its justification is removed after the import.
                        objective["kpis"]![0]!["results"] = new JsonArray(new JsonObject { ["period"] = "FIN", ["actual"] = "50%", ["justification"] = "Da togliere." });
                        break;
                    case "GES-01":
                        objective["weight"] = 0;
                        break;
                    case "FUN-01":
                        objective["kpis"]![0]!["weight"] = 0;
                        break;
                }
            }

            await factory.ImportPlanAsync(tree);
            await factory.WithDbAsync(async db =>
            {
                var kpi = await db.Kpis.FirstAsync(k => k.Code == "SOL-02.1" && k.Objective!.Plan!.Year == 2021);
                db.Entry(kpi).Property(k => k.TargetText).CurrentValue = "≥ 99 %";
                var result = await db.KpiResults.FirstAsync(r => r.Kpi!.Code == "SOL-01.1" && r.Kpi.Objective!.Plan!.Year == 2021);
                db.Entry(result).Property(r => r.Justification).CurrentValue = null;

                // The importer refuses an objective without KPIs: SOL-03 loses them afterwards.
                db.Kpis.RemoveRange(await db.Kpis.Where(k => k.Objective!.Code == "SOL-03" && k.Objective.Plan!.Year == 2021).ToListAsync());
                await db.SaveChangesAsync();
            });
            var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
            var proposed = await PdoWebFactory.PostFormAsync(office, "/piani/2021/forzature/nuova?obiettivo=SOL-04&kpi=SOL-04.2", "/piani/2021/forzature/nuova",
                [new("Objective", "SOL-04"), new("Kpi", "SOL-04.2"), new("Period", "FIN"), new("Score", "100"), new("Reason", "Causa esterna alla Direzione.")]);
            Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
            var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
            var raised = await PdoWebFactory.PostFormAsync(oiv, "/piani/2021/obiettivi/FUN-02", "/piani/2021/obiettivi/FUN-02/osservazioni", [new("Kpi", ""), new("Text", "Verificare i dati di funzionamento.")]);
            Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        }
        finally
        {
            _once.Release();
        }
    }

    private static string Section(string page, string id)
    {
        var start = page.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, id);
        var end = page.IndexOf("</section>", start, StringComparison.Ordinal);
        return page[start..end];
    }

    [Fact]
    public async Task ListsEachFindingLinkedGivenAPlanBuiltToFailEveryCheck()
    {
        await BuildFailingPlanAsync();
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);

        var response = await oiv.GetAsync("/piani/2021/verifiche");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Nessun KPI sotto target senza motivazione.", page);
        Assert.Contains("/piani/2021/obiettivi/SOL-01#kpi-SOL-01.1", Section(page, "senza-motivazione"));
        Assert.Contains("Inserito", Section(page, "non-confermati"));
        var targets = Section(page, "target-modificati");
        Assert.Contains("KPI SOL-02.1 – Target", targets);
        Assert.Contains("≥ 99 %", targets);
        Assert.Contains("/piani/2021/obiettivi/SOL-02/kpi/SOL-02.1/storico", targets);
        Assert.Contains("/piani/2021/obiettivi/SOL-03", Section(page, "senza-kpi"));
        var weights = Section(page, "senza-peso");
        Assert.Contains("Obiettivo GES-01", weights);
        Assert.Contains("KPI FUN-01.1", weights);
        var observations = Section(page, "osservazioni-aperte");
        Assert.Contains("Obiettivo FUN-02", observations);
        Assert.Contains("Aperta · formulata il", observations);
        Assert.Contains("(1)", Section(page, "senza-kpi"));
        var pending = Section(page, "forzature-in-attesa");
        Assert.Contains("KPI SOL-04.2", pending);
        Assert.Contains("Proposto 100,0 % · motivo: Causa esterna alla Direzione.", pending);
        Assert.Contains("/piani/2021/forzature", pending);
    }

    [Fact]
    public async Task ShowsTheItalianEmptyStatesGivenTheApprovedPlan()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var page = await office.GetStringAsync("/piani/2019/verifiche");

        Assert.Contains("Nessun target modificato dopo l&#x27;avvio del monitoraggio.", page);
        Assert.Contains("Ogni obiettivo ha almeno un KPI.", page);
        Assert.Contains("Nessun risultato in attesa di conferma.", page);
        Assert.Contains("Nessuna osservazione aperta.", page);
        Assert.Contains("Nessuna forzatura in attesa di decisione.", page);
    }
}
