using Microsoft.Playwright;

namespace Pdo.E2E.Support;

/// <summary>
/// One portal process and one chromium for the whole run (the "Portal" collection runs its tests one after the
/// other). Each journey creates the data it needs; <see cref="EnsureMonitoringPlanAsync"/> adds, once, the 2021 plan
/// in monitoring with the interim period open that several journeys start from.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string DemoPassword = "Demo-Pdo-2019!";
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The year of the plan in monitoring prepared by <see cref="EnsureMonitoringPlanAsync"/>.</summary>
    public const int MonitoringYear = 2021;

    private readonly SemaphoreSlim _planOnce = new(1, 1);
    private bool _planReady;
    private IPlaywright? _playwright;

    public PortalServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: the browser tests drive Debian's chromium (apt-get install chromium; bash .ci/test does it).");
        }

        // The driver must never try to fetch a browser of its own: there is no network here.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(15_000);

        var server = PortalServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
        Server = await server;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>A journey: its browsers, and screenshots of their pages if a step fails.</summary>
    public async Task RunJourneyAsync(string name, Func<Journey, Task> steps)
    {
        await using var journey = new Journey(this, name);
        await journey.RunAsync(steps);
    }

    /// <summary>A client of the portal for preparing data (what another person did before the journey starts).</summary>
    public Task<PortalApi> SignedInApiAsync(string email) => PortalApi.SignInAsync(BaseAddress, email, DemoPassword);

    /// <summary>
    /// The 2021 plan: a copy of 2019 with its targets, monitoring started, the interim period (INT) open. Prepared once,
    /// through the portal's own pages, as the planning office.
    /// </summary>
    public async Task EnsureMonitoringPlanAsync()
    {
        await _planOnce.WaitAsync();
        try
        {
            if (_planReady)
            {
                return;
            }

            using var office = await SignedInApiAsync(People.PlanningOffice);
            var year = MonitoringYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await office.PostExpectingRedirectAsync("/piani/nuovo", "/piani/nuovo",
                [new("Year", year), new("Title", $"Piano degli Obiettivi {year}"), new("CopyFromYear", "2019"), new("CopyTargets", "true")]);
            await office.PostExpectingRedirectAsync($"/piani/{year}", $"/piani/{year}/avvia-monitoraggio", []);
            await office.PostExpectingRedirectAsync($"/piani/{year}", $"/piani/{year}/periodi/INT/apri", []);
            var page = await office.GetStringAsync($"/piani/{year}");
            Assert.Contains("Chiudi il periodo «Monitoraggio intermedio", page, StringComparison.Ordinal);
            _planReady = true;
        }
        finally
        {
            _planOnce.Release();
        }
    }
}

/// <summary>The Development demo accounts (IdentitySeeder), all with <see cref="PortalFixture.DemoPassword"/>.</summary>
public static class People
{
    public const string Administrator = "admin@pdo.local";
    public const string PlanningOffice = "pianificazione@pdo.local";
    public const string Giunta = "giunta@pdo.local";
    public const string DirettoreCasa = "direttore.casa@pdo.local";
    public const string DirettoreCultura = "direttore.cultura@pdo.local";
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal";
}
