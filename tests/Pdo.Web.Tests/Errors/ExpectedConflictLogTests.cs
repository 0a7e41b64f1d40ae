using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;
using Serilog.Core;
using Serilog.Events;

namespace Pdo.Web.Tests.Errors;

/// <summary>
/// An edit refused because someone saved first (409) and a stale form (400) are expected: each is one warning line
/// with its reason in the log, and no event carries an exception (no stack trace), whatever its logger.
/// </summary>
public sealed class ExpectedConflictLogTests(ExpectedConflictLogTests.CapturingFactory factory) : IClassFixture<ExpectedConflictLogTests.CapturingFactory>
{
    [Fact]
    public async Task LogsOneWarningLineWithoutAStackTraceGivenAnEditWithAStaleVersion()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var version = await factory.WithDbAsync(db => db.Directorates.Where(d => d.Code == "CULTURA").Select(d => d.Version).SingleAsync());
        const string url = "/amministrazione/direzioni/CULTURA/modifica";
        Assert.Equal(HttpStatusCode.Redirect, (await Edit(admin, url, "Direzione Cultura e Musei", version)).StatusCode);

        factory.Events.Clear();
        var stale = await Edit(admin, url, "Direzione Cultura (vecchia)", version);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        AssertOneLine(factory.Events, "Concurrent edit refused: version changed meanwhile (Directorate)");
    }

    [Fact]
    public async Task LogsOneWarningLineWithoutAStackTraceGivenAPostWithAStaleForm()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await client.GetStringAsync("/piani/nuovo"); // this session's antiforgery cookie

        factory.Events.Clear();
        var response = await client.PostAsync("/piani/nuovo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Year"] = "2031",
            ["__RequestVerificationToken"] = "gettone-scaduto",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertOneLine(factory.Events, "Stale form refused on POST /piani/nuovo");
    }

    [Fact]
    public async Task LogsOneWarningLineWithoutAStackTraceGivenAFirstResultInsertedByAnotherUserAMomentBefore()
    {
        await factory.EnsurePlan2020Async();
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var (kpi, period) = await factory.WithDbAsync(async db => (
            await db.Kpis.Where(k => k.Code == "DIR-CULT-01.1" && k.Objective!.Plan!.Year == 2020).Select(k => k.Id).SingleAsync(),
            await db.Periods.Where(p => p.Code == "INT" && p.Plan!.Year == 2020).Select(p => p.Id).SingleAsync()));

        // Between the form's read and its save, someone else's first result of the same KPI reaches the database.
        factory.Race.Arm(kpi, period);
        factory.Events.Clear();
        var response = await ResultForm.PostAsync(factory, office, 2020, "DIR-CULT-01", "INT", ("100%", null));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        AssertOneLine(factory.Events, "Result entry conflict on 2020/DIR-CULT-01 by test.planningoffice@pdo.local: ");
    }

    private static void AssertOneLine(ConcurrentQueue<LogEvent> events, string expected)
    {
        var all = events.ToList();
        Assert.All(all, e => Assert.Null(e.Exception));
        var warnings = all.Where(e => e.Level >= LogEventLevel.Warning).ToList();
        Assert.True(warnings.Count == 1, "Warnings: " + string.Join(" | ", warnings.Select(w => w.RenderMessage())));
        var warning = warnings[0];
        var line = warning.RenderMessage().Replace("\"", string.Empty, StringComparison.Ordinal); // Serilog quotes text values
        Assert.StartsWith(expected, line);
        Assert.DoesNotContain('\n', line);
    }

    private static Task<HttpResponseMessage> Edit(HttpClient client, string url, string name, Guid version) =>
        PdoWebFactory.PostFormAsync(client, url, url,
            [new("Code", "CULTURA"), new("Name", name), new("ActiveFrom", "01/01/2019"), new("ActiveTo", ""), new("Version", version.ToString())]);

    /// <summary>The portal with every log event of the app also kept in memory (Serilog reads sinks from the services).</summary>
    public sealed class CapturingFactory : PdoWebFactory, ILogEventSink
    {
        private readonly SemaphoreSlim _once = new(1, 1);
        private bool _imported;

        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public FirstResultRace Race { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

        /// <summary>A 2020 plan in monitoring with the interim period open and no results.</summary>
        public async Task EnsurePlan2020Async()
        {
            await _once.WaitAsync();
            try
            {
                if (!_imported)
                {
                    await ImportPlanAsync(SeedPlanJson.AsYear(2020, "Monitoring", openPeriod: "INT"));
                    _imported = true;
                }
            }
            finally
            {
                _once.Release();
            }
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILogEventSink>(this);
                ConfigureDbContext(services, o => o.AddInterceptors(Race));
            });
        }
    }

    /// <summary>
    /// Once armed, the next save first inserts, on a connection of its own, a result of the KPI and period (copying
    /// another result's values): the unique key of the save's own insert then fails, as when two users enter the same
    /// first result at once.
    /// </summary>
    public sealed class FirstResultRace : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        private (int Kpi, int Period)? _armed;

        public void Arm(int kpi, int period) => _armed = (kpi, period);

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (_armed is { } race && eventData.Context is { } context)
            {
                _armed = null;
                await using var connection = context.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection
                    ? new Microsoft.Data.Sqlite.SqliteConnection(context.Database.GetConnectionString())
                    : (System.Data.Common.DbConnection)new Npgsql.NpgsqlConnection(context.Database.GetConnectionString());
                await connection.OpenAsync(cancellationToken);
                await using var insert = connection.CreateCommand();
                const string Columns = "\"ActualText\", \"CompletionDate\", \"Done\", \"Justification\", \"RecordedAt\", \"RecordedBy\", \"ReviewComment\", \"ReviewedAt\", \"ReviewedBy\", \"Status\", \"Value\", \"Version\"";
                insert.CommandText = FormattableString.Invariant(
                    $"INSERT INTO \"KpiResults\" (\"KpiId\", \"PeriodId\", {Columns}) SELECT {race.Kpi}, {race.Period}, {Columns} FROM \"KpiResults\" LIMIT 1");
                Assert.Equal(1, await insert.ExecuteNonQueryAsync(cancellationToken));
            }

            return result;
        }
    }
}
