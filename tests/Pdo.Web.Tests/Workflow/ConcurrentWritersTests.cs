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
}
