using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Plans;

/// <summary>The structure page of a plan in monitoring: read-only, and every change refused in Italian.</summary>
public sealed class PlanStructureMonitoringTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>
{
    [Fact]
    public async Task ShowsTheStructureReadOnlyAndRefusesAPeriodGivenAPlanInMonitoring()
    {
        await factory.EnsurePlan2020Async();
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var before = await factory.WithDbAsync(db => db.Plans.AsNoTracking().Include(p => p.Periods).SingleAsync(p => p.Year == 2020));

        var html = await office.GetStringAsync("/piani/2020/struttura");
        var refused = await PdoWebFactory.PostFormAsync(office, "/piani/2020/struttura", "/piani/2020/struttura/periodi",
            [new("Code", "T3"), new("Name", "3° trimestre"), new("EndDate", "30/09/2020"), new("Version", before.Version.ToString())]);
        var page = System.Net.WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2020/struttura"));

        Assert.Contains("Il piano è «In monitoraggio»: la struttura è in sola lettura.", System.Net.WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("Aggiungi periodo", html);
        Assert.Contains("Struttura del piano (sola lettura)", await office.GetStringAsync("/piani/2020"));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("Il piano non è in bozza: struttura e target non sono modificabili.", page);
        var after = await factory.WithDbAsync(db => db.Plans.AsNoTracking().Include(p => p.Periods).SingleAsync(p => p.Year == 2020));
        Assert.Equal((before.Periods.Count, before.Version), (after.Periods.Count, after.Version));
    }
}
