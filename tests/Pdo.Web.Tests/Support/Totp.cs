using System.Collections.Concurrent;

namespace Pdo.Web.Tests.Support;

/// <summary>
/// RFC 6238 codes (HMAC-SHA1, 30-second steps, 6 digits) as an authenticator app computes them from the key shown on
/// the enrolment page, by Otp.NET (an implementation independent of the portal's).
/// </summary>
public static class Totp
{
    private static readonly ConcurrentDictionary<string, long> LastStepUsed = new(StringComparer.Ordinal);

    public static string Code(string base32Key, DateTimeOffset at) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()))
            .ComputeTotp(at.UtcDateTime);

    /// <summary>The code of now (the portal accepts the codes of the neighbouring steps too, so a step boundary is harmless).</summary>
    public static string Now(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow);

    /// <summary>
    /// A code of this key that has not been used yet: the portal accepts each step once, and the one after the
    /// current. Waits (at most 30 s) when both were used, as a person waits for the app's next code. A portal whose
    /// clock is moved (Development:ClockOffsetDays) is answered by an app whose clock is moved as much.
    /// </summary>
    public static async Task<string> NextCodeAsync(string base32Key, TimeSpan clockOffset = default)
    {
        var id = base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        while (true)
        {
            var now = DateTimeOffset.UtcNow + clockOffset;
            var current = now.ToUnixTimeSeconds() / 30;
            lock (LastStepUsed)
            {
                var step = Math.Max(current, LastStepUsed.TryGetValue(id, out var last) ? last + 1 : current);
                if (step <= current + 1)
                {
                    LastStepUsed[id] = step;
                    return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
                }
            }

            await Task.Delay(DateTimeOffset.FromUnixTimeSeconds((current + 1) * 30) - now + TimeSpan.FromMilliseconds(100));
        }
    }
}
