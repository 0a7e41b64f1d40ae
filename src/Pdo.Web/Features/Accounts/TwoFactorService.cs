using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Security;
using QRCoder;

namespace Pdo.Web.Features.Accounts;

/// <summary>"Sicurezza dell'account": the state of the second factor of the signed-in user.</summary>
public sealed record AccountSecurityViewModel(bool TwoFactorEnabled, int RecoveryCodesLeft, bool IsRequired);

/// <summary>The enrolment page: the key as a QR code (PNG data URI, no script) and as text for manual entry.</summary>
public sealed record EnrolmentViewModel(string SharedKey, string QrCodeDataUri, bool IsRequired, TwoFactorForm Form);

/// <summary>Recovery codes, shown once.</summary>
public sealed record RecoveryCodesViewModel(IReadOnlyList<string> Codes, bool JustEnabled);

/// <summary>
/// Two-factor authentication with an authenticator app (TOTP through Identity's authenticator token provider; the key
/// and the recovery codes live in AspNetUserTokens). Required for administrators, optional for everyone else.
/// </summary>
public sealed class TwoFactorService(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    SecurityAuditLog audit,
    ILogger<TwoFactorService> logger)
{
    public const int RecoveryCodeCount = 10;

    public async Task<AccountSecurityViewModel?> StatusAsync(ClaimsPrincipal principal) =>
        await users.GetUserAsync(principal) is { } user
            ? new AccountSecurityViewModel(user.TwoFactorEnabled, user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0, await IsRequiredAsync(user))
            : null;

    /// <summary>The enrolment page of a user without a second factor (a key is created at the first visit), or null.</summary>
    public async Task<EnrolmentViewModel?> EnrolmentAsync(ClaimsPrincipal principal, TwoFactorForm? form = null)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.TwoFactorEnabled)
        {
            return null;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key gives the user a new security stamp: the cookie is renewed with it.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        }

        var label = Uri.EscapeDataString($"Pdo:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer=Pdo&digits=6&period=30";
        return new EnrolmentViewModel(Grouped(key), QrCodeDataUri(uri), await IsRequiredAsync(user), form ?? new TwoFactorForm());
    }

    /// <summary>Enables the second factor if <paramref name="code"/> is the app's current code; returns the recovery codes, or null.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(ClaimsPrincipal principal, string code)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.TwoFactorEnabled)
        {
            return null;
        }

        var email = user.Email ?? user.Id;
        var cleaned = code.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            logger.LogWarning("Authenticator enrolment of {User}: wrong code", email);
            await audit.RecordAsync(SecurityEvent.TwoFactorFailed, email, email, "attivazione: codice errato");
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];

        // The user has just proved both factors: the session counts as two-factor (amr=mfa) from now on.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AdministratorTwoFactorFilter.MfaClaimType, AdministratorTwoFactorFilter.MfaClaimValue)]);
        logger.LogInformation("Authenticator app enrolled for {User}", email);
        audit.Enqueue(SecurityEvent.TwoFactorEnabled, email, email, "app di autenticazione");
        await audit.RecordAsync(SecurityEvent.RecoveryCodesGenerated, email, email, $"{codes.Count} codici");
        return codes;
    }

    /// <summary>New recovery codes (the old ones stop working), or null without a second factor.</summary>
    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.TwoFactorEnabled)
        {
            return null;
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        var email = user.Email ?? user.Id;
        logger.LogInformation("Recovery codes regenerated for {User}", email);
        await audit.RecordAsync(SecurityEvent.RecoveryCodesGenerated, email, email, $"{codes.Count} codici, i precedenti non valgono più");
        return codes;
    }

    /// <summary>Disables the second factor (never for an administrator); the next enrolment gets a new key.</summary>
    public async Task<bool> DisableAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.TwoFactorEnabled || await IsRequiredAsync(user))
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await signIn.RefreshSignInAsync(user);
        var email = user.Email ?? user.Id;
        logger.LogWarning("Second factor disabled by {User}", email);
        await audit.RecordAsync(SecurityEvent.TwoFactorDisabled, email, email, "dall'utente");
        return true;
    }

    private Task<bool> IsRequiredAsync(AppUser user) => users.IsInRoleAsync(user, Roles.Administrator);

    /// <summary>The key in groups of four, lower-case, as authenticator apps accept it typed by hand.</summary>
    public static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(text.Length > 0 ? " " : string.Empty).Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return text.ToString().ToLower(CultureInfo.InvariantCulture);
    }

    public static string QrCodeDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
