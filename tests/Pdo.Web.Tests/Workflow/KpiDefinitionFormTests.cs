using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>
/// The KPI form refuses what the rule book cannot score correctly (attainment.md, "Direction", "Plausibility at
/// entry"), with the Italian message on the form and nothing saved; over a 2026 plan in Bozza copied from 2019.
/// </summary>
public sealed class KpiDefinitionFormTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>, IAsyncLifetime
{
    private const string NewKpi = "/piani/2026/obiettivi/SOL-01/kpi/nuovo";

    public async Task InitializeAsync()
    {
        if (await factory.WithDbAsync(db => db.Plans.AnyAsync(p => p.Year == 2026)))
        {
            return;
        }

        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var created = await PdoWebFactory.PostFormAsync(office, "/piani/nuovo", "/piani/nuovo",
            [new("Year", "2026"), new("Title", "Piano degli Obiettivi 2026"), new("CopyFromYear", "2019"), new("CopyTargets", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("3 minuti", "", "Indicare l'andamento")]
    [InlineData("0", "", "Indicare l'andamento")]
    [InlineData("≥ 100", "120", "dalla parte sbagliata del target")]
    [InlineData("≤ 10", "5", "dalla parte sbagliata del target")]
    public async Task ShowsTheItalianMessageAndSavesNothingGivenAKpiTheRuleBookCannotScore(string target, string baseline, string message)
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await PostAsync(office, "SOL-01.9", target, direction: "", baseline: baseline);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message.Replace("'", "&#x27;", StringComparison.Ordinal), await response.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDbAsync(db => db.Kpis.AnyAsync(k => k.Code == "SOL-01.9" && k.Objective!.Plan!.Year == 2026)));
    }

    [Fact]
    public async Task ShowsTheItalianMessageGivenBandsThatDecreaseWithProgress()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await PostAsync(office, "SOL-01.8", "≥ 100%", direction: "", method: "Bands", bands: "100:100; 90:50; 75:80");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("non sono crescenti", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SavesTheChosenDirectionGivenADurationWithoutComparator()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await PostAsync(office, "SOL-01.7", "3 minuti", direction: "LowerIsBetter");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Direction.LowerIsBetter, await factory.WithDbAsync(db => db.Kpis
            .Where(k => k.Code == "SOL-01.7" && k.Objective!.Plan!.Year == 2026).Select(k => k.Direction).SingleAsync()));
    }

    private static Task<HttpResponseMessage> PostAsync(
        HttpClient office, string code, string target, string direction, string baseline = "", string method = "", string bands = "") =>
        PdoWebFactory.PostFormAsync(office, NewKpi, NewKpi,
        [
            new("Code", code), new("Name", $"Tempo di risposta ({code})"), new("Target", target), new("Direction", direction),
            new("Baseline", baseline), new("Method", method), new("Bands", bands), new("Weight", "1"),
        ]);
}
