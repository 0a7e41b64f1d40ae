using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Pdo.Infrastructure.Data;

namespace Pdo.Web.Features.Dashboards;

/// <summary>
/// Keeps the rendered HTML of a dashboard while the data does not change. The page is remembered together with the
/// snapshots it was built from (so any change of a result, target, weight or methodology, which moves the data
/// stamp, drops it), for one user, one set of roles and Direzioni, one antiforgery cookie (the page carries the
/// sign-out form's token) and one query string. Authorization has already run when this filter runs. A response
/// that sets a cookie, is not 200, is empty or was abandoned by the client is never kept.
/// </summary>
public sealed class RenderedDashboardCache(DashboardCache cache, AppDbContext db) : IAsyncResourceFilter
{
    /// <summary>Pages kept per set of snapshots (about 80 KB each).</summary>
    public const int MaxPages = 256;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var antiforgery = http.Request.Cookies["Pdo.Antiforgery"];
        if (!HttpMethods.IsGet(http.Request.Method) || http.User.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(antiforgery))
        {
            await next();
            return;
        }

        var plans = await cache.AllAsync(db, http.RequestAborted);
        var pages = cache.PagesFor(plans);
        var key = Key(http, antiforgery);
        if (pages.TryGetValue(key, out var html))
        {
            http.Response.Headers.CacheControl = "no-cache, no-store";
            http.Response.Headers.Pragma = "no-cache";
            context.Result = new FileContentResult(html, "text/html; charset=utf-8");
            return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            http.Response.Body = original;
        }

        var rendered = buffer.ToArray();
        // A request the client gave up on may have rendered nothing: it is never kept.
        if (http.Response.StatusCode == StatusCodes.Status200OK && rendered.Length > 0 && !http.RequestAborted.IsCancellationRequested
            && http.Response.Headers.SetCookie.Count == 0 && pages.Count < MaxPages)
        {
            pages.TryAdd(key, rendered);
        }

        await original.WriteAsync(rendered, http.RequestAborted);
    }

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
