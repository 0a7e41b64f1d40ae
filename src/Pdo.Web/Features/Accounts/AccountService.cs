using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Accounts;

public enum LoginOutcome
{
    Succeeded,

    /// <summary>The password was right; the authenticator code comes next (<c>/accesso/codice</c>).</summary>
    RequiresTwoFactor,

    /// <summary>Wrong password, unknown e-mail, disabled or locked account: one answer for all (no account enumeration).</summary>
    Invalid,
}

/// <summary>Sign-in (password, then the second factor), sign-out, one-time password links and the first administrator.</summary>
public sealed class AccountService(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IPasswordHasher<AppUser> hasher,
    IdentitySeeder identity,
    SetupTokenStore setupTokens,
    SecurityAuditLog audit,
    AppDbContext db,
    ILogger<AccountService> logger)
{
    // A hash of a random password, made once: checking an unknown e-mail costs what checking a real one does.
    private static string? s_dummyHash;

    public async Task<LoginOutcome> SignInAsync(LoginForm form)
    {
        var email = form.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            // Identity answers these at once, without hashing: the time would tell that the account exists.
            HashDummyPassword(form.Password);
            var locked = user is { IsDisabled: false };
            logger.LogWarning("Login refused for {User}: {Reason}", email, user is null ? "unknown e-mail" : locked ? "account locked out" : "account disabled");
            await audit.RecordAsync(locked ? SecurityEvent.SignInLockedOut : SecurityEvent.SignInFailed, email, email,
                user is null ? "e-mail sconosciuta" : locked ? "account bloccato" : "account disattivato");
            return LoginOutcome.Invalid;
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Login succeeded for {User}", email);
            await audit.RecordAsync(SecurityEvent.SignInSucceeded, email, email, "password");
            return LoginOutcome.Succeeded;
        }

        if (result.RequiresTwoFactor)
        {
            logger.LogInformation("Password accepted for {User}: second factor required", email);
            return LoginOutcome.RequiresTwoFactor;
        }

        logger.LogWarning("Login failed for {User}{Locked}", email, result.IsLockedOut ? ": account now locked out" : string.Empty);
        await audit.RecordAsync(result.IsLockedOut ? SecurityEvent.SignInLockedOut : SecurityEvent.SignInFailed, email, email, "password errata");
        return LoginOutcome.Invalid;
    }

    /// <summary>The user between the password and the code step (Identity's two-factor cookie), or null.</summary>
    public Task<AppUser?> TwoFactorUserAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    /// <summary>Completes the sign-in with the authenticator app's code, or with a recovery code.</summary>
    public async Task<LoginOutcome> SignInWithCodeAsync(string code, bool recoveryCode)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return LoginOutcome.Invalid;
        }

        var cleaned = code.Replace(" ", string.Empty, StringComparison.Ordinal);
        var result = recoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(cleaned)
            : await signIn.TwoFactorAuthenticatorSignInAsync(cleaned, isPersistent: false, rememberClient: false);
        var email = user.Email ?? user.Id;
        if (result.Succeeded)
        {
            logger.LogInformation("Login succeeded for {User} with {Factor}", email, recoveryCode ? "a recovery code" : "an authenticator code");
            if (recoveryCode)
            {
                audit.Enqueue(SecurityEvent.RecoveryCodeUsed, email, email, $"codici rimasti: {await users.CountRecoveryCodesAsync(user)}");
            }

            await audit.RecordAsync(SecurityEvent.SignInSucceeded, email, email, recoveryCode ? "codice di recupero" : "app di autenticazione");
            return LoginOutcome.Succeeded;
        }

        logger.LogWarning("Second factor refused for {User}{Locked}", email, result.IsLockedOut ? ": account now locked out" : string.Empty);
        audit.Enqueue(SecurityEvent.TwoFactorFailed, email, email, recoveryCode ? "codice di recupero errato" : "codice errato");
        if (result.IsLockedOut)
        {
            audit.Enqueue(SecurityEvent.SignInLockedOut, email, email, "secondo fattore");
        }

        await db.SaveChangesAsync();
        return LoginOutcome.Invalid;
    }

    /// <summary>Signs out and gives the user a new security stamp: a copy of the cookie is refused from now on.</summary>
    public async Task SignOutAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        var name = principal.AuditName();
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        logger.LogInformation("Logout of {User}", name);
        await audit.RecordAsync(SecurityEvent.SignedOut, name, name);
    }

    private void HashDummyPassword(string password)
    {
        var dummy = new AppUser();
        s_dummyHash ??= hasher.HashPassword(dummy, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(dummy, s_dummyHash, password);
    }

    /// <summary>
    /// Where a user lands after signing in (a local returnUrl wins, see <c>AccountController</c>): the planning office on
    /// the monitoring board of the plan in monitoring (the latest one if several); a Direttore on the dashboard of their
    /// Direzione in the plan in monitoring that has objectives of it, else the latest approved one, else the latest one;
    /// everyone else, and whoever has no such plan, on the plan list.
    /// </summary>
    public async Task<string> LandingUrlAsync(string email)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return Links.Plans;
        }

        if (!user.TwoFactorEnabled && await users.IsInRoleAsync(user, Roles.Administrator))
        {
            return Links.TwoFactorEnrolment;
        }

        if (await users.IsInRoleAsync(user, Roles.PlanningOffice)
            && await db.Plans.Where(p => p.Status == PlanStatus.Monitoring).MaxAsync(p => (int?)p.Year) is int monitored)
        {
            return Links.MonitoringBoard(monitored);
        }

        if (!await users.IsInRoleAsync(user, Roles.DirectorateManager))
        {
            return Links.Plans;
        }

        var directorateIds = db.UserDirectorates.Where(d => d.UserId == user.Id).Select(d => d.DirectorateId);
        var plans = await db.Plans
            .Where(p => db.Objectives.Any(o => o.PlanId == p.Id && o.DirectorateId != null && directorateIds.Contains(o.DirectorateId.Value)))
            .Select(p => new { p.Id, p.Year, p.Status })
            .ToListAsync();
        var plan = plans
            .OrderBy(p => p.Status switch { PlanStatus.Monitoring => 0, PlanStatus.Approved => 1, _ => 2 })
            .ThenByDescending(p => p.Year)
            .FirstOrDefault();
        if (plan is null)
        {
            return Links.Plans;
        }

        var code = await db.Directorates
            .Where(d => directorateIds.Contains(d.Id) && db.Objectives.Any(o => o.PlanId == plan.Id && o.DirectorateId == d.Id))
            .OrderBy(d => d.Name)
            .Select(d => d.Code)
            .FirstAsync();
        return $"{Links.Dashboard(plan.Year)}?direzione={Uri.EscapeDataString(code)}";
    }

    public async Task<IdentityResult> SetPasswordAsync(SetPasswordForm form)
    {
        var user = await users.FindByIdAsync(form.UserId);
        if (user is null || user.IsDisabled)
        {
            return IdentityResult.Failed(new ItalianIdentityErrorDescriber().InvalidToken());
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.ResetPasswordAsync(user, form.Token, form.Password);
        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.RecordAsync(SecurityEvent.PasswordSet, user.Email!, user.Email!);
            var secondFactorRemoved = user.TwoFactorEnabled;
            if (secondFactorRemoved)
            {
                // The administrator's link is the way back for whoever lost phone and recovery codes: the second
                // factor is enrolled again (an administrator must, at the next sign-in). Same transaction as the password.
                await users.SetTwoFactorEnabledAsync(user, false);
                await users.ResetAuthenticatorKeyAsync(user);
                await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
                await audit.RecordAsync(SecurityEvent.TwoFactorDisabled, user.Email ?? user.Id, user.Email ?? user.Id, "link monouso per la password");
            }

            await transaction.CommitAsync();
            logger.LogInformation("Password set through a one-time link for {User}", user.Email);
            if (secondFactorRemoved)
            {
                logger.LogWarning("Second factor of {User} removed by the one-time password link", user.Email);
            }
        }
        else
        {
            logger.LogWarning("One-time password link refused for user id {UserId}", form.UserId);
        }

        return result;
    }

    public async Task<bool> IsSetupOpenAsync(string? token) => setupTokens.IsValid(token) && !await identity.HasAdministratorAsync();

    public async Task<IdentityResult> CreateFirstAdministratorAsync(SetupForm form)
    {
        if (!await IsSetupOpenAsync(form.Token))
        {
            return IdentityResult.Failed(new ItalianIdentityErrorDescriber().InvalidToken());
        }

        var user = new AppUser { UserName = form.Email.Trim(), Email = form.Email.Trim(), EmailConfirmed = true, FullName = form.FullName.Trim() };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, form.Password);
        if (!created.Succeeded)
        {
            return created;
        }

        var role = await users.AddToRoleAsync(user, Roles.Administrator);
        if (!role.Succeeded)
        {
            return role;
        }

        await audit.RecordAsync(SecurityEvent.FirstAdministratorCreated, user.Email!, user.Email!);
        await transaction.CommitAsync();
        setupTokens.Consume();
        logger.LogInformation("First administrator {User} created through the setup link", user.Email);
        return created;
    }
}
