using Microsoft.Playwright;

namespace Pdo.E2E.Support;

/// <summary>
/// The checks every journey relies on do catch what they promise: a CSP violation, a console error, a missing
/// local asset, a WCAG violation; and they let through the error status of a page that the test expected.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class BrowserChecksTests(PortalFixture portal) : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync()
    {
        _session = await BrowserSession.OpenAsync(portal.Browser, portal.BaseAddress, "verifica");
        await _session.GotoAsync("/accesso");
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task FailsGivenAnInlineStyleBlockedByTheContentSecurityPolicy()
    {
        await _session.Page.EvaluateAsync("() => { const s = document.createElement('style'); s.textContent = 'main { color: red }'; document.head.appendChild(s); }");

        var failure = await Assert.ThrowsAnyAsync<Exception>(WaitAndCheckAsync);

        Assert.Contains("CSP violation: style-src-elem blocked inline", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailsGivenAConsoleError()
    {
        await _session.Page.EvaluateAsync("() => console.error('qualcosa non va')");

        var failure = await Assert.ThrowsAnyAsync<Exception>(WaitAndCheckAsync);

        Assert.Contains("console error: qualcosa non va", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailsGivenALocalAssetThatDoesNotExist()
    {
        await _session.Page.EvaluateAsync("() => { const i = document.createElement('img'); i.alt = ''; i.src = '/lib/manca.png'; document.body.appendChild(i); }");

        var failure = await Assert.ThrowsAnyAsync<Exception>(WaitAndCheckAsync);

        Assert.Contains("/lib/manca.png", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailsGivenAFieldWithoutLabel()
    {
        await _session.Page.EvaluateAsync("() => document.querySelector('main').appendChild(document.createElement('input'))");

        var failure = await Assert.ThrowsAnyAsync<Exception>(WaitAndCheckAsync);

        Assert.Contains("label (critical): Form elements must have labels", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptsTheForbiddenPageGivenTheTestExpectsIt()
    {
        await _session.Page.GetByLabel("E-mail").FillAsync(People.Giunta);
        await _session.Page.GetByLabel("Password").FillAsync(PortalFixture.DemoPassword);
        await _session.ClickAsync(AriaRole.Button, "Accedi");

        await _session.GotoAsync("/amministrazione/utenti", expectedStatus: 403);

        _session.AssertNoBrowserProblems();
        var unexpected = await Assert.ThrowsAnyAsync<Exception>(() => _session.GotoAsync("/revisione"));
        Assert.Contains("answered 403, expected 200", unexpected.Message, StringComparison.Ordinal);
    }

    /// <summary>What the page did after its load reaches the test asynchronously (events, the CSP binding): give it a moment.</summary>
    private async Task WaitAndCheckAsync()
    {
        await _session.Page.WaitForTimeoutAsync(1_000);
        await _session.CheckPageAsync();
    }
}
