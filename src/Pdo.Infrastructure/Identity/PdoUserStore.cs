using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Identity;

/// <summary>
/// Identity's EF Core user store with the recovery codes hashed (ASVS 5.0 6.5.2: lookup secrets of less than 112 bits
/// are stored hashed with a salted password-hashing function). Identity stores them as they are, joined by «;», in
/// <c>AspNetUserTokens</c>: whoever reads the database could pass the second factor. Here each code is stored as
/// <see cref="RecoveryCodeHash"/> (PBKDF2-HMAC-SHA256, its own 128-bit salt); a code entered is checked against every
/// stored one and the matching one removed, as Identity does. Codes stored in clear by an earlier version are still
/// accepted and are hashed at the next start (<see cref="IdentitySeeder.ProtectSecondFactorSecretsStoredInClearAsync"/>).
/// The authenticator key, which the server needs to compute the codes, is stored encrypted with Data Protection
/// (<see cref="AuthenticatorKeyProtection"/>): with the keys encrypted to a certificate outside the database
/// (<c>DataProtection:CertificatePath</c>), a copy of the database does not give the second factor away.
/// </summary>
public sealed class PdoUserStore(AppDbContext context, IDataProtectionProvider dataProtection, ILogger<PdoUserStore> logger, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AppDbContext>(context, describer)
{
    private readonly IDataProtector _authenticatorKeys = AuthenticatorKeyProtection.Protector(dataProtection);

    /// <summary>Identity's own names for the recovery codes' token (<c>UserStoreBase</c>'s private constants).</summary>
    public const string TokenProvider = "[AspNetUserStore]";

    public const string RecoveryCodesToken = "RecoveryCodes";

    public const string AuthenticatorKeyToken = "AuthenticatorKey";

    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return base.SetAuthenticatorKeyAsync(user, AuthenticatorKeyProtection.Protect(_authenticatorKeys, key), cancellationToken);
    }

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        if (stored is null || !AuthenticatorKeyProtection.IsProtected(stored))
        {
            return stored; // none, or stored in clear by an earlier version (protected at the next start)
        }

        try
        {
            return AuthenticatorKeyProtection.Unprotect(_authenticatorKeys, stored);
        }
        catch (CryptographicException ex)
        {
            // The Data Protection keys that wrote it are gone (e.g. another certificate): as if never enrolled.
            logger.LogWarning("The authenticator key of user {UserId} cannot be read ({Reason}): the user signs in with a recovery code and enrols again", user.Id, ex.Message);
            return null;
        }
    }

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        return base.ReplaceCodesAsync(user, [.. recoveryCodes.Select(RecoveryCodeHash.Hash)], cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var stored = (await GetTokenAsync(user, TokenProvider, RecoveryCodesToken, cancellationToken) ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries);

        // Every stored code is checked, so the time taken does not say which one matched.
        var match = -1;
        for (var i = 0; i < stored.Length; i++)
        {
            if (RecoveryCodeHash.Matches(stored[i], code) && match < 0)
            {
                match = i;
            }
        }

        if (match < 0)
        {
            return false;
        }

        await SetTokenAsync(user, TokenProvider, RecoveryCodesToken, string.Join(';', stored.Where((_, i) => i != match)), cancellationToken);
        return true;
    }
}

/// <summary>A recovery code as stored: <c>pbkdf2-sha256$iterations$salt$hash</c> (base64), or an earlier version's code in clear.</summary>
public static class RecoveryCodeHash
{
    private const string Prefix = "pbkdf2-sha256$";

    /// <summary>
    /// Enough for a code of about 50 random bits to be out of reach offline, few enough that checking the ten codes of
    /// a sign-in attempt (rate-limited) costs tens of milliseconds.
    /// </summary>
    private const int Iterations = 20_000;

    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"{Prefix}{Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Whether <paramref name="stored"/> is already a hash (not a code in clear).</summary>
    public static bool IsHashed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool Matches(string stored, string code)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(code);
        if (!IsHashed(stored))
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(code));
        }

        var parts = stored[Prefix.Length..].Split('$');
        if (parts.Length != 3 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[1]);
            expected = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}

/// <summary>The authenticator key as stored: <c>dp1:</c> and the key protected by Data Protection, or an earlier version's key in clear.</summary>
public static class AuthenticatorKeyProtection
{
    private const string Prefix = "dp1:";

    public static IDataProtector Protector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.CreateProtector("Pdo.Identity.AuthenticatorKey.v1");
    }

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Protect(IDataProtector protector, string key) => Prefix + protector.Protect(key);

    public static string Unprotect(IDataProtector protector, string stored) => protector.Unprotect(stored[Prefix.Length..]);
}
