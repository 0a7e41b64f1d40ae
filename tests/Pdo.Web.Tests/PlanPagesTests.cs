using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests;

public sealed class PlanPagesTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    public static TheoryData<string> ObjectiveCodes => new()
    {
        "SOL-01", "SOL-02", "SOL-03", "SOL-04", "GES-01", "FUN-01", "FUN-02",
        "DIR-CASA-01", "DIR-CULT-01", "DIR-ECON-01", "DIR-SOC-01", "DIR-SOC-02",
    };

    [Fact]
    public async Task ListsThe2019PlanGivenTheSeededDatabase()
    {
        var html = await GetOkAsync("/piani");

        Assert.Contains("Piano degli Obiettivi 2019", html);
        Assert.Contains("Approvato", html);
        Assert.Contains("100,0 %", html);
    }

    [Fact]
    public async Task ShowsSectionsAreasAndDirezioniWithScoreAndCoverageGivenThePlanOverview()
    {
        var html = await GetOkAsync("/piani/2019");

        foreach (var name in new[]
        {
            "Obiettivi Solidali", "Obiettivi Gestionali", "Indicatori di funzionamento dell’Ente", "Obiettivi di Direzione",
            "Milano più solidale", "Milano più attrattiva", "Milano digitale", "Milano per l’ambiente",
            "Direzione Casa", "Direzione Cultura", "Direzione Economia Urbana e Lavoro", "Direzione Politiche Sociali",
        })
        {
            Assert.Contains(Encode(name), html);
        }

        Assert.Contains("35 KPI rilevati su 35", html);
        Assert.Contains("Delibera di Giunta n. 501 del 14/04/2020", html);
        Assert.DoesNotContain("Non raggiunto<", html);
    }

    [Theory]
    [MemberData(nameof(ObjectiveCodes))]
    public async Task RendersEveryKpiWithTargetActualAndScoreGivenAn2019Objective(string code)
    {
        var html = await GetOkAsync($"/piani/2019/obiettivi/{code}");

        var objective = Seed().GetProperty("objectives").EnumerateArray().Single(o => o.GetProperty("code").GetString() == code);
        Assert.Contains(Encode(objective.GetProperty("title").GetString()!), html);
        foreach (var kpi in objective.GetProperty("kpis").EnumerateArray())
        {
            Assert.Contains(Encode(kpi.GetProperty("name").GetString()!), html);
            Assert.Contains(Encode(kpi.GetProperty("target").GetString()!), html);
            Assert.Contains(Encode(kpi.GetProperty("results")[0].GetProperty("actual").GetString()!), html);
        }

        var kpiCount = objective.GetProperty("kpis").GetArrayLength();
        Assert.Equal(kpiCount, CountOccurrences(html, "<tr id=\"kpi-"));
        Assert.True(CountOccurrences(html, "Come è calcolato") >= kpiCount + 1);
        Assert.Contains("<th scope=\"col\">KPI</th>", html);
        Assert.Contains("<th scope=\"col\">Target</th>", html);
        Assert.Contains("<th scope=\"col\">Valore raggiunto</th>", html);
        Assert.Contains("<th scope=\"col\">Grado di raggiungimento</th>", html);
    }

    [Fact]
    public async Task ShowsGroupLabelsAndTheNarrativeGivenTheEnvironmentObjective()
    {
        var html = await GetOkAsync("/piani/2019/obiettivi/SOL-04");

        Assert.Contains("Area più pulita", html);
        Assert.Contains("Spostamenti più facili e veloci", html);
        Assert.Contains("M4 - Pieno avanzamento dei programmi di lavoro", html);
        Assert.Contains("<li>", html);
    }

    [Fact]
    public async Task ExplainsTheReadingGivenAnActualWrittenAmbiguously()
    {
        var html = await GetOkAsync("/piani/2019/obiettivi/FUN-02");

        Assert.Contains("1,16’", html);
        Assert.Contains("letto come 1&#x27;16&quot;", html);
    }

    [Fact]
    public async Task ListsOnlyItsObjectivesGivenADirezionePage()
    {
        var html = await GetOkAsync("/piani/2019/direzioni/SOCIALI");

        Assert.Contains("Direzione Politiche Sociali", html);
        Assert.Contains(Encode("Ampliamento dell’offerta di RST"), html);
        Assert.Contains("Messa a regime dei servizi Home Care", html);
        Assert.DoesNotContain("Progetto Leonardo", html);
    }

    [Theory]
    [InlineData("/piani/2019/sezioni/DIR", "Obiettivi di Direzione", "Progetto Leonardo")]
    [InlineData("/piani/2019/aree/DIGITALE", "Milano digitale", "Digitalizzazione dei servizi di front office")]
    public async Task ListsTheObjectivesGivenASectionOrAreaPage(string url, string heading, string objective)
    {
        var html = await GetOkAsync(url);

        Assert.Contains(heading, html);
        Assert.Contains(objective, html);
    }

    [Theory]
    [InlineData("/piani/1999")]
    [InlineData("/piani/2019/obiettivi/NON-ESISTE")]
    [InlineData("/piani/2019/aree/NESSUNA")]
    [InlineData("/piani/2019?periodo=XYZ")]
    [InlineData("/piani/abc")]
    public async Task AnswersAFriendlyItalianNotFoundGivenAnUnknownAddress(string url)
    {
        var response = await (await factory.CreateClientAsAsync(Roles.Executive)).GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Pagina non trovata", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ShowsTheInterimPeriodAsNotMeasuredGivenItHasNoResults()
    {
        var html = await GetOkAsync("/piani/2019?periodo=INT");

        Assert.Contains("0 KPI rilevati su 35", html);
        Assert.Contains("Non rilevato", html);
    }

    [Fact]
    public async Task StoresTheSeedExactlyOnceGivenTheAppStarted()
    {
        var counts = await factory.WithDbAsync(async db => (await db.Plans.CountAsync(), await db.Kpis.CountAsync()));

        Assert.Equal((1, 35), counts);
    }

    internal static JsonElement Seed()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "pdo-2019-milano.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    private static readonly System.Text.Encodings.Web.HtmlEncoder Html = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Encode(string text) => Html.Encode(text);

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<string> GetOkAsync(string url)
    {
        var response = await (await factory.CreateClientAsAsync(Roles.Executive)).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
