using System.Net;
using Pdo.E2E.Support;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Hosting;

/// <summary>
/// Two portal processes (Kestrel, not a TestServer) on one PostgreSQL database, as a city runs them behind its
/// proxy: a cookie issued by one is accepted by the other (the Data Protection keys are in the database), and a
/// result saved through one shows on the other's dashboard within <c>Dashboards:ChangeCheckInterval</c>, never later.
/// </summary>
public sealed class SharedDatabaseTests : IClassFixture<MonitoringPlanFactory>
{
    private const string PlanningOffice = "pianificazione@pdo.local";
    private const string DemoPassword = "Demo-Pdo-2019!";
    private static readonly TimeSpan ChangeCheckInterval = TimeSpan.FromSeconds(1);

    private readonly MonitoringPlanFactory _database;

    public SharedDatabaseTests(MonitoringPlanFactory database) => _database = database;

    [PostgreSqlOnlyFact]
    public async Task AcceptsTheCookieOfOneInstanceOnTheOtherAndShowsItsResultWithinTheIntervalGivenTwoInstancesOnOneDatabase()
    {
        // The database migrated and seeded once (with a 2020 plan in monitoring), then the two instances, one after the other.
        await _database.EnsurePlan2020Async();
        await using var a = await PortalServer.StartAsync(Settings());
        await using var b = await PortalServer.StartAsync(Settings());
        var cookies = new CookieContainer();
        using var onA = Client(a, cookies);
        using var onB = Client(b, cookies);

        var signIn = await PdoWebFactory.PostFormAsync(onA, "/accesso", "/accesso", [new("Email", PlanningOffice), new("Password", DemoPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        const string dashboard = "/piani/2020/cruscotto?direzione=CASA&periodo=INT";
        var before = await onB.GetAsync(dashboard);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode); // B accepts A's cookie: no redirect to /accesso
        Assert.DoesNotContain("<td>733</td>", await before.Content.ReadAsStringAsync());

        await ResultForm.SaveAsync(_database, onA, 2020, "DIR-CASA-01", "INT", ("100%", null), ("733", "Cantieri in ritardo."), ("2.646", null));

        // Once the interval has passed since the save, B's next request shows it: no cache of B serves it stale.
        await Task.Delay(ChangeCheckInterval);
        var after = await onB.GetStringAsync(dashboard);

        Assert.Contains("<td>733</td>", after);
    }

    private Dictionary<string, string> Settings()
    {
        var settings = _database.DatabaseSettings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        settings["Dashboards__ChangeCheckInterval"] = ChangeCheckInterval.ToString();
        return settings;
    }

    private static HttpClient Client(PortalServer portal, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };
}
