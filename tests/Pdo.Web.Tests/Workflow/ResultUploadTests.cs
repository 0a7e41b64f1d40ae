using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>Results collected in the spreadsheet template: upload, preview, confirm; bad files and conflicts save nothing.</summary>
public sealed partial class ResultUploadTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePlan2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReturnsResultsSavedAndAuditedWithTheFileNameGivenAGoodUploadConfirmed()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var file = new ResultsWorkbookBuilder().For(2020, "INT", "CASA")
            .Row("DIR-CASA-01", "DIR-CASA-01.1", null, "100%")
            .Row("DIR-CASA-01", "DIR-CASA-01.2", null, "1.003")
            .Row("DIR-CASA-01", "DIR-CASA-01.3", null, null)
            .Build();

        var preview = await UploadAsync(client, 2020, file, "casa-giugno.xlsx");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await preview.Content.ReadAsStringAsync();
        Assert.Contains("Anteprima dei risultati da salvare", page);
        Assert.Contains("1.003", page);
        Assert.Contains("Conferma e salva 2 risultati", page);
        Assert.Empty(await ResultsAsync("DIR-CASA-01"));

        var confirm = await ConfirmAsync(client, page);

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Contains("2 risultati salvati dal file casa-giugno.xlsx", await client.GetStringAsync(confirm.Headers.Location));
        var results = await ResultsAsync("DIR-CASA-01");
        Assert.Equal([100m, 1003m], results.Select(r => r.Value!.Value));
        Assert.All(results, r => Assert.Equal(ResultStatus.Entered, r.Status));
        var reasons = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Reason != null && a.Reason.Contains("casa-giugno.xlsx")).CountAsync());
        Assert.True(reasons > 0, "No audit row carries the file name");
    }

    [Fact]
    public async Task ReturnsTheCellAndKpiRefusedAndNothingSavedGivenABadValue()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var file = new ResultsWorkbookBuilder().For(2020, "INT", "ECONOMIA")
            .Row("DIR-ECON-01", "DIR-ECON-01.1", null, "300")
            .Row("DIR-ECON-01", "DIR-ECON-01.2", null, "dieci")
            .Build();

        var response = await UploadAsync(client, 2020, file, "economia.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Risultati!J3 (KPI DIR-ECON-01|DIR-ECON-01.2", page);
        Assert.Contains("Valore non riconosciuto", page);
        Assert.Contains("nessun risultato salvato", page);
        Assert.Empty(await ResultsAsync("DIR-ECON-01"));
    }

    [Fact]
    public async Task ReturnsAConflictNotSavedGivenARowChangedInThePortalSinceTheDownload()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await ResultForm.SaveAsync(factory, client, 2020, "DIR-CULT-01", "INT", ("100%", null), ("3", null), ("8", null));
        var stored = await ResultsAsync("DIR-CULT-01");
        var file = new ResultsWorkbookBuilder().For(2020, "INT", "CULTURA")
            .Row("DIR-CULT-01", "DIR-CULT-01.1", Guid.NewGuid(), "90%", "Un ritardo.")
            .Row("DIR-CULT-01", "DIR-CULT-01.3", stored[2].Version, "9")
            .Build();

        var preview = await UploadAsync(client, 2020, file, "cultura.xlsx");
        var page = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());

        Assert.Contains("Conflitto: non salvato", page);
        Assert.Contains("Risultati!J2 – DIR-CULT-01 DIR-CULT-01.1", page);
        Assert.Contains("Conferma e salva 1 risultato", page);
        var confirm = await ConfirmAsync(client, page);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var results = await ResultsAsync("DIR-CULT-01");
        Assert.Equal([100m, 3m, 9m], results.Select(r => r.Value!.Value));
        Assert.Equal(stored[0].Version, results[0].Version);
    }

    [Fact]
    public async Task ReturnsRefusedGivenADirettoreUploadingAnotherDirezionesFile()
    {
        var client = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");
        var file = new ResultsWorkbookBuilder().For(2020, "INT", "SOCIALI")
            .Row("DIR-SOC-01", "DIR-SOC-01.1", null, "SI")
            .Build();

        var response = await UploadAsync(client, 2020, file, "sociali.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("non si possono inserire i suoi risultati con questo utente", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await ResultsAsync("DIR-SOC-01"));
    }

    [Theory]
    [InlineData("PK\u0003\u0004 non è davvero uno zip", "danneggiato")]
    [InlineData("Chiave;Nuovo valore\n", "non è una cartella di lavoro Excel")]
    public async Task ReturnsAnItalianRefusalGivenADamagedFile(string content, string message)
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await UploadAsync(client, 2020, Encoding.UTF8.GetBytes(content), "rotto.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ReturnsAnItalianRefusalGivenAPasswordProtectedFile()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await UploadAsync(client, 2020, BadWorkbooks.PasswordProtected, "protetto.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("protetto da password", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ReturnsAnItalianRefusalGivenAZipBomb()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var response = await UploadAsync(client, 2020, await BadWorkbooks.ZipBombAsync(), "bomba.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("una volta decompresso, è troppo grande", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ReturnsRefusedAndNothingSavedGivenAFileOfAnotherPlan()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var otherYear = new ResultsWorkbookBuilder().For(2019, "FIN", "SOCIALI").Row("DIR-SOC-02", "DIR-SOC-02.1", null, "SI").Build();

        var response = await UploadAsync(client, 2020, otherYear, "vecchio.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Il file è il modello del piano 2019, non del piano 2020.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await ResultsAsync("DIR-SOC-02"));
    }

    [Fact]
    public async Task ReturnsTheCellRefusedGivenAFormulaInNuovoValore()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var file = new ResultsWorkbookBuilder().For(2020, "INT", "ENTE").FormulaRow("FUN-02", "FUN-02.2", "SUM(1,0)").Build();

        var response = await UploadAsync(client, 2020, file, "formula.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Risultati!J2 (KPI FUN-02|FUN-02.2", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Contains("la cella contiene una formula", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await ResultsAsync("FUN-02"));
    }

    [Fact]
    public async Task ReturnsTheUploadRefusedGivenAnotherUsersUploadId()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var file = new ResultsWorkbookBuilder().For(2020, "INT", "ENTE").Row("FUN-01", "FUN-01.1", null, "5%").Build();
        var page = await (await UploadAsync(office, 2020, file, "ente-fun.xlsx")).Content.ReadAsStringAsync();
        var other = await factory.CreateClientAsUserAsync($"altro.{Guid.NewGuid():N}@pdo.local", Roles.PlanningOffice);

        var response = await ConfirmAsync(other, page);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("non è più disponibile", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await ResultsAsync("FUN-01"));
    }

    [Fact]
    public async Task ReturnsTheValueSavedTheItalianWayGivenANumericCell()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var file = new ResultsWorkbookBuilder().For(2020, "INT", "ENTE").NumberRow("GES-01", "GES-01.2", null, 35.5m).Build();

        var preview = await UploadAsync(client, 2020, file, "ente.xlsx");
        var page = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("35,5", page);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, page)).StatusCode);

        var result = Assert.Single(await ResultsAsync("GES-01"));
        Assert.Equal(35.5m, result.Value);
        Assert.Equal("35,5", result.ActualText);
    }

    [Fact]
    public async Task ReturnsTheResultSavedGivenThePortalsOwnTemplateFilledInAndUploaded()
    {
        // The round trip: the template as the portal writes it, one value typed in «Nuovo valore», uploaded back.
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var template = await client.GetByteArrayAsync("/piani/2020/raccolta/CULTURA/modello.xlsx?periodo=INT");
        var typed = ResultsTemplateFiller.Current(template, "DIR-CULT-01|DIR-CULT-01.3") == "11" ? "12" : "11"; // target 8: a change, fully met
        var edited = ResultsTemplateFiller.Fill(template, new Dictionary<string, string> { ["DIR-CULT-01|DIR-CULT-01.3"] = typed });

        var preview = await UploadAsync(client, 2020, edited, "cultura-giugno.xlsx");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewPage = await preview.Content.ReadAsStringAsync();
        Assert.True(UploadIdPattern().IsMatch(previewPage), System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(previewPage[previewPage.IndexOf("<main", StringComparison.Ordinal)..], "<[^>]+>", " ")));
        var confirm = await ConfirmAsync(client, previewPage);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var saved = await factory.WithDbAsync(db => db.KpiResults
            .Where(r => r.Kpi!.Code == "DIR-CULT-01.3" && r.Kpi.Objective!.Plan!.Year == 2020 && r.Period!.Code == "INT")
            .Select(r => r.ActualText).SingleAsync());
        Assert.Equal(typed, saved);
    }

    /// <summary>Posts a file to the upload page as a browser does (multipart, with the antiforgery token).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int year, byte[] bytes, string fileName)
    {
        var token = await PdoWebFactory.AntiforgeryTokenAsync(client, $"/piani/{year}/raccolta/carica");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", fileName);
        return await client.PostAsync($"/piani/{year}/raccolta/carica", content);
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string previewPage)
    {
        var id = UploadIdPattern().Match(previewPage).Groups[1].Value;
        Assert.NotEmpty(id);
        return await PdoWebFactory.PostFormAsync(client, "/piani/2020/raccolta/carica", "/piani/2020/raccolta/conferma", [new("caricamento", id)]);
    }

    private Task<List<KpiResult>> ResultsAsync(string objective) => factory.WithDbAsync(db => db.KpiResults
        .Where(r => r.Kpi!.Objective!.Code == objective && r.Kpi.Objective.Plan!.Year == 2020 && r.Period!.Code == "INT")
        .OrderBy(r => r.Kpi!.SortOrder)
        .ToListAsync());

    [GeneratedRegex("name=\"caricamento\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex UploadIdPattern();
}
