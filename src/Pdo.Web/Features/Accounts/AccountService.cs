using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Accounts;

public enum LoginOutcome
{
    Succeeded,
    Invalid,
    LockedOut,
}

/// <summary>Sign-in, sign-out, one-time password links and the first administrator.</summary>
public sealed class AccountService(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IdentitySeeder identity,
    SetupTokenStore setupTokens,
    AppDbContext db,
    SecurityAuditLog security,
    ILogger<AccountService> logger)
{
    public async Task<LoginOutcome> SignInAsync(LoginForm form)
    {
        var email = form.Email.Trim();
        var result = await signIn.PasswordSignInAsync(email, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Login succeeded for {User}", email);
            return LoginOutcome.Succeeded;
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Login refused for {User}: account locked out", email);
            return LoginOutcome.LockedOut;
        }

        logger.LogWarning("Login failed for {User}", email);
        return LoginOutcome.Invalid;
    }

    public async Task SignOutAsync(string user)
    {
        await signIn.SignOutAsync();
        logger.LogInformation("Logout of {User}", user);
    }

    /// <summary>Where a user lands after signing in: a Direttore on the dashboard of their Direzione in the latest plan.</summary>
    public async Task<string> LandingUrlAsync(string email)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || !await users.IsInRoleAsync(user, Roles.DirectorateManager))
        {
            return Links.Plans;
        }

        var landing = await db.UserDirectorates
            .Where(d => d.UserId == user.Id)
            .Join(db.Directorates, d => d.DirectorateId, d => d.Id, (_, d) => d)
            .OrderBy(d => d.Name)
            .Select(d => new
            {
                d.Code,
                Year = db.Objectives.Where(o => o.DirectorateId == d.Id).Join(db.Plans, o => o.PlanId, p => p.Id, (_, p) => (int?)p.Year).Max(),
            })
            .FirstOrDefaultAsync();
        return landing?.Year is int year ? $"/piani/{year}/cruscotto?direzione={Uri.EscapeDataString(landing.Code)}" : Links.Plans;
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
            await security.RecordAsync(SecurityEvent.PasswordSet, user.Email!, user.Email!);
            await transaction.CommitAsync();
            logger.LogInformation("Password set through a one-time link for {User}", user.Email);
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

        await security.RecordAsync(SecurityEvent.FirstAdministratorCreated, user.Email!, user.Email!);
        await transaction.CommitAsync();
        setupTokens.Consume();
        logger.LogInformation("First administrator {User} created through the setup link", user.Email);
        return created;
    }
}
