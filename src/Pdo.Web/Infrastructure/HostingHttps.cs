using System.Net;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// Where cookies are HTTPS-only (<c>Security:RequireHttpsCookies</c>), a request over plain HTTP never reaches a page
/// (whose Secure antiforgery cookie would fail it with a 500): a GET or HEAD is redirected (308) to the same path on
/// the configured public base address, never on the request's Host header; any other request, or any request when no
/// https public address is configured, gets a short Italian page (400) saying that Pdo is used over HTTPS.
/// Behind a TLS-terminating proxy, ForwardedHeaders (run before this) makes the proxy's https requests count as
/// HTTPS. <c>/health</c> stays reachable over HTTP for load balancers: it sets no cookie and shows no data.
/// </summary>
public sealed class HttpsOnlyMiddleware(RequestDelegate next, PublicAddress publicAddress)
{
    public const string Title = "Pdo va usato tramite HTTPS";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps || request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var https = publicAddress.Configured is { Scheme: "https" } configured ? configured : null;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (https is not null && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            response.StatusCode = StatusCodes.Status308PermanentRedirect;
            response.Headers.Location = publicAddress.Link(request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "text/html; charset=utf-8";
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.WriteAsync(Page(https is null ? null : publicAddress.Link("/")));
    }

    private static string Page(string? httpsHome) =>
        $"""
        <!DOCTYPE html>
        <html lang="it">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Title}</title></head>
        <body>
        <main>
        <h1>{Title}</h1>
        <p>Per proteggere l’accesso e i dati, il portale risponde solo su connessioni sicure (indirizzi che iniziano con <strong>https://</strong>). La richiesta non è stata eseguita.</p>
        {(httpsHome is null
            ? "<p>Aprire il portale dall’indirizzo https comunicato dall’amministrazione.</p>"
            : $"<p><a href=\"{WebUtility.HtmlEncode(httpsHome)}\">Apri Pdo in HTTPS</a></p>")}
        </main>
        </body>
        </html>
        """;
}

public static class HttpsOnlyExtensions
{
    /// <summary>Adds <see cref="HttpsOnlyMiddleware"/> where cookies are HTTPS-only.</summary>
    public static IApplicationBuilder UseHttpsOnly(this WebApplication app) =>
        HostingCookies.RequireHttpsIn(app.Configuration) ? app.UseMiddleware<HttpsOnlyMiddleware>() : app;
}
