using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;
using UglyToad.PdfPig;

namespace Pdo.Web.Tests.Workflow;

/// <summary>
/// The narratives on /piani/{anno}/obiettivi/{codice}/descrizione and /piani/{anno}/testi: written during monitoring
/// by the Direttore of the objective or the planning office, refused once approved, audited, on the page and in the PDF.
/// </summary>
public sealed partial class NarrativeTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    private const string CasaForm = "/piani/2020/obiettivi/DIR-CASA-01/descrizione";

    public Task InitializeAsync() => factory.EnsurePlan2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ShowsParagraphsAndAListAndWritesAnAuditRowGivenTheDirettoreEditingTheirObjectiveDuringMonitoring()
    {
        var casa = await factory.CreateClientAsUserAsync("direttore.casa@pdo.local", Roles.DirectorateManager, "CASA");
        var objectivePage = await casa.GetStringAsync("/piani/2020/obiettivi/DIR-CASA-01");
        Assert.Contains($"href=\"{CasaForm}\">Modifica descrizione</a>", objectivePage);
        var form = await casa.GetStringAsync(CasaForm);
        Assert.Contains("una riga vuota separa i paragrafi", form);

        var saved = await PostAsync(casa, CasaForm, CasaForm, "Nel 2020 sono stati recuperati 720 alloggi.\n\nInterventi principali:\n- Quarto Oggiaro\n- Gratosoglio\n\n<script>alert('x')</script>", "Fonte: SIAPI", await VersionAsync("DIR-CASA-01"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/piani/2020/obiettivi/DIR-CASA-01", saved.Headers.Location?.OriginalString);
        var page = await casa.GetStringAsync("/piani/2020/obiettivi/DIR-CASA-01");
        Assert.Contains("<p>Nel 2020 sono stati recuperati 720 alloggi.</p>", page);
        Assert.Matches(@"<p>Interventi principali:</p>\s*<ul>\s*<li>Quarto Oggiaro</li>\s*<li>Gratosoglio</li>\s*</ul>", page);
        Assert.Contains("<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("Fonte: SIAPI", page);

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanYear == 2020 && a.ObjectiveCode == "DIR-CASA-01" && a.Field == "Narrative").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("direttore.casa@pdo.local", audit.UserName);
        Assert.StartsWith("Nel 2020 sono stati recuperati", audit.NewValue);
        var history = await casa.GetStringAsync("/piani/2020/obiettivi/DIR-CASA-01/storico");
        Assert.Matches(@"<td>direttore\.casa@pdo\.local</td>\s*<td>[^<]*</td>\s*<td>Descrizione e risultati</td>", history);
    }

    [Fact]
    public async Task ReturnsForbiddenAndChangesNothingGivenTheDirettoreOfAnotherDirezione()
    {
        var cultura = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CULTURA");
        var before = await NarrativeAsync(2020, "DIR-CASA-01");

        Assert.Equal(HttpStatusCode.Forbidden, (await cultura.GetAsync(CasaForm)).StatusCode);
        var posted = await PostAsync(cultura, "/piani/2020/obiettivi/DIR-CULT-01/descrizione", CasaForm, "Testo di un'altra Direzione.", null, await VersionAsync("DIR-CASA-01"));

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(before, await NarrativeAsync(2020, "DIR-CASA-01"));
        Assert.DoesNotContain("Modifica descrizione", await cultura.GetStringAsync("/piani/2020/obiettivi/DIR-CASA-01"));
    }

    [Fact]
    public async Task ReturnsForbiddenGivenADirettoreOnAnObjectiveOfTheWholeEnte()
    {
        var casa = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");

        Assert.Equal(HttpStatusCode.Forbidden, (await casa.GetAsync("/piani/2020/obiettivi/SOL-01/descrizione")).StatusCode);
    }

    [Fact]
    public async Task ReturnsForbiddenGivenTheGiunta()
    {
        var giunta = await factory.CreateClientAsAsync(Roles.Executive);

        Assert.Equal(HttpStatusCode.Forbidden, (await giunta.GetAsync(CasaForm)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await giunta.GetAsync("/piani/2020/testi")).StatusCode);
        Assert.DoesNotContain("Modifica descrizione", await giunta.GetStringAsync("/piani/2020/obiettivi/DIR-CASA-01"));
    }

    [Fact]
    public async Task RefusesWithTheItalianMessageAndChangesNothingGivenAnApprovedPlan()
    {
        var casa = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");
        const string form = "/piani/2019/obiettivi/DIR-CASA-01/descrizione";
        var before = await NarrativeAsync(2019, "DIR-CASA-01");
        var audits = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        Assert.Contains("Il piano è approvato: descrizioni e testi del piano non sono più modificabili.", await casa.GetStringAsync(form));
        Assert.DoesNotContain("Modifica descrizione", await casa.GetStringAsync("/piani/2019/obiettivi/DIR-CASA-01"));

        var posted = await PostAsync(casa, form, form, "Riscrittura dopo l'approvazione.", null, await factory.WithDbAsync(db =>
            db.Objectives.Where(o => o.Code == "DIR-CASA-01" && o.Plan!.Year == 2019).Select(o => o.Version).SingleAsync()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        Assert.Contains("Il piano è approvato: descrizioni e testi del piano non sono più modificabili.", await posted.Content.ReadAsStringAsync());
        Assert.Equal(before, await NarrativeAsync(2019, "DIR-CASA-01"));
        Assert.Equal(audits, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task ShowsWhatIsStoredAndWhoSavedItAndKeepsTheInputGivenAFormOpenedBeforeAnotherSave()
    {
        var office = await factory.CreateClientAsUserAsync("ufficio.uno@pdo.local", Roles.PlanningOffice);
        var stale = await VersionAsync("SOL-02");
        const string form = "/piani/2020/obiettivi/SOL-02/descrizione";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(office, form, form, "Testo salvato per primo.", null, stale)).StatusCode);

        var second = await factory.CreateClientAsUserAsync("ufficio.due@pdo.local", Roles.PlanningOffice);
        var conflict = await PostAsync(second, form, form, "Il mio testo, scritto intanto.", null, stale);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var html = await conflict.Content.ReadAsStringAsync();
        Assert.Contains("ufficio.uno@pdo.local", html);
        Assert.Contains("<p>Testo salvato per primo.</p>", html);
        Assert.Contains(">Il mio testo, scritto intanto.</textarea>", html);
        Assert.Equal("Testo salvato per primo.", await NarrativeAsync(2020, "SOL-02"));
        Assert.Contains($"name=\"Version\" value=\"{await VersionAsync("SOL-02")}\"", html);
    }

    [Fact]
    public async Task PrintsTheEditedNarrativeAndThePlanIntroductionAndClosingNoteGivenTheConsuntivoPdf()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        const string cultura = "/piani/2020/obiettivi/DIR-CULT-01/descrizione";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(office, cultura, cultura, "Mostre del 2020 in sintesi.\n\n1. Palazzo Reale\n2. Museo del Novecento", null, await VersionAsync("DIR-CULT-01"))).StatusCode);
        Assert.Contains("Testi del consuntivo", await office.GetStringAsync("/piani/2020"));
        var version = await factory.WithDbAsync(db => db.Plans.Where(p => p.Year == 2020).Select(p => p.Version).SingleAsync());

        var saved = await PdoWebFactory.PostFormAsync(office, "/piani/2020/testi", "/piani/2020/testi",
            [new("Introduction", "Il consuntivo 2020 racconta un anno difficile.\n- servizi mantenuti"), new("ClosingNote", "Nota finale del Direttore generale."), new("Version", version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var overview = await office.GetStringAsync("/piani/2020");
        Assert.Matches(@"<h2 id=""introduction-title"">Introduzione</h2>\s*<p>Il consuntivo 2020 racconta un anno difficile.</p>\s*<ul>\s*<li>servizi mantenuti</li>", overview);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PlanYear == 2020 && a.ObjectiveCode == null && a.Field == "Introduction")));

        var pdf = await (await office.GetAsync("/piani/2020/consuntivo.pdf")).Content.ReadAsByteArrayAsync();
        var text = Text(pdf);
        var introduction = text.IndexOf("Il consuntivo 2020 racconta un anno difficile.", StringComparison.Ordinal);
        var summary = text.IndexOf("Nel periodo «", StringComparison.Ordinal);
        var narrative = text.IndexOf("Mostre del 2020 in sintesi.", StringComparison.Ordinal);
        var closing = text.IndexOf("Nota finale del Direttore generale.", StringComparison.Ordinal);
        Assert.True(introduction > 0 && introduction < summary, "the introduction comes before the summary and the objectives");
        Assert.True(narrative > summary && closing > narrative, "the closing note ends the document");
        Assert.Contains("1. Palazzo Reale 2. Museo del Novecento", text);
        Assert.Contains("• servizi mantenuti", text);
        Assert.Contains("Nota conclusiva", text[(closing - 40)..closing]);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, string action, string narrative, string? note, Guid version) =>
        PdoWebFactory.PostFormAsync(client, formPage, action, [new("Narrative", narrative), new("DataSourceNote", note ?? string.Empty), new("Version", version.ToString())]);

    private Task<Guid> VersionAsync(string code) =>
        factory.WithDbAsync(db => db.Objectives.Where(o => o.Code == code && o.Plan!.Year == 2020).Select(o => o.Version).SingleAsync());

    private Task<string?> NarrativeAsync(int year, string code) =>
        factory.WithDbAsync(db => db.Objectives.Where(o => o.Code == code && o.Plan!.Year == year).Select(o => o.Narrative).SingleAsync());

    private static string Text(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        return Whitespace().Replace(string.Join(' ', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)))), " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
