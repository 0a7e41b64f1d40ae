using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pdo.Infrastructure.PlanImport;

namespace Pdo.Infrastructure.Data;

/// <summary>
/// Brings the database up to date at start-up: applies the provider's migrations (always on SQLite; on SQL Server
/// only with <c>Database:MigrateAtStartup=true</c>, production applies the idempotent script instead) and loads
/// the 2019 plan into an empty database (<c>Seed:Enabled</c>, default true).
/// </summary>
public sealed class DatabaseInitializer(AppDbContext db, PlanImporter importer, IConfiguration configuration, ILogger<DatabaseInitializer> logger)
{
    public const string SeedResource = "Pdo.Infrastructure.Seed.pdo-2019-milano.json";

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var provider = DatabaseSetup.ProviderFrom(configuration);
        if (provider == DatabaseProvider.Sqlite || configuration.GetValue("Database:MigrateAtStartup", false))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                if (provider == DatabaseProvider.Sqlite && (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
                {
                    await BackUpBeforeMigratingAsync(pending[^1], cancellationToken);
                }

                logger.LogInformation("Applying {Count} migrations on {Provider}: {Migrations}", pending.Count, provider, pending);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        if (configuration.GetValue("Seed:Enabled", true) && !await db.Plans.AnyAsync(cancellationToken))
        {
            await using var seed = typeof(DatabaseInitializer).Assembly.GetManifestResourceStream(SeedResource)
                ?? throw new InvalidOperationException($"Embedded seed {SeedResource} is missing.");
            var result = await importer.ImportAsync(seed, "Caricamento iniziale", cancellationToken);
            if (result.Outcome == PlanImportOutcome.Rejected)
            {
                throw new InvalidOperationException($"The embedded 2019 plan was rejected: {result.Summary}");
            }

            logger.LogInformation("Empty database seeded: {Summary}", result.Summary);
        }
    }

    /// <summary>
    /// A SQLite migration that rebuilds a table cannot run in one transaction (EF Core switches foreign keys off around
    /// it): if the process stopped half-way the file would be left between two versions. So an existing file database
    /// is copied first, next to itself (<c>pdo.db.prima-di-{migrazione}-{utc}.bak</c>, SQLite's backup API), and the
    /// copy is named in the log; a new database has nothing to lose.
    /// </summary>
    private async Task BackUpBeforeMigratingAsync(string lastMigration, CancellationToken cancellationToken)
    {
        var connectionString = db.Database.GetConnectionString();
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || !File.Exists(file))
        {
            return;
        }

        var target = $"{file}.prima-di-{lastMigration}-{DateTime.UtcNow:yyyyMMddHHmmss}.bak";
        var copy = await Operations.SqliteBackup.CreateAsync(connectionString!, target, overwrite: false, cancellationToken);
        logger.LogInformation("Database copied to {Backup} before applying its migrations", copy.Path);
    }
}
