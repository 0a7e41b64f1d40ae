using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;

namespace Pdo.Web.Features.Users;

public sealed record UserCommandResult(bool Succeeded, IReadOnlyList<string> Errors, PasswordLinkViewModel? Link = null)
{
    public static UserCommandResult Ok(PasswordLinkViewModel? link = null) => new(true, [], link);

    public static UserCommandResult Fail(params string[] errors) => new(false, errors);
}

/// <summary>
/// User administration: list with filters, create, edit roles and Direzioni, disable, password links. The
/// AuditInterceptor audits every change in the save that makes it; a command of several saves (creation: the user,
/// then its roles and the link issued) runs in one explicit transaction, so changes and audit rows commit together.
/// </summary>
public sealed class UserAdminService(UserManager<AppUser> users, IUserStore<AppUser> store, AppDbContext db, SecurityAuditLog security, TimeProvider clock, ILogger<UserAdminService> logger)
{
    public static IReadOnlyList<(string Value, string Label)> States { get; } = [("attivi", "Attivi"), ("disattivati", "Disattivati")];

    public async Task<UserListViewModel> ListAsync(UserFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking().Include(u => u.Directorates).AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(text) || u.FullName.ToUpper().Contains(text));
        }

        if (filter.State == "attivi")
        {
            query = query.Where(u => !u.IsDisabled);
        }
        else if (filter.State == "disattivati")
        {
            query = query.Where(u => u.IsDisabled);
        }

        if (filter.DirectorateId is int directorateId)
        {
            query = query.Where(u => u.Directorates.Any(d => d.DirectorateId == directorateId));
        }

        if (!string.IsNullOrEmpty(filter.Role) && Roles.All.Contains(filter.Role))
        {
            var roleId = await db.Roles.Where(r => r.Name == filter.Role).Select(r => r.Id).SingleAsync(cancellationToken);
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        var list = await query.OrderBy(u => u.FullName).ToListAsync(cancellationToken);
        var roleNames = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var directorates = await db.Directorates.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var now = clock.GetUtcNow();
        var rows = list.Select(u => new UserRow(
            u.Id,
            u.FullName,
            u.Email ?? string.Empty,
            roleNames.Where(r => r.UserId == u.Id).Select(r => Roles.Label(r.Name!)).Order().ToList(),
            u.Directorates.Select(d => directorates.GetValueOrDefault(d.DirectorateId, "?")).Order().ToList(),
            u.IsDisabled,
            u.LockoutEnd > now)).ToList();

        return new UserListViewModel(
            rows,
            filter,
            Roles.All.Select(r => new Option(r, Roles.Label(r), r == filter.Role)).ToList(),
            directorates.OrderBy(d => d.Value).Select(d => new Option(d.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Value, d.Key == filter.DirectorateId)).ToList(),
            States.Select(s => new Option(s.Value, s.Label, s.Value == filter.State)).ToList());
    }

    public async Task<UserFormViewModel> NewFormAsync(UserForm? form = null, CancellationToken cancellationToken = default) =>
        await FormAsync(null, form ?? new UserForm(), false, cancellationToken);

    public async Task<UserFormViewModel?> EditFormAsync(string id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Directorates).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var form = new UserForm
        {
            FullName = user.FullName,
            Email = user.Email ?? string.Empty,
            Roles = [.. await users.GetRolesAsync(user)],
            DirectorateIds = [.. user.Directorates.Select(d => d.DirectorateId)],
        };
        return await FormAsync(id, form, user.IsDisabled, cancellationToken);
    }

    public async Task<UserFormViewModel> FormAsync(string? id, UserForm form, bool isDisabled, CancellationToken cancellationToken)
    {
        // The Direzioni active today, plus those the user already has (a closed one stays until it is removed).
        var today = RomeTime.Today(clock.GetUtcNow());
        var assigned = id is null ? [] : await db.UserDirectorates.Where(d => d.UserId == id).Select(d => d.DirectorateId).ToListAsync(cancellationToken);
        var directorates = (await db.Directorates.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken))
            .Where(d => d.IsActiveOn(today) || assigned.Contains(d.Id))
            .ToList();
        return new UserFormViewModel(
            id,
            form,
            Roles.All.Select(r => new Option(r, Roles.Label(r), form.Roles.Contains(r))).ToList(),
            directorates.Select(d => new Option(d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Name, form.DirectorateIds.Contains(d.Id))).ToList(),
            isDisabled);
    }

    public async Task<UserCommandResult> CreateAsync(UserForm form, Func<string, string, string> passwordLink, string actor)
    {
        var errors = await ValidateAsync(form);
        if (errors.Count > 0)
        {
            return new UserCommandResult(false, errors);
        }

        var user = new AppUser { UserName = form.Email.Trim(), Email = form.Email.Trim(), EmailConfirmed = true, FullName = form.FullName.Trim() };
        user.SetDirectorates(form.DirectorateIds);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return new UserCommandResult(false, created.Errors.Select(e => e.Description).ToList());
        }

        var roles = await users.AddToRolesAsync(user, form.Roles.Distinct());
        if (!roles.Succeeded)
        {
            return new UserCommandResult(false, roles.Errors.Select(e => e.Description).ToList());
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        await security.RecordAsync(SecurityEvent.PasswordLinkIssued, actor, user.Email!, "nuovo utente");
        await transaction.CommitAsync();
        logger.LogInformation("User {User} created by {Actor} with roles {Roles}", user.Email, actor, form.Roles);
        return UserCommandResult.Ok(new PasswordLinkViewModel(user.FullName, user.Email!, passwordLink(user.Id, token), IsNewUser: true));
    }

    public async Task<UserCommandResult> UpdateAsync(string id, UserForm form, string actor)
    {
        var user = await db.Users.Include(u => u.Directorates).SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return UserCommandResult.Fail("Utente non trovato.");
        }

        var errors = await ValidateAsync(form, user);
        if (errors.Count > 0)
        {
            return new UserCommandResult(false, errors);
        }

        // Name, e-mail, Direzioni and roles change in memory (the store's setters do not save) and are saved once, with
        // the new security stamp, by UpdateSecurityStampAsync (which also validates and normalizes the e-mail): one save,
        // so one transaction with its audit rows, and one row with the old and new roles.
        user.FullName = form.FullName.Trim();
        user.SetDirectorates(form.DirectorateIds);
        var email = form.Email.Trim();
        if (!string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            await ((IUserEmailStore<AppUser>)store).SetEmailAsync(user, email, CancellationToken.None);
            await store.SetUserNameAsync(user, email, CancellationToken.None);
        }

        var roleStore = (IUserRoleStore<AppUser>)store;
        var current = await users.GetRolesAsync(user);
        foreach (var role in current.Except(form.Roles))
        {
            await roleStore.RemoveFromRoleAsync(user, users.NormalizeName(role), CancellationToken.None);
        }

        foreach (var role in form.Roles.Distinct().Except(current))
        {
            await roleStore.AddToRoleAsync(user, users.NormalizeName(role), CancellationToken.None);
        }

        // New roles or Direzioni must reach the user's cookie: a new stamp signs the old one out at the next check.
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded)
        {
            return UserCommandResult.Fail([.. saved.Errors.Select(e => e.Description)]);
        }

        logger.LogInformation("User {User} updated by {Actor}: roles {Roles}, Direzioni {Directorates}", user.Email, actor, form.Roles, form.DirectorateIds);
        return UserCommandResult.Ok();
    }

    public async Task<UserCommandResult> SetDisabledAsync(string id, bool disabled, string actorId, string actor)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return UserCommandResult.Fail("Utente non trovato.");
        }

        if (disabled && user.Id == actorId)
        {
            return UserCommandResult.Fail("Non è possibile disattivare il proprio account.");
        }

        user.IsDisabled = disabled;

        // A new security stamp ends the user's sessions at their next request (through other instances: at the next
        // write, and for reads within Security:SessionCheckInterval, 30 s; ADR 008). It is one save, so the flag and its
        // audit row commit together.
        var result = await users.UpdateSecurityStampAsync(user);
        logger.LogWarning("User {User} {Action} by {Actor}", user.Email, disabled ? "disabled" : "enabled", actor);
        return result.Succeeded ? UserCommandResult.Ok() : UserCommandResult.Fail([.. result.Errors.Select(e => e.Description)]);
    }

    public async Task<UserCommandResult> IssuePasswordLinkAsync(string id, Func<string, string, string> passwordLink, string actor)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return UserCommandResult.Fail("Utente non trovato.");
        }

        if (user.IsDisabled)
        {
            return UserCommandResult.Fail("L'utente è disattivato: riattivarlo prima di reimpostare la password.");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);

        // Recorded before the link is shown: a link that could not be audited is not issued.
        await security.RecordAsync(SecurityEvent.PasswordLinkIssued, actor, user.Email!);
        logger.LogWarning("Password reset link issued for {User} by {Actor}", user.Email, actor);
        return UserCommandResult.Ok(new PasswordLinkViewModel(user.FullName, user.Email!, passwordLink(user.Id, token), IsNewUser: false));
    }

    private async Task<List<string>> ValidateAsync(UserForm form, AppUser? existing = null)
    {
        var errors = new List<string>();
        var unknownRoles = form.Roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknownRoles.Count > 0)
        {
            errors.Add("Ruolo non previsto.");
        }

        if (form.Roles.Count == 0)
        {
            errors.Add("Assegnare almeno un ruolo.");
        }

        var known = await db.Directorates.Where(d => form.DirectorateIds.Contains(d.Id)).ToListAsync();
        if (known.Count != form.DirectorateIds.Distinct().Count())
        {
            errors.Add("Direzione non trovata.");
        }

        var today = RomeTime.Today(clock.GetUtcNow());
        var assigned = existing is null ? [] : existing.Directorates.Select(d => d.DirectorateId).ToList();
        foreach (var closed in known.Where(d => !d.IsActiveOn(today) && !assigned.Contains(d.Id)))
        {
            errors.Add($"La Direzione «{closed.Name}» non è attiva oggi: non si può assegnare a un utente.");
        }

        if (form.Roles.Contains(Roles.DirectorateManager) && form.DirectorateIds.Count == 0)
        {
            errors.Add("Un Direttore deve essere associato ad almeno una Direzione.");
        }

        var other = await users.FindByEmailAsync(form.Email.Trim());
        if (other is not null && other.Id != existing?.Id)
        {
            errors.Add($"L'indirizzo e-mail «{form.Email.Trim()}» è già usato da un altro utente.");
        }

        return errors;
    }
}
