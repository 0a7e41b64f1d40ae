using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Data.Configurations;
using Pdo.Infrastructure.PlanImport;
using Pdo.Infrastructure.Tests.Support;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// Audit rows hold at the database (ADR 006): the migrations create triggers that refuse any UPDATE or DELETE of
/// AuditEntries, also in SQL sent past the application.
/// </summary>
public sealed class AppendOnlyAuditTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task RefusesARawSqlUpdateOfAuditRowsAndChangesNothing()
    {
        await ImportAsync();
        var before = await SnapshotAsync();

        await using (var db = _database.CreateContext())
        {
            var error = await Assert.ThrowsAnyAsync<DbException>(() =>
                db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"NewValue\" = '100%', \"UserName\" = 'qualcuno' WHERE \"Field\" = 'ActualText'"));
            Assert.Contains(AuditTriggers.Message, error.Message);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task RefusesARawSqlDeleteOfAuditRowsAndChangesNothing()
    {
        await ImportAsync();
        var before = await SnapshotAsync();

        await using (var db = _database.CreateContext())
        {
            var error = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
            Assert.Contains(AuditTriggers.Message, error.Message);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task KeepsAcceptingNewAuditRowsGivenTheTriggers()
    {
        await ImportAsync();
        var before = (await SnapshotAsync()).Count;

        await using (var db = _database.CreateContext())
        {
            (await db.Directorates.FirstAsync(d => d.Code == "CASA")).Rename("Direzione Casa e Abitare");
            await db.SaveChangesAsync();
        }

        Assert.Equal(before + 1, (await SnapshotAsync()).Count);
    }

    [PostgreSqlOnlyFact]
    public async Task RefusesARawSqlTruncateOfAuditRowsAndChangesNothingGivenPostgreSql()
    {
        await ImportAsync();
        var before = await SnapshotAsync();

        await using (var db = _database.CreateContext())
        {
            var error = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\""));
            Assert.Contains(AuditTriggers.Message, error.Message);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public void CreatesTheTriggerFunctionAndItsTriggersInTheIdempotentPostgreSqlScript()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE FUNCTION \"AuditEntries_AppendOnly\"() RETURNS trigger", script);
        Assert.Contains("RAISE EXCEPTION '" + AuditTriggers.Message + "'", script);
        Assert.Contains("CREATE TRIGGER \"AuditEntries_NoUpdate\" BEFORE UPDATE ON \"AuditEntries\"", script);
        Assert.Contains("CREATE TRIGGER \"AuditEntries_NoDelete\" BEFORE DELETE ON \"AuditEntries\"", script);
        Assert.Contains("CREATE TRIGGER \"AuditEntries_NoTruncate\" BEFORE TRUNCATE ON \"AuditEntries\"", script);
        Assert.True(
            script.IndexOf("CREATE TABLE \"AuditEntries\"", StringComparison.Ordinal) < script.IndexOf("CREATE TRIGGER", StringComparison.Ordinal),
            "The triggers come after the table.");
    }

    [Fact]
    public void CreatesInsteadOfUpdateAndDeleteTriggersThatThrowInTheIdempotentSqlServerScript()
    {
        using var db = new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=localhost;Database=Pdo;Integrated Security=true;TrustServerCertificate=true", DatabaseSetup.ConfigureSqlServer)
            .Options);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        // CREATE TRIGGER must open a batch: inside the script's IF NOT EXISTS … BEGIN … END it runs through EXEC.
        var append = script[script.IndexOf("AppendOnlyAudit", StringComparison.Ordinal)..];
        Assert.Contains("EXEC(N'CREATE TRIGGER [AuditEntries_NoUpdate] ON [AuditEntries]", append);
        Assert.Contains("EXEC(N'CREATE TRIGGER [AuditEntries_NoDelete] ON [AuditEntries]", append);
        Assert.Contains("INSTEAD OF UPDATE", append);
        Assert.Contains("INSTEAD OF DELETE", append);
        Assert.Equal(2, CountOf(append, "THROW 50000, N''AuditEntries is append-only'', 1;"));
        Assert.True(
            script.LastIndexOf("ReviewPeriodsAndAudit", StringComparison.Ordinal) < script.IndexOf("AppendOnlyAudit", StringComparison.Ordinal),
            "The triggers come after the table's existing migrations.");
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task ImportAsync()
    {
        await using var db = _database.CreateContext();
        var result = await _database.CreateImporter(db).ImportAsync(SeedPlan.Stream(SeedPlan.MonitoringTree(2020)), "test");
        Assert.Equal(PlanImportOutcome.Imported, result.Outcome);
    }

    private async Task<List<(long, string, string?, string)>> SnapshotAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.AuditEntries.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => (r.Id, r.UserName, r.NewValue, r.Field))
            .ToList();
    }
}
