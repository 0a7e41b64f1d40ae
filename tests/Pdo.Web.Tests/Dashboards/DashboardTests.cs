using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Domain.Attainment;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Generation;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Dashboards;

public sealed partial class DashboardTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await factory.EnsurePlan2020Async();
        await factory.WaitForAllPlanSnapshotsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ShowsTheRuleBooksRollUpsGivenPartialScores()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await EnterAsync(office, "DIR-CASA-01", ("100%", null), ("720", "Cantieri in ritardo."), ("2.646", null));
        await EnterAsync(office, "DIR-CULT-01", ("100%", null), ("3", null), ("6", "Mostre rinviate."));

        var casa = await GetAsync("/piani/2020/cruscotto?periodo=INT&direzione=CASA");
        var all = await GetAsync("/piani/2020/cruscotto?periodo=INT");

        // Casa: (100 + 80 + 100) / 3; Cultura: (100 + 100 + 75) / 3.
        Assert.Contains("<p class=\"display-score\">93,3 %</p>", casa);
        Assert.Contains("3 KPI rilevati su 3", casa);
        Assert.Contains("Parzialmente raggiunto", casa);
        Assert.Matches("Direzione Cultura</a></th>\\s*<td>91,7 %", all);
    }

    [Fact]
    public async Task KeepsOnlyTheChosenAreaGivenTheAreaFilter()
    {
        var html = await GetAsync("/piani/2019/cruscotto?area=DIGITALE");

        Assert.Contains("Cruscotto: Milano digitale", html);
        Assert.Contains("1 obiettivi nella selezione", html);
        Assert.Contains(">Digitalizzazione dei servizi di front office o offerti tramite il portale istituzionale</a> <span class=\"d-block small\">SOL-03</span>", html);
        Assert.DoesNotContain("Piano Quartieri", html);
        Assert.Contains("<option value=\"DIGITALE\" selected=\"selected\">", html);
    }

    [Fact]
    public async Task ListsTheKpisOfTheChosenStatusGivenTheStatusFilter()
    {
        var notMeasured = await GetAsync("/piani/2020/cruscotto?periodo=FIN&stato=non-rilevato");
        var achieved = await GetAsync("/piani/2019/cruscotto?stato=raggiunto");

        Assert.Contains("KPI con stato «Non rilevato» (35)", notMeasured);
        Assert.Contains("KPI con stato «Raggiunto» (35)", achieved);
    }

    [Fact]
    public async Task ShowsTheFollowingKpisGivenTheSecondPageOfTheList()
    {
        var first = await GetAsync("/piani/2019/cruscotto?stato=raggiunto");
        var second = await GetAsync("/piani/2019/cruscotto?stato=raggiunto&pagina=2");
        var beyond = await GetAsync("/piani/2019/cruscotto?stato=raggiunto&pagina=99");

        Assert.Contains("KPI da 1 a 25 su 35, dal punteggio più basso.", first);
        Assert.Contains("<span class=\"page-link\" aria-current=\"page\">Pagina 1 di 2</span>", first);
        Assert.Contains("<a class=\"page-link\" href=\"/piani/2019/cruscotto?periodo=FIN&amp;stato=raggiunto&amp;pagina=2#kpis-title\">Successiva</a>", first);
        Assert.DoesNotContain(">Precedente<", first);
        Assert.Contains("KPI da 26 a 35 su 35, dal punteggio più basso.", second);
        Assert.Contains("<a class=\"page-link\" href=\"/piani/2019/cruscotto?periodo=FIN&amp;stato=raggiunto#kpis-title\">Precedente</a>", second);
        Assert.DoesNotContain(">Successiva<", second);
        var onFirst = KpiAnchors(first);
        var onSecond = KpiAnchors(second);
        Assert.Equal(25, onFirst.Count);
        Assert.Equal(10, onSecond.Count);
        Assert.Empty(onFirst.Intersect(onSecond));
        Assert.Equal(onSecond, KpiAnchors(beyond));
    }

    [Theory]
    [InlineData("/piani/2019/cruscotto?area=NESSUNA")]
    [InlineData("/piani/2019/cruscotto?periodo=XYZ")]
    [InlineData("/piani/1990/cruscotto")]
    public async Task AnswersNotFoundGivenAnUnknownFilter(string url)
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task ReflectsAChangedResultGivenTheNextRequest()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await EnterAsync(office, "DIR-SOC-01", ("SI", null));
        var before = await GetAsync("/piani/2020/cruscotto?periodo=INT&direzione=SOCIALI");
        Assert.Contains("Provvisorio</span>", before);
        Assert.Contains("1 KPI rilevato su 2", before);
        Assert.Contains("<p class=\"display-score\">100,0 %</p>", before);

        await EnterAsync(office, "DIR-SOC-01", ("NO", "Il bando è andato deserto."));
        var after = await GetAsync("/piani/2020/cruscotto?periodo=INT&direzione=SOCIALI");

        Assert.Contains("<p class=\"display-score\">0,0 %</p>", after);
        Assert.Contains("Non raggiunto", after);
    }

    [Fact]
    public async Task ServesTheRememberedPageUntilAResultChangesGivenASignedInBrowser()
    {
        await factory.CreateUserAsync("ufficio.cruscotto@pdo.local", Roles.PlanningOffice);
        var browser = factory.CreateHttpsClient();
        await PdoWebFactory.PostFormAsync(browser, "/accesso", "/accesso", [new("Email", "ufficio.cruscotto@pdo.local"), new("Password", PdoWebFactory.DemoPassword)]);
        const string url = "/piani/2020/cruscotto?periodo=INT&direzione=ECONOMIA";

        var first = await browser.GetStringAsync(url);
        var second = await browser.GetStringAsync(url);
        Assert.Equal(first, second);
        Assert.Contains("0 KPI rilevati su 5", second);

        await ResultForm.SaveAsync(factory, browser, 2020, "DIR-ECON-01", "INT", ("451", null), ("105", null), ("353", null), ("60%", null), ("116", null));
        var after = await browser.GetStringAsync(url);

        Assert.Contains("5 KPI rilevati su 5", after);
        Assert.Contains("<p class=\"display-score\">100,0 %</p>", after);
    }

    [Fact]
    public async Task SendsTheRememberedPageCompressedGivenABrowserThatAcceptsGzip()
    {
        await factory.CreateUserAsync("giunta.gzip@pdo.local", Roles.Executive);
        var browser = factory.CreateHttpsClient();
        await PdoWebFactory.PostFormAsync(browser, "/accesso", "/accesso", [new("Email", "giunta.gzip@pdo.local"), new("Password", PdoWebFactory.DemoPassword)]);
        const string url = "/piani/2019/cruscotto?area=SOLIDALE";
        var rendered = await browser.GetStringAsync(url);

        using var asked = new HttpRequestMessage(HttpMethod.Get, url);
        asked.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");
        var compressed = await browser.SendAsync(asked);
        using var refused = new HttpRequestMessage(HttpMethod.Get, url);
        refused.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip;q=0");
        var plain = await browser.SendAsync(refused);

        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        await using (var gzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            Assert.Equal(rendered, await reader.ReadToEndAsync());
        }

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(rendered, await plain.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd", true)]
    [InlineData("GZIP", true)]
    [InlineData("*", true)]
    [InlineData("br;q=1.0, gzip;q=0.5", true)]
    [InlineData("gzip;q=0", false)]
    [InlineData("*, gzip;q=0", false)]
    [InlineData("br", false)]
    [InlineData("", false)]
    public void TellsWhetherTheBrowserAcceptsGzipGivenItsAcceptEncoding(string header, bool expected)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers.AcceptEncoding = header;

        Assert.Equal(expected, Pdo.Web.Features.Dashboards.RenderedDashboardCache.AcceptsGzip(http.Request));
    }

    [Fact]
    public async Task EncodesUserTextGivenTheChartJson()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var tree = SeedPlanJson.AsYear(2027, "Draft");
            tree["areas"]![0]!["name"] = "</script><script>alert('x')</script> & «area»";
            using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(tree.ToJsonString()));
            Assert.Equal(PlanImportOutcome.Imported, (await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync(json, "test")).Outcome);
        }

        var html = await GetAsync("/piani/2027/cruscotto");

        var block = JsonBlock().Match(html);
        Assert.True(block.Success);
        Assert.DoesNotContain("<", block.Groups[1].Value);
        Assert.DoesNotContain("'", block.Groups[1].Value);
        Assert.Contains("\\u003C/script\\u003E\\u003Cscript\\u003Ealert(\\u0027x\\u0027)", block.Groups[1].Value);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; «area»", html);
    }

    [Fact]
    public async Task DrawsTheChartsFromALocalScriptGivenTheDashboardPage()
    {
        var html = await GetAsync("/piani/2019/cruscotto");

        Assert.Contains("<script src=\"/lib/chart.js/chart.umd.js", html);
        Assert.Contains("<script src=\"/js/charts.js", html);
        foreach (var chart in new[] { "status", "sections", "areas", "directorates", "trend" })
        {
            Assert.Contains($"data-chart=\"{chart}\"", html);
        }

        Assert.Equal(5, Regex.Matches(html, "Mostra i dati del grafico").Count);
        Assert.Contains("Su 35 KPI: 35 raggiunti, 0 parzialmente raggiunti, 0 non raggiunti, 0 non rilevati.", html);
    }

    private async Task<string> GetAsync(string url)
    {
        var response = await (await factory.CreateClientAsAsync(Roles.Executive)).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task EnterAsync(HttpClient client, string objective, params (string Actual, string? Justification)[] values) =>
        ResultForm.SaveAsync(factory, client, 2020, objective, "INT", values);

    private static List<string> KpiAnchors(string html) => [.. KpiAnchor().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<th scope=\"row\"><a href=\"/piani/\\d+/obiettivi/[^\"]+#kpi-([^\"]+)\">")]
    private static partial Regex KpiAnchor();

    [GeneratedRegex("<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}

/// <summary>The number of SQL commands of a dashboard does not grow with the plan (no N+1).</summary>
public sealed class DashboardQueryCountTests : IClassFixture<DashboardQueryCountTests.CountingFactory>
{
    private readonly CountingFactory _factory;

    public DashboardQueryCountTests(CountingFactory factory) => _factory = factory;

    [Fact]
    public async Task SendsTheSameNumberOfQueriesGivenASmallAndALargePlan()
    {
        await _factory.EnsurePlansAsync();
        var client = await _factory.CreateClientAsAsync(Roles.Executive);
        var smallCold = await CountAsync(client, "/piani/2019/cruscotto?direzione=CASA", warm: false);
        var largeCold = await CountAsync(client, "/piani/2040/cruscotto?direzione=CASA", warm: false);
        var smallWarm = await CountAsync(client, "/piani/2019/cruscotto?area=DIGITALE", warm: true);
        var largeWarm = await CountAsync(client, "/piani/2040/cruscotto?area=DIGITALE", warm: true);

        Assert.Equal(smallCold, largeCold);
        // The stamp and the list of plan years, then the plan asked for only (of the three here: 2019, 2020 and 2040):
        // the plan with periods, sections, areas and the OIV's validations, its objectives, KPIs, results, approved score
        // overrides and the Direzioni.
        Assert.Equal(2 + 10, largeCold);
        Assert.Equal(0, smallWarm);
        Assert.Equal(0, largeWarm);
    }

    [Fact]
    public async Task SendsTheSameNumberOfQueriesAfterAResultChangeGivenASmallAndALargePlan()
    {
        await _factory.EnsurePlansAsync();
        var client = await _factory.CreateClientAsAsync(Roles.Executive);
        var office = await _factory.CreateClientAsAsync(Roles.PlanningOffice);
        await client.GetStringAsync("/piani/2020/cruscotto");
        await client.GetStringAsync("/piani/2040/cruscotto");

        _factory.Counter.Reset();
        await ResultForm.SaveAsync(_factory, office, 2020, "DIR-SOC-01", "INT", ("SI", null));
        _factory.Counter.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/piani/2020/cruscotto?direzione=SOCIALI")).StatusCode);
        var small = _factory.Counter.Count;

        await ResultForm.SaveAsync(_factory, office, 2040, "G0001", "FIN", ("71%", "Prova"));
        _factory.Counter.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/piani/2040/cruscotto")).StatusCode);
        var large = _factory.Counter.Count;

        // The stamp, the new audit rows, the results of the changed KPIs: the rest of the snapshot is kept.
        Assert.Equal(3, small);
        Assert.Equal(small, large);
    }

    [Fact]
    public async Task OffersOnlyTheDirezioniOwningObjectivesGivenThePlansDirezioneFilter()
    {
        await _factory.EnsurePlansAsync();
        var client = await _factory.CreateClientAsAsync(Roles.Executive);

        var small = await client.GetStringAsync("/piani/2019/cruscotto");
        var large = await client.GetStringAsync("/piani/2040/cruscotto");
        var chosen = await client.GetStringAsync("/piani/2019/cruscotto?direzione=SPORT"); // a Direzione of the generated plan only

        Assert.Equal(4, DirectorateOptions(small));
        Assert.Equal(20, DirectorateOptions(large));
        Assert.Contains("<option value=\"SPORT\" selected=\"selected\">", chosen);
        Assert.Contains("0 obiettivi nella selezione", chosen);
    }

    private static int DirectorateOptions(string html)
    {
        var select = html[html.IndexOf("<select id=\"direzione\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        return Regex.Matches(select, "<option value=\"[^\"]+\"").Count;
    }

    [Fact]
    public async Task LoadsOnlyTheRequestedPlansRowsGivenAColdRequestFor2019()
    {
        await _factory.EnsurePlansAsync();
        var client = await _factory.CreateClientAsAsync(Roles.Executive);
        _factory.Services.GetRequiredService<Pdo.Web.Features.Dashboards.DashboardCache>().Clear();

        _factory.Counter.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/piani/2019/cruscotto")).StatusCode);
        var queries = _factory.Counter.Commands;
        var plans = await _factory.WithDbAsync(db => db.Plans.Select(p => new { p.Id, p.Year }).ToListAsync());
        var plan2019 = plans.Single(p => p.Year == 2019).Id;
        var others = plans.Where(p => p.Year != 2019).Select(p => p.Id).ToList();

        // The stamp, the plan years, then 2019's plan (with periods, sections, areas, validations), objectives, KPIs,
        // results, approved score overrides, Direzioni.
        Assert.Equal(2 + 10, queries.Count);
        // Every query that reads objectives or KPIs (and their results) asks for 2019's plan id; none names another plan.
        Assert.All(queries.Where(q => q.Text.Contains("\"Objectives\"", StringComparison.Ordinal) || q.Text.Contains("\"Kpis\"", StringComparison.Ordinal)),
            q => Assert.Equal([plan2019], q.IntParameters));
        Assert.DoesNotContain(queries, q => others.Any(id => q.IntParameters.Contains(id)));
    }

    private async Task<int> CountAsync(HttpClient client, string url, bool warm)
    {
        // Cold: after a restart, only the plan asked for is loaded. Warm: it is, and nothing changed.
        _factory.Services.GetRequiredService<Pdo.Web.Features.Dashboards.DashboardCache>().Clear();
        if (warm)
        {
            await client.GetStringAsync(url.Split('?')[0]);
        }

        _factory.Counter.Reset();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _factory.Counter.Count;
    }

    public sealed class CountingFactory : PdoWebFactory
    {
        private readonly SemaphoreSlim _once = new(1, 1);
        private bool _ready;

        public QueryCounter Counter { get; } = new();

        /// <summary>Besides the 2019 plan: a small plan in monitoring (2020, 35 KPIs) and a generated large one (2040, 1,500 KPIs).</summary>
        public async Task EnsurePlansAsync()
        {
            await _once.WaitAsync();
            try
            {
                if (_ready)
                {
                    return;
                }

                await using var scope = Services.CreateAsyncScope();
                using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(SeedPlanJson.AsYear(2020, "Monitoring", openPeriod: "INT").ToJsonString()));
                Assert.Equal(PlanImportOutcome.Imported, (await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync(json, "test")).Outcome);
                await scope.ServiceProvider.GetRequiredService<PlanGenerator>().GenerateAsync(new GeneratorOptions(FirstYear: 2040, Years: 1, ObjectivesPerYear: 300, KpisPerYear: 1_500));

                // The generator's rows bypass the audit trail, whose last id is the dashboards' stamp (ADR 015).
                Services.GetRequiredService<Pdo.Web.Features.Dashboards.DashboardCache>().Clear();
                _ready = true;
            }
            finally
            {
                _once.Release();
            }
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);

            // No check for other instances during the test: the counts do not depend on how fast the machine is.
            builder.UseSetting("Dashboards:ChangeCheckInterval", "01:00:00");
            // Only what a request loads is counted: no plans loaded in the background meanwhile.
            builder.UseSetting("Dashboards:LoadOtherPlansInBackground", "false");
            builder.ConfigureTestServices(services => ConfigureDbContext(services, o => o.AddInterceptors(Counter)));
        }
    }
}
