using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pdo.Infrastructure.Data;

namespace Pdo.Web.Security;

/// <summary>
/// Checks every sign-in cookie against the user's security stamp in the database (the truth shared by all
/// instances): sign-out, disabling a user, a change of roles or Direzioni and enabling or disabling the second factor
/// all give the user a new stamp, so a cookie issued before is refused.
/// <list type="bullet">
/// <item>A request that can change something (POST, PUT, PATCH, DELETE) always asks the database (one query).</item>
/// <item>A read uses the stamp this instance read at most <see cref="Interval"/> ago (<c>Security:SessionCheckInterval</c>,
/// 30 s), unless this process committed a change of a person since (<see cref="DataChangeSignal.PeopleVersion"/>): a
/// sign-out or a user change made through this instance is seen by the very next request; one made through another
/// instance by its reads within the interval. Warm reads thus send no query, also while results are being saved.</item>
/// </list>
/// The cookie is never re-issued by this check (only the cookie handler's sliding renewal, at most every 4 hours), so the
/// rendered-dashboard cache (which adds a renewal to the response it serves, and keeps the page) is not disturbed.
/// </summary>
public sealed class SessionStampCache(DataChangeSignal signal, TimeProvider clock, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How old a stamp read for a read request may be (<c>Security:SessionCheckInterval</c>, default 30 seconds).</summary>
    public TimeSpan Interval { get; } = configuration.GetValue("Security:SessionCheckInterval", TimeSpan.FromSeconds(30));

    /// <summary>Whether <paramref name="stamp"/> (from the cookie) is the current stamp of an enabled user.</summary>
    /// <param name="database">The request's context, asked for only when the database is read.</param>
    public async Task<bool> IsCurrentAsync(Func<AppDbContext> database, string userId, string? stamp, bool askDatabase, CancellationToken cancellationToken)
    {
        // Read before the database: a commit after this point moves the signal again, so the next request asks again.
        var version = signal.PeopleVersion;
        var now = clock.GetTimestamp();
        if (!askDatabase && _entries.TryGetValue(userId, out var known) && known.SignalVersion == version
            && clock.GetElapsedTime(known.CheckedAt, now) < Interval)
        {
            return known.Matches(stamp);
        }

        var row = await database().Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsDisabled })
            .SingleOrDefaultAsync(cancellationToken);
        var entry = new Entry(row is { IsDisabled: false } ? row.SecurityStamp : null, now, version);
        _entries[userId] = entry;
        return entry.Matches(stamp);
    }

    private sealed record Entry(string? Stamp, long CheckedAt, long SignalVersion)
    {
        public bool Matches(string? stamp) =>
            Stamp is not null && stamp is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Stamp), Encoding.UTF8.GetBytes(stamp));
    }
}

/// <summary>The application cookie's principal validation: <see cref="SessionStampCache"/> instead of Identity's periodic one.</summary>
public static class SessionValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        var method = http.Request.Method;
        var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
        if (userId is not null && await services.GetRequiredService<SessionStampCache>()
                .IsCurrentAsync(services.GetRequiredService<AppDbContext>, userId, stamp, unsafeMethod, http.RequestAborted))
        {
            return;
        }

        services.GetRequiredService<ILoggerFactory>().CreateLogger("Pdo.Security")
            .LogWarning("Sign-in cookie of {User} refused for {Method} {Path}: the session has ended", context.Principal?.Identity?.Name, method, http.Request.Path);
        context.RejectPrincipal();
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
