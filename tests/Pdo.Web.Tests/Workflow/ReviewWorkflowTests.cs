using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

public sealed class ReviewWorkflowTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePlan2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TracksEveryStepWithWhoAndWhenGivenReturnCorrectionAndConfirmation()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var casa = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");
        var kpis = await factory.WithDbAsync(db => db.Kpis.Where(k => k.Objective!.Code == "DIR-CASA-01" && k.Objective.Plan!.Year == 2020).OrderBy(k => k.SortOrder).Select(k => k.Id).ToListAsync());
        await Enter(office, "DIR-CASA-01", "100%", "850", "2.646");

        var inbox = await casa.GetStringAsync("/revisione");
        Assert.Contains("Recupero alloggi ERP sfitti", inbox);
        Assert.Contains("Sotto target: servono altri sopralluoghi", inbox);
        var second = await ResultAsync("DIR-CASA-01.2");
        var returned = await PdoWebFactory.PostFormAsync(casa, "/revisione", $"/revisione/{second.Id}/restituisci",
            [new("Version", second.Version.ToString()), new("Comment", "Il dato di dicembre è 900: verificare.")]);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(ResultStatus.Returned, (await ResultAsync("DIR-CASA-01.2")).Status);

        var form = await office.GetStringAsync("/piani/2020/obiettivi/DIR-CASA-01/risultati?periodo=INT");
        Assert.Contains("Il dato di dicembre è 900: verificare.", form);
        var version = ResultForm.Version(form, 1)!;
        var corrected = await PdoWebFactory.PostFormAsync(office, "/piani/2020/obiettivi/DIR-CASA-01/risultati", "/piani/2020/obiettivi/DIR-CASA-01/risultati",
        [
            new("Period", "INT"), new("Command", "salva"),
            new("Lines[0].KpiId", kpis[1].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Lines[0].Version", version), new("Lines[0].Actual", "900"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal(ResultStatus.Entered, (await ResultAsync("DIR-CASA-01.2")).Status);

        foreach (var code in new[] { "DIR-CASA-01.1", "DIR-CASA-01.2", "DIR-CASA-01.3" })
        {
            var result = await ResultAsync(code);
            var confirmed = await PdoWebFactory.PostFormAsync(casa, "/revisione", $"/revisione/{result.Id}/conferma", [new("Version", result.Version.ToString())]);
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            Assert.Equal(ResultStatus.Confirmed, (await ResultAsync(code)).Status);
        }

        var history = await office.GetStringAsync("/piani/2020/obiettivi/DIR-CASA-01/kpi/DIR-CASA-01.2/storico");
        Assert.Contains("test.planningoffice@pdo.local", history);
        Assert.Contains("test.directoratemanager@pdo.local", history);
        Assert.Contains("<td>850</td>", history);
        Assert.Contains("<td>900</td>", history);
        Assert.Contains("<td>Restituito</td>", history);
        Assert.Contains("<td>Confermato</td>", history);
        Assert.Contains("Il dato di dicembre è 900: verificare.", history);
        Assert.Matches(@"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", history);
    }

    [Fact]
    public async Task AnswersForbiddenAndChangesNothingGivenAnotherDirezioneConfirms()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await Enter(office, "DIR-ECON-01", "451", "105", "353", "60%", "116");
        var result = await ResultAsync("DIR-ECON-01.1");
        var cultura = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CULTURA");

        var response = await PdoWebFactory.PostFormAsync(cultura, "/revisione", $"/revisione/{result.Id}/conferma", [new("Version", result.Version.ToString())]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ResultStatus.Entered, (await ResultAsync("DIR-ECON-01.1")).Status);
        Assert.DoesNotContain("Implementazione azioni di politica attiva", await cultura.GetStringAsync("/revisione"));
    }

    [Fact]
    public async Task RequiresACommentGivenAReturn()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await Enter(office, "DIR-SOC-01", "SI");
        var result = await ResultAsync("DIR-SOC-01.1");
        var sociali = await factory.CreateClientAsAsync(Roles.DirectorateManager, "SOCIALI");

        var response = await PdoWebFactory.PostFormAsync(sociali, "/revisione", $"/revisione/{result.Id}/restituisci", [new("Version", result.Version.ToString()), new("Comment", "")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Scrivere un commento", await sociali.GetStringAsync("/revisione"));
        Assert.Equal(ResultStatus.Entered, (await ResultAsync("DIR-SOC-01.1")).Status);
    }

    private Task Enter(HttpClient client, string objective, params string[] values) =>
        ResultForm.SaveAsync(factory, client, 2020, objective, "INT", [.. values.Select(v => (v, (string?)"Sotto target: servono altri sopralluoghi."))]);

    private Task<KpiResult> ResultAsync(string kpiCode) =>
        factory.WithDbAsync(db => db.KpiResults.AsNoTracking().SingleAsync(r => r.Kpi!.Code == kpiCode && r.Kpi.Objective!.Plan!.Year == 2020));
}
