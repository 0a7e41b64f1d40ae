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

    /// <summary>The day the later-dated portal believes it is (<see cref="LaterPortalAsync"/>): a 2027 plan can be approved.</summary>
    public static readonly DateOnly LaterToday = new(2028, 3, 20);

    private readonly SemaphoreSlim _planOnce = new(1, 1);
    private readonly SemaphoreSlim _laterOnce = new(1, 1);
    private bool _planReady;
    private PortalServer? _later;
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
        if (_later is not null)
        {
            await _later.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>A journey: its browsers, and screenshots of their pages if a step fails.</summary>
    public async Task RunJourneyAsync(string name, Func<Journey, Task> steps)
    {
        await using var journey = new Journey(this, name, Server);
        await journey.RunAsync(steps);
    }

    /// <summary>A journey on <see cref="LaterPortalAsync"/>: a fresh portal whose clock says <see cref="LaterToday"/>.</summary>
    public async Task RunLaterJourneyAsync(string name, Func<Journey, Task> steps)
    {
        var server = await LaterPortalAsync();
        await using var journey = new Journey(this, name, server);
        await journey.RunAsync(steps);
    }

    /// <summary>
    /// A second portal process with its own fresh database (the 2019 seed only), its clock moved in Development to
    /// <see cref="LaterToday"/> (<c>Development:ClockOffsetDays</c>), so that a journey can run a year that has not
    /// ended yet to its approval; its plan imports always run as background jobs. Started once, when first asked for.
    /// </summary>
    public async Task<PortalServer> LaterPortalAsync()
    {
        await _laterOnce.WaitAsync();
        try
        {
            if (_later is null)
            {
                var days = Math.Max(0, LaterToday.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber);
                _later = await PortalServer.StartAsync(new Dictionary<string, string>
                {
                    ["Development__ClockOffsetDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    // Every plan import there runs as a background job, so a journey sees the job page (PlanWorkbookImportJourney).
                    ["Jobs__SynchronousImportBytes"] = "0",
                });
                Authenticators.PortalClock(_later.BaseAddress, TimeSpan.FromDays(days));
            }

            return _later;
        }
        finally
        {
            _laterOnce.Release();
        }
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
    public const string Oiv = "oiv@pdo.local";
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal";
}
