using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Collection;

/// <summary>The results template of the shared contract (docs/architecture.md, "Results by spreadsheet"), read back with the SDK.</summary>
public sealed class ResultsTemplateTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>
{
    private const string CasaTemplate = "/piani/2020/raccolta/CASA/modello.xlsx?periodo=INT";

    [Fact]
    public async Task ReturnsTheContractFileNameGivenTheCasaTemplate()
    {
        await factory.EnsurePartialResults2020Async();
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await office.GetAsync(CasaTemplate);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PDO-2020-INT-CASA-risultati.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
    }

    [Fact]
    public async Task ReturnsTheHeadersKeysVersionsAndStoredValuesGivenTheCasaTemplate()
    {
        await factory.EnsurePartialResults2020Async();
        using var workbook = await OpenAsync(CasaTemplate);

        var sheet = Sheet(workbook, "Risultati");
        var rows = Rows(sheet);
        Assert.Equal(
            ["Chiave", "Versione", "Obiettivo", "Titolo obiettivo", "KPI", "Nome del KPI", "Unità", "Target", "Valore attuale", "Nuovo valore", "Motivazione dello scostamento"],
            rows[0]);
        var versions = await VersionsAsync("DIR-CASA-01");
        Assert.Equal(["DIR-CASA-01|DIR-CASA-01.1", "DIR-CASA-01|DIR-CASA-01.2", "DIR-CASA-01|DIR-CASA-01.3"], rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal(versions[r[4]], r[1]));
        var second = rows.Single(r => r[4] == "DIR-CASA-01.2");
        Assert.Equal(("720", string.Empty, "Cantieri in ritardo."), (second[8], second[9], second[10]));
        Assert.All(sheet.Descendants<Cell>(), c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));
    }

    [Fact]
    public async Task HidesTheKeyColumnsFreezesTheHeaderAndKeepsTextGivenTheCasaTemplate()
    {
        await factory.EnsurePartialResults2020Async();
        using var workbook = await OpenAsync(CasaTemplate);

        var sheet = Sheet(workbook, "Risultati");
        var columns = sheet.Descendants<Column>().ToList();
        Assert.Equal([true, true], columns.Take(2).Select(c => c.Hidden?.Value ?? false));
        Assert.All(columns.Skip(2), c => Assert.False(c.Hidden?.Value ?? false));
        Assert.All(columns, c => Assert.True(c.Width!.Value > 0));
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, 1d, "A2"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
        var formats = workbook.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        uint NumberFormat(uint? style) => formats[(int)(style ?? 0)].NumberFormatId?.Value ?? 0;
        Assert.Equal([49U, 49U], columns.Skip(9).Take(2).Select(c => NumberFormat(c.Style?.Value)));
        Assert.All(
            sheet.Descendants<Cell>().Where(c => c.CellReference!.Value![0] is 'J' or 'K' && c.CellReference.Value != "J1" && c.CellReference.Value != "K1"),
            c => Assert.Equal(49U, NumberFormat(c.StyleIndex?.Value)));
    }

    [Fact]
    public async Task ReturnsTheHiddenStateSheetAndTheInstructionsGivenTheCasaTemplate()
    {
        await factory.EnsurePartialResults2020Async();
        using var workbook = await OpenAsync(CasaTemplate);

        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Risultati", "Leggimi", "_pdo"], sheets.Select(s => s.Name!.Value));
        Assert.Equal(SheetStateValues.Hidden, sheets[2].State!.Value);
        var state = Rows(Sheet(workbook, "_pdo"));
        Assert.Equal(["anno", "periodo", "direzione", "generato"], state.Select(r => r[0]));
        Assert.Equal(["2020", "INT", "CASA"], state.Take(3).Select(r => r[1]));
        Assert.True(DateTimeOffset.TryParseExact(state[3][1], "yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _), state[3][1]);
        var readme = string.Join("\n", Rows(Sheet(workbook, "Leggimi")).Select(r => r[0]));
        Assert.Contains("Nuovo valore", readme);
        Assert.Contains("Direzione: ", readme);
        Assert.Contains("Periodo: ", readme);
        Assert.Contains("(ora di Roma)", readme);
    }

    [Fact]
    public async Task ReturnsTheObjectivesWithoutADirezioneGivenTheEnteTemplate()
    {
        await factory.EnsurePlan2020Async();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ente = (await db.Objectives.Include(o => o.Kpis).Where(o => o.Plan!.Year == 2020 && o.DirectorateId == null).ToListAsync())
            .SelectMany(o => o.Kpis.Select(k => o.Code + "|" + k.Code)).ToList();
        Assert.NotEmpty(ente);

        var response = await (await factory.CreateClientAsAsync(Roles.PlanningOffice)).GetAsync("/piani/2020/raccolta/ENTE/modello.xlsx?periodo=INT");

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Equal(ente.Order(StringComparer.Ordinal), Rows(Sheet(workbook, "Risultati")).Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/piani/2020/raccolta/NESSUNA/modello.xlsx?periodo=INT")]
    [InlineData("/piani/2020/raccolta/CASA/modello.xlsx?periodo=XYZ")]
    [InlineData("/piani/2020/raccolta/CASA/modello.xlsx")]
    [InlineData("/piani/2031/raccolta/CASA/modello.xlsx?periodo=INT")]
    public async Task ReturnsNotFoundGivenADirezionePeriodOrPlanNotInThePlan(string url)
    {
        await factory.EnsurePlan2020Async();

        var response = await (await factory.CreateClientAsAsync(Roles.PlanningOffice)).GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ReturnsForbiddenGivenADirettore()
    {
        await factory.EnsurePlan2020Async();
        var direttore = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");

        var response = await direttore.GetAsync(CasaTemplate);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ListsEachDirezioneTemplateAndTheUploadGivenTheCollectionPage()
    {
        await factory.EnsurePlan2020Async();

        var html = await (await factory.CreateClientAsAsync(Roles.PlanningOffice)).GetStringAsync("/piani/2020/raccolta");

        Assert.Contains("Raccolta dei risultati in Excel", html);
        Assert.Contains("href=\"/piani/2020/raccolta/CASA/modello.xlsx?periodo=INT\"", html);
        Assert.Contains("download=\"PDO-2020-INT-CASA-risultati.xlsx\"", html);
        Assert.Contains("href=\"/piani/2020/raccolta/carica\"", html);
    }

    [Fact]
    public async Task SaysNoPeriodIsOpenGivenAnApprovedPlan()
    {
        var html = await (await factory.CreateClientAsAsync(Roles.PlanningOffice)).GetStringAsync("/piani/2019/raccolta");

        Assert.Contains("Nessun periodo è aperto all'inserimento", html);
        Assert.DoesNotContain("modello.xlsx", html);
    }

    private async Task<SpreadsheetDocument> OpenAsync(string url)
    {
        var bytes = await (await factory.CreateClientAsAsync(Roles.PlanningOffice)).GetByteArrayAsync(url);
        return SpreadsheetDocument.Open(new MemoryStream(bytes), false);
    }

    private async Task<Dictionary<string, string>> VersionsAsync(string objectiveCode)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var kpis = await db.Kpis.Where(k => k.Objective!.Code == objectiveCode && k.Objective.Plan!.Year == 2020)
            .Select(k => new { k.Code, Versions = k.Results.Where(r => r.Period!.Code == "INT").Select(r => r.Version).ToList() })
            .ToListAsync();
        return kpis.ToDictionary(k => k.Code, k => k.Versions.Count == 0 ? string.Empty : k.Versions[0].ToString("D"));
    }

    internal static Worksheet Sheet(SpreadsheetDocument workbook, string name)
    {
        var sheet = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    /// <summary>The sheet's cells as text (inline strings, shared strings or values), row by row.</summary>
    internal static List<List<string>> Rows(Worksheet sheet) =>
        sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty).ToList()).ToList();
}
