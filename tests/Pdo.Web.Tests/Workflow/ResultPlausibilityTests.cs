using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>
/// Values the rule book cannot score correctly are not saved silently (attainment.md, "Plausibility at entry"), and
/// an objective not fully met never shows 100,0 (attainment.md, "Rounding for display"); over the 2020 plan in monitoring.
/// </summary>
public sealed class ResultPlausibilityTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePlan2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("15/11/2019", "anno del piano (2020)")]
    [InlineData("31/12/2030", "anno del piano (2020)")]
    public async Task RefusesAndSavesNothingGivenACompletionDateOutsideThePlanYear(string date, string message)
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await ResultForm.PostAsync(factory, office, 2020, "SOL-02", "INT", ("SI", null), (date, null), ("SI", null));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync("SOL-02"));
    }

    [Fact]
    public async Task RefusesAndSavesNothingGivenANegativeCount()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await ResultForm.PostAsync(factory, office, 2020, "DIR-ECON-01", "INT", ("-5", null));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("non può essere negativo", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync("DIR-ECON-01"));
    }

    [Fact]
    public async Task SavesAValueMoreThanTenTimesTheTargetOnlyGivenConfermoIlValore()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        (string, string?)[] values = [("100%", null), ("2.646.000.000", null), ("2.646", null)];

        var preview = await ResultForm.PostAsync(factory, office, 2020, "DIR-CASA-01", "INT", "anteprima", [], values);
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Confermo il valore", previewHtml);
        Assert.Contains("più di 10 volte lontano dal target 900", previewHtml);

        var refused = await ResultForm.PostAsync(factory, office, 2020, "DIR-CASA-01", "INT", values);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(0, await CountAsync("DIR-CASA-01"));

        var saved = await ResultForm.PostAsync(factory, office, 2020, "DIR-CASA-01", "INT", "salva", [new("Lines[1].ConfirmValue", "true")], values);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(3, await CountAsync("DIR-CASA-01"));
    }

    [Fact]
    public async Task Shows99Point9AndParzialmenteRaggiuntoGivenAnObjectiveAt99Point95()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await ResultForm.SaveAsync(factory, office, 2020, "GES-01", "INT", ("80%", null), ("30", "Una pratica è slittata a luglio."));

        var page = await office.GetStringAsync("/piani/2020/obiettivi/GES-01?periodo=INT");

        Assert.Contains("99,95 → 99,9 %", page);
        const string scoreValue = "<span class=\"score-value\">";
        var objectiveScore = page.IndexOf(scoreValue, StringComparison.Ordinal) + scoreValue.Length;
        Assert.Equal("99,9 %</span>", page.Substring(objectiveScore, "99,9 %</span>".Length));
        Assert.Contains("Parzialmente raggiunto", page);
    }

    private Task<int> CountAsync(string objective) =>
        factory.WithDbAsync(db => db.KpiResults.CountAsync(r => r.Kpi!.Objective!.Code == objective && r.Kpi.Objective.Plan!.Year == 2020));
}
