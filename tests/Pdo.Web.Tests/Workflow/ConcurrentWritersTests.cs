using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>
/// Eight users posting the first results of the same objective at once, through the real form, on SQLite and on
/// PostgreSQL (PDO_TEST_POSTGRES): each save is whole or refused as a conflict, one result per KPI and period remains
/// (the first-entry race), and every save that succeeded is in the audit trail, written in its transaction.
/// </summary>
public sealed class ConcurrentWritersTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    private const int Writers = 8;

    public Task InitializeAsync() => factory.EnsurePlan2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KeepsOneResultPerKpiAndAnAuditRowForEverySaveGivenEightWritersEnteringTheSameObjectiveAtOnce()
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < Writers; i++)
        {
            clients.Add(await factory.CreateClientAsUserAsync($"scrittore{i}@pdo.local", Roles.PlanningOffice));
        }

        var responses = await Task.WhenAll(clients.Select((client, i) => ResultForm.PostAsync(
            factory, client, 2020, "DIR-CULT-01", "INT", ("100%", null), ("3", null), ($"{i + 1}", "Mostre rinviate."))));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }));
        var saved = responses.Count(r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.True(saved >= 1, "No writer saved.");
        var (results, actualRows) = await factory.WithDbAsync(async db => (
            await db.KpiResults.AsNoTracking()
                .Where(r => r.Kpi!.Objective!.Code == "DIR-CULT-01" && r.Kpi.Objective.Plan!.Year == 2020)
                .Select(r => new { r.Kpi!.Code, r.ActualText })
                .ToListAsync(),
            await db.AuditEntries.AsNoTracking()
                .Where(a => a.PlanYear == 2020 && a.ObjectiveCode == "DIR-CULT-01" && a.Field == "ActualText")
                .OrderBy(a => a.Id)
                .Select(a => new { a.KpiCode, a.NewValue })
                .ToListAsync()));

        Assert.Equal(3, results.Count);
        Assert.Equal(3, results.Select(r => r.Code).Distinct().Count());
        foreach (var result in results)
        {
            // What is stored is what the last audit row of that KPI says.
            Assert.Equal(result.ActualText, actualRows.Last(a => a.KpiCode == result.Code).NewValue);
        }

        // The third KPI differs in every post: each save that succeeded changed it, and left exactly one audit row.
        var third = results.Single(r => r.Code.EndsWith(".3", StringComparison.Ordinal)).Code;
        Assert.Equal(saved, actualRows.Count(a => a.KpiCode == third));
    }

    [Fact]
    public async Task SavesEveryWriteAndLosesNoUpdateGivenEightWritersOnDistinctKpisAtOnce()
    {
        // Eight KPIs of two objectives (five of DIR-ECON-01, three of DIR-CASA-01), one writer each, three saves each:
        // a writer reads the form, posts its KPI alone with the version it saw, and does it again.
        (string Objective, int Index, decimal Base, string Unit)[] kpis =
        [
            ("DIR-ECON-01", 0, 451m, ""), ("DIR-ECON-01", 1, 105m, ""), ("DIR-ECON-01", 2, 353m, ""), ("DIR-ECON-01", 3, 60m, "%"),
            ("DIR-ECON-01", 4, 116m, ""), ("DIR-CASA-01", 0, 100m, "%"), ("DIR-CASA-01", 1, 720m, ""), ("DIR-CASA-01", 2, 2_646m, ""),
        ];
        const int Rounds = 3;
        var clients = new List<HttpClient>();
        for (var i = 0; i < Writers; i++)
        {
            clients.Add(await factory.CreateClientAsUserAsync($"scrittore.distinto{i}@pdo.local", Roles.PlanningOffice));
        }

        var statuses = await Task.WhenAll(kpis.Select(async (kpi, i) =>
        {
            var codes = new List<HttpStatusCode>();
            for (var round = 0; round < Rounds; round++)
            {
                codes.Add(await PostOneAsync(clients[i], kpi.Objective, kpi.Index, Value(kpi.Base - round, kpi.Unit)));
            }

            return codes;
        }));

        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.Redirect, s));
        var stored = await factory.WithDbAsync(db => db.KpiResults.AsNoTracking()
            .Where(r => r.Kpi!.Objective!.Plan!.Year == 2020 && (r.Kpi.Objective.Code == "DIR-ECON-01" || r.Kpi.Objective.Code == "DIR-CASA-01") && r.Period!.Code == "INT")
            .Select(r => new { r.Kpi!.Code, r.ActualText })
            .ToDictionaryAsync(r => r.Code, r => r.ActualText));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanYear == 2020 && (a.ObjectiveCode == "DIR-ECON-01" || a.ObjectiveCode == "DIR-CASA-01") && a.Field == "ActualText")
            .GroupBy(a => a.KpiCode!)
            .Select(g => new { Kpi = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kpi, g => g.Count));
        foreach (var kpi in kpis)
        {
            var code = $"{kpi.Objective}.{kpi.Index + 1}";
            Assert.Equal(Value(kpi.Base - (Rounds - 1), kpi.Unit), stored[code]);
            Assert.Equal(Rounds, audit[code]);
        }
    }

    [SqliteOnlyFact]
    public async Task WaitsForTheWriteLockInSqliteGivenAConnectionOpenedByEfCore()
    {
        // Without busy_timeout Microsoft.Data.Sqlite retries a busy statement every 150 ms (docs/benchmarks.md, "Writes").
        var timeout = await factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });

        Assert.Equal(Pdo.Infrastructure.Data.SqliteConnectionSettings.BusyTimeoutMilliseconds, timeout);
    }

    private static string Value(decimal number, string unit) => number.ToString(System.Globalization.CultureInfo.InvariantCulture) + unit;

    private async Task<HttpStatusCode> PostOneAsync(HttpClient client, string objective, int index, string actual)
    {
        var url = $"/piani/2020/obiettivi/{objective}/risultati";
        var form = await client.GetStringAsync($"{url}?periodo=INT");
        var kpiId = System.Text.RegularExpressions.Regex.Match(form, $"name=\"Lines\\[{index}\\].KpiId\" value=\"(\\d+)\"").Groups[1].Value;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Period", "INT"), new("Command", "salva"), new("Lines[0].KpiId", kpiId), new("Lines[0].Actual", actual),
            new("Lines[0].Justification", "Rilevazione aggiornata."),
        };
        if (ResultForm.Version(form, index) is { } version)
        {
            fields.Add(new("Lines[0].Version", version));
        }

        return (await PdoWebFactory.PostFormAsync(client, url, url, fields)).StatusCode;
    }
}
