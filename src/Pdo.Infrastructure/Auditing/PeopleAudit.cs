using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;

namespace Pdo.Infrastructure.Auditing;

/// <summary>
/// The audit rows of people (entity type <see cref="EntityType"/>, keyed by e-mail): name, e-mail, disabled flag,
/// lockout and second factor of an <see cref="AppUser"/>, and the user's roles (by name) and Direzioni (by code) as
/// the whole list before and after. Only the fields named here are written: never the password hash, the security
/// or concurrency stamp, tokens, or counters.
/// </summary>
public static class PeopleAudit
{
    public const string EntityType = "AppUser";

    /// <summary>The field of a change of roles: old and new value are the role names, sorted, comma separated.</summary>
    public const string RolesField = "Roles";

    /// <summary>The field of a change of Direzioni: old and new value are the Direzione codes, sorted, comma separated.</summary>
    public const string DirectoratesField = "Directorates";

    public const string ListSeparator = ", ";

    private static readonly string[] CreatedFields = [nameof(AppUser.FullName), nameof(AppUser.Email)];

    private static readonly string[] ModifiedFields =
    [
        nameof(AppUser.FullName), nameof(AppUser.Email), nameof(AppUser.IsDisabled), nameof(AppUser.LockoutEnd), nameof(AppUser.TwoFactorEnabled),
    ];

    internal delegate void RowSink(AuditAction action, string key, string field, string? oldValue, string? newValue);

    internal static async Task AddRowsAsync(DbContext context, IReadOnlyList<EntityEntry> entries, RowSink add, CancellationToken ct)
    {
        foreach (var entry in entries.Where(e => e.Entity is AppUser && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var action = Action(entry.State);
            var key = KeyOf(entry);
            foreach (var name in entry.State == EntityState.Added ? CreatedFields : ModifiedFields)
            {
                var property = entry.Property(name);
                var oldValue = entry.State == EntityState.Added ? null : AuditInterceptor.Format(property.OriginalValue);
                var newValue = entry.State == EntityState.Deleted ? null : AuditInterceptor.Format(property.CurrentValue);
                if ((entry.State == EntityState.Modified && (!property.IsModified || oldValue == newValue)) || (oldValue is null && newValue is null))
                {
                    continue;
                }

                add(action, key, name, oldValue, newValue);
            }
        }

        await AddMembershipRowsAsync(
            context,
            entries.Where(e => e.Entity is IdentityUserRole<string>).Select(e => (e, ((IdentityUserRole<string>)e.Entity).UserId, ((IdentityUserRole<string>)e.Entity).RoleId)),
            RolesField,
            async (userId, c) => await context.Set<IdentityUserRole<string>>().AsNoTracking().Where(r => r.UserId == userId).Select(r => r.RoleId).ToListAsync(c),
            async (ids, c) => await context.Set<IdentityRole>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name ?? r.Id, c),
            add,
            ct);
        await AddMembershipRowsAsync(
            context,
            entries.Where(e => e.Entity is UserDirectorate).Select(e => (e, ((UserDirectorate)e.Entity).UserId, ((UserDirectorate)e.Entity).DirectorateId)),
            DirectoratesField,
            async (userId, c) => await context.Set<UserDirectorate>().AsNoTracking().Where(d => d.UserId == userId).Select(d => d.DirectorateId).ToListAsync(c),
            async (ids, c) => await context.Set<Directorate>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Code, c),
            add,
            ct);
    }

    /// <summary>
    /// One row per user whose links (roles or Direzioni) were added or removed in this save: the stored list before
    /// (read from the database, untouched by this save yet) and the list after.
    /// </summary>
    private static async Task AddMembershipRowsAsync<TId>(
        DbContext context,
        IEnumerable<(EntityEntry Entry, string UserId, TId TargetId)> links,
        string field,
        Func<string, CancellationToken, Task<List<TId>>> storedOf,
        Func<List<TId>, CancellationToken, Task<Dictionary<TId, string>>> namesOf,
        RowSink add,
        CancellationToken ct)
        where TId : notnull
    {
        foreach (var ofUser in links.Where(l => l.Entry.State is EntityState.Added or EntityState.Deleted).GroupBy(l => l.UserId))
        {
            var user = await context.FindAsync<AppUser>([ofUser.Key], ct);
            var userEntry = user is null ? null : context.Entry(user);
            var before = userEntry?.State == EntityState.Added ? [] : await storedOf(ofUser.Key, ct);
            var removed = ofUser.Where(l => l.Entry.State == EntityState.Deleted).Select(l => l.TargetId).ToHashSet();
            var after = before.Where(id => !removed.Contains(id)).Union(ofUser.Where(l => l.Entry.State == EntityState.Added).Select(l => l.TargetId)).ToList();
            var names = await namesOf([.. before.Union(after)], ct);
            var oldValue = List(before, names);
            var newValue = List(after, names);
            if (oldValue == newValue)
            {
                continue;
            }

            var key = userEntry is null ? ofUser.Key : KeyOf(userEntry);
            add(userEntry?.State == EntityState.Added ? AuditAction.Created : AuditAction.Modified, key, field, oldValue, newValue);
        }
    }

    private static string? List<TId>(IEnumerable<TId> ids, Dictionary<TId, string> names)
        where TId : notnull
    {
        var list = ids.Select(id => names.GetValueOrDefault(id) ?? id.ToString()!).Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? null : string.Join(ListSeparator, list);
    }

    /// <summary>A person is named by e-mail (as stored before a deletion, as it will be stored otherwise).</summary>
    private static string KeyOf(EntityEntry entry)
    {
        var email = entry.Property(nameof(AppUser.Email));
        var userName = entry.Property(nameof(AppUser.UserName));
        var value = entry.State == EntityState.Deleted
            ? email.OriginalValue ?? userName.OriginalValue
            : email.CurrentValue ?? userName.CurrentValue;
        return value as string ?? ((AppUser)entry.Entity).Id;
    }

    private static AuditAction Action(EntityState state) => state switch
    {
        EntityState.Added => AuditAction.Created,
        EntityState.Deleted => AuditAction.Deleted,
        _ => AuditAction.Modified,
    };
}
