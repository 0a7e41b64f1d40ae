using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Domain.Attainment;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Tests.Collection;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Reports;

/// <summary>The plan in Excel (<c>/piani/{anno}/esporta.xlsx</c>, per Direzione <c>/direzioni/{codice}/esporta.xlsx</c>), read back with the SDK.</summary>
public sealed class PlanWorkbookTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task ReturnsNumbersAsNumbersAndDatesAsDatesGivenThe2019Export()
    {
        using var workbook = await OpenAsync(Roles.Executive, "/piani/2019/esporta.xlsx");

        var sheet = ResultsTemplateTests.Sheet(workbook, "KPI");
        var header = ResultsTemplateTests.Rows(sheet)[0];
        Assert.Equal(["Sezione", "Area strategica", "Direzione", "Codice obiettivo", "Obiettivo", "Codice KPI", "KPI", "Unità", "Comparatore", "Target", "Peso del KPI"], header.Take(11));
        Assert.Equal(["INT valore", "INT punteggio", "INT stato", "INT motivazione", "INT revisione", "FIN valore", "FIN punteggio", "FIN stato", "FIN motivazione", "FIN revisione"], header.Skip(11).Take(10));
        Assert.Equal(
            ["INT punteggio calcolato", "INT punteggio forzato", "INT motivo della forzatura", "INT forzatura approvata da", "FIN punteggio calcolato", "FIN punteggio forzato", "FIN motivo della forzatura", "FIN forzatura approvata da"],
            header.Skip(21).Take(8));
        Assert.Equal(Pdo.Infrastructure.PlanImport.PlanWorkbookLayout.StructureColumns, header.Skip(29));
        var rows = sheet.Descendants<Row>().Skip(1).ToDictionary(r => Text(r.Elements<Cell>().ElementAt(5)));
        Assert.Equal(35, rows.Count);

        var percent = rows["SOL-01.1"].Elements<Cell>().ToList();
        Assert.Equal((null, "70"), (percent[9].DataType?.Value, percent[9].CellValue?.Text));
        Assert.Equal((null, "91.1"), (percent[16].DataType?.Value, percent[16].CellValue?.Text));
        Assert.Equal(("100", "#,##0.0"), (percent[17].CellValue?.Text, FormatCode(workbook, percent[17])));
        Assert.Equal("Raggiunto", Text(percent[18]));
        Assert.Equal("%", Text(percent[7]));

        var deadline = rows["SOL-03.2"].Elements<Cell>().ToList();
        Assert.Equal(new DateTime(2019, 12, 31).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), deadline[9].CellValue!.Text);
        Assert.Equal("dd/mm/yyyy", FormatCode(workbook, deadline[9]));
        Assert.Equal("SI", Text(deadline[16]));
    }

    [Fact]
    public async Task FreezesTheHeaderAndFiltersGivenTheKpiSheet()
    {
        using var workbook = await OpenAsync(Roles.PlanningOffice, "/piani/2019/esporta.xlsx");

        foreach (var name in new[] { "KPI", "Riepilogo" })
        {
            var sheet = ResultsTemplateTests.Sheet(workbook, name);
            var pane = sheet.Descendants<Pane>().Single();
            Assert.Equal((PaneStateValues.Frozen, 1d), (pane.State!.Value, pane.VerticalSplit!.Value));
            Assert.StartsWith("A1:", sheet.Elements<AutoFilter>().Single().Reference!.Value);
            Assert.All(sheet.Descendants<Column>(), c => Assert.True(c.CustomWidth!.Value && c.Width!.Value > 0));
        }

        Assert.Equal("A1:AP36", ResultsTemplateTests.Sheet(workbook, "KPI").Elements<AutoFilter>().Single().Reference!.Value);
        Assert.Equal(["KPI", "Riepilogo", "Leggimi", "Piano"], workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
    }

    [Fact]
    public async Task ReturnsTheScorecardsPlanScoreGivenTheRollUpSheet()
    {
        using var workbook = await OpenAsync(Roles.Executive, "/piani/2019/esporta.xlsx");
        await using var scope = factory.Services.CreateAsyncScope();
        var scorecards = scope.ServiceProvider.GetRequiredService<ScorecardService>();
        var final = ScoreViewModel.From((await scorecards.LoadAsync(2019, "FIN", default))!.Overall);
        var interim = ScoreViewModel.From((await scorecards.LoadAsync(2019, "INT", default))!.Overall);

        var rows = ResultsTemplateTests.Rows(ResultsTemplateTests.Sheet(workbook, "Riepilogo"));
        Assert.Equal(["Livello", "Codice", "Nome", "INT punteggio", "INT stato", "INT copertura", "FIN punteggio", "FIN stato", "FIN copertura"], rows[0]);
        var plan = rows[1];
        Assert.Equal(("Piano", "2019"), (plan[0], plan[1]));
        Assert.Equal(Number(final.Value), plan[6]);
        Assert.Equal((final.StatusLabel, final.Coverage), (plan[7], plan[8]));
        Assert.Equal((Number(interim.Value), interim.StatusLabel), (plan[3], plan[4]));
        Assert.Contains(rows, r => r[0] == "Direzione" && r[1] == "CASA");
        Assert.Contains(rows, r => r[0] == "Obiettivo" && r[1] == "DIR-CASA-01");
    }

    [Fact]
    public async Task NamesTheRuleBookVersionOfTheDocsGivenTheReadme()
    {
        using var workbook = await OpenAsync(Roles.Administrator, "/piani/2019/esporta.xlsx");

        var readme = ResultsTemplateTests.Rows(ResultsTemplateTests.Sheet(workbook, "Leggimi")).ToDictionary(r => r[0], r => r.ElementAtOrDefault(1) ?? string.Empty);
        Assert.StartsWith($"Versione {AttainmentRules.RuleBookVersion} ", readme["Regole di calcolo"]);
        Assert.EndsWith("(ora di Roma)", readme["Esportato il"]);
        Assert.Contains("{periodo} punteggio", readme.Keys);
        Assert.StartsWith("Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/", readme["Licenza"]);
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "attainment.md"));
        Assert.Contains($"Rule book version {AttainmentRules.RuleBookVersion} ", docs);
    }

    [Fact]
    public async Task ReturnsOnlyTheDirezionesRowsGivenItsDirettore()
    {
        using var workbook = await OpenAsync(Roles.DirectorateManager, "/piani/2019/direzioni/CASA/esporta.xlsx", "CASA");

        var kpis = ResultsTemplateTests.Rows(ResultsTemplateTests.Sheet(workbook, "KPI")).Skip(1).ToList();
        Assert.Equal(["DIR-CASA-01.1", "DIR-CASA-01.2", "DIR-CASA-01.3"], kpis.Select(r => r[5]));
        var rollUps = ResultsTemplateTests.Rows(ResultsTemplateTests.Sheet(workbook, "Riepilogo")).Skip(1).ToList();
        Assert.Equal([("Direzione", "CASA"), ("Obiettivo", "DIR-CASA-01")], rollUps.Select(r => (r[0], r[1])));
    }

    [Fact]
    public async Task ReturnsTheDirezioneFileGivenItsCodeInLowerCase()
    {
        var response = await (await factory.CreateClientAsAsync(Roles.Executive)).GetAsync("/piani/2019/direzioni/casa/esporta.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PDO-2019-CASA.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
    }

    [Theory]
    [InlineData("/piani/2019/sezioni/DIR/esporta.xlsx")]
    [InlineData("/piani/2031/esporta.xlsx")]
    [InlineData("/piani/2019/direzioni/NESSUNA/esporta.xlsx")]
    public async Task ReturnsNotFoundGivenNoSuchExport(string url)
    {
        var response = await (await factory.CreateClientAsAsync(Roles.Executive)).GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/piani/2019/direzioni/CULTURA/esporta.xlsx")]
    [InlineData("/piani/2019/esporta.xlsx")]
    public async Task ReturnsForbiddenGivenADirettoreOfAnotherDirezione(string url)
    {
        var direttore = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");

        var response = await direttore.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task LinksTheExportGivenThePlanPage()
    {
        var html = await (await factory.CreateClientAsAsync(Roles.Executive)).GetStringAsync("/piani/2019");

        Assert.Contains("href=\"/piani/2019/esporta.xlsx\" download>Scarica in Excel (.xlsx)</a>", html);
    }

    private async Task<SpreadsheetDocument> OpenAsync(string role, string url, params string[] directorates)
    {
        var response = await (await factory.CreateClientAsAsync(role, directorates)).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        return SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
    }

    private static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;

    private static string Number(decimal? value) => value is decimal v ? ((double)v).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;

    private static string FormatCode(SpreadsheetDocument workbook, Cell cell)
    {
        var styles = workbook.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var id = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0)).NumberFormatId?.Value ?? 0;
        return styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value!;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Pdo.sln")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }
}
