using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Reports;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>
/// The approval gate through the portal: the approval page lists what blocks it, what will be frozen and the final
/// scores; the planning office records why a KPI is non rilevabile; the reason reaches the KPI page, the history,
/// the PDF and open data. Each test works on its own year: the 2019 seed re-dated, its 35 final results imported
/// as Inserito.
/// </summary>
public sealed class ApprovalGateTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private const string Reason = "Il dato di fonte regionale non è stato pubblicato entro la chiusura.";

    [Fact]
    public async Task ShowsTheBlockersWhatWillBeFrozenAndTheFinalScoresGivenUnconfirmedFinalResults()
    {
        await PlanWithEnteredFinalResultsAsync(2022);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var page = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2022/approva"));

        Assert.Contains("35 KPI non hanno il risultato finale confermato", page);
        Assert.Contains("Obiettivo SOL-01 – ", page);
        Assert.Contains("Risultato finale: <strong>inserito non confermato</strong>", page);
        Assert.Contains("href=\"/piani/2022/obiettivi/SOL-01/risultati?periodo=FIN\"", page);
        Assert.Contains("href=\"/revisione\"", page);
        Assert.Contains("<label for=\"motivo-SOL-01-SOL-01-1\" class=\"active\">Motivo per cui SOL-01.1 non è rilevabile nel consuntivo</label>", page);
        Assert.Contains("Si chiudono i periodi ancora aperti: Consuntivo (su 2).", page);
        Assert.Contains("12 obiettivi, 35 KPI e 35 risultati diventano in sola lettura.", page);
        Assert.Contains("Punteggi finali (Consuntivo)", page);
        Assert.Contains("<span class=\"score-value\">100,0 %</span>", page);
        Assert.Contains("35 KPI rilevati su 35", page);
        Assert.Contains("href=\"/piani/2022/obiettivi/DIR-CASA-01?periodo=FIN\">DIR-CASA-01 – ", page);
        Assert.Contains("L'approvazione sarà rifiutata finché restano KPI che bloccano l'approvazione", page);
    }

    [Fact]
    public async Task RefusesTheApprovalWithTheListAndChangesNothingGivenUnconfirmedFinalResults()
    {
        await PlanWithEnteredFinalResultsAsync(2023);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var auditRows = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await PdoWebFactory.PostFormAsync(office, "/piani/2023/approva", "/piani/2023/approva",
            [new("Number", "77"), new("Date", "14/04/2024"), new("Version", (await PlanAsync(2023)).Version.ToString())]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Il piano non può essere approvato: 35 risultati del consuntivo bloccano l'approvazione: SOL-01 / SOL-01.1 (inserito non confermato)", page);
        Assert.Contains("e altri 25. Confermare i risultati oppure dichiarare i KPI non rilevabili con il motivo.", page);
        Assert.Contains("value=\"77\"", page);
        var plan = await PlanAsync(2023);
        Assert.Equal((PlanStatus.Monitoring, null), (plan.Status, plan.ApprovalAct));
        Assert.Equal(auditRows, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task ApprovesAndPublishesTheReasonGivenTheOtherResultsConfirmedAndAReasonRecorded()
    {
        await PlanWithEnteredFinalResultsAsync(2024);
        await ConfirmFinalResultsAsync(2024, except: "SOL-01.1");
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var before = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2024/approva"));
        Assert.Contains("1 KPI non ha il risultato finale confermato", before);

        var declared = await PdoWebFactory.PostFormAsync(office, "/piani/2024/approva", "/piani/2024/approva/non-rilevabili",
            [new("Objective", "SOL-01"), new("Kpi", "SOL-01.1"), new("Reason", Reason)]);

        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        Assert.Equal("/piani/2024/approva", declared.Headers.Location!.OriginalString);
        var kpi = await KpiAsync(2024, "SOL-01.1");
        Assert.Equal((Reason, "test.planningoffice@pdo.local"), (kpi.UnmeasurableReason, kpi.UnmeasurableDeclaredBy));
        var after = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2024/approva"));
        Assert.Contains("Nessun risultato blocca l'approvazione", after);
        Assert.Contains($"<td>Non rilevabile: {Reason}</td>", after);
        Assert.Contains("34 KPI rilevati su 35", after);
        Assert.Contains("34 KPI rilevati su 35", await office.GetStringAsync("/piani/2024?periodo=FIN")); // the dashboards' snapshot agrees

        var approved = await PdoWebFactory.PostFormAsync(office, "/piani/2024/approva", "/piani/2024/approva",
            [new("Number", "88"), new("Date", "14/04/2025"), new("Version", (await PlanAsync(2024)).Version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(PlanStatus.Approved, (await PlanAsync(2024)).Status);
        var objective = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2024/obiettivi/SOL-01?periodo=FIN"));
        Assert.Contains($"Non rilevabile: {Reason}", objective);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(objective, $"Non rilevabile: {System.Text.RegularExpressions.Regex.Escape(Reason)}").Count); // the KPI table and the table by period
        var history = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2024/obiettivi/SOL-01/kpi/SOL-01.1/storico"));
        Assert.Contains("<td>Non rilevabile nel consuntivo: motivo</td>", history);
        Assert.Contains(Reason, history);

        var csv = Csv.Parse(await factory.CreateClient().GetStringAsync("/opendata/pdo-2024.csv"));
        var row = csv.Single(r => r[6] == "SOL-01.1");
        Assert.Equal((string.Empty, string.Empty, "non_rilevato", Reason), (row[12], row[13], row[14], row[16]));
        Assert.All(csv.Skip(1).Where(r => r[6] != "SOL-01.1"), r => Assert.Equal(string.Empty, r[16]));
        using var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/opendata/pdo-2024.json"));
        var item = json.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("kpi_code").GetString() == "SOL-01.1");
        Assert.Equal(Reason, item.GetProperty("unmeasurable_reason").GetString());

        var executive = await factory.CreateClientAsAsync(Roles.Executive);
        var pdf = ConsuntivoPdfTests.Text(await executive.GetByteArrayAsync("/piani/2024/consuntivo.pdf"));
        Assert.Contains($"Non rilevabile: {Reason}", pdf);
    }

    [Fact]
    public async Task RefusesAShortReasonOnThePageAndChangesNothingGivenAPlanningOfficeDeclaration()
    {
        await PlanWithEnteredFinalResultsAsync(2025);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await PdoWebFactory.PostFormAsync(office, "/piani/2025/approva", "/piani/2025/approva/non-rilevabili",
            [new("Objective", "SOL-01"), new("Kpi", "SOL-01.1"), new("Reason", "breve")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Il motivo per cui il KPI «", page);
        Assert.Contains("deve avere almeno 10 caratteri.", page);
        Assert.Contains(">breve</textarea>", page);
        Assert.Null((await KpiAsync(2025, "SOL-01.1")).UnmeasurableReason);
    }

    [Fact]
    public async Task BlocksAgainGivenTheDeclarationRemoved()
    {
        await PlanWithEnteredFinalResultsAsync(2026);
        await ConfirmFinalResultsAsync(2026, except: "SOL-01.1");
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await PdoWebFactory.PostFormAsync(office, "/piani/2026/approva", "/piani/2026/approva/non-rilevabili",
            [new("Objective", "SOL-01"), new("Kpi", "SOL-01.1"), new("Reason", Reason)]);

        var removed = await PdoWebFactory.PostFormAsync(office, "/piani/2026/approva", "/piani/2026/approva/non-rilevabili/rimuovi",
            [new("Objective", "SOL-01"), new("Kpi", "SOL-01.1")]);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null((await KpiAsync(2026, "SOL-01.1")).UnmeasurableReason);
        Assert.Contains("1 KPI non ha il risultato finale confermato", WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2026/approva")));
    }

    [Fact]
    public async Task CountsTheKpiAsNonRilevabileAndDoesNotChaseItGivenADeclarationOnTheMonitoringBoard()
    {
        await PlanWithEnteredFinalResultsAsync(2028);
        await ConfirmFinalResultsAsync(2028, except: "SOL-01.1");
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await PdoWebFactory.PostFormAsync(office, "/piani/2028/approva", "/piani/2028/approva/non-rilevabili",
            [new("Objective", "SOL-01"), new("Kpi", "SOL-01.1"), new("Reason", Reason)]);

        var board = WebUtility.HtmlDecode(await office.GetStringAsync("/piani/2028/monitoraggio?periodo=FIN"));

        Assert.Contains("<th scope=\"col\" class=\"num\">Non rilevabili</th>", board);
        Assert.DoesNotContain("da sollecitare", board);
        Assert.Matches("<td class=\"num\">1</td>\\s*</tr>", board);
    }

    [Theory]
    [InlineData(Roles.DirectorateManager)]
    [InlineData(Roles.Executive)]
    [InlineData(Roles.Administrator)]
    public async Task ForbidsTheDeclarationGivenAnyoneButThePlanningOffice(string role)
    {
        await PlanWithEnteredFinalResultsAsync(2027);
        var client = await factory.CreateClientAsAsync(role, "CASA");

        var response = await PdoWebFactory.PostFormAsync(client, "/piani", "/piani/2027/approva/non-rilevabili",
            [new("Objective", "DIR-CASA-01"), new("Kpi", "DIR-CASA-01.1"), new("Reason", Reason)]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await KpiAsync(2027, "DIR-CASA-01.1")).UnmeasurableReason);
    }

    private async Task PlanWithEnteredFinalResultsAsync(int year)
    {
        if (!await factory.WithDbAsync(db => db.Plans.AnyAsync(p => p.Year == year)))
        {
            await factory.ImportPlanAsync(SeedPlanJson.AsYear(year, "Monitoring", openPeriod: "FIN", keepResults: true));
        }
    }

    /// <summary>A Direttore's confirmation of every final result but one, through the entities' rule.</summary>
    private Task ConfirmFinalResultsAsync(int year, string except) => factory.WithDbAsync(async db =>
    {
        var results = await db.KpiResults
            .Include(r => r.Kpi!).ThenInclude(k => k.Objective!).ThenInclude(o => o.Plan!)
            .Where(r => r.Kpi!.Objective!.Plan!.Year == year && r.Period!.IsFinal && r.Kpi.Code != except)
            .ToListAsync();
        foreach (var result in results)
        {
            result.Confirm("direttore.di.prova@pdo.local", DateTimeOffset.UtcNow);
        }

        await db.SaveChangesAsync();
    });

    private Task<PerformancePlan> PlanAsync(int year) =>
        factory.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Year == year));

    private Task<Kpi> KpiAsync(int year, string code) =>
        factory.WithDbAsync(db => db.Kpis.AsNoTracking().SingleAsync(k => k.Objective!.Plan!.Year == year && k.Code == code));
}
