using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.PlanImport;

namespace Pdo.Infrastructure.Tests;

/// <summary>Start-up migrations of a SQLite file: an existing database is copied before its migrations run.</summary>
public sealed class DatabaseInitializerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pdo-init-").FullName;

    [SqliteOnlyFact]
    public async Task CopiesTheDatabaseBeforeMigratingGivenAnExistingFileAtAnOlderMigration()
    {
        var file = Path.Combine(_folder, "pdo.db");
        await using (var old = Context(file))
        {
            // The migration before PlanSetupAndClose, which rebuilt the Direzioni table (IsActive → ActiveFrom/ActiveTo):
            // named, not counted from the end, so that later migrations leave this test as it is.
            var migrations = old.Database.GetMigrations().ToList();
            await old.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_PlanSetupAndClose", StringComparison.Ordinal)) - 1]);
            await old.Database.ExecuteSqlRawAsync("INSERT INTO Directorates (Code, Name, IsActive) VALUES ('CASA', 'Direzione Casa', 1)");
        }

        await using (var db = Context(file))
        {
            await Initializer(db).InitializeAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        var copy = Assert.Single(Directory.GetFiles(_folder, "pdo.db.prima-di-*.bak"));
        Assert.Contains(Context(file).Database.GetMigrations().Last(), Path.GetFileName(copy), StringComparison.Ordinal);
        await using var backup = Context(copy);
        Assert.Equal(
            Context(file).Database.GetMigrations().SkipWhile(m => !m.EndsWith("_PlanSetupAndClose", StringComparison.Ordinal)),
            await backup.Database.GetPendingMigrationsAsync());

        // The rebuilt table kept its row: open since the earliest plan year, and the seed found it by code.
        await using var migrated = Context(file);
        var casa = await migrated.Directorates.SingleAsync(d => d.Code == "CASA");
        Assert.Equal((new DateOnly(2000, 1, 1), (DateOnly?)null), (casa.ActiveFrom, casa.ActiveTo));
        Assert.True(await migrated.Objectives.AnyAsync(o => o.DirectorateId == casa.Id));
    }

    [SqliteOnlyFact]
    public async Task MakesNoCopyGivenANewDatabase()
    {
        var file = Path.Combine(_folder, "pdo.db");
        await using var db = Context(file);

        await Initializer(db).InitializeAsync();

        Assert.Empty(Directory.GetFiles(_folder, "*.bak"));
        Assert.True(await db.Plans.AnyAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static SqliteAppDbContext Context(string file)
    {
        var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={file}")
            .AddInterceptors(new AuditInterceptor(TimeProvider.System), new ChangeSignalInterceptor(new DataChangeSignal()))
            .Options);
        db.AuditAs(new SystemAuditContext { UserName = "test@pdo.local" });
        return db;
    }

    private static DatabaseInitializer Initializer(AppDbContext db) => new(
        db,
        new PlanImporter(db, new FakeTimeProvider(new DateTimeOffset(2020, 4, 14, 10, 0, 0, TimeSpan.Zero)), NullLogger<PlanImporter>.Instance),
        new ConfigurationBuilder().Build(),
        NullLogger<DatabaseInitializer>.Instance);
}
