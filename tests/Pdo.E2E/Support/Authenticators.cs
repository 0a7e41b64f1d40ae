using System.Collections.Concurrent;
using Pdo.Web.Tests.Support;

namespace Pdo.E2E.Support;

/// <summary>
/// The authenticator apps of the people of a run: the key each enrolled on the portal (read from the enrolment page,
/// as a person types it into the app), so later sign-ins answer the code step. Keyed by portal and e-mail.
/// </summary>
public static class Authenticators
{
    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, TimeSpan> Clocks = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The portal's clock is moved by <paramref name="offset"/>: the apps of its people are set as the portal's.</summary>
    public static void PortalClock(Uri portal, TimeSpan offset) => Clocks[portal.GetLeftPart(UriPartial.Authority)] = offset;

    public static void Enrolled(Uri portal, string email, string key) => Keys[Id(portal, email)] = key.Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>A code of the person's app not used yet (the portal accepts each once).</summary>
    public static Task<string> CodeForAsync(Uri portal, string email) =>
        Keys.TryGetValue(Id(portal, email), out var key)
            ? Totp.NextCodeAsync(key, Clocks.GetValueOrDefault(portal.GetLeftPart(UriPartial.Authority)))
            : throw new InvalidOperationException($"{email} has no authenticator app enrolled on {portal}.");

    private static string Id(Uri portal, string email) => $"{portal.GetLeftPart(UriPartial.Authority)} {email}";
}
