using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Pdo.Infrastructure.Data;
using Pdo.Web.Infrastructure;
using Pdo.Web.Features.Dashboards;

namespace Pdo.Web.Features.Transparency;

/// <summary>A public response as sent: body, type, download name, validators, and the approved plans it was built from.</summary>
public sealed record PublicPage(IReadOnlyList<PlanSnapshot> Approved, byte[] Body, string ContentType, string? ContentDisposition, string ETag, DateTimeOffset LastModified);

/// <summary>The remembered public responses by path (singleton).</summary>
public sealed class PublicPageStore
{
    /// <summary>Responses kept at most (a year's objective pages are a few hundred of about 60 KB; a PDF about 200 KB).</summary>
    public const int MaxPages = 2_000;

    private readonly Lock _gate = new();
    private IReadOnlyList<PlanSnapshot> _approved = [];

    public ConcurrentDictionary<string, PublicPage> Pages { get; } = new(StringComparer.Ordinal);

    /// <summary>Keeps a page; the pages built from other approved plans (stale now) are dropped, so they hold no old snapshot.</summary>
    public void Keep(string key, PublicPage page)
    {
        lock (_gate)
        {
            if (!_approved.SequenceEqual(page.Approved, ReferenceEqualityComparer.Instance) || Pages.Count >= MaxPages)
            {
                Pages.Clear();
                _approved = page.Approved;
            }

            Pages[key] = page;
        }
    }
}

/// <summary>
/// The public pages of approved plans do not change until a plan is reopened or changed: a response is remembered with
/// the approved plans' snapshots it was built from (<see cref="DashboardCache"/>), and served again while they are the
/// same objects. Any change of an approved plan (or of a Direzione) gives it a new snapshot, a reopen takes it out of the
/// approved ones, a new approval adds one: the remembered response no longer matches and the page is rendered again.
/// Changes to plans in Bozza or monitoring keep it. Every response carries <c>ETag</c> (a hash of the body, the same on
/// every instance), <c>Last-Modified</c> (the time of the latest audit row when it was rendered: no content change is
/// later), <c>Cache-Control: public, max-age=300</c>, so that a municipal reverse proxy may keep it, and a conditional
/// request that still matches is answered <c>304 Not Modified</c>. Only 200 responses with a body are kept; the consuntivo PDF
/// is not (<see cref="KeptOnDiskAttribute"/>): its file is kept on disk and sent with its own validators.
/// </summary>
public sealed class PublicPageCache(DashboardCache cache, PublicPageStore store, AppDbContext db, TimeProvider clock) : IAsyncResourceFilter
{
    /// <summary>
    /// An action whose response (a PDF of tens of MB) is kept on disk and sent with its own validators: not held in
    /// memory here, only given <c>Cache-Control: public</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class KeptOnDiskAttribute : Attribute;

    /// <summary>How long a browser or proxy may reuse a public response without asking again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            await next();
            return;
        }

        if (context.ActionDescriptor.EndpointMetadata.OfType<KeptOnDiskAttribute>().Any())
        {
            // A large file kept elsewhere with its own ETag and Last-Modified: only the caching header is added here,
            // to the file or its 304 (never to a 404, which must not be kept by a proxy).
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                {
                    http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = MaxAge };
                }

                return Task.CompletedTask;
            });
            await next();
            return;
        }

        var approved = TransparencyService.Approved(await cache.AllAsync(db, http.RequestAborted));
        var key = http.Request.Path.Value ?? string.Empty;
        if (store.Pages.TryGetValue(key, out var page) && page.Approved.SequenceEqual(approved, ReferenceEqualityComparer.Instance))
        {
            context.Result = Answer(http, page);
            return;
        }

        var body = await BufferedResponse.CaptureAsync(http, () => next());
        if (http.Response.StatusCode != StatusCodes.Status200OK || body.Length == 0 || http.RequestAborted.IsCancellationRequested)
        {
            await BufferedResponse.SendAsync(http, body);
            return;
        }

        page = new PublicPage(
            approved,
            body,
            http.Response.ContentType ?? "text/html; charset=utf-8",
            http.Response.Headers.ContentDisposition.FirstOrDefault(),
            ETagOf(body),
            await LastChangeAsync(http.RequestAborted));
        store.Keep(key, page);
        await WriteAsync(http, page);
    }

    /// <summary>A strong validator: the body's SHA-256, shortened (the same page on every instance has the same one).</summary>
    public static string ETagOf(byte[] body) =>
        $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 16))}\"";

    /// <summary>Whether the client's copy is still this page: If-None-Match when sent, else If-Modified-Since (RFC 9110 §13.2.2).</summary>
    public static bool IsNotModified(HttpRequest request, PublicPage page)
    {
        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch.Count > 0)
        {
            return headers.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(EntityTagHeaderValue.Parse(page.ETag), useStrongComparison: false));
        }

        return headers.IfModifiedSince is { } since && Seconds(page.LastModified) <= since;
    }

    private static IActionResult Answer(HttpContext http, PublicPage page)
    {
        SetHeaders(http.Response, page);
        if (IsNotModified(http.Request, page))
        {
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }

        if (page.ContentDisposition is { } disposition)
        {
            http.Response.Headers.ContentDisposition = disposition;
        }

        return new FileContentResult(page.Body, page.ContentType);
    }

    private static async Task WriteAsync(HttpContext http, PublicPage page)
    {
        SetHeaders(http.Response, page);
        if (IsNotModified(http.Request, page))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            http.Response.ContentType = null;
            http.Response.Headers.ContentDisposition = default;
            return;
        }

        http.Response.ContentLength = page.Body.Length;
        await BufferedResponse.SendAsync(http, page.Body);
    }

    private static void SetHeaders(HttpResponse response, PublicPage page)
    {
        var headers = response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(page.ETag);
        headers.LastModified = Seconds(page.LastModified);
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = MaxAge };
    }

    /// <summary>The time of the latest audit row: every change of plan data writes one, so no page content is newer.</summary>
    private async Task<DateTimeOffset> LastChangeAsync(CancellationToken cancellationToken)
    {
        var latest = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => (DateTimeOffset?)a.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        return latest ?? clock.GetUtcNow();
    }

    private static DateTimeOffset Seconds(DateTimeOffset time) =>
        new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
