using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Pdo.Infrastructure.Data;

namespace Pdo.Web.Features.Dashboards;

/// <summary>
/// Keeps the rendered HTML of a dashboard while the data does not change. The page is remembered together with the
/// snapshots it was built from (so any change of a result, target, weight or methodology, which moves the data
/// stamp, drops it), for one user, one set of roles and Direzioni, one antiforgery cookie (the page carries the
/// sign-out form's token) and one query string. Authorization has already run when this filter runs. A response
/// that is not 200, is empty, was abandoned by the client or sets a new antiforgery cookie (its body carries a token
/// of that new cookie, not of the one in the key) is never kept.
/// <para>
/// The body does not depend on the sign-in cookie: when the cookie handler renews it (sliding expiration), the
/// Set-Cookie is added to that one response, remembered page or not, and the page is kept and served as usual.
/// </para>
/// <para>
/// A remembered page is also kept gzip-compressed (once, when it is remembered) and sent so to browsers that accept
/// it: a fraction of the bytes to write and to read. Compressing a page that carries a secret (the sign-out token) is
/// safe from BREACH-style guessing only because nothing in it echoes free text from the request: the query values a
/// dashboard shows are codes it found in the plan (anything else is a 404, never remembered) and page numbers.
/// </para>
/// </summary>
public sealed class RenderedDashboardCache(DashboardCache cache, AppDbContext db, IOptions<AntiforgeryOptions> antiforgeryOptions) : IAsyncResourceFilter
{
    /// <summary>Pages kept per set of snapshots (about 70 KB each, plus about 10 KB compressed).</summary>
    public const int MaxPages = 256;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var antiforgery = http.Request.Cookies[antiforgeryOptions.Value.Cookie.Name!];
        if (!HttpMethods.IsGet(http.Request.Method) || http.User.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(antiforgery))
        {
            await next();
            return;
        }

        var plans = int.TryParse(context.RouteData.Values["year"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            ? await cache.WithPlanAsync(db, year, http.RequestAborted)
            : await cache.AllAsync(db, http.RequestAborted);
        var pages = cache.PagesFor(plans);
        var key = Key(http, antiforgery);
        if (pages.TryGetValue(key, out var page))
        {
            http.Response.Headers.CacheControl = "no-cache, no-store";
            http.Response.Headers.Pragma = "no-cache";
            http.Response.Headers.Vary = "Accept-Encoding";
            var gzip = AcceptsGzip(http.Request);
            if (gzip)
            {
                http.Response.Headers.ContentEncoding = "gzip";
            }

            context.Result = new FileContentResult(gzip ? page.Gzip : page.Html, "text/html; charset=utf-8");
            return;
        }

        var rendered = await Pdo.Web.Infrastructure.BufferedResponse.CaptureAsync(http, () => next());
        // A request the client gave up on may have rendered nothing: it is never kept.
        if (http.Response.StatusCode == StatusCodes.Status200OK && rendered.Length > 0 && !http.RequestAborted.IsCancellationRequested
            && !SetsCookie(http.Response, antiforgeryOptions.Value.Cookie.Name!) && pages.Count < MaxPages)
        {
            pages.TryAdd(key, RememberedPage.Of(rendered));
        }

        // Nothing rendered (a 404 for a filter code not in the plan): nothing is written (BufferedResponse.SendAsync).
        await Pdo.Web.Infrastructure.BufferedResponse.SendAsync(http, rendered);
    }

    /// <summary>Whether the request's Accept-Encoding lists gzip (or *) without q=0.</summary>
    public static bool AcceptsGzip(HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var encodings))
        {
            return false;
        }

        return encodings.Any(e => (e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || e.Value.Equals("*", StringComparison.Ordinal))
            && (e.Quality ?? 1) > 0)
            && !encodings.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality == 0);
    }

    /// <summary>Whether the response sets (or deletes) the cookie called <paramref name="name"/>.</summary>
    public static bool SetsCookie(HttpResponse response, string name) =>
        response.Headers.SetCookie.Any(c => c is not null && c.StartsWith(name + "=", StringComparison.Ordinal));

    private static string Key(HttpContext http, string antiforgery)
    {
        var user = http.User;
        var claims = string.Join(',', user.Claims
            .Where(c => c.Type is ClaimTypes.Role or Pdo.Infrastructure.Identity.PdoClaims.Directorate or Pdo.Infrastructure.Identity.PdoClaims.FullName)
            .Select(c => $"{c.Type}={c.Value}")
            .Order(StringComparer.Ordinal));
        return $"{user.Identity!.Name}\n{claims}\n{antiforgery}\n{http.Request.Path}{http.Request.QueryString}";
    }
}

/// <summary>A remembered dashboard page, as rendered and gzip-compressed.</summary>
public sealed record RememberedPage(byte[] Html, byte[] Gzip)
{
    public static RememberedPage Of(byte[] html)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(html);
        }

        return new RememberedPage(html, compressed.ToArray());
    }
}
