using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.History;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>The Storico and the Registro read in Italian, and the Registro's filters (objective, user, dates).</summary>
public sealed class HistoryTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePartialResults2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ShowsTheStateChangeInItalianGivenAConfirmedResult()
    {
        var result = await factory.WithDbAsync(db => db.KpiResults.AsNoTracking()
            .SingleAsync(r => r.Kpi!.Code == "DIR-CASA-01.3" && r.Kpi.Objective!.Plan!.Year == 2020));
        var casa = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");
        var confirmed = await PdoWebFactory.PostFormAsync(casa, "/revisione", $"/revisione/{result.Id}/conferma", [new("Version", result.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var history = await casa.GetStringAsync("/piani/2020/obiettivi/DIR-CASA-01/kpi/DIR-CASA-01.3/storico");

        Assert.Matches(@"<td>Stato</td>\s*<td>Inserito</td>\s*<td>Confermato</td>", history);
        Assert.Matches(@"<td>Valore raggiunto</td>\s*<td>—</td>\s*<td>2\.646</td>", history);
        Assert.Single(Regex.Matches(history, "<td>2\\.646</td>"));
        Assert.Contains("è nel Registro delle modifiche", history);
        foreach (var code in new[] { "Entered", "Confirmed", "ActualText", "Status", "2646", "come numero" })
        {
            Assert.DoesNotContain(code, history);
        }

        // The Registro keeps the number read from the value, under a name that says so.
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var registro = await admin.GetStringAsync("/amministrazione/registro?obiettivo=DIR-CASA-01&testo=DIR-CASA-01.3");
        Assert.Matches(@"<td>Valore raggiunto, come numero</td>\s*<td>—</td>\s*<td>2\.646</td>", registro);
        Assert.Matches(@"<td>Stato</td>\s*<td>Inserito</td>\s*<td>Confermato</td>", registro);
    }

    [Fact]
    public async Task ShowsTheComparatorAndTheValueKindInItalianGivenAKpiEdit()
    {
        var office = await DraftCopyOf2019Async(2031);
        var edited = await PdoWebFactory.PostFormAsync(office, "/piani/2031/obiettivi/SOL-01/kpi/SOL-01.1/modifica", "/piani/2031/obiettivi/SOL-01/kpi/SOL-01.1/modifica",
            [new("Code", "SOL-01.1"), new("Name", "Piano Quartieri: cantieri avviati"), new("Target", "> 30"), new("Weight", "1,5"), new("Method", "Threshold")]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var history = await office.GetStringAsync("/piani/2031/obiettivi/SOL-01/kpi/SOL-01.1/storico");

        Assert.Matches(@"<td>Comparatore</td>\s*<td>≥</td>\s*<td>&gt;</td>", history);
        Assert.Matches(@"<td>Tipo di valore</td>\s*<td>Percentuale</td>\s*<td>Numero</td>", history);
        Assert.Matches(@"<td>Target</td>\s*<td>70%</td>\s*<td>&gt; 30</td>", history);
        Assert.Matches(@"<td>Valore del target</td>\s*<td>70</td>\s*<td>30</td>", history);
        Assert.Matches(@"<td>Peso</td>\s*<td>1</td>\s*<td>1,5</td>", history);
        Assert.Matches(@"<td>Metodo di calcolo</td>\s*<td>Proporzionale</td>\s*<td>Soglia \(tutto o niente\)</td>", history);
        foreach (var code in new[] { "AtLeast", "GreaterThan", "ValueKind", "Percent<", "TargetValue", "Proportional", "Threshold" })
        {
            Assert.DoesNotContain(code, history);
        }
    }

    [Fact]
    public async Task NamesTheDirezioneByCodeAndNameGivenAnObjectiveMovedToAnotherDirezione()
    {
        var office = await DraftCopyOf2019Async(2032);
        var casa = await factory.WithDbAsync(db => db.Directorates.Where(d => d.Code == "CASA").Select(d => d.Id).SingleAsync());
        var edited = await PdoWebFactory.PostFormAsync(office, "/piani/2032/obiettivi/DIR-CULT-01/modifica", "/piani/2032/obiettivi/DIR-CULT-01/modifica",
        [
            new("Code", "DIR-CULT-01"), new("Title", "Mostre e cultura"), new("Category", "DIR"),
            new("DirectorateId", casa.ToString(CultureInfo.InvariantCulture)), new("Weight", "2"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var history = await office.GetStringAsync("/piani/2032/obiettivi/DIR-CULT-01/storico");

        Assert.Matches(@"<td>Direzione responsabile</td>\s*<td>CULTURA – Direzione Cultura</td>\s*<td>CASA – Direzione Casa</td>", history);
        Assert.Matches(@"<td>Peso</td>\s*<td>1</td>\s*<td>2</td>", history);
        Assert.DoesNotContain("DirectorateId", history);
    }

    [Fact]
    public async Task FiltersTheRegistroByObjectiveUserAndDate()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(DateOnly d) => d.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

        var casa = await admin.GetStringAsync($"/amministrazione/registro?anno=2020&obiettivo=DIR-CASA-01&utente=planningoffice&dal={Day(today.AddDays(-1))}&al={Day(today.AddDays(1))}");
        var otherUser = await admin.GetStringAsync("/amministrazione/registro?obiettivo=DIR-CASA-01&utente=nessuno.di.questi");
        var otherDays = await admin.GetStringAsync("/amministrazione/registro?obiettivo=DIR-CASA-01&dal=01/01/2001&al=31/12/2001");

        Assert.Contains("Risultato 2020/DIR-CASA-01/DIR-CASA-01.2/INT (creato)", casa);
        Assert.Contains("<td>test.planningoffice@pdo.local</td>", casa);
        Assert.DoesNotContain("DIR-CULT-01", casa);
        Assert.DoesNotContain("Controllare i filtri", casa);
        Assert.Contains("value=\"DIR-CASA-01\"", casa);
        Assert.Contains($"value=\"{Day(today.AddDays(-1))}\"", casa);
        Assert.Contains("<p>0 modifiche trovate.</p>", otherUser);
        Assert.Contains("<p>0 modifiche trovate.</p>", otherDays);
    }

    [Fact]
    public async Task SaysTheDateIsInvalidInItalianGivenABadDate()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);

        var response = await admin.GetAsync("/amministrazione/registro?anno=2020&dal=31/02/2020&al=domani&obiettivo=DIR-CASA-01");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La data «Dal» non è valida («31/02/2020»): scriverla come gg/mm/aaaa, es. 31/12/2019.", page);
        Assert.Contains("La data «Al» non è valida («domani»)", page);
        Assert.Contains("Risultato 2020/DIR-CASA-01", page);
    }

    [Fact]
    public async Task NamesEveryAuditedFieldAndEveryStateInItalian()
    {
        // What AuditInterceptor leaves out: bookkeeping the row itself says, or internal keys.
        var skipped = AuditInterceptor.UnauditedProperties;
        Type[] audited = [typeof(PerformancePlan), typeof(ObjectiveCategory), typeof(StrategicArea), typeof(MonitoringPeriod), typeof(Objective), typeof(Kpi), typeof(KpiResult), typeof(Directorate),
            typeof(Pdo.Domain.Oversight.Observation), typeof(Pdo.Domain.Oversight.ObservationMessage), typeof(Pdo.Domain.Oversight.PlanValidation)];
        var fields = await factory.WithDbAsync(db => Task.FromResult(audited.SelectMany(type =>
        {
            var entity = db.Model.FindEntityType(type)!;
            var owned = entity.GetNavigations().Where(n => n.TargetEntityType.IsOwned())
                .SelectMany(n => n.TargetEntityType.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsKey()).Select(p => $"{n.Name}.{p.Name}"));
            return entity.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsKey() && !skipped.Contains(p.Name)).Select(p => p.Name)
                .Concat(owned).Concat(AuditInterceptor.ReorderedEntities.Contains(type.Name) ? ["SortOrder"] : []).Select(field => (Type: type.Name, Field: field));
        }).ToList()));

        Assert.Contains((nameof(PerformancePlan), "ApprovalAct.Number"), fields);
        Assert.All(fields, f => Assert.NotEqual(f.Field, AuditLabels.Field(f.Type, f.Field)));
        Assert.All(Enum.GetNames<ResultStatus>(), v => Assert.NotEqual(v, AuditLabels.Value(nameof(KpiResult), nameof(KpiResult.Status), v)));
        Assert.All(Enum.GetNames<PlanStatus>(), v => Assert.NotEqual(v, AuditLabels.Value(nameof(PerformancePlan), nameof(PerformancePlan.Status), v)));
        Assert.All(Enum.GetNames<Comparator>(), v => Assert.NotEqual(v, AuditLabels.Value(nameof(Kpi), nameof(Kpi.Comparator), v)));
        Assert.All(Enum.GetNames<ValueKind>(), v => Assert.NotEqual(v, AuditLabels.Value(nameof(Kpi), nameof(Kpi.ValueKind), v)));
        Assert.All(Enum.GetNames<KpiKind>(), v => Assert.NotEqual(v, AuditLabels.Value(nameof(Kpi), nameof(Kpi.Kind), v)));
        Assert.All(Enum.GetNames<Direction>(), v => Assert.NotEqual(v, AuditLabels.Value(nameof(Kpi), nameof(Kpi.Direction), v)));
        Assert.All(Enum.GetNames<ScoringMethod>(), v => Assert.NotEqual(v, AuditLabels.Value(nameof(Kpi), nameof(Kpi.Method), v)));
        Assert.All(Enum.GetNames<LowerIsBetterFormula>(), v => Assert.NotEqual(v, AuditLabels.Value(nameof(PerformancePlan), nameof(PerformancePlan.LowerIsBetterFormula), v)));
        Assert.All(Enum.GetNames<Pdo.Domain.Oversight.ObservationStatus>(), v => Assert.NotEqual(v, AuditLabels.Value("Observation", "Status", v)));
        Assert.All(Enum.GetNames<Pdo.Domain.Oversight.ValidationOutcome>(), v => Assert.NotEqual(v, AuditLabels.Value("PlanValidation", "Outcome", v)));
        Assert.Equal("31/12/2019", AuditLabels.Value(nameof(Kpi), nameof(Kpi.Deadline), "2019-12-31"));
        Assert.Equal("14/04/2020", AuditLabels.Value(nameof(PerformancePlan), "ApprovalAct.Date", "2020-04-14"));
        Assert.Equal("sì", AuditLabels.Value(nameof(MonitoringPeriod), nameof(MonitoringPeriod.IsOpen), "true"));
        Assert.Equal("1.234,5678", AuditLabels.Value(nameof(KpiResult), nameof(KpiResult.Value), "1234.5678"));
    }

    [Fact]
    public void KeepsEveryFilterInThePageLinksGivenAFilteredSearch()
    {
        var filter = new AuditFilter(2020, "mario rossi", "KpiResult", "DIR", 1, "DIR-CASA-01", "01/07/2020", "31/12/2020");

        Assert.Equal(
            "/amministrazione/registro?anno=2020&utente=mario%20rossi&tipo=KpiResult&obiettivo=DIR-CASA-01&dal=01%2F07%2F2020&al=31%2F12%2F2020&testo=DIR&pagina=2",
            filter.Url(2));
    }

    /// <summary>A plan in Bozza copied from the 2019 plan with its targets, and the planning office that created it.</summary>
    private async Task<HttpClient> DraftCopyOf2019Async(int year)
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var created = await PdoWebFactory.PostFormAsync(office, "/piani/nuovo", "/piani/nuovo",
            [new("Year", year.ToString(CultureInfo.InvariantCulture)), new("Title", $"Piano degli Obiettivi {year}"), new("CopyFromYear", "2019"), new("CopyTargets", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return office;
    }
}
