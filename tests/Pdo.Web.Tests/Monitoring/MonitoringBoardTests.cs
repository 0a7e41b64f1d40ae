using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Dashboards;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Monitoring;

/// <summary>
/// The monitoring board counts result states per Direzione in SQL and lists one Direzione's results to chase, paged,
/// with the same number of queries for the 35-KPI plan and a generated 1,500-KPI plan.
/// </summary>
/// <remarks>The plans are the dashboards' query-count plans: 2019, 2020 in monitoring (35 KPIs, no results, interim period open) and a generated 2040 (1,500 KPIs, every period open).</remarks>
public sealed partial class MonitoringBoardTests(DashboardQueryCountTests.CountingFactory factory) : IClassFixture<DashboardQueryCountTests.CountingFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePlansAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("?periodo=INT&direzione=CASA")]
    [InlineData("?direzione=CASA&pagina=2")]
    [InlineData("")]
    public async Task SendsTheSameNumberOfQueriesGivenASmallAndALargePlan(string query)
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var small = await CountAsync(office, $"/piani/2020/monitoraggio{query}");
        var large = await CountAsync(office, $"/piani/2040/monitoraggio{query}");

        // The plan with its periods and the OIV's validations (3), the counts, the Direzioni, one page of the list.
        Assert.Equal(6, small);
        Assert.Equal(small, large);
    }

    [Fact]
    public async Task CountsEveryKpiOnceGivenTheGeneratedPlansFinalPeriod()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var board = await office.GetStringAsync("/piani/2040/monitoraggio?periodo=FIN");

        var rows = BoardRows(board);
        Assert.Equal(21, rows.Count); // 20 Direzioni and the Ente
        Assert.Equal(1_500, rows.Sum(r => r.Counts.Sum()));
        var expected = await factory.WithDbAsync(db => db.Kpis.CountAsync(k =>
            k.Objective!.Plan!.Year == 2040 && k.Objective.Directorate!.Code == "CASA" && !k.Results.Any(r => r.Period!.Code == "FIN")));
        Assert.Equal(expected, rows.Single(r => r.Name == "Direzione Casa").Counts[0]);
        Assert.Equal([.. rows.Select(r => r.Name).Order(StringComparer.Ordinal)], rows.Select(r => r.Name).ToList());
    }

    [Fact]
    public async Task ListsOnlyTheChosenDirezionesResultsPagedGivenTheDirezioneFilter()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var first = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2040/monitoraggio?periodo=INT&direzione=casa"));
        var second = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2040/monitoraggio?periodo=INT&direzione=CASA&pagina=2"));

        var casa = await factory.WithDbAsync(db => db.Kpis.CountAsync(k => k.Objective!.Plan!.Year == 2040 && k.Objective.Directorate!.Code == "CASA"));
        Assert.Contains($"Direzione Casa: da sollecitare ({casa})", first);
        var firstItems = ChaseItems(first);
        var secondItems = ChaseItems(second);
        Assert.Equal(25, firstItems.Count);
        Assert.Equal(Math.Min(25, casa - 25), secondItems.Count);
        Assert.Empty(firstItems.Intersect(secondItems));
        Assert.All(firstItems.Concat(secondItems), item => Assert.Contains("la conferma spetta al Direttore della Direzione Casa (non a generatore, che l'ha inserito)", item));
        Assert.Contains("Risultati da 26 a", second);
        Assert.Contains("<span class=\"page-link\" aria-current=\"page\">Pagina 2 di", second);
        Assert.Contains("href=\"/piani/2040/monitoraggio?periodo=INT&direzione=CASA#da-sollecitare\">Precedente</a>", second);
        Assert.Contains("<a href=\"/piani/2040/monitoraggio?periodo=INT&direzione=CASA#da-sollecitare\" aria-current=\"true\">Direzione Casa</a>", first);
        Assert.DoesNotContain("Direzione Cultura: da sollecitare", first);
    }

    [Fact]
    public async Task ListsTheFirstDirezioneWithSomethingToChaseGivenNoFilter()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var board = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2020/monitoraggio?periodo=INT"));

        // Little is entered in 2020: the first row in name order has something to chase, and only its list is shown.
        var rows = BoardRows(board);
        Assert.Equal(35, rows.Sum(r => r.Counts.Sum()));
        Assert.Contains($"{rows[0].Name}: da sollecitare ({rows[0].Counts[0] + rows[0].Counts[1] + rows[0].Counts[2]})", board);
        Assert.Single(Regex.Matches(board, ": da sollecitare \\("));
    }

    [Theory]
    [InlineData("direzione=NESSUNA", "La Direzione «NESSUNA» non ha obiettivi nel piano 2040: scegliere una Direzione dalla tabella.")]
    [InlineData("direzione=CASA&pagina=abc", "«abc» non è un numero di pagina: è mostrata la prima pagina.")]
    [InlineData("direzione=CASA&pagina=0", "«0» non è un numero di pagina: è mostrata la prima pagina.")]
    [InlineData("direzione=CASA&pagina=-2", "«-2» non è un numero di pagina: è mostrata la prima pagina.")]
    [InlineData("direzione=CASA&pagina=99999999999", "«99999999999» non è un numero di pagina: è mostrata la prima pagina.")]
    [InlineData("direzione=CASA&pagina=9999", "La pagina 9999 non esiste: le pagine sono ")]
    public async Task ShowsTheBoardWithAnItalianMessageGivenAnUnknownDirezioneOrPage(string query, string message)
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await office.GetAsync($"/piani/2040/monitoraggio?periodo=INT&{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches("<div class=\"alert alert-warning\" role=\"alert\">" + Regex.Escape(message), html);
        Assert.Equal(21, BoardRows(html).Count);
    }

    [Fact]
    public async Task AnswersNotFoundGivenAnUnknownPeriod()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/piani/2040/monitoraggio?periodo=NESSUNO")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/piani/2041/monitoraggio")).StatusCode);
    }

    [Fact]
    public async Task ShowsTheReturnCommentGivenAReturnedResult()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await ResultForm.SaveAsync(factory, office, 2020, "DIR-SOC-01", "INT", ("SI", null));
        var result = await factory.WithDbAsync(db => db.KpiResults.AsNoTracking().SingleAsync(r => r.Kpi!.Objective!.Code == "DIR-SOC-01" && r.Kpi.Objective.Plan!.Year == 2020));
        var manager = await factory.CreateClientAsAsync(Roles.DirectorateManager, "SOCIALI");
        Assert.Equal(HttpStatusCode.Redirect, (await PdoWebFactory.PostFormAsync(manager, "/revisione", $"/revisione/{result.Id}/restituisci",
            [new("Version", result.Version.ToString()), new("Comment", "Manca la fonte del dato.")])).StatusCode);

        var board = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2020/monitoraggio?periodo=INT&direzione=SOCIALI"));

        Assert.Contains("DIR-SOC-01 – ", board);
        Assert.Contains(": <strong>Restituito</strong> («Manca la fonte del dato.»)", board);
        Assert.Equal(1, BoardRows(board).Single(r => r.Name == "Direzione Politiche Sociali").Counts[2]);
    }

    private async Task<int> CountAsync(HttpClient client, string url)
    {
        factory.Counter.Reset();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return factory.Counter.Count;
    }

    private static List<(string Name, int[] Counts)> BoardRows(string html) =>
        [.. BoardRow().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Captures.Select(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray()))];

    private static List<string> ChaseItems(string html)
    {
        var start = html.IndexOf("id=\"da-sollecitare\"", StringComparison.Ordinal);
        var list = html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
        return [.. Regex.Matches(list, "<li>(.*?)</li>").Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("<th scope=\"row\"><a href=\"[^\"]*\"(?: aria-current=\"true\")?>([^<]+)</a></th>(?:\\s*<td class=\"num\">(\\d+)</td>){5}")]
    private static partial Regex BoardRow();
}
