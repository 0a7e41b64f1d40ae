using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.PlanImport;
using Pdo.Infrastructure.Tests.Support;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// People in the audit trail on real SQLite: AuditInterceptor writes who changed a user's name, e-mail, disabled flag,
/// roles (by name) and Direzioni (by code), old and new, keyed by e-mail; never a hash, stamp or token.
/// </summary>
public sealed class PeopleAuditTests : IDisposable
{
    private const string Email = "mario.rossi@comune.example";
    private const string PasswordHash = "AQAAAAIAAYagAAAAEHASH-SEGRETO";
    private const string SecurityStamp = "STAMP-SEGRETO-0123456789";
    private const string ConcurrencyStamp = "CONCURRENCY-SEGRETO-0123456789";

    private static readonly string[] AllowedFields =
    [
        nameof(AppUser.FullName), nameof(AppUser.Email), nameof(AppUser.IsDisabled), nameof(AppUser.LockoutEnd), nameof(AppUser.TwoFactorEnabled),
        PeopleAudit.RolesField, PeopleAudit.DirectoratesField,
    ];

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WritesNameEmailRolesAndDirezioniGivenANewUser()
    {
        await SeedAsync();
        var before = await CountAsync();

        await CreateUserAsync([Roles.Executive, Roles.DirectorateManager], ["CASA", "CULTURA"]);

        var rows = await RowsAfterAsync(before);
        Assert.All(rows, r =>
        {
            Assert.Equal((PeopleAudit.EntityType, Email, "test@pdo.local", AuditAction.Created), (r.EntityType, r.EntityKey, r.UserName, r.Action));
            Assert.Null(r.PlanYear);
            Assert.Null(r.OldValue);
        });
        Assert.Equal("Mario Rossi", Single(rows, nameof(AppUser.FullName)).NewValue);
        Assert.Equal(Email, Single(rows, nameof(AppUser.Email)).NewValue);
        Assert.Equal("DirectorateManager, Executive", Single(rows, PeopleAudit.RolesField).NewValue);
        Assert.Equal("CASA, CULTURA", Single(rows, PeopleAudit.DirectoratesField).NewValue);
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public async Task WritesTheOldAndNewRolesDirezioniNameAndEmailGivenAChangedUser()
    {
        await SeedAsync();
        await CreateUserAsync([Roles.Executive, Roles.DirectorateManager], ["CASA"]);
        var before = await CountAsync();
        _database.Clock.Advance(TimeSpan.FromDays(1));

        await using (var db = _database.CreateContext())
        {
            var user = await db.Users.Include(u => u.Directorates).SingleAsync(u => u.Email == Email);
            user.FullName = "Mario Rossi Bianchi";
            user.Email = "mario.bianchi@comune.example";
            user.SetDirectorates([await DirectorateIdAsync(db, "CULTURA")]);
            db.UserRoles.Remove(await db.UserRoles.SingleAsync(r => r.UserId == user.Id && r.RoleId == RoleId(Roles.Executive)));
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = RoleId(Roles.PlanningOffice) });
            await db.SaveChangesAsync();
        }

        var rows = await RowsAfterAsync(before);
        Assert.All(rows, r => Assert.Equal(
            (PeopleAudit.EntityType, "mario.bianchi@comune.example", AuditAction.Modified, _database.Clock.GetUtcNow()),
            (r.EntityType, r.EntityKey, r.Action, r.OccurredAt)));
        Assert.Equal(("Mario Rossi", "Mario Rossi Bianchi"), Values(Single(rows, nameof(AppUser.FullName))));
        Assert.Equal((Email, "mario.bianchi@comune.example"), Values(Single(rows, nameof(AppUser.Email))));
        Assert.Equal(("DirectorateManager, Executive", "DirectorateManager, PlanningOffice"), Values(Single(rows, PeopleAudit.RolesField)));
        Assert.Equal(("CASA", "CULTURA"), Values(Single(rows, PeopleAudit.DirectoratesField)));
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public async Task WritesTheDisabledFlagAndTheLockoutGivenADisabledAndLockedUser()
    {
        await SeedAsync();
        await CreateUserAsync([Roles.Executive], []);
        var before = await CountAsync();

        await using (var db = _database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == Email);
            user.IsDisabled = true;
            user.LockoutEnd = new DateTimeOffset(2020, 4, 14, 10, 15, 0, TimeSpan.Zero);
            user.SecurityStamp = "NUOVO-" + SecurityStamp;
            user.AccessFailedCount = 5;
            await db.SaveChangesAsync();
        }

        var rows = await RowsAfterAsync(before);
        Assert.Equal(("false", "true"), Values(Single(rows, nameof(AppUser.IsDisabled))));
        Assert.Equal(((string?)null, "2020-04-14T10:15:00.0000000+00:00"), Values(Single(rows, nameof(AppUser.LockoutEnd))));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task WritesNoRowGivenOnlyAPasswordStampOrCounterChange()
    {
        await SeedAsync();
        await CreateUserAsync([Roles.Executive], []);
        var before = await CountAsync();

        await using (var db = _database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == Email);
            user.PasswordHash = "ALTRO-" + PasswordHash;
            user.SecurityStamp = "ALTRO-" + SecurityStamp;
            user.ConcurrencyStamp = "ALTRO-" + ConcurrencyStamp;
            user.AccessFailedCount = 3;
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "CHIAVE-SEGRETA" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task WritesNoHashStampOrTokenInAnyRowGivenAUserCreatedAndChanged()
    {
        await SeedAsync();
        await CreateUserAsync([Roles.Executive], ["CASA"]);
        await using (var db = _database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == Email);
            user.IsDisabled = true;
            user.PasswordHash = "ALTRO-" + PasswordHash;
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = "CODICI-SEGRETI" });
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateContext();
        var rows = await check.AuditEntries.Where(r => r.EntityType == PeopleAudit.EntityType).ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Contains(r.Field, AllowedFields);
            foreach (var text in new[] { r.EntityKey, r.Field, r.OldValue, r.NewValue, r.Reason })
            {
                Assert.DoesNotContain("SEGRET", text ?? string.Empty, StringComparison.Ordinal);
            }
        });
    }

    private static string RoleId(string role) => "role-" + role;

    private static Task<int> DirectorateIdAsync(Data.AppDbContext db, string code) =>
        db.Directorates.Where(d => d.Code == code).Select(d => d.Id).SingleAsync();

    private static Auditing.AuditEntry Single(IEnumerable<Auditing.AuditEntry> rows, string field) => Assert.Single(rows, r => r.Field == field);

    private static (string? Old, string? New) Values(Auditing.AuditEntry row) => (row.OldValue, row.NewValue);

    /// <summary>The 2019 plan (its Direzioni) and the four roles.</summary>
    private async Task SeedAsync()
    {
        await using var db = _database.CreateContext();
        var result = await _database.CreateImporter(db).ImportAsync(SeedPlan.Stream(SeedPlan.Tree()), "test");
        Assert.Equal(PlanImportOutcome.Imported, result.Outcome);
        db.Roles.AddRange(Roles.All.Select(r => new IdentityRole(r) { Id = RoleId(r), NormalizedName = r.ToUpperInvariant() }));
        await db.SaveChangesAsync();
    }

    private async Task CreateUserAsync(string[] roles, string[] directorates)
    {
        await using var db = _database.CreateContext();
        var user = new AppUser
        {
            UserName = Email,
            NormalizedUserName = Email.ToUpperInvariant(),
            Email = Email,
            NormalizedEmail = Email.ToUpperInvariant(),
            FullName = "Mario Rossi",
            PasswordHash = PasswordHash,
            SecurityStamp = SecurityStamp,
            ConcurrencyStamp = ConcurrencyStamp,
        };
        var ids = await db.Directorates.Where(d => directorates.Contains(d.Code)).Select(d => d.Id).ToListAsync();
        user.SetDirectorates(ids);
        db.Users.Add(user);
        db.UserRoles.AddRange(roles.Select(r => new IdentityUserRole<string> { UserId = user.Id, RoleId = RoleId(r) }));
        await db.SaveChangesAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.CountAsync();
    }

    private async Task<List<Auditing.AuditEntry>> RowsAfterAsync(int count)
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.OrderBy(r => r.Id).Skip(count).ToListAsync();
    }
}
