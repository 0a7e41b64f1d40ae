using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Pdo.Infrastructure.Auditing;

namespace Pdo.Web.Security;

/// <summary>
/// The cookie's access-denied handler: a real 403 (shown by the status-code page), not a redirect, logged and
/// recorded in the audit trail (<see cref="SecurityEvent.AccessDenied"/>: who, the method and path, never the query).
/// </summary>
public static class AccessDeniedAudit
{
    public static async Task OnRedirectToAccessDeniedAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        var user = http.User.AuditName();
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Pdo.Security")
            .LogWarning("Access denied to {User} for {Method} {Path}", user, context.Request.Method, context.Request.Path);

        // A scope of its own: the request's context may hold changes that the denial must not save.
        await using (var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SecurityAuditLog>()
                .RecordAsync(SecurityEvent.AccessDenied, user, context.Request.PathBase + context.Request.Path, context.Request.Method, http.RequestAborted);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
