using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Reports;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Transparency;

/// <summary>
/// The public pages (/trasparenza) of the approved 2019 plan, beside a 2020 plan in monitoring (with results, a
/// justification and a returned result) and a 2021 plan in Bozza: no sign-in, nothing but approved plans, no user names.
/// </summary>
public sealed class TransparencyTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>
{
    /// <summary>Every public page of the 2019 plan: index, trend, plan, each section, area, Direzione and objective.</summary>
    private async Task<IReadOnlyList<string>> PublicPagesAsync()
    {
        var plan = await factory.WithDbAsync(db => db.Plans.AsNoTracking()
            .Include(p => p.Categories).Include(p => p.Areas).Include(p => p.Objectives).ThenInclude(o => o.Directorate)
            .AsSplitQuery().SingleAsync(p => p.Year == 2019));
        return
        [
            "/trasparenza",
            "/trasparenza/andamento",
            "/trasparenza/2019",
            .. plan.Categories.Select(c => $"/trasparenza/2019/sezioni/{c.Code}"),
            .. plan.Areas.Select(a => $"/trasparenza/2019/aree/{a.Code}"),
            .. plan.Objectives.Where(o => o.Directorate is not null).Select(o => o.Directorate!.Code).Distinct().Select(d => $"/trasparenza/2019/direzioni/{d}"),
            .. plan.Objectives.Select(o => $"/trasparenza/2019/obiettivi/{o.Code}"),
        ];
    }

    private const string NoteOfTheDataSource = "Estratto interno dal gestionale delle opere";

    private const string Justification = "Cantieri consegnati con ritardo dalle imprese";

    private async Task EnsurePlansAsync()
    {
        await factory.EnsurePartialResults2020Async();
        if (!await factory.WithDbAsync(db => db.Plans.AnyAsync(p => p.Year == 2021)))
        {
            await factory.ImportPlanAsync(SeedPlanJson.AsYear(2021, "Draft"));

            // A second approved plan (2018), with a justified deviation and an internal data-source note.
            var approved = SeedPlanJson.AsYear(2018, "Approved", keepResults: true);
            approved["approvalAct"] = new System.Text.Json.Nodes.JsonObject { ["number"] = "210", ["date"] = "2019-04-10", ["description"] = "Approvazione Consuntivo PDO 2018" };
            var objective = approved["objectives"]![0]!;
            objective["dataSourceNote"] = NoteOfTheDataSource;
            objective["kpis"]![0]!["results"]![0]!["justification"] = Justification;
            await factory.ImportPlanAsync(approved);
        }
    }

    [Fact]
    public async Task AnswersHeadAsGetGivenPublicPagesOpenDataAndTheConsuntivo()
    {
        await EnsurePlansAsync();
        var client = factory.CreateHttpsClient();
        foreach (var url in new[] { "/trasparenza", "/trasparenza/2019", "/trasparenza/2019/consuntivo.pdf", "/opendata", "/opendata/pdo-2019.csv", "/accesso" })
        {
            using var get = await client.GetAsync(url);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(get.StatusCode, head.StatusCode);
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        }

        // An action answering POST only still refuses HEAD (signed in: the anonymous are sent to the sign-in first).
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        using var logout = await office.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/accesso/esci"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, logout.StatusCode);
    }

    [Fact]
    public async Task AnswersEveryPublicPageWithoutCookiesGivenAnAnonymousVisitor()
    {
        await EnsurePlansAsync();
        var client = factory.CreateHttpsClient();
        foreach (var url in (await PublicPagesAsync()).Append("/trasparenza/2019/consuntivo.pdf"))
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} sets a cookie");
        }
    }

    [Fact]
    public async Task ListsOnlyTheApprovedPlanWithItsActAndTheEnteGivenPlansInMonitoringAndBozza()
    {
        await EnsurePlansAsync();
        var body = await factory.CreateHttpsClient().GetStringAsync("/trasparenza");

        Assert.Contains("Comune di Milano", body);
        Assert.Contains("c_f205", body);
        Assert.Contains("https://www.comune.milano.it/amministrazione-trasparente/performance", body);
        Assert.Contains("Delibera di Giunta n. 501 del 14/04/2020", body);
        Assert.Contains("/trasparenza/2019/consuntivo.pdf", body);
        Assert.DoesNotContain("/trasparenza/2020", body);
        Assert.DoesNotContain("/trasparenza/2021", body);
    }

    [Theory]
    [InlineData("/trasparenza/2020")]
    [InlineData("/trasparenza/2020/obiettivi/DIR-CASA-01")]
    [InlineData("/trasparenza/2020/sezioni/DIR")]
    [InlineData("/trasparenza/2020/direzioni/CASA")]
    [InlineData("/trasparenza/2020/consuntivo.pdf")]
    [InlineData("/trasparenza/2021")]
    [InlineData("/trasparenza/2021/obiettivi/DIR-CASA-01")]
    [InlineData("/trasparenza/2021/consuntivo.pdf")]
    [InlineData("/trasparenza/2031")]
    [InlineData("/trasparenza/2019/obiettivi/NONESISTE")]
    public async Task ReturnsTheItalianNotFoundPageGivenAPlanNotApprovedOrNotThere(string url)
    {
        await EnsurePlansAsync();
        var response = await factory.CreateHttpsClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Pagina non trovata", body);
        Assert.Contains("href=\"/trasparenza\">Vai ai piani approvati</a>", body);
    }

    [Fact]
    public async Task ShowsTheTrendOfTheApprovedPlansOnlyGivenAPlanInMonitoring()
    {
        await EnsurePlansAsync();
        var body = await factory.CreateHttpsClient().GetStringAsync("/trasparenza/andamento");

        Assert.Contains("<table class=\"table table-sm trend-table\">", body);
        Assert.Contains("id=\"trend-data\"", body);
        Assert.Contains(">2018<", body);
        Assert.Contains(">2019<", body);
        Assert.DoesNotContain(">2020<", body);
        Assert.Contains("Obiettivi di Direzione", body);
    }

    [Fact]
    public async Task ShowsEveryKpiWithItsExplanationAndNothingInternalGivenAnObjective()
    {
        await EnsurePlansAsync();
        // The 2018 objective with a justified deviation and a data-source note (internal: not published).
        var objective = await factory.WithDbAsync(db => db.Objectives.AsNoTracking().Include(o => o.Kpis).ThenInclude(k => k.Results)
            .FirstAsync(o => o.Plan!.Year == 2018 && o.DataSourceNote == NoteOfTheDataSource));
        var body = await factory.CreateHttpsClient().GetStringAsync($"/trasparenza/2018/obiettivi/{objective.Code}");

        foreach (var kpi in objective.Kpis)
        {
            Assert.Contains($"id=\"kpi-{kpi.Code}\"", body);
        }

        Assert.Contains("Come è calcolato", body);
        Assert.Contains("Motivazione dello scostamento", body);
        Assert.Contains(Justification, body);
        Assert.DoesNotContain(NoteOfTheDataSource, body);
        Assert.DoesNotContain("storico", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Fonte dei dati", body);
        Assert.DoesNotContain("/piani/", body);
        Assert.DoesNotContain("<form", body);
    }

    [Fact]
    public async Task NamesNoUserGivenEveryPublicPageAndThePdfAsAnonymousAndAsASignedInUser()
    {
        await EnsurePlansAsync();
        await factory.CreateUserAsync($"pubblico.{Guid.NewGuid():N}@pdo.local", Roles.PlanningOffice);
        var browser = Browser.Open(factory);
        var signedInEmail = $"lettore.{Guid.NewGuid():N}@pdo.local";
        await factory.CreateUserAsync(signedInEmail, Roles.Executive);
        await browser.SignInAsync(signedInEmail);
        var names = await factory.WithDbAsync(db => db.Users.AsNoTracking().Select(u => new[] { u.FullName, u.Email!, u.UserName! }).ToListAsync());
        var forbidden = names.SelectMany(n => n).Where(n => !string.IsNullOrWhiteSpace(n))
            .Concat(["Test Executive", "test.executive@pdo.local", "Cantieri in ritardo."]) // a justification of the plan in monitoring
            .Distinct().ToList();

        var clients = new[] { factory.CreateHttpsClient(), await factory.CreateClientAsAsync(Roles.Executive), browser.Client };
        foreach (var client in clients)
        {
            foreach (var url in await PublicPagesAsync())
            {
                var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} sets a cookie");
                var body = await response.Content.ReadAsStringAsync();
                Assert.Contains("Accedi", body);
                Assert.DoesNotContain("Esci", body);
                foreach (var name in forbidden)
                {
                    Assert.False(body.Contains(name, StringComparison.OrdinalIgnoreCase), $"{url} names «{name}»");
                }
            }

            var pdf = ConsuntivoPdfTests.Text(await client.GetByteArrayAsync("/trasparenza/2019/consuntivo.pdf"));
            foreach (var name in forbidden)
            {
                Assert.False(pdf.Contains(name, StringComparison.OrdinalIgnoreCase), $"the public PDF names «{name}»");
            }
        }
    }

    [Fact]
    public async Task SendsTheSameConsuntivoAsTheSignedInExportGivenTheApprovedPlan()
    {
        await EnsurePlansAsync();
        var anonymous = await factory.CreateHttpsClient().GetAsync("/trasparenza/2019/consuntivo.pdf");
        var signedIn = await (await factory.CreateClientAsAsync(Roles.Executive)).GetAsync("/piani/2019/consuntivo.pdf");

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("application/pdf", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(signedIn.Content.Headers.ContentDisposition?.FileName, anonymous.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            ConsuntivoPdfTests.Text(await signedIn.Content.ReadAsByteArrayAsync()),
            ConsuntivoPdfTests.Text(await anonymous.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task SendsValidatorsAndAnswersNotModifiedGivenAConditionalRequest()
    {
        await EnsurePlansAsync();
        var client = factory.CreateHttpsClient();
        var first = await client.GetAsync("/trasparenza/2019/obiettivi/DIR-CASA-01");
        var etag = first.Headers.ETag;
        var lastModified = first.Content.Headers.LastModified;

        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.NotNull(lastModified);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromMinutes(5), first.Headers.CacheControl?.MaxAge);

        var again = await client.GetAsync("/trasparenza/2019/obiettivi/DIR-CASA-01");
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());

        var byTag = new HttpRequestMessage(HttpMethod.Get, "/trasparenza/2019/obiettivi/DIR-CASA-01");
        byTag.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        var byDate = new HttpRequestMessage(HttpMethod.Get, "/trasparenza/2019/obiettivi/DIR-CASA-01");
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byDate)).StatusCode);

        var otherTag = new HttpRequestMessage(HttpMethod.Get, "/trasparenza/2019/obiettivi/DIR-CASA-01");
        otherTag.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"altro\""));
        otherTag.Headers.IfModifiedSince = lastModified; // ignored: If-None-Match decides
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(otherTag)).StatusCode);

        var pdf = await client.GetAsync("/trasparenza/2019/consuntivo.pdf");
        var pdfByTag = new HttpRequestMessage(HttpMethod.Get, "/trasparenza/2019/consuntivo.pdf");
        pdfByTag.Headers.IfNoneMatch.Add(pdf.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(pdfByTag)).StatusCode);
    }

    [Fact]
    public async Task KeepsTheRememberedPageGivenAChangeToAPlanInMonitoring()
    {
        await EnsurePlansAsync();
        var client = factory.CreateHttpsClient();
        var before = await client.GetAsync("/trasparenza/2019");

        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await ResultForm.SaveAsync(factory, office, 2020, "DIR-CULT-01", "INT", ("100%", null), ("3", null), ("5", "Mostre rinviate ancora."));
        var after = await client.GetAsync("/trasparenza/2019");

        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(before.Content.Headers.LastModified, after.Content.Headers.LastModified);
    }
}
