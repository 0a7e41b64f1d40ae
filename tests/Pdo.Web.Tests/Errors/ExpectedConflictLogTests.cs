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

    private static void AssertOneLine(ConcurrentQueue<LogEvent> events, string expected)
    {
        var all = events.ToList();
        Assert.All(all, e => Assert.Null(e.Exception));
        var warning = Assert.Single(all, e => e.Level >= LogEventLevel.Warning);
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
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(this));
        }
    }
}
