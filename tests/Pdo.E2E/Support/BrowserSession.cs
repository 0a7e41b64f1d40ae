using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Support;

/// <summary>
/// One person's browser (its own context: cookies, storage) on the portal. Every page it reaches through
/// <see cref="GotoAsync"/> or <see cref="FollowAsync"/> is checked: expected HTTP status, no browser-side failure,
/// no WCAG 2.1 A/AA violation found by axe.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly BrowserGuard _guard;
    private readonly List<string> _dialogs = [];

    private BrowserSession(string person, IBrowserContext context, IPage page, BrowserGuard guard)
    {
        Person = person;
        _context = context;
        Page = page;
        _guard = guard;
    }

    public string Person { get; }

    public IPage Page { get; }

    /// <summary>The pages checked so far (path and query), in order.</summary>
    public List<string> CheckedPages { get; } = [];

    /// <summary>The messages of the confirmation dialogs accepted so far.</summary>
    public IReadOnlyList<string> Dialogs => _dialogs;

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri baseAddress, string person)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "it-IT",
            TimezoneId = "Europe/Rome",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        var guard = new BrowserGuard(baseAddress);
        var page = await context.NewPageAsync();
        await guard.AttachAsync(context, page);
        var session = new BrowserSession(person, context, page, guard);

        // The portal asks for confirmation (window.confirm) before irreversible actions: the person says yes.
        page.Dialog += async (_, dialog) =>
        {
            lock (session._dialogs)
            {
                session._dialogs.Add(dialog.Message);
            }

            await dialog.AcceptAsync();
        };
        return session;
    }

    /// <summary>Opens a page by its address, as a person typing it or following a bookmark.</summary>
    public async Task<IResponse> GotoAsync(string path, int expectedStatus = 200)
    {
        _guard.ExpectedStatus = expectedStatus;
        try
        {
            var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");
            return await CheckedAsync(response, expectedStatus);
        }
        finally
        {
            _guard.ExpectedStatus = 200;
        }
    }

    /// <summary>Does something that loads a new page (a click on a link or a submit button), waits for it and checks it.</summary>
    public async Task<IResponse> FollowAsync(Func<Task> action, int expectedStatus = 200)
    {
        _guard.ExpectedStatus = expectedStatus;

        // The new document's load event (the current one has loaded already): the page is there to be checked.
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage page) => loaded.TrySetResult();
        Page.Load += OnLoad;
        try
        {
            var response = await Page.RunAndWaitForResponseAsync(
                action,
                r => r.Request.IsNavigationRequest && r.Frame == Page.MainFrame && r.Status is < 300 or >= 400);
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return await CheckedAsync(response, expectedStatus);
        }
        finally
        {
            Page.Load -= OnLoad;
            _guard.ExpectedStatus = 200;
        }
    }

    /// <summary>Clicks the link or button with this accessible name and checks the page it loads.</summary>
    public Task<IResponse> ClickAsync(AriaRole role, string name, int expectedStatus = 200) =>
        FollowAsync(() => Page.GetByRole(role, new() { Name = name, Exact = true }).ClickAsync(), expectedStatus);

    /// <summary>Follows an entry of the main menu.</summary>
    public Task<IResponse> MenuAsync(string name) =>
        FollowAsync(() => Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principale" })
            .GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync());

    /// <summary>Follows a link of the breadcrumb ("Percorso di navigazione").</summary>
    public Task<IResponse> BreadcrumbAsync(string name) =>
        FollowAsync(() => Page.GetByRole(AriaRole.Navigation, new() { Name = "Percorso di navigazione" })
            .GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync());

    /// <summary>Checks the page as it is now (after a change made without loading a new page).</summary>
    public async Task CheckPageAsync()
    {
        var problems = _guard.TakeProblems();
        Assert.True(problems.Count == 0, $"Browser-side failures on {Page.Url} ({Person}):\n  " + string.Join("\n  ", problems));

        var violations = await AxeCheck.ViolationsAsync(Page);
        Assert.True(violations.Count == 0, $"Accessibility (WCAG 2.1 A/AA) violations on {Page.Url} ({Person}):\n  " + string.Join("\n  ", violations));
        var uri = new Uri(Page.Url);
        CheckedPages.Add(uri.PathAndQuery);
    }

    /// <summary>No browser-side failure since the last check (called at the end of every journey).</summary>
    public void AssertNoBrowserProblems()
    {
        var problems = _guard.TakeProblems();
        Assert.True(problems.Count == 0, $"Browser-side failures on {Page.Url} ({Person}):\n  " + string.Join("\n  ", problems));
    }

    /// <summary>
    /// Signs in through the sign-in page, with the code of the person's authenticator app when the portal asks for it;
    /// an administrator without one enrols first (the portal requires it), reading the key from the enrolment page.
    /// </summary>
    public async Task SignInAsync(string email, string password = PortalFixture.DemoPassword)
    {
        await GotoAsync("/accesso");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await ClickAsync(AriaRole.Button, "Accedi");
        if (Path.StartsWith("/accesso/codice", StringComparison.Ordinal))
        {
            await EnterAuthenticatorCodeAsync(email);
        }
        else if (Path == "/accesso/sicurezza/autenticatore")
        {
            await EnrolAuthenticatorAsync(email);
        }

        await Expect(Page.Locator(".user-menu")).ToBeVisibleAsync();
    }

    /// <summary>On the code step of the sign-in: types the code the person's app shows now.</summary>
    public async Task EnterAuthenticatorCodeAsync(string email)
    {
        await Page.GetByLabel("Codice dell'app di autenticazione").FillAsync(await Authenticators.CodeForAsync(BaseAddress, email));
        await ClickAsync(AriaRole.Button, "Verifica e accedi");
    }

    /// <summary>On the enrolment page: adds the key to the "app", confirms its code and keeps the recovery codes.</summary>
    public async Task<IReadOnlyList<string>> EnrolAuthenticatorAsync(string email)
    {
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Codice QR con la chiave di Pdo per l'app di autenticazione" })).ToBeVisibleAsync();
        Authenticators.Enrolled(BaseAddress, email, await Page.Locator("#chiave-autenticatore").InnerTextAsync());
        await Page.GetByLabel("Codice dell'app di autenticazione").FillAsync(await Authenticators.CodeForAsync(BaseAddress, email));
        await ClickAsync(AriaRole.Button, "Verifica e attiva");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Codici di recupero");
        var codes = await Page.GetByRole(AriaRole.List, new() { Name = "Codici di recupero" }).GetByRole(AriaRole.Listitem).AllInnerTextsAsync();
        Assert.Equal(10, codes.Count);
        await ClickAsync(AriaRole.Link, "Ho conservato i codici");
        return [.. codes];
    }

    private Uri BaseAddress => new(new Uri(Page.Url).GetLeftPart(UriPartial.Authority));

    /// <summary>The current path and query.</summary>
    public string Path => new Uri(Page.Url).PathAndQuery;

    /// <summary>Waits until the address is this path (and optional query), e.g. after a redirect.</summary>
    public Task ExpectPathAsync(string pathPattern) =>
        Expect(Page).ToHaveURLAsync(new Regex("^[a-z]+://[^/]+" + pathPattern + "$"));

    /// <summary>A full-page screenshot of a journey's key page for the README, when PDO_UPDATE_SCREENSHOTS=1.</summary>
    public async Task KeyPageAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("PDO_UPDATE_SCREENSHOTS") != "1")
        {
            return;
        }

        var file = System.IO.Path.Combine(PortalServer.RepositoryRoot(), "docs", "screenshots", name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>A full-page screenshot into tests/Pdo.E2E/artifacts/ (after a failure).</summary>
    public async Task<string?> SaveArtifactAsync(string testName)
    {
        try
        {
            var folder = System.IO.Path.Combine(PortalServer.RepositoryRoot(), "tests", "Pdo.E2E", "artifacts");
            Directory.CreateDirectory(folder);
            var file = System.IO.Path.Combine(folder, $"{testName}-{Person}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 10_000 });
            await File.WriteAllTextAsync(System.IO.Path.ChangeExtension(file, ".html"), await Page.ContentAsync());
            return file;
        }
        catch (PlaywrightException)
        {
            return null; // the page is gone (closed browser): nothing to save
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private async Task<IResponse> CheckedAsync(IResponse response, int expectedStatus)
    {
        Assert.True(response.Status == expectedStatus, $"{response.Request.Method} {response.Url} ({Person}) answered {response.Status}, expected {expectedStatus}.");
        await CheckPageAsync();
        return response;
    }
}
