using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>A new plan's structure from the plan export (<c>/piani/{anno}/esporta.xlsx</c>), edited and loaded on <c>/piani/importa</c>.</summary>
public sealed class PlanWorkbookImportTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task ReturnsThe2019ObjectivesKpisTargetsAndWeightsGivenThe2019ExportWithTheYearChanged()
    {
        using var editor = new PlanWorkbookEditor(await ExportAsync());
        var file = editor.Number("Piano", $"D{editor.PlanRow("Anno")}", 2031).Save();

        var response = await UploadAsync(file, "pdo-2031.xlsx");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, html[html.IndexOf("<main", StringComparison.Ordinal)..]);
        Assert.Contains("Piano 2031 importato: 12 obiettivi e 35 KPI.", html);
        var (old, copy) = await factory.WithDbAsync(async db => (await LoadAsync(db, 2019), await LoadAsync(db, 2031)));
        Assert.Equal(PlanStatus.Draft, copy.Status);
        Assert.Equal((old.LowerIsBetterFormula, old.PartiallyAchievedFrom, old.RequireFourEyesReview), (copy.LowerIsBetterFormula, copy.PartiallyAchievedFrom, copy.RequireFourEyesReview));
        Assert.Equal(old.Periods.Select(p => (p.Code, p.Name, p.EndDate.AddYears(12), p.IsFinal)), copy.Periods.Select(p => (p.Code, p.Name, p.EndDate, p.IsFinal)));
        Assert.Equal(old.Categories.Select(c => (c.Code, c.Name)), copy.Categories.Select(c => (c.Code, c.Name)));
        Assert.Equal(old.Areas.Select(a => (a.Code, a.Name)), copy.Areas.Select(a => (a.Code, a.Name)));
        Assert.Equal(Objectives(old), Objectives(copy));
        Assert.Equal(Kpis(old), Kpis(copy));
        Assert.Empty(copy.Objectives.SelectMany(o => o.Kpis).SelectMany(k => k.Results));
        var percent = copy.Objectives.SelectMany(o => o.Kpis).Single(k => k.Code == "SOL-01.1");
        Assert.Equal(("70%", 70m, 1m), (percent.TargetText, percent.TargetValue, percent.Weight));
    }

    [Fact]
    public async Task ImportsOnceGivenTheSameWorkbookUploadedTwice()
    {
        using var editor = new PlanWorkbookEditor(await ExportAsync());
        var file = editor.Number("Piano", $"D{editor.PlanRow("Anno")}", 2032).Save();

        var first = await UploadAsync(file, "pdo-2032.xlsx");
        var second = await UploadAsync(file, "pdo-2032.xlsx");

        Assert.Contains("Piano 2032 importato", WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync()));
        Assert.Contains("Il piano 2032 è già presente: nessuna modifica.", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Plans.CountAsync(p => p.Year == 2032)));
    }

    [Fact]
    public async Task NamesTheSheetCellAndKpiAndSavesNothingGivenATargetThatIsNotAValue()
    {
        using var editor = new PlanWorkbookEditor(await ExportAsync());
        var row = editor.KpiRow("SOL-01.1");
        var file = editor.Number("Piano", $"D{editor.PlanRow("Anno")}", 2033).Text("KPI", $"J{row}", "tre").Save();
        var before = await CountsAsync();

        var response = await UploadAsync(file, "pdo-2033.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("rifiutato, nessuna modifica", html);
        Assert.Contains($"<code>KPI!J{row} (KPI SOL-01.1)</code>", html);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task NamesTheObjectiveCellGivenASectionCodeNotInThePlanSheet()
    {
        using var editor = new PlanWorkbookEditor(await ExportAsync());
        var row = editor.KpiRow("SOL-01.1");
        var column = editor.KpiColumn("Codice sezione");
        var file = editor.Number("Piano", $"D{editor.PlanRow("Anno")}", 2034).Text("KPI", $"{column}{row}", "NUOVA").Save();

        var response = await UploadAsync(file, "pdo-2034.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<code>KPI!{column}{row} (obiettivo SOL-01)</code>", html);
        Assert.Contains("Nessuna sezione con il codice «NUOVA»", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Plans.CountAsync(p => p.Year == 2034)));
    }

    [Fact]
    public async Task RefusesTheCellAndSavesNothingGivenAFormulaInAValueCell()
    {
        using var editor = new PlanWorkbookEditor(await ExportAsync());
        var row = editor.KpiRow("SOL-02.1");
        var file = editor.Number("Piano", $"D{editor.PlanRow("Anno")}", 2035).Formula("KPI", $"K{row}", "1+0").Save();
        var before = await CountsAsync();

        var response = await UploadAsync(file, "formula.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<code>KPI!K{row}</code>: La cella contiene una formula: scrivere il valore (KPI SOL-02.1).", html);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("J1", "Valore", "<code>KPI!J1</code>: attesa la colonna «Target»")]
    [InlineData("", "", "Manca la colonna «Codice sezione»")]
    public async Task RefusesTheFileAndSavesNothingGivenAMovedOrMissingColumn(string reference, string header, string message)
    {
        using var editor = new PlanWorkbookEditor(await ExportAsync());
        editor.Number("Piano", $"D{editor.PlanRow("Anno")}", 2036);
        var file = editor.Text("KPI", reference.Length > 0 ? reference : $"{editor.KpiColumn("Codice sezione")}1", header).Save();
        var before = await CountsAsync();

        var response = await UploadAsync(file, "colonne.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("not-xlsx", "non è una cartella di lavoro Excel (.xlsx)")]
    [InlineData("damaged", "danneggiato")]
    [InlineData("password", "protetto da password")]
    [InlineData("macro", "contiene macro")]
    [InlineData("bomb", "una volta decompresso, è troppo grande")]
    public async Task RefusesInItalianAndSavesNothingGivenABadFile(string kind, string message)
    {
        var file = kind switch
        {
            "not-xlsx" => Encoding.UTF8.GetBytes("Sezione;Obiettivo\nSOL;Piano\n"),
            "damaged" => Encoding.UTF8.GetBytes("PK\u0003\u0004 non è davvero uno zip"),
            "password" => BadWorkbooks.PasswordProtected,
            "macro" => MacroEnabled(await ExportAsync()),
            _ => await BadWorkbooks.ZipBombAsync(),
        };
        var before = await CountsAsync();

        var response = await UploadAsync(file, "piano.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await CountsAsync());
    }

    private static byte[] MacroEnabled(byte[] workbook)
    {
        using var editor = new PlanWorkbookEditor(workbook);
        return editor.MacroEnabled().Save();
    }

    private static IEnumerable<string> Objectives(PerformancePlan plan) => plan.Objectives.Select(o =>
        $"{o.Code}|{o.Title}|{o.Category!.Code}|{o.Area?.Code}|{o.Directorate?.Code}|{o.Weight}|{o.Kpis.Count}");

    private static IEnumerable<string> Kpis(PerformancePlan plan) => plan.Objectives.SelectMany(o => o.Kpis).Select(k =>
        $"{k.Code}|{k.Name}|{k.Group}|{k.Kind}|{k.ValueKind}|{k.Unit}|{k.Direction}|{k.Comparator}|{k.TargetText}|{k.TargetValue}|{k.Deadline}|{k.Baseline}|{k.Weight}|{k.Method}|{k.BandsText}|{k.PenaltyPerDay}");

    private static Task<PerformancePlan> LoadAsync(Pdo.Infrastructure.Data.AppDbContext db, int year) => db.Plans
        .Include(p => p.Periods).Include(p => p.Categories).Include(p => p.Areas)
        .Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results)
        .Include(p => p.Objectives).ThenInclude(o => o.Directorate)
        .AsSplitQuery().SingleAsync(p => p.Year == year);

    private async Task<byte[]> ExportAsync()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        return await client.GetByteArrayAsync("/piani/2019/esporta.xlsx");
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName)
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var token = await PdoWebFactory.AntiforgeryTokenAsync(client, "/piani/importa");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", fileName);
        return await client.PostAsync("/piani/importa", content);
    }

    private Task<(int Plans, int Kpis)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.Plans.CountAsync(), await db.Kpis.CountAsync()));
}
