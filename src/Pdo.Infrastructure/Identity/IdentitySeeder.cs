using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Identity;

/// <summary>A demo account of the Development environment.</summary>
public sealed record DemoUser(string Email, string FullName, string Role, string? DirectorateCode);

/// <summary>
/// Creates the roles, and in Development only the documented demo users (one per role, a Direttore for Casa and
/// one for Cultura). No account with a known password exists outside Development.
/// </summary>
public sealed class IdentitySeeder(
    RoleManager<IdentityRole> roles,
    UserManager<AppUser> users,
    AppDbContext db,
    IDataProtectionProvider dataProtection,
    ILogger<IdentitySeeder> logger)
{
    /// <summary>The Development demo password (documented in the README). Never used outside Development.</summary>
    public const string DemoPassword = "Demo-Pdo-2019!";

    public static IReadOnlyList<DemoUser> DemoUsers { get; } =
    [
        new("admin@pdo.local", "Anna Amministratrice", Roles.Administrator, null),
        new("pianificazione@pdo.local", "Paolo Pianificazione", Roles.PlanningOffice, null),
        new("giunta@pdo.local", "Giulia Giunta", Roles.Executive, null),
        new("oiv@pdo.local", "Oreste Valutazione", Roles.Evaluator, null),
        new("direttore.casa@pdo.local", "Carlo Casa", Roles.DirectorateManager, "CASA"),
        new("direttore.cultura@pdo.local", "Chiara Cultura", Roles.DirectorateManager, "CULTURA"),
    ];

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public async Task EnsureDemoUsersAsync()
    {
        foreach (var demo in DemoUsers)
        {
            if (await users.FindByEmailAsync(demo.Email) is not null)
            {
                continue;
            }

            var user = new AppUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, FullName = demo.FullName };
            if (demo.DirectorateCode is not null)
            {
                var directorate = await db.Directorates.SingleOrDefaultAsync(d => d.Code == demo.DirectorateCode);
                if (directorate is null)
                {
                    continue;
                }

                user.SetDirectorates([directorate.Id]);
            }

            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {demo.Email}: {string.Join(' ', created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, demo.Role);
            logger.LogInformation("Development demo user {Email} ({Role}) created", demo.Email, demo.Role);
        }
    }

    /// <summary>
    /// Outside Development: disables every enabled account that still accepts the public <see cref="DemoPassword"/>
    /// (e.g. a Development database copied to a server), ending its sessions, with a warning in the log. An
    /// administrator re-enables it after issuing a password link. Costs one password-hash check per enabled account.
    /// </summary>
    /// <returns>The e-mails of the accounts disabled.</returns>
    public async Task<IReadOnlyList<string>> DisableAccountsWithTheDemoPasswordAsync()
    {
        var candidates = await users.Users.Where(u => !u.IsDisabled && u.PasswordHash != null).ToListAsync();
        var exposed = candidates
            .AsParallel()
            .Where(u => users.PasswordHasher.VerifyHashedPassword(u, u.PasswordHash!, DemoPassword) != PasswordVerificationResult.Failed)
            .ToList();
        foreach (var user in exposed)
        {
            user.IsDisabled = true;
            var updated = await users.UpdateSecurityStampAsync(user);
            if (!updated.Succeeded)
            {
                throw new InvalidOperationException($"Could not disable {user.Email}: {string.Join(' ', updated.Errors.Select(e => e.Description))}");
            }

            logger.LogWarning(
                "Account {Email} accepted the public demo password outside Development and has been disabled: an administrator can issue it a password link and re-enable it",
                user.Email);
        }

        return [.. exposed.Select(u => u.Email ?? u.UserName ?? u.Id)];
    }

    /// <summary>
    /// Protects what an earlier version stored of the second factor in clear (<see cref="PdoUserStore"/>): every
    /// account's recovery codes hashed (<see cref="RecoveryCodeHash"/>) and authenticator key encrypted
    /// (<see cref="AuthenticatorKeyProtection"/>), so that none is left readable in the database. Nothing to do once
    /// all are protected.
    /// </summary>
    /// <returns>How many stored secrets were protected.</returns>
    public async Task<int> ProtectSecondFactorSecretsStoredInClearAsync()
    {
        var tokens = await db.Set<IdentityUserToken<string>>()
            .Where(t => t.LoginProvider == PdoUserStore.TokenProvider && (t.Name == PdoUserStore.RecoveryCodesToken || t.Name == PdoUserStore.AuthenticatorKeyToken))
            .ToListAsync();
        var protector = AuthenticatorKeyProtection.Protector(dataProtection);
        var protectedNow = 0;
        foreach (var token in tokens.Where(t => !string.IsNullOrEmpty(t.Value)))
        {
            if (token.Name == PdoUserStore.AuthenticatorKeyToken)
            {
                if (!AuthenticatorKeyProtection.IsProtected(token.Value!))
                {
                    token.Value = AuthenticatorKeyProtection.Protect(protector, token.Value!);
                    protectedNow++;
                }

                continue;
            }

            var codes = token.Value!.Split(';', StringSplitOptions.RemoveEmptyEntries);
            if (!codes.All(RecoveryCodeHash.IsHashed))
            {
                token.Value = string.Join(';', codes.Select(c => RecoveryCodeHash.IsHashed(c) ? c : RecoveryCodeHash.Hash(c)));
                protectedNow++;
            }
        }

        if (protectedNow > 0)
        {
            await db.SaveChangesAsync();
            logger.LogWarning("{Count} second-factor secret(s) (recovery codes, authenticator keys) were stored in clear and have been protected", protectedNow);
        }

        return protectedNow;
    }

    public async Task<bool> HasAdministratorAsync() => (await users.GetUsersInRoleAsync(Roles.Administrator)).Any(u => !u.IsDisabled);
}
