using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Reports;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>
/// Score overrides through the portal: the planning office proposes on <c>/piani/{anno}/forzature/nuova</c>, the OIV
/// approves or rejects on <c>/piani/{anno}/forzature</c>, the proposer withdraws; an approved override reaches the
/// scorecard and the dashboards' snapshot equally, the pages show both scores, every change is audited. Each test
/// works on its own year: the 2019 seed re-dated, in monitoring with its final results.
/// </summary>
public sealed class ScoreOverrideTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private const string Objective = "DIR-CASA-01";
    private const string KpiCode = "DIR-CASA-01.1";
    private const string Reason = "Cantiere sospeso dalla Soprintendenza: causa esterna alla Direzione.";
    private const string Note = "Verificato il verbale della Soprintendenza: forzatura accolta.";

    [Fact]
    public async Task ReplacesTheScoreInTheSnapshotEveryPageReadsGivenAnOverrideThroughItsWholeLife()
    {
        const int year = 2031;
        await PlanAsync(year);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var (cardBefore, snapshotBefore) = await ScoresAsync(year);
        var computed = Kpi(cardBefore).Attainment.Score;

        var proposed = await ProposeAsync(office, year, "60");

        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        Assert.Equal($"/piani/{year}/forzature", proposed.Headers.Location!.OriginalString);
        var pending = await OverrideAsync(year);
        Assert.Equal((OverrideState.Proposed, 60m, Reason, "Test PlanningOffice"), (pending.State, pending.ProposedScore, pending.Reason, pending.ProposedByName));
        var (cardPending, _) = await ScoresAsync(year);
        Assert.Equal(computed, Kpi(cardPending).Attainment.Score);
        var approval = WebUtility.HtmlDecode(await office.GetStringAsync($"/piani/{year}/approva"));
        Assert.Contains("forzatura in attesa della decisione dell'OIV", approval);

        var list = WebUtility.HtmlDecode(await oiv.GetStringAsync($"/piani/{year}/forzature"));
        Assert.Contains(Reason, list);
        Assert.Contains($"formaction=\"/piani/{year}/forzature/{pending.Id}/approva\"", list);
        var approved = await PdoWebFactory.PostFormAsync(oiv, $"/piani/{year}/forzature", $"/piani/{year}/forzature/{pending.Id}/approva",
            [new("Note", Note), new("Version", pending.Version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var decided = await OverrideAsync(year);
        Assert.Equal((OverrideState.Approved, "Test Evaluator", Note), (decided.State, decided.DecidedByName, decided.DecisionNote));
        var (card, snapshot) = await ScoresAsync(year);
        var kpi = Kpi(card);
        Assert.Equal((60m, computed, 60m), (kpi.Attainment.Score, kpi.Attainment.ComputedScore, kpi.Attainment.OverrideScore));
        Assert.NotSame(snapshotBefore, snapshot);
        var final = snapshot.Periods.Single(p => p.IsFinal).Id;
        var index = snapshot.Kpis.Select((k, i) => (k, i)).Single(x => x.k.Code == KpiCode).i;
        Assert.Equal(new KpiScoreCell(60m, kpi.Attainment.Status, true), snapshot.Scores(final)[index]);
        Assert.Same(snapshot, card.Snapshot);
        Assert.NotEqual(cardBefore.Overall.Score, card.Overall.Score);

        var page = WebUtility.HtmlDecode(await office.GetStringAsync($"/piani/{year}/obiettivi/{Objective}?periodo=FIN"));
        Assert.Contains("<span class=\"score-value\">60,0 %</span>", page);
        Assert.Contains($"calcolato <span class=\"override-computed\">{Pdo.Domain.Values.ItalianValues.FormatScore(computed)}</span>, approvato da OIV / Nucleo di Valutazione", page);
        Assert.Contains($"Motivo: {Reason}", page);
        Assert.Contains("<dt>Punteggio calcolato</dt>", page);
        Assert.Contains("<dt>Forzatura approvata da</dt>", page);
        var dashboard = WebUtility.HtmlDecode(await office.GetStringAsync($"/piani/{year}/cruscotto?periodo=FIN"));
        Assert.Contains("Forzato</span>", dashboard);
        Assert.Contains($"Motivo: {Reason}", dashboard);

        var audited = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanYear == year && a.EntityType == nameof(ScoreOverride)).Select(a => new { a.Action, a.Field, a.NewValue, a.KpiCode }).ToListAsync());
        Assert.Contains(audited, a => a.Field == nameof(ScoreOverride.Reason) && a.NewValue == Reason && a.KpiCode == KpiCode);
        Assert.Contains(audited, a => a.Field == nameof(ScoreOverride.State) && a.NewValue == nameof(OverrideState.Approved));
        var history = WebUtility.HtmlDecode(await office.GetStringAsync($"/piani/{year}/obiettivi/{Objective}/kpi/{KpiCode}/storico"));
        Assert.Contains("Forzatura", history);
    }

    [Fact]
    public async Task SupersedesTheEarlierOverrideKeepingItGivenANewOneApproved()
    {
        const int year = 2032;
        await PlanAsync(year);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        await ProposeAsync(office, year, "60");
        var first = await OverrideAsync(year);
        await PdoWebFactory.PostFormAsync(oiv, $"/piani/{year}/forzature", $"/piani/{year}/forzature/{first.Id}/approva", [new("Note", Note), new("Version", first.Version.ToString())]);

        await ProposeAsync(office, year, "90,5%");
        var second = await factory.WithDbAsync(db => db.ScoreOverrides.AsNoTracking().SingleAsync(o => o.State == OverrideState.Proposed && o.Kpi!.Objective!.Plan!.Year == year));
        await PdoWebFactory.PostFormAsync(oiv, $"/piani/{year}/forzature", $"/piani/{year}/forzature/{second.Id}/approva",
            [new("Note", "Nuovi elementi: la causa esterna vale per metà anno."), new("Version", second.Version.ToString())]);

        var (card, snapshot) = await ScoresAsync(year);
        Assert.Equal(90.5m, Kpi(card).Attainment.Score);
        var final = snapshot.Periods.Single(p => p.IsFinal).Id;
        Assert.Equal(90.5m, snapshot.Scores(final)[snapshot.Kpis.Select((k, i) => (k, i)).Single(x => x.k.Code == KpiCode).i].Score);
        var states = await factory.WithDbAsync(db => db.ScoreOverrides.AsNoTracking().Where(o => o.Kpi!.Objective!.Plan!.Year == year).Select(o => o.State).ToListAsync());
        Assert.Equal([OverrideState.Approved, OverrideState.Approved], states);
        var list = WebUtility.HtmlDecode(await office.GetStringAsync($"/piani/{year}/forzature"));
        Assert.Contains("sostituita da una forzatura approvata dopo", list);
        Assert.Contains("<strong>in vigore</strong>", list);
    }

    [Fact]
    public async Task KeepsTheComputedScoreGivenTheOivRejectsOrTheProposerWithdraws()
    {
        const int year = 2033;
        await PlanAsync(year);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var (before, _) = await ScoresAsync(year);
        await ProposeAsync(office, year, "60");
        var first = await OverrideAsync(year);

        var rejected = await PdoWebFactory.PostFormAsync(oiv, $"/piani/{year}/forzature", $"/piani/{year}/forzature/{first.Id}/respingi",
            [new("Note", "Il ritardo dipende dalla Direzione stessa."), new("Version", first.Version.ToString())]);
        await ProposeAsync(office, year, "70");
        var second = await factory.WithDbAsync(db => db.ScoreOverrides.AsNoTracking().SingleAsync(o => o.State == OverrideState.Proposed && o.Kpi!.Objective!.Plan!.Year == year));
        var withdrawn = await PdoWebFactory.PostFormAsync(office, $"/piani/{year}/forzature", $"/piani/{year}/forzature/{second.Id}/ritira", [new("Version", second.Version.ToString())]);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (rejected.StatusCode, withdrawn.StatusCode));
        var states = await factory.WithDbAsync(db => db.ScoreOverrides.AsNoTracking().Where(o => o.Kpi!.Objective!.Plan!.Year == year).OrderBy(o => o.Id).Select(o => o.State).ToListAsync());
        Assert.Equal([OverrideState.Rejected, OverrideState.Withdrawn], states);
        var (after, _) = await ScoresAsync(year);
        Assert.Equal(Kpi(before).Attainment.Score, Kpi(after).Attainment.Score);
        Assert.False(Kpi(after).Attainment.IsOverridden);
    }

    [Fact]
    public async Task RefusesWithAnItalianMessageAndChangesNothingGivenBadInput()
    {
        const int year = 2034;
        await PlanAsync(year);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var notANumber = await ProposeAsync(office, year, "molto");
        var tooHigh = await ProposeAsync(office, year, "120");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (notANumber.StatusCode, tooHigh.StatusCode));
        Assert.Contains("Il punteggio proposto «molto» non è un numero", WebUtility.HtmlDecode(await notANumber.Content.ReadAsStringAsync()));
        var page = WebUtility.HtmlDecode(await tooHigh.Content.ReadAsStringAsync());
        Assert.Contains("Il punteggio forzato deve essere tra 0 e 100 % (indicato: 120 %).", page);
        Assert.Contains(Reason, page);
        Assert.Equal(audit, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));

        await ProposeAsync(office, year, "60");
        var pending = await OverrideAsync(year);
        var audited = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        var noNote = await PdoWebFactory.PostFormAsync(oiv, $"/piani/{year}/forzature", $"/piani/{year}/forzature/{pending.Id}/approva", [new("Note", ""), new("Version", pending.Version.ToString())]);
        var stale = await PdoWebFactory.PostFormAsync(office, $"/piani/{year}/forzature", $"/piani/{year}/forzature/{pending.Id}/ritira", [new("Version", Guid.NewGuid().ToString())]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noNote.StatusCode);
        Assert.Contains("La nota della decisione è obbligatoria", WebUtility.HtmlDecode(await noNote.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(OverrideState.Proposed, (await OverrideAsync(year)).State);
        Assert.Equal(audited, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task ShowsBothScoresTheReasonAndTheApproverGivenThePdfOpenDataAndExportOfThePlanApprovedAfterTheOverride()
    {
        const int year = 2021;
        await PlanAsync(year);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        await ConfirmFinalResultsAsync(year);
        await ProposeAsync(office, year, "60");
        var blocked = await ApprovePlanAsync(office, year);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        Assert.Contains($"{Objective} / {KpiCode} (forzatura in attesa della decisione dell'OIV)", WebUtility.HtmlDecode(await blocked.Content.ReadAsStringAsync()));
        var pending = await OverrideAsync(year);
        await PdoWebFactory.PostFormAsync(oiv, $"/piani/{year}/forzature", $"/piani/{year}/forzature/{pending.Id}/approva", [new("Note", Note), new("Version", pending.Version.ToString())]);

        var approved = await ApprovePlanAsync(office, year);

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var (card, _) = await ScoresAsync(year);
        var computed = Pdo.Domain.Values.ItalianValues.FormatScore(Kpi(card).Attainment.ComputedScore);
        var executive = await factory.CreateClientAsAsync(Roles.Executive);
        var pdf = Reports.ConsuntivoPdfTests.Text(await executive.GetByteArrayAsync($"/piani/{year}/consuntivo.pdf"));
        Assert.Contains($"{KpiCode}: Punteggio forzato 60,0 % (calcolato {computed}), approvato da OIV / Nucleo di Valutazione", pdf);
        Assert.Contains("Punteggi modificati", pdf);
        Assert.Contains("Il grado di raggiungimento di 1 KPI non è quello calcolato dalle regole", pdf);

        // The Relazione sulla Performance lists it in its section 5, with the reason and who decided.
        var relazione = Reports.ConsuntivoPdfTests.Text(await executive.GetByteArrayAsync($"/piani/{year}/relazione.pdf"));
        var section5 = relazione[relazione.IndexOf("5. Punteggi modificati e osservazioni aperte", relazione.IndexOf("5. Punteggi modificati e osservazioni aperte", StringComparison.Ordinal) + 1, StringComparison.Ordinal)..];
        Assert.Contains("Il grado di raggiungimento di 1 KPI non è quello calcolato dalle regole", section5);
        Assert.Contains(Reason, section5);
        Assert.Contains("Approvata da OIV / Nucleo di Valutazione", section5);

        var csv = Csv.Parse(await factory.CreateClient().GetStringAsync($"/opendata/pdo-{year}.csv"));
        var row = csv.Single(r => r[6] == KpiCode);
        var decidedAt = (await OverrideAsync(year)).DecidedAt!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(("60", "60", Reason, "OIV / Nucleo di Valutazione", decidedAt), (row[13], row[18], row[19], row[20], row[21]));
        Assert.Equal(computed.Replace(",0 %", string.Empty, StringComparison.Ordinal), row[17]);
        Assert.DoesNotContain("Test Evaluator", string.Join(',', csv.SelectMany(r => r)));
        using var json = System.Text.Json.JsonDocument.Parse(await factory.CreateClient().GetStringAsync($"/opendata/pdo-{year}.json"));
        var item = json.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("kpi_code").GetString() == KpiCode);
        Assert.Equal((60m, 60m, Reason, "OIV / Nucleo di Valutazione"), (item.GetProperty("score").GetDecimal(), item.GetProperty("override_score").GetDecimal(), item.GetProperty("override_reason").GetString(), item.GetProperty("override_decided_by_role").GetString()));

        var xlsx = await executive.GetAsync($"/piani/{year}/esporta.xlsx");
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var rows = Collection.ResultsTemplateTests.Rows(Collection.ResultsTemplateTests.Sheet(workbook, "KPI"));
        var header = rows[0];
        var kpiRow = rows.Single(r => r[5] == KpiCode);
        Assert.Equal("60", kpiRow[header.IndexOf("FIN punteggio")]);
        Assert.Equal("60", kpiRow[header.IndexOf("FIN punteggio forzato")]);
        Assert.Equal(Reason, kpiRow[header.IndexOf("FIN motivo della forzatura")]);
        Assert.StartsWith("Test Evaluator (OIV / Nucleo di Valutazione) il ", kpiRow[header.IndexOf("FIN forzatura approvata da")]);
        Assert.Equal(string.Empty, kpiRow[header.IndexOf("INT punteggio forzato")]);
    }

    /// <summary>
    /// One read model: after a result changes, and again after an override of it is approved, the objective page, the
    /// dashboard, the consuntivo's report model and (once the plan is approved) open data all show the score the snapshot
    /// holds — 720 against a target of 900 is 80,0 %, the objective (100 + 80 + 100) / 3 = 93,3 %; forced to 85, 95,0 %.
    /// </summary>
    [Fact]
    public async Task ShowsOneScoreOnEveryPageExportAndPdfGivenAResultChangedThenOverridden()
    {
        const int year = 2022;
        const string changed = "DIR-CASA-01.2";
        await PlanAsync(year);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        await office.GetStringAsync($"/piani/{year}/cruscotto?periodo=FIN");

        await ResultForm.SaveAsync(factory, office, year, Objective, "FIN", ("100%", null), ("720", "Cantiere sospeso"), ("2.646", null));

        await AssertEverywhereAsync(office, year, changed, "80,0 %", "93,3 %");
        var proposed = await PdoWebFactory.PostFormAsync(office, $"/piani/{year}/forzature/nuova?obiettivo={Objective}&kpi={changed}", $"/piani/{year}/forzature/nuova",
            [new("Objective", Objective), new("Kpi", changed), new("Period", "FIN"), new("Score", "85"), new("Reason", Reason)]);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var pending = await OverrideAsync(year);
        await PdoWebFactory.PostFormAsync(oiv, $"/piani/{year}/forzature", $"/piani/{year}/forzature/{pending.Id}/approva", [new("Note", Note), new("Version", pending.Version.ToString())]);
        var report = await AssertEverywhereAsync(office, year, changed, "85,0 %", "95,0 %");
        Assert.Equal("80,0 %", report.Override!.ComputedScore);

        await ConfirmFinalResultsAsync(year);
        var approved = await ApprovePlanAsync(office, year);
        Assert.True(approved.StatusCode == HttpStatusCode.Redirect, WebUtility.HtmlDecode(await approved.Content.ReadAsStringAsync()));

        await AssertEverywhereAsync(office, year, changed, "85,0 %", "95,0 %");
        var row = Csv.Parse(await factory.CreateClient().GetStringAsync($"/opendata/pdo-{year}.csv")).Single(r => r[6] == changed);
        Assert.Equal(("720", "85", "80", "85"), (row[12], row[13], row[17], row[18]));
    }

    /// <summary>The KPI's and its objective's score on the objective page, the dashboard and the PDF's model; returns the PDF's KPI.</summary>
    private async Task<Pdo.Reporting.Model.ReportKpi> AssertEverywhereAsync(HttpClient client, int year, string kpiCode, string kpiScore, string objectiveScore)
    {
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/piani/{year}/obiettivi/{Objective}?periodo=FIN"));
        Assert.Contains($"<span class=\"score-value\">{kpiScore}</span>", page);
        Assert.Contains($"<span class=\"score-value\">{objectiveScore}</span>", page);
        var dashboard = WebUtility.HtmlDecode(await client.GetStringAsync($"/piani/{year}/cruscotto?periodo=FIN&direzione=CASA"));
        var kpiRow = dashboard[dashboard.IndexOf($"#kpi-{kpiCode}\"", StringComparison.Ordinal)..];
        Assert.Contains($"<span class=\"score-value\">{kpiScore}</span>", kpiRow[..kpiRow.IndexOf("</tr>", StringComparison.Ordinal)]);
        var objectiveRow = dashboard[dashboard.IndexOf($"/obiettivi/{Objective}?periodo=FIN\"", StringComparison.Ordinal)..];
        Assert.Contains($"<span class=\"score-value\">{objectiveScore}</span>", objectiveRow[..objectiveRow.IndexOf("</tr>", StringComparison.Ordinal)]);

        await using var scope = factory.Services.CreateAsyncScope();
        var export = await scope.ServiceProvider.GetRequiredService<ReportService>().BuildAsync(new ReportTarget(year, ReportScope.Plan, null, null), "FIN", CancellationToken.None);
        var objective = export!.Report.Chapters.SelectMany(c => c.Parts).SelectMany(p => p.Objectives).Single(o => o.Code == Objective);
        var kpi = objective.KpiGroups.SelectMany(g => g.Kpis).Single(k => k.Code == kpiCode);
        Assert.Equal((kpiScore, "720", objectiveScore), (kpi.Score.Display, kpi.Actual, objective.Score.Display));
        return kpi;
    }

    private async Task<HttpResponseMessage> ApprovePlanAsync(HttpClient office, int year)
    {
        var version = await factory.WithDbAsync(db => db.Plans.Where(p => p.Year == year).Select(p => p.Version).SingleAsync());
        return await PdoWebFactory.PostFormAsync(office, $"/piani/{year}/approva", $"/piani/{year}/approva",
            [new("Number", "88"), new("Date", $"14/04/{year + 1}"), new("Version", version.ToString())]);
    }

    /// <summary>A Direttore's confirmation of every final result, through the entities' rule.</summary>
    private Task ConfirmFinalResultsAsync(int year) => factory.WithDbAsync(async db =>
    {
        var results = await db.KpiResults
            .Include(r => r.Kpi!).ThenInclude(k => k.Objective!).ThenInclude(o => o.Plan!)
            .Where(r => r.Kpi!.Objective!.Plan!.Year == year && r.Period!.IsFinal)
            .ToListAsync();
        foreach (var result in results)
        {
            result.Confirm("direttore.di.prova@pdo.local", DateTimeOffset.UtcNow);
        }

        await db.SaveChangesAsync();
    });

    private async Task PlanAsync(int year)
    {
        if (!await factory.WithDbAsync(db => db.Plans.AnyAsync(p => p.Year == year)))
        {
            await factory.ImportPlanAsync(SeedPlanJson.AsYear(year, "Monitoring", openPeriod: "FIN", keepResults: true));
        }
    }

    private static Task<HttpResponseMessage> ProposeAsync(HttpClient office, int year, string score) =>
        PdoWebFactory.PostFormAsync(office, $"/piani/{year}/forzature/nuova?obiettivo={Objective}&kpi={KpiCode}", $"/piani/{year}/forzature/nuova",
            [new("Objective", Objective), new("Kpi", KpiCode), new("Period", "FIN"), new("Score", score), new("Reason", Reason)]);

    private Task<ScoreOverride> OverrideAsync(int year) =>
        factory.WithDbAsync(db => db.ScoreOverrides.AsNoTracking().OrderByDescending(o => o.Id).FirstAsync(o => o.Kpi!.Objective!.Plan!.Year == year));

    private static KpiScore Kpi(PlanScorecard card) => card.AllKpis.Single(k => k.Kpi.Code == KpiCode);

    /// <summary>The plan's scorecard of the final period and the dashboards' snapshot, as the app holds them now.</summary>
    private async Task<(PlanScorecard Card, PlanSnapshot Snapshot)> ScoresAsync(int year)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var card = await scope.ServiceProvider.GetRequiredService<ScorecardService>().LoadAsync(year, "FIN", CancellationToken.None);
        var snapshots = await scope.ServiceProvider.GetRequiredService<DashboardCache>().AllAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
        return (card!, snapshots.Single(s => s.Year == year));
    }
}
