using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>
/// The four-eyes review (issue 12, item 5): whoever entered a result cannot confirm it, on the single and the bulk
/// confirmation; the inbox and the monitoring board say who can confirm what.
/// </summary>
public sealed class FourEyesReviewTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    private const string Author = "anna.pianificazione@pdo.local";
    private const string Colleague = "marco.pianificazione@pdo.local";

    public Task InitializeAsync() => factory.EnsurePlan2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RefusesTheConfirmationGivenThePlanningOfficeUserWhoEnteredTheResult()
    {
        var author = await factory.CreateClientAsUserAsync(Author, Roles.PlanningOffice);
        await ResultForm.SaveAsync(factory, author, 2020, "SOL-01", "INT", ("80%", null));
        var result = await ResultAsync("SOL-01.1");
        Assert.Equal(Author, result.RecordedBy);

        var inbox = await author.GetStringAsync("/revisione");
        Assert.Contains("Inserito da te: la conferma spetta a un altro utente.", inbox);
        Assert.DoesNotContain($"action=\"/revisione/{result.Id}/conferma\"", inbox);
        Assert.DoesNotContain($"value=\"{result.Id}:", inbox);

        var shouting = await factory.CreateClientAsUserAsync(Author.ToUpperInvariant(), Roles.PlanningOffice);
        var response = await PdoWebFactory.PostFormAsync(shouting, "/revisione", $"/revisione/{result.Id}/conferma", [new("Version", result.Version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Chi ha inserito il risultato non può confermarlo: serve un secondo utente.", await shouting.GetStringAsync("/revisione"));
        Assert.Equal(ResultStatus.Entered, (await ResultAsync("SOL-01.1")).Status);
    }

    [Fact]
    public async Task ConfirmsAStrategicObjectivesResultGivenAnotherPlanningOfficeUser()
    {
        var author = await factory.CreateClientAsUserAsync(Author, Roles.PlanningOffice);
        await ResultForm.SaveAsync(factory, author, 2020, "GES-01", "INT", ("80%", null), ("31", null));
        var board = await author.GetStringAsync("/piani/2020/monitoraggio?periodo=INT&direzione=ENTE");
        Assert.Contains($"la conferma spetta a un altro utente dell&#x27;Ufficio Pianificazione (non a {Author}, che l&#x27;ha inserito)", board);
        var colleague = await factory.CreateClientAsUserAsync(Colleague, Roles.PlanningOffice);
        var result = await ResultAsync("GES-01.2");
        Assert.Contains($"action=\"/revisione/{result.Id}/conferma\"", await colleague.GetStringAsync("/revisione"));

        var response = await PdoWebFactory.PostFormAsync(colleague, "/revisione", $"/revisione/{result.Id}/conferma", [new("Version", result.Version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var confirmed = await ResultAsync("GES-01.2");
        Assert.Equal(ResultStatus.Confirmed, confirmed.Status);
        Assert.Equal(Colleague, confirmed.ReviewedBy);
    }

    [Fact]
    public async Task ConfirmsTheSelectedAndReportsEachRefusalGivenADirettoresBulkConfirmation()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await ResultForm.SaveAsync(factory, office, 2020, "DIR-CASA-01", "INT", ("100%", null), ("850", "Sotto target: servono altri sopralluoghi."), ("2.646", null));
        await ResultForm.SaveAsync(factory, office, 2020, "DIR-ECON-01", "INT", ("451", null), ("105", null), ("353", null), ("60%", null), ("116", null));
        var board = await office.GetStringAsync("/piani/2020/monitoraggio?periodo=INT");
        Assert.Contains("la conferma spetta al Direttore della Direzione Casa (non a test.planningoffice@pdo.local, che l&#x27;ha inserito)", board);
        var casa = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");
        var inbox = await casa.GetStringAsync("/revisione");
        Assert.Contains("Conferma i selezionati", inbox);
        var first = await ResultAsync("DIR-CASA-01.1");
        var second = await ResultAsync("DIR-CASA-01.2");
        var third = await ResultAsync("DIR-CASA-01.3");
        var foreign = await ResultAsync("DIR-ECON-01.1");
        Assert.Contains($"value=\"{first.Id}:{first.Version}\"", inbox);

        var response = await PdoWebFactory.PostFormAsync(casa, "/revisione", "/revisione/conferma-selezionati",
        [
            new("Selected", $"{first.Id}:{first.Version}"),
            new("Selected", $"{second.Id}:{second.Version}"),
            new("Selected", $"{third.Id}:{Guid.NewGuid()}"),
            new("Selected", $"{foreign.Id}:{foreign.Version}"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var summary = await casa.GetStringAsync("/revisione");
        Assert.Contains("Confermati 2 risultati", summary);
        Assert.Contains("Non confermati 2 risultati", summary);
        Assert.Contains("il risultato è stato modificato da un&#x27;altra persona", summary);
        Assert.Contains("non hai l&#x27;autorizzazione a confermare i risultati di questo obiettivo.", summary);
        Assert.Equal(ResultStatus.Confirmed, (await ResultAsync("DIR-CASA-01.1")).Status);
        Assert.Equal(ResultStatus.Confirmed, (await ResultAsync("DIR-CASA-01.2")).Status);
        Assert.Equal(ResultStatus.Entered, (await ResultAsync("DIR-CASA-01.3")).Status);
        Assert.Equal(ResultStatus.Entered, (await ResultAsync("DIR-ECON-01.1")).Status);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityKey.StartsWith("2020/") && a.KpiCode!.StartsWith("DIR-CASA-01") && a.Field == nameof(KpiResult.Status) && a.NewValue == nameof(ResultStatus.Confirmed)));
        Assert.Equal(2, audit);
    }

    [Fact]
    public async Task RefusesTheUsersOwnResultsGivenABulkConfirmationThatSelectsThem()
    {
        var author = await factory.CreateClientAsUserAsync(Author, Roles.PlanningOffice);
        var colleague = await factory.CreateClientAsUserAsync(Colleague, Roles.PlanningOffice);
        await ResultForm.SaveAsync(factory, author, 2020, "SOL-03", "INT", ("3", null));
        await ResultForm.SaveAsync(factory, colleague, 2020, "FUN-01", "INT", ("5%", null), ("2%", null));
        var own = await ResultAsync("SOL-03.1");
        var other = await ResultAsync("FUN-01.1");

        var response = await PdoWebFactory.PostFormAsync(author, "/revisione", "/revisione/conferma-selezionati",
            [new("Selected", $"{own.Id}:{own.Version}"), new("Selected", $"{other.Id}:{other.Version}")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var summary = await author.GetStringAsync("/revisione");
        Assert.Contains("Confermato 1 risultato", summary);
        Assert.Contains("Non confermato 1 risultato", summary);
        Assert.Contains("Chi ha inserito il risultato non può confermarlo: serve un secondo utente.", summary);
        Assert.Equal(ResultStatus.Entered, (await ResultAsync("SOL-03.1")).Status);
        Assert.Equal(ResultStatus.Confirmed, (await ResultAsync("FUN-01.1")).Status);
    }

    [Fact]
    public async Task SwitchesTheFourEyesReviewOffAndOnGivenAPlanInBozza()
    {
        await factory.ImportPlanAsync(SeedPlanJson.AsYear(2031, "Draft"));
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        Assert.Contains("Disattiva la conferma da un secondo utente", await office.GetStringAsync("/piani/2031"));

        var off = await PdoWebFactory.PostFormAsync(office, "/piani/2031", "/piani/2031/conferma-secondo-utente", [new("Required", "false")]);

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Plans.Where(p => p.Year == 2031).Select(p => p.RequireFourEyesReview).SingleAsync()));
        Assert.Contains("Attiva la conferma da un secondo utente", await office.GetStringAsync("/piani/2031"));
        var history = await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PlanYear == 2031 && a.Field == nameof(PerformancePlan.RequireFourEyesReview)));
        Assert.True(history);

        await PdoWebFactory.PostFormAsync(office, "/piani/2031", "/piani/2031/conferma-secondo-utente", [new("Required", "true")]);
        Assert.True(await factory.WithDbAsync(db => db.Plans.Where(p => p.Year == 2031).Select(p => p.RequireFourEyesReview).SingleAsync()));
    }

    private Task<KpiResult> ResultAsync(string kpiCode) =>
        factory.WithDbAsync(db => db.KpiResults.AsNoTracking().SingleAsync(r => r.Kpi!.Code == kpiCode && r.Kpi.Objective!.Plan!.Year == 2020));
}
