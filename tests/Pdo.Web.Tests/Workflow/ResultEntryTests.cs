using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

public sealed class ResultEntryTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePlan2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SavesEveryValueGivenTheItalianFormatsOfTheReport()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await PostAsync(client, "FUN-02", "salva", ("1'16\"", null), ("9,9 giorni", null), ("2,46", null), (">90%", null));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var results = await ResultsAsync("FUN-02");
        // At the 6 decimals a value is stored with (a server rounds 76/60, SQLite keeps every digit).
        Assert.Equal([Math.Round(76m / 60m, 6), 9.9m, 2.46m, 90m], results.Select(r => Math.Round(r.Value!.Value, 6)));
        Assert.All(results, r => Assert.Equal(ResultStatus.Entered, r.Status));
        Assert.All(results, r => Assert.Equal("test.planningoffice@pdo.local", r.RecordedBy));
    }

    [Fact]
    public async Task ReadsThousandsPercentagesYesAndDatesGivenMoreKpiKinds()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, "SOL-02", "salva", ("SI", null), ("15/11/2020", null), ("NO", "Sperimentazione rinviata al 2021."))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, "DIR-CASA-01", "salva", ("100%", null), ("1.003", null), ("2.646", null))).StatusCode);

        var deadlines = await ResultsAsync("SOL-02");
        Assert.Equal([true, true, false], deadlines.Select(r => r.Done!.Value));
        Assert.Equal(new DateOnly(2020, 11, 15), deadlines[1].CompletionDate);
        Assert.Equal([100m, 1003m, 2646m], (await ResultsAsync("DIR-CASA-01")).Select(r => r.Value!.Value));
    }

    [Fact]
    public async Task SaysNoResultChangedAndWritesNothingGivenAFormPostedBlank()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await PostAsync(client, "GES-01", "salva", ("", null), ("  ", null));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("<div class=\"alert alert-info\" role=\"status\">Nessun risultato modificato.</div>", page);
        Assert.DoesNotContain("Risultati salvati", page);
        Assert.Empty(await ResultsAsync("GES-01"));
        Assert.Equal(audit, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task SaysNoResultChangedGivenTheSameValuesPostedAgain()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, "SOL-04", "salva", ("-1,6%", null))).StatusCode);
        var saved = await ResultsAsync("SOL-04");
        var audit = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var again = await PostAsync(client, "SOL-04", "salva", ("-1,6%", null));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Nessun risultato modificato.", await client.GetStringAsync(again.Headers.Location));
        Assert.Equal(saved.Select(r => r.Version), (await ResultsAsync("SOL-04")).Select(r => r.Version));
        Assert.Equal(audit, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Theory]
    [InlineData("dieci", "Valore non riconosciuto")]
    [InlineData("1.5", "virgola")]
    [InlineData("SI", "valore numerico")]
    [InlineData("91,1% circa", "non riconosciuto")]
    public async Task ShowsTheItalianMessageAndSavesNothingGivenABadValue(string value, string message)
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await PostAsync(client, "DIR-ECON-01", "salva", ("451", null), (value, null));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nessun valore è stato salvato", html);
        Assert.Contains(message, html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await ResultsAsync("DIR-ECON-01"));
    }

    [Fact]
    public async Task AsksForAJustificationGivenAScoreBelowOneHundred()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var refused = await PostAsync(client, "DIR-CULT-01", "salva", ("100%", null), ("3", null), ("6", null));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("75,0 %", html);
        Assert.Contains("scrivere la motivazione dello scostamento", html);
        Assert.Empty(await ResultsAsync("DIR-CULT-01"));

        var saved = await PostAsync(client, "DIR-CULT-01", "salva", ("100%", null), ("3", null), ("6", "Due mostre rinviate per i lavori a Palazzo Reale."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Due mostre rinviate per i lavori a Palazzo Reale.", (await ResultsAsync("DIR-CULT-01"))[2].Justification);
    }

    [Fact]
    public async Task ShowsTheParsedValueAndScoreWithoutSavingGivenAPreview()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await PostAsync(client, "SOL-01", "anteprima", ("56%", null));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Letto come <strong>56 %</strong>", html);
        Assert.Contains("80,0 %", html);
        Assert.Contains("(obbligatoria)", html);
        Assert.Empty(await ResultsAsync("SOL-01"));
    }

    [Fact]
    public async Task AnswersForbiddenAndChangesNothingGivenADirettoreOfAnotherDirezione()
    {
        var casa = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");

        var form = await casa.GetAsync("/piani/2020/obiettivi/DIR-SOC-01/risultati");
        var post = await PostAsync(casa, "DIR-SOC-01", "salva", tokenPage: "/piani", ("SI", null));

        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Empty(await ResultsAsync("DIR-SOC-01"));
        var page = await casa.GetStringAsync("/piani/2020/obiettivi/DIR-SOC-01");
        Assert.DoesNotContain("Inserisci i risultati", page);
    }

    [Fact]
    public async Task IgnoresFieldsTheUserMayNotSetGivenAForgedPost()
    {
        var client = await factory.CreateClientAsAsync(Roles.DirectorateManager, "SOCIALI");
        var otherKpi = await factory.WithDbAsync(db => db.Kpis.Where(k => k.Code == "DIR-CASA-01.2" && k.Objective!.Plan!.Year == 2020).Select(k => k.Id).SingleAsync());
        var ownKpi = await factory.WithDbAsync(db => db.Kpis.Where(k => k.Code == "DIR-SOC-02.1" && k.Objective!.Plan!.Year == 2020).Select(k => k.Id).SingleAsync());

        var response = await PdoWebFactory.PostFormAsync(client, "/piani/2020/obiettivi/DIR-SOC-02/risultati", "/piani/2020/obiettivi/DIR-SOC-02/risultati",
        [
            new("Period", "INT"),
            new("Command", "salva"),
            new("Lines[0].KpiId", ownKpi.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Lines[0].Actual", "SI"),
            new("Lines[0].TargetText", "entro il 01/01/2020"),
            new("Lines[0].DirectorateId", "1"),
            new("Lines[1].KpiId", otherKpi.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Lines[1].Actual", "5"),
            new("TargetValue", "0"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            Assert.False(await db.KpiResults.AnyAsync(r => r.KpiId == otherKpi));
            var kpi = await db.Kpis.Include(k => k.Objective).SingleAsync(k => k.Id == ownKpi);
            Assert.Equal("Incremento offerta su nuovi servizi entro il 31/12/2020", kpi.TargetText);
            Assert.Equal(new DateOnly(2020, 12, 31), kpi.Deadline);
        });
    }

    [Fact]
    public async Task ShowsAConflictAndKeepsTheFirstValueGivenTwoPeopleSavingTheSameKpi()
    {
        var first = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var second = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, "FUN-01", "salva", ("2,9%", null), ("3,4%", null))).StatusCode);

        // Both open the form on the same stored version, then both save.
        var formA = await first.GetStringAsync("/piani/2020/obiettivi/FUN-01/risultati?periodo=INT");
        var formB = await second.GetStringAsync("/piani/2020/obiettivi/FUN-01/risultati?periodo=INT");
        var saveA = await PostSeenAsync(first, formA, "3,5%");
        var saveB = await PostSeenAsync(second, formB, "3,7%");

        Assert.Equal(HttpStatusCode.Redirect, saveA.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, saveB.StatusCode);
        var html = await saveB.Content.ReadAsStringAsync();
        Assert.Contains("Qualcuno ha salvato questi valori prima di te", html);
        Assert.Contains("test.planningoffice@pdo.local", html);
        Assert.Contains("<strong>3,7%</strong>", html);
        Assert.Contains("3,5%", html);
        Assert.Equal(3.5m, (await ResultsAsync("FUN-01"))[1].Value);
    }

    [Fact]
    public async Task RefusesEntryGivenAnApprovedPlan()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var form = await client.GetStringAsync("/piani/2019/obiettivi/SOL-01/risultati?periodo=FIN");
        var post = await PdoWebFactory.PostFormAsync(client, "/piani/2019/obiettivi/SOL-01/risultati?periodo=FIN", "/piani/2019/obiettivi/SOL-01/risultati",
            [new("Period", "FIN"), new("Command", "salva"), new("Lines[0].KpiId", "1"), new("Lines[0].Actual", "10%")]);

        Assert.Contains("Il piano è approvato", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal("91,1%", await factory.WithDbAsync(db => db.KpiResults.Where(r => r.Kpi!.Code == "SOL-01.1" && r.Kpi.Objective!.Plan!.Year == 2019).Select(r => r.ActualText).SingleAsync()));
    }

    private static async Task<HttpResponseMessage> PostSeenAsync(HttpClient client, string form, string value)
    {
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"Lines\\[1\\].Version\" value=\"([^\"]+)\"").Groups[1].Value;
        var kpiIds = System.Text.RegularExpressions.Regex.Matches(form, "name=\"Lines\\[(\\d)\\].KpiId\" value=\"(\\d+)\"").Select(m => m.Groups[2].Value).ToList();
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        return await client.PostAsync("/piani/2020/obiettivi/FUN-01/risultati", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Period"] = "INT",
            ["Command"] = "salva",
            ["Lines[0].KpiId"] = kpiIds[1],
            ["Lines[0].Version"] = version,
            ["Lines[0].Actual"] = value,
        }));
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string objective, string command, params (string Actual, string? Justification)[] values) =>
        await PostAsync(client, objective, command, null, values);

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string objective, string command, string? tokenPage, params (string Actual, string? Justification)[] values)
    {
        var kpis = await factory.WithDbAsync(db => db.Kpis.Where(k => k.Objective!.Code == objective && k.Objective.Plan!.Year == 2020).OrderBy(k => k.SortOrder).Select(k => k.Id).ToListAsync());
        var fields = new List<KeyValuePair<string, string>> { new("Period", "INT"), new("Command", command) };
        for (var i = 0; i < values.Length; i++)
        {
            fields.Add(new($"Lines[{i}].KpiId", kpis[i].ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.Add(new($"Lines[{i}].Actual", values[i].Actual));
            if (values[i].Justification is { } justification)
            {
                fields.Add(new($"Lines[{i}].Justification", justification));
            }
        }

        var url = $"/piani/2020/obiettivi/{objective}/risultati";
        return await PdoWebFactory.PostFormAsync(client, tokenPage ?? url, url, fields);
    }

    private Task<List<KpiResult>> ResultsAsync(string objective) =>
        factory.WithDbAsync(db => db.KpiResults
            .Where(r => r.Kpi!.Objective!.Code == objective && r.Kpi.Objective.Plan!.Year == 2020)
            .OrderBy(r => r.Kpi!.SortOrder)
            .ToListAsync());
}
