using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.PlanImport;
using Pdo.Reporting.Model;
using Pdo.Web.Features.Objectives;
using Pdo.Web.Features.Reports;
using Pdo.Web.Tests.Support;
using UglyToad.PdfPig;

namespace Pdo.Web.Tests.Reports;

/// <summary>The consuntivo PDF downloaded through the portal and read back with PdfPig.</summary>
public sealed partial class ConsuntivoPdfTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private static readonly string[] ObjectiveCodes =
    [
        "SOL-01", "SOL-02", "SOL-03", "SOL-04", "GES-01", "FUN-01", "FUN-02",
        "DIR-CASA-01", "DIR-CULT-01", "DIR-ECON-01", "DIR-SOC-01", "DIR-SOC-02",
    ];

    [Fact]
    public async Task ReturnsAPdfAttachmentNamedAfterThePlanGivenAGiuntaMember()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        var response = await client.GetAsync("/piani/2019/consuntivo.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("PDO-2019-consuntivo.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
    }

    [Fact]
    public async Task PrintsEveryObjectiveTitleAndEveryKpiTargetActualAndScoreInDocumentOrderGivenThe2019Plan()
    {
        var text = Text(await DownloadAsync(Roles.Executive, "/piani/2019/consuntivo.pdf"));
        var position = text.IndexOf("Grado di raggiungimento della sezione", StringComparison.Ordinal);
        Assert.True(position > 0, "The first chapter was not found.");

        foreach (var code in ObjectiveCodes)
        {
            var page = await ObjectivePageAsync(code);
            position = Expect(text, page.Title, position, code);
            foreach (var kpi in page.Groups.SelectMany(g => g.Kpis))
            {
                position = Expect(text, kpi.Name, position, kpi.Code);
                position = Expect(text, kpi.Target, position, $"{kpi.Code} target");
                position = Expect(text, kpi.Actual, position, $"{kpi.Code} valore raggiunto");
                position = Expect(text, kpi.Score.Display, position, $"{kpi.Code} grado di raggiungimento");
            }
        }
    }

    [Fact]
    public async Task ShowsTheSameOverallScoreCoverageAndApprovalActAsThePortalGivenThe2019Plan()
    {
        var text = Text(await DownloadAsync(Roles.Executive, "/piani/2019/consuntivo.pdf"));

        Assert.Contains("Piano degli Obiettivi 2019 — Consuntivo", text);
        Assert.Contains("100,0 %", text);
        Assert.Contains("35 KPI rilevati su 35", text);
        Assert.Contains("Delibera di Giunta n. 501 del 14/04/2020", text);
        Assert.Contains("Consuntivo (31/12/2019)", text);
        foreach (var heading in new[] { "Indice", "Sintesi", "Metodologia", "Atto di approvazione", "Area più pulita" })
        {
            Assert.Contains(heading, text);
        }

        Assert.DoesNotContain("BOZZA", text);
    }

    [Fact]
    public async Task KeepsThePageCountGivenTheSamePlanExportedTwice()
    {
        using var first = PdfDocument.Open(await DownloadAsync(Roles.Executive, "/piani/2019/consuntivo.pdf"));
        using var second = PdfDocument.Open(await DownloadAsync(Roles.PlanningOffice, "/piani/2019/consuntivo.pdf"));

        Assert.True(first.NumberOfPages > 5);
        Assert.Equal(first.NumberOfPages, second.NumberOfPages);
    }

    [Fact]
    public async Task DrawsEveryLetterInsideThePageWithEmbeddedFontsGivenThe2019Plan()
    {
        var bytes = await DownloadAsync(Roles.Executive, "/piani/2019/consuntivo.pdf");
        using var pdf = PdfDocument.Open(bytes);

        foreach (var page in pdf.GetPages())
        {
            foreach (var letter in page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
            {
                var box = letter.BoundingBox;
                Assert.True(
                    box.Left >= 0 && box.Bottom >= 0 && box.Right <= page.Width && box.Top <= page.Height,
                    $"«{letter.Value}» on page {page.Number} is outside the page: {box}");
            }
        }

        var descriptors = FontDescriptor().Matches(System.Text.Encoding.Latin1.GetString(bytes));
        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d => Assert.Contains("/FontFile2", d.Value));
    }

    [Fact]
    public async Task DeclaresPdfAConformanceGivenTheArchivalFormat()
    {
        var bytes = await DownloadAsync(Roles.Executive, "/piani/2019/consuntivo.pdf?formato=pdfa");

        var raw = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.Contains("<pdfaid:part>", raw);
        Assert.Contains("/OutputIntents", raw);
        Assert.Contains((await ObjectivePageAsync("SOL-01")).Title, Text(bytes));
    }

    [Fact]
    public async Task ContainsOnlyItsOwnObjectivesGivenTheDirezioneCasaVariant()
    {
        var client = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");

        var response = await client.GetAsync("/piani/2019/direzioni/casa/consuntivo.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PDO-2019-consuntivo-casa.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains((await ObjectivePageAsync("DIR-CASA-01")).Title, text);
        Assert.Contains("Direzione Casa", text);
        foreach (var other in ObjectiveCodes.Where(c => c != "DIR-CASA-01"))
        {
            Assert.DoesNotContain((await ObjectivePageAsync(other)).Title, text);
        }
    }

    [Fact]
    public async Task ContainsOnlyTheSectionsObjectivesGivenTheSectionVariant()
    {
        var text = Text(await DownloadAsync(Roles.Executive, "/piani/2019/sezioni/FUN/consuntivo.pdf"));

        Assert.Contains((await ObjectivePageAsync("FUN-01")).Title, text);
        Assert.Contains((await ObjectivePageAsync("FUN-02")).Title, text);
        Assert.DoesNotContain((await ObjectivePageAsync("SOL-01")).Title, text);
        Assert.DoesNotContain((await ObjectivePageAsync("DIR-CASA-01")).Title, text);
    }

    [Fact]
    public async Task ForbidsTheCasaVariantGivenTheDirettoreOfCultura()
    {
        var client = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CULTURA");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/piani/2019/direzioni/CASA/consuntivo.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/piani/2019/consuntivo.pdf")).StatusCode);
    }

    [Theory]
    [InlineData("/piani/1999/consuntivo.pdf")]
    [InlineData("/piani/2019/sezioni/NESSUNA/consuntivo.pdf")]
    [InlineData("/piani/2019/direzioni/NESSUNA/consuntivo.pdf")]
    [InlineData("/piani/2019/consuntivo.pdf?periodo=NESSUNO")]
    public async Task AnswersNotFoundGivenAnUnknownPlanSectionDirezioneOrPeriod(string url)
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task ShowsTheDownloadButtonOnlyToUsersAllowedToExportGivenThePlanAndDirezionePages()
    {
        var giunta = await factory.CreateClientAsAsync(Roles.Executive);
        var casa = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");

        Assert.Contains("href=\"/piani/2019/consuntivo.pdf\"", await giunta.GetStringAsync("/piani/2019"));
        Assert.Contains("href=\"/piani/2019/sezioni/DIR/consuntivo.pdf\"", await giunta.GetStringAsync("/piani/2019/sezioni/DIR"));
        Assert.DoesNotContain("consuntivo.pdf", await giunta.GetStringAsync("/piani/2019/aree/DIGITALE"));
        Assert.DoesNotContain("consuntivo.pdf", await casa.GetStringAsync("/piani/2019"));
        Assert.Contains("href=\"/piani/2019/direzioni/CASA/consuntivo.pdf\"", await casa.GetStringAsync("/piani/2019/direzioni/CASA"));
        Assert.DoesNotContain("consuntivo.pdf", await casa.GetStringAsync("/piani/2019/direzioni/CULTURA"));
        Assert.Contains("Scarica il consuntivo (PDF)", await casa.GetStringAsync("/piani/2019/direzioni/CASA"));
    }

    [Fact]
    public async Task PrintsTheBozzaWatermarkAndTheMonitoringPeriodGivenAPlanNotYetApproved()
    {
        await ImportDraftAsync(2021);

        var bytes = await DownloadAsync(Roles.Executive, "/piani/2021/consuntivo.pdf");

        var text = Text(bytes);
        Assert.Contains("BOZZA", text);
        Assert.Contains("Monitoraggio intermedio (30/06/2021)", text);
        Assert.Contains("In monitoraggio", text);
        using var pdf = PdfDocument.Open(bytes);
        Assert.All(pdf.GetPages(), p => Assert.Contains("BOZZA", p.Text));
    }

    [Fact]
    public async Task PrintsProvisionalWithCoverageNotRaggiuntoOnTheCoverGivenAPlanWithOneKpiOf35Measured()
    {
        await ImportDraftAsync(2023, measuredKpis: 1);

        var bytes = await DownloadAsync(Roles.Executive, "/piani/2023/consuntivo.pdf");

        var text = Text(bytes);
        var cover = text[..text.IndexOf("Indice", StringComparison.Ordinal)];
        Assert.Contains("100,0 %", cover);
        Assert.Contains("Provvisorio — 1 KPI rilevato su 35", cover);
        Assert.DoesNotContain("Raggiunto", cover);
        Assert.DoesNotContain("1 KPI rilevati", text);
    }

    [Fact]
    public async Task LabelsTheChartAxisLikeThePagesGivenThe2019Plan()
    {
        var text = Text(await DownloadAsync(Roles.Executive, "/piani/2019/consuntivo.pdf"));

        Assert.Contains("0 % 25 % 50 % 75 % 100 %", text);
    }

    [Fact]
    public async Task ServesPageViewsWhileTwoExportsAreRenderingGivenABlockedRenderer()
    {
        var renderer = new GatedRenderer();
        // A cache folder of its own: the 2019 PDFs kept by the other tests would be sent without rendering.
        using var gated = factory.WithWebHostBuilder(b => b
            .UseSetting("Reports:CacheFolder", Path.Combine(factory.DataDirectory, "pdf-gated"))
            .ConfigureTestServices(s => s.AddSingleton<ConsuntivoRenderer>(renderer)));
        var exporter = CreateClient(gated, Roles.Executive);
        var reader = CreateClient(gated, Roles.Executive);

        var first = exporter.GetAsync("/piani/2019/consuntivo.pdf");
        var second = exporter.GetAsync("/piani/2019/direzioni/CASA/consuntivo.pdf");
        await renderer.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var page = await reader.GetAsync("/piani/2019").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(first.IsCompleted && second.IsCompleted, "The exports were expected to be still rendering.");

        renderer.Release.SetResult();
        var responses = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses, r => Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType));
    }

    private static HttpClient CreateClient(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string role)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        });
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, role);
        return client;
    }

    private async Task<byte[]> DownloadAsync(string role, string url)
    {
        var client = await factory.CreateClientAsAsync(role);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<ObjectiveViewModel> ObjectivePageAsync(string code)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var model = await scope.ServiceProvider.GetRequiredService<ObjectiveService>().DetailsAsync(2019, code, null, CancellationToken.None);
        return model ?? throw new InvalidOperationException($"No objective {code}");
    }

    /// <summary>
    /// A copy of the 2019 plan as year <paramref name="year"/>, in monitoring, with the results at the interim period
    /// (only those of the first <paramref name="measuredKpis"/> KPIs when given).
    /// </summary>
    private async Task ImportDraftAsync(int year, int? measuredKpis = null)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "pdo-2019-milano.json"));
        var tree = JsonNode.Parse(json.Replace("2019", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject();
        tree["status"] = "Monitoring";
        tree.Remove("approvalAct");
        foreach (var result in tree["objectives"]!.AsArray().SelectMany(o => o!["kpis"]!.AsArray()).SelectMany(k => k!["results"]?.AsArray() ?? []))
        {
            result!["period"] = "INT";
        }

        if (measuredKpis is int keep)
        {
            foreach (var kpi in tree["objectives"]!.AsArray().SelectMany(o => o!["kpis"]!.AsArray()).Skip(keep))
            {
                kpi!.AsObject().Remove("results");
            }
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(tree.ToJsonString()));
        var result2 = await importer.ImportAsync(stream, "test");
        Assert.True(result2.Outcome is PlanImportOutcome.Imported or PlanImportOutcome.AlreadyPresent, string.Join("; ", result2.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }

    /// <summary>
    /// The text of every page in content-stream order (the order the document is drawn and tagged in: cell after
    /// cell, line after line), a space between runs that do not touch, whitespace collapsed.
    /// </summary>
    internal static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = new System.Text.StringBuilder();
        foreach (var page in document.GetPages())
        {
            UglyToad.PdfPig.Content.Letter? previous = null;
            foreach (var letter in page.Letters)
            {
                if (previous is not null
                    && (Math.Abs(letter.StartBaseLine.Y - previous.EndBaseLine.Y) > 0.5 || Math.Abs(letter.StartBaseLine.X - previous.EndBaseLine.X) > 0.5))
                {
                    text.Append(' ');
                }

                text.Append(letter.Value);
                previous = letter;
            }

            text.Append(' ');
        }

        return Regex.Replace(text.ToString(), @"\s+", " ");
    }

    private static int Expect(string text, string value, int from, string what)
    {
        var normalized = Regex.Replace(value, @"\s+", " ").Trim();
        var index = text.IndexOf(normalized, from, StringComparison.Ordinal);
        Assert.True(index >= 0, $"{what}: «{normalized}» not found after position {from}: …{text.Substring(from, Math.Min(300, text.Length - from))}…");
        return index + normalized.Length;
    }

    [GeneratedRegex(@"/Type\s*/FontDescriptor.*?>>", RegexOptions.Singleline)]
    private static partial Regex FontDescriptor();

    /// <summary>Holds every render until released, on the rendering thread (never on a pool thread).</summary>
    private sealed class GatedRenderer() : ConsuntivoRenderer(NullLogger<ConsuntivoRenderer>.Instance)
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override int Write(ConsuntivoReport report, Stream output, Pdo.Reporting.Layout.RenderOptions options)
        {
            Started.TrySetResult();
            Release.Task.Wait();
            return base.Write(report, output, options);
        }
    }
}
