using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Pdo.Web.Features.Api;

/// <summary>
/// A cacheable API answer: the JSON body, a strong <c>ETag</c> (SHA-256 of the body) and
/// <c>Cache-Control: public</c>; a request whose <c>If-None-Match</c> names the same tag gets 304 with no body.
/// An approved plan changes only when reopened, so the tag changes exactly when the data does.
/// </summary>
public sealed class CachedJsonResult(object value) : IActionResult
{
    /// <summary>How long a client or proxy may reuse an answer before asking again (with If-None-Match).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    internal static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        var response = context.HttpContext.Response;
        response.GetTypedHeaders().ETag = tag;
        response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = MaxAge };
        response.Headers.Vary = "Origin";
        Pdo.Web.Features.OpenData.OpenDataLicense.AddLinkHeader(response);
        var asked = context.HttpContext.Request.GetTypedHeaders().IfNoneMatch;
        if (asked.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }

    /// <summary>The Italian problem (RFC 9457, <c>application/problem+json</c>) of the API.</summary>
    public static ProblemDetails Problem(int status, string title, string detail, string instance) => new()
    {
        Type = status switch
        {
            StatusCodes.Status404NotFound => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
            _ => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        },
        Title = title,
        Status = status,
        Detail = detail,
        Instance = instance,
    };

    /// <summary>Writes <see cref="Problem"/> as the response (also outside MVC, e.g. the rate limiter's 429).</summary>
    public static Task WriteProblemAsync(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsJsonAsync(problem, Options, "application/problem+json; charset=utf-8", http.RequestAborted);
    }
}
