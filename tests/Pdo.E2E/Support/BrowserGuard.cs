using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pdo.E2E.Support;

/// <summary>
/// Collects what goes wrong on the browser side of a page: console errors, uncaught script errors, Content Security
/// Policy violations (reported by a <c>securitypolicyviolation</c> listener that the driver injects before any page
/// script; an init script is not subject to the page's CSP), failed local requests and error responses. A test
/// fails on any of them, except an error status of a page that the test itself said to expect (a 403, a 422).
/// </summary>
public sealed partial class BrowserGuard
{
    public const string CspBinding = "__pdoReportCspViolation";

    /// <summary>Installed in every document before its own scripts run.</summary>
    public const string CspListenerScript = """
        document.addEventListener('securitypolicyviolation', function (e) {
          window.__pdoReportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
            ' in ' + e.documentURI + (e.sourceFile ? ' (' + e.sourceFile + ':' + e.lineNumber + ')' : '') +
            (e.sample ? ' sample: ' + e.sample : ''));
        }, true);
        """;

    private readonly Uri _origin;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<(string Text, string Url)> _consoleErrors = new();
    private readonly ConcurrentDictionary<string, int> _expectedErrorPages = new(StringComparer.Ordinal);
    private int _expectedStatus = 200;

    public BrowserGuard(Uri origin) => _origin = origin;

    /// <summary>While a navigation that should answer with an error status (403, 422) runs, that status is expected.</summary>
    public int ExpectedStatus
    {
        get => Volatile.Read(ref _expectedStatus);
        set => Volatile.Write(ref _expectedStatus, value);
    }

    public async Task AttachAsync(IBrowserContext context, IPage page)
    {
        await context.ExposeBindingAsync(CspBinding, (BindingSource _, string violation) => _problems.Enqueue($"CSP violation: {violation}"));
        await context.AddInitScriptAsync(CspListenerScript);

        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Enqueue((message.Text, LocationUrl(message.Location)));
            }
            else if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _problems.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"uncaught script error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A navigation replaced by a download is aborted by design; anything else local that fails is a problem.
            if (IsLocal(request.Url) && !(request.IsNavigationRequest && request.Failure == "net::ERR_ABORTED"))
            {
                _problems.Enqueue($"request failed: {request.Method} {request.Url} ({request.Failure})");
            }
        };
        page.Response += (_, response) =>
        {
            if (!IsLocal(response.Url))
            {
                return;
            }

            // A missing static file falls through to the sign-in redirect for an anonymous visitor: still a missing asset.
            if (!response.Request.IsNavigationRequest && response.Request.RedirectedFrom is { } original)
            {
                _problems.Enqueue($"asset {original.Url} redirected to {response.Url} (HTTP {response.Status})");
                return;
            }

            if (response.Status < 400)
            {
                return;
            }

            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame && response.Status == ExpectedStatus)
            {
                _expectedErrorPages[response.Url] = response.Status;
                return;
            }

            _problems.Enqueue($"HTTP {response.Status} for {response.Request.Method} {response.Url}{(response.Request.IsNavigationRequest ? " (page)" : " (asset)")}");
        };
    }

    /// <summary>Every problem seen since the last call, then forgets them.</summary>
    public IReadOnlyList<string> TakeProblems()
    {
        var found = new List<string>();
        while (_consoleErrors.TryDequeue(out var error))
        {
            // Chromium logs the error status of a page itself; a page whose status the test expected is no problem.
            var expectedPage = FailedLoadPattern().Match(error.Text) is { Success: true } match
                && _expectedErrorPages.TryGetValue(error.Url, out var status)
                && match.Groups[1].Value == status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!expectedPage)
            {
                found.Add($"console error: {error.Text}{(error.Url.Length > 0 ? $" ({error.Url})" : string.Empty)}");
            }
        }

        while (_problems.TryDequeue(out var problem))
        {
            found.Add(problem);
        }

        return found;
    }

    private static string LocationUrl(string location) => LocationSuffix().Replace(location ?? string.Empty, string.Empty);

    private bool IsLocal(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == _origin.Scheme && uri.Authority == _origin.Authority;

    [GeneratedRegex(@":\d+:\d+$")]
    private static partial Regex LocationSuffix();

    [GeneratedRegex(@"^Failed to load resource: the server responded with a status of (\d{3})")]
    private static partial Regex FailedLoadPattern();
}
