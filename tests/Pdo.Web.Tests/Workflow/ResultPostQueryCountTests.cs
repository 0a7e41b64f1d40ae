using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Dashboards;
using Pdo.Testing;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>
/// A result POST sends a fixed number of queries whatever the plan's size (#18 item 4): the objective with its Direzione,
/// plan and periods (read once, for the authorization and for the form), its KPIs with their results, then one audit row
/// per changed field and the update of the result (one batched command on PostgreSQL) (a signed-in browser adds the
/// security-stamp check; the test clients sign in through the test scheme, which has none).
/// </summary>
/// <remarks>The plans are the dashboards' query-count plans: 2020 in monitoring (35 KPIs, interim period open) and a generated 2040 (1,500 KPIs with results, every period open).</remarks>
public sealed class ResultPostQueryCountTests(DashboardQueryCountTests.CountingFactory factory) : IClassFixture<DashboardQueryCountTests.CountingFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsurePlansAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(2020, "INT")]
    [InlineData(2040, "FIN")]
    public async Task SendsAFixedNumberOfQueriesGivenAChangedResultOfASmallOrALargePlan(int year, string period)
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var kpi = await factory.WithDbAsync(db => db.Kpis
            .Where(k => k.Objective!.Plan!.Year == year && k.Kind == KpiKind.Numeric && k.ValueKind == ValueKind.Percent)
            .OrderBy(k => k.Id)
            .Select(k => new { k.Id, k.Objective!.Code })
            .FirstAsync());
        var url = $"/piani/{year}/obiettivi/{kpi.Code}/risultati";

        await SaveAsync(office, url, kpi.Id, period, "97,5%");
        var queries = await SaveAsync(office, url, kpi.Id, period, "98,5%");

        // Objective with Direzione, plan and periods, KPIs with results, then the save: on SQLite the audit of ActualText,
        // the audit of Value and the update are three commands; Npgsql batches the three into one.
        Assert.Equal(TestDatabaseServer.IsPostgreSql ? 3 : 5, queries);
        Assert.Single(factory.Counter.Commands, c => c.Text.Contains("FROM \"Objectives\"", StringComparison.Ordinal));
        var stored = await factory.WithDbAsync(db => db.KpiResults.SingleAsync(r => r.KpiId == kpi.Id && r.Period!.Code == period));
        Assert.Equal("98,5%", stored.ActualText);
    }

    /// <summary>Posts one value with the stored version (as the form shows it); returns the number of queries of the POST alone.</summary>
    private async Task<int> SaveAsync(HttpClient client, string url, int kpiId, string period, string actual)
    {
        var version = await factory.WithDbAsync(db => db.KpiResults.Where(r => r.KpiId == kpiId && r.Period!.Code == period)
            .Select(r => (Guid?)r.Version).SingleOrDefaultAsync());
        var token = await PdoWebFactory.AntiforgeryTokenAsync(client, $"{url}?periodo={period}");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Period", period),
            new("Command", "salva"),
            new("Lines[0].KpiId", kpiId.ToString(CultureInfo.InvariantCulture)),
            new("Lines[0].Actual", actual),
            new("Lines[0].Justification", "Verifica del numero di query."),
            new("Lines[0].ConfirmValue", "true"),
            new("__RequestVerificationToken", token),
        };
        if (version is { } stored)
        {
            fields.Add(new("Lines[0].Version", stored.ToString()));
        }

        factory.Counter.Reset();
        var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        var count = factory.Counter.Count;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return count;
    }
}
