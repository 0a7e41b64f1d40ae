using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// Commits made durable outside SQLite's write lock (ADR 016): the portal's connections run at <c>synchronous =
/// NORMAL</c>, and whatever committed — a <c>SaveChanges</c>, an explicit transaction, a statement on its own — waits
/// for a flush of the WAL before EF Core reports it done; reads flush nothing.
/// </summary>
public sealed class SqliteCommitSyncTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pdo-commit-sync-");
    private readonly SqliteWriteGate _gate = new();
    private readonly SqliteCommitSync _sync = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task FlushesTheWalOnceBeforeSaveChangesReturnsGivenASavedPlan()
    {
        var file = await MigratedFileAsync();
        var before = _sync.Flushes;

        await using (var db = Context(file))
        {
            db.Plans.Add(new PerformancePlan(2031, "Piano 2031"));
            await db.SaveChangesAsync();
            Assert.Equal(before + 1, _sync.Flushes);
        }

        Assert.Equal(before + 1, _sync.Flushes);
        Assert.True(File.Exists(file + "-wal"));
    }

    [Fact]
    public async Task RunsEveryConnectionAtSynchronousNormalGivenAnOpenedContext()
    {
        var file = await MigratedFileAsync();
        await using var db = Context(file);

        var synchronous = await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();

        Assert.Equal(1, synchronous); // NORMAL
    }

    [Fact]
    public async Task FlushesNothingGivenOnlyReads()
    {
        var file = await MigratedFileAsync();
        await using var db = Context(file);
        var before = _sync.Flushes;

        Assert.False(await db.Plans.AnyAsync(p => p.Year == 2031));
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(0, await db.Plans.CountAsync());
            await transaction.CommitAsync();
        }

        Assert.Equal(before, _sync.Flushes);
    }

    [Fact]
    public async Task FlushesOncePerCommitGivenAnExplicitTransactionAndAStatementOnItsOwn()
    {
        var file = await MigratedFileAsync();
        await using var db = Context(file);
        var before = _sync.Flushes;

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Plans.Add(new PerformancePlan(2031, "Piano 2031"));
            await db.SaveChangesAsync();
            db.Plans.Add(new PerformancePlan(2032, "Piano 2032"));
            await db.SaveChangesAsync();
            Assert.Equal(before, _sync.Flushes); // nothing committed yet
            await transaction.CommitAsync();
        }

        Assert.Equal(before + 1, _sync.Flushes);

        await db.Database.ExecuteSqlRawAsync("UPDATE Plans SET Title = 'Piano 2032 rivisto' WHERE Year = 2032");

        Assert.Equal(before + 2, _sync.Flushes);
        await using var check = Context(file);
        Assert.Equal(["Piano 2031", "Piano 2032 rivisto"], await check.Plans.OrderBy(p => p.Year).Select(p => p.Title).ToListAsync());
    }

    private async Task<string> MigratedFileAsync()
    {
        var file = Path.Combine(_folder.FullName, "pdo.db");
        await using var db = Context(file);
        await db.Database.MigrateAsync();
        return file;
    }

    private SqliteAppDbContext Context(string file) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={file}")
            .AddInterceptors(SqliteConnectionSettingsInterceptor.Instance, _gate, _sync)
            .Options);
}
