namespace Pdo.E2E.Support;

/// <summary>
/// The browsers of one journey. If a step fails, a full-page screenshot (and the HTML) of every browser's current
/// page is saved in tests/Pdo.E2E/artifacts/ and named in the failure message.
/// </summary>
public sealed class Journey(PortalFixture portal, string name, PortalServer server) : IAsyncDisposable
{
    private readonly List<BrowserSession> _sessions = [];

    public PortalFixture Portal => portal;

    /// <summary>The portal process this journey's browsers use (the fixture's, or the later-dated one).</summary>
    public PortalServer Server => server;

    /// <summary>A new browser for one person (nobody signed in yet).</summary>
    public async Task<BrowserSession> OpenBrowserAsync(string person)
    {
        var session = await BrowserSession.OpenAsync(portal.Browser, server.BaseAddress, person);
        _sessions.Add(session);
        return session;
    }

    public async Task RunAsync(Func<Journey, Task> steps)
    {
        try
        {
            await steps(this);
            foreach (var session in _sessions)
            {
                // Reports of the last page (events, the CSP listener) arrive asynchronously: let them in.
                await session.Page.WaitForTimeoutAsync(300);
                session.AssertNoBrowserProblems();
            }

            await RecordCheckedPagesAsync();
        }
        catch (Exception failure)
        {
            var saved = new List<string>();
            foreach (var session in _sessions)
            {
                if (await session.SaveArtifactAsync(name) is { } file)
                {
                    saved.Add(file);
                }
            }

            if (saved.Count == 0)
            {
                throw;
            }

            var log = server.Output;
            throw new JourneyFailedException(
                $"{failure.Message}\n\nScreenshots: {string.Join(", ", saved)}\nPortal log (last lines):\n{Tail(log, 15)}",
                failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }
    }

    /// <summary>Appends the pages this journey checked (status, browser, axe) to tests/Pdo.E2E/artifacts/checked-pages.tsv.</summary>
    private async Task RecordCheckedPagesAsync()
    {
        var folder = Path.Combine(PortalServer.RepositoryRoot(), "tests", "Pdo.E2E", "artifacts");
        Directory.CreateDirectory(folder);
        var lines = _sessions.SelectMany(s => s.CheckedPages.Select(page => $"{name}\t{s.Person}\t{page}"));
        await File.AppendAllLinesAsync(Path.Combine(folder, "checked-pages.tsv"), lines);
    }

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));
}

/// <summary>A journey step failed; the inner exception is the failure itself.</summary>
public sealed class JourneyFailedException(string message, Exception inner) : Exception(message, inner);
