using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

public sealed class PlanLifecycleTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task RunsTheWholeCycleWithAuditGivenThePlanningOfficeAndAnAdministrator()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        // Bozza: a copy of the approved 2019 plan, with its targets.
        var created = await PdoWebFactory.PostFormAsync(office, "/piani/nuovo", "/piani/nuovo",
            [new("Year", "2021"), new("Title", "Piano degli Obiettivi 2021"), new("CopyFromYear", "2019"), new("CopyTargets", "true")]);
        Assert.Equal("/piani/2021", created.Headers.Location!.OriginalString);
        var plan = await PlanAsync(2021);
        Assert.Equal((PlanStatus.Draft, 12, 35), (plan.Status, plan.Objectives.Count, plan.Objectives.Sum(o => o.Kpis.Count)));
        Assert.Equal("Direzione Casa", plan.Objectives.Single(o => o.Code == "DIR-CASA-01").Directorate!.Name);
        Assert.Equal(new DateOnly(2021, 12, 31), plan.Objectives.Single(o => o.Code == "SOL-03").Kpis.Single(k => k.Code == "SOL-03.2").Deadline);
        Assert.Equal(4, await factory.WithDbAsync(db => db.Directorates.CountAsync()));

        // A target adjusted in Bozza.
        var kpiForm = await office.GetStringAsync("/piani/2021/obiettivi/SOL-01/kpi/SOL-01.1/modifica");
        Assert.Contains("value=\"70%\"", kpiForm);
        var edited = await PdoWebFactory.PostFormAsync(office, "/piani/2021/obiettivi/SOL-01/kpi/SOL-01.1/modifica", "/piani/2021/obiettivi/SOL-01/kpi/SOL-01.1/modifica",
        [
            new("Code", "SOL-01.1"), new("Name", "Piano Quartieri: avanzamento dei programmi di lavoro del 2021"),
            new("Target", "≥ 75%"), new("Weight", "1"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var kpi = (await PlanAsync(2021)).Objectives.Single(o => o.Code == "SOL-01").Kpis.Single();
        Assert.Equal((75m, "≥ 75%"), (kpi.TargetValue!.Value, kpi.TargetText));

        // Approving a plan in Bozza is refused with an Italian message; starting monitoring freezes targets.
        var refused = await PdoWebFactory.PostFormAsync(office, "/piani/2021/approva", "/piani/2021/approva",
            [new("Number", "1"), new("Date", "01/02/2022"), new("Version", (await PlanAsync(2021)).Version.ToString())]);
        Assert.Contains("Solo un piano in monitoraggio può essere approvato.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PdoWebFactory.PostFormAsync(office, "/piani/2021", "/piani/2021/avvia-monitoraggio", [])).StatusCode);
        var frozen = await PdoWebFactory.PostFormAsync(office, "/piani/2021", "/piani/2021/obiettivi/SOL-01/kpi/SOL-01.1/modifica",
            [new("Code", "SOL-01.1"), new("Name", "x"), new("Target", "≥ 10%"), new("Weight", "1")]);
        Assert.Contains("non è in bozza", await frozen.Content.ReadAsStringAsync());

        // The interim period is opened, a result entered, the plan approved with its Delibera.
        Assert.Equal(HttpStatusCode.Redirect, (await PdoWebFactory.PostFormAsync(office, "/piani/2021", "/piani/2021/periodi/INT/apri", [])).StatusCode);
        var kpiId = kpi.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entered = await PdoWebFactory.PostFormAsync(office, "/piani/2021", "/piani/2021/obiettivi/SOL-01/risultati",
            [new("Period", "INT"), new("Command", "salva"), new("Lines[0].KpiId", kpiId), new("Lines[0].Actual", "80%")]);
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);

        // No final result yet: the approval is refused with the list of what blocks it, and nothing changes.
        var blocked = await PdoWebFactory.PostFormAsync(office, "/piani/2021/approva", "/piani/2021/approva",
            [new("Number", "321"), new("Date", "15/04/2022"), new("Version", (await PlanAsync(2021)).Version.ToString())]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        var blockedPage = System.Net.WebUtility.HtmlDecode(await blocked.Content.ReadAsStringAsync());
        Assert.Contains("Il piano non può essere approvato: 35 risultati del consuntivo bloccano l'approvazione: SOL-01 / SOL-01.1 (mancante)", blockedPage);
        Assert.Equal(PlanStatus.Monitoring, (await PlanAsync(2021)).Status);

        // The planning office records for each KPI why it cannot be measured; then only the act's date is checked.
        foreach (var (objective, code) in (await PlanAsync(2021)).Objectives.SelectMany(o => o.Kpis.Select(k => (o.Code, k.Code))))
        {
            var declared = await PdoWebFactory.PostFormAsync(office, "/piani/2021/approva", "/piani/2021/approva/non-rilevabili",
                [new("Objective", objective), new("Kpi", code), new("Reason", "Il consuntivo 2021 non è stato rilevato in questo test.")]);
            Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        }

        // A Delibera dated in the future is refused, with the plan left in monitoring.
        var future = await PdoWebFactory.PostFormAsync(office, "/piani/2021/approva", "/piani/2021/approva",
            [new("Number", "321"), new("Date", "15/04/2099"), new("Version", (await PlanAsync(2021)).Version.ToString())]);
        Assert.Contains("La data della delibera (15/04/2099) è nel futuro", System.Net.WebUtility.HtmlDecode(await future.Content.ReadAsStringAsync()));
        Assert.Equal((PlanStatus.Monitoring, null), ((await PlanAsync(2021)).Status, (await PlanAsync(2021)).ApprovalAct));
        var approved = await PdoWebFactory.PostFormAsync(office, "/piani/2021/approva", "/piani/2021/approva",
            [new("Number", "321"), new("Date", "15/04/2022"), new("Link", "https://www.comune.milano.it/delibera-321"), new("Version", (await PlanAsync(2021)).Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        plan = await PlanAsync(2021);
        Assert.Equal((PlanStatus.Approved, "321", new DateOnly(2022, 4, 15)), (plan.Status, plan.ApprovalAct!.Number, plan.ApprovalAct.Date));
        Assert.All(plan.Periods, p => Assert.False(p.IsOpen));
        Assert.Contains("Delibera di Giunta n. 321 del 15/04/2022", await office.GetStringAsync("/piani/2021"));

        // Only an administrator reopens it, with a reason that lands in the audit trail.
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync("/piani/2021/riapri")).StatusCode);
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var noReason = await PdoWebFactory.PostFormAsync(admin, "/piani/2021/riapri", "/piani/2021/riapri", [new("Reason", ""), new("Version", plan.Version.ToString())]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var reopened = await PdoWebFactory.PostFormAsync(admin, "/piani/2021/riapri", "/piani/2021/riapri",
            [new("Reason", "Errore materiale nel dato di Piano Quartieri segnalato dalla Direzione."), new("Version", plan.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Equal(PlanStatus.Monitoring, (await PlanAsync(2021)).Status);

        var audit = await admin.GetStringAsync("/amministrazione/registro?anno=2021&testo=Errore");
        Assert.Contains("Errore materiale nel dato di Piano Quartieri", audit);
        Assert.Contains("test.administrator@pdo.local", audit);
        var history = await admin.GetStringAsync("/piani/2021/obiettivi/SOL-01/kpi/SOL-01.1/storico");
        Assert.Contains("<td>Valore del target</td>", history);
        Assert.Contains("<td>70</td>", history);
        Assert.Contains("<td>75</td>", history);
    }

    [Fact]
    public async Task RefusesTheSecondOfTwoEditsGivenTheSameObjectiveVersion()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await PdoWebFactory.PostFormAsync(office, "/piani/nuovo", "/piani/nuovo", [new("Year", "2030"), new("Title", "Piano degli Obiettivi 2030")]);
        var created = await PdoWebFactory.PostFormAsync(office, "/piani/2030/obiettivi/nuovo", "/piani/2030/obiettivi/nuovo",
            [new("Code", "NUOVO-01"), new("Title", "Un obiettivo nuovo"), new("Category", "DIR"), new("Weight", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var version = await factory.WithDbAsync(db => db.Objectives.Where(o => o.Code == "NUOVO-01").Select(o => o.Version).SingleAsync());

        var first = await PdoWebFactory.PostFormAsync(office, "/piani/2030", "/piani/2030/obiettivi/NUOVO-01/modifica",
            [new("Code", "NUOVO-01"), new("Title", "Titolo della prima persona"), new("Category", "DIR"), new("Weight", "1"), new("Version", version.ToString())]);
        var second = await PdoWebFactory.PostFormAsync(office, "/piani/2030", "/piani/2030/obiettivi/NUOVO-01/modifica",
            [new("Code", "NUOVO-01"), new("Title", "Titolo della seconda persona"), new("Category", "DIR"), new("Weight", "2"), new("Version", version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Qualcun altro ha modificato", await second.Content.ReadAsStringAsync());
        Assert.Equal("Titolo della prima persona", await factory.WithDbAsync(db => db.Objectives.Where(o => o.Code == "NUOVO-01").Select(o => o.Title).SingleAsync()));
    }

    private Task<PerformancePlan> PlanAsync(int year) =>
        factory.WithDbAsync(db => db.Plans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Periods)
            .Include(p => p.Objectives).ThenInclude(o => o.Kpis)
            .Include(p => p.Objectives).ThenInclude(o => o.Directorate)
            .SingleAsync(p => p.Year == year));
}
