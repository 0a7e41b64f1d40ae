using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// The SQLite write gate: this process's write transactions on a database file take the write lock in the order they
/// asked for it, the gate is given back however a transaction ends, and a wait that runs out lets the transaction
/// begin anyway (SQLite's own busy handling then applies), so the gate can order but never deadlock.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pdo-gate-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task ReturnsAFreeGateGivenTransactionsCommittedRolledBackOrAbandoned()
    {
        var gate = new SqliteWriteGate();
        var file = await MigratedFileAsync(gate);

        await using (var db = Context(file, gate))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(1, gate.Held);
            await transaction.CommitAsync();
            Assert.Equal(0, gate.Held);
        }

        await using (var db = Context(file, gate))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await transaction.RollbackAsync();
            Assert.Equal(0, gate.Held);
        }

        await using (var db = Context(file, gate))
        {
            // Disposed without a commit or a rollback.
            await (await db.Database.BeginTransactionAsync()).DisposeAsync();
            Assert.Equal(0, gate.Held);
        }

        var abandoned = Context(file, gate);
        _ = await abandoned.Database.BeginTransactionAsync();
        Assert.Equal(1, gate.Held);
        await abandoned.DisposeAsync();
        Assert.Equal(0, gate.Held);

        await using (var db = Context(file, gate))
        {
            // A save in its own transaction (EF Core's, for more than one statement).
            db.Plans.Add(new Pdo.Domain.Plans.PerformancePlan(2031, "Piano 2031"));
            db.Plans.Add(new Pdo.Domain.Plans.PerformancePlan(2032, "Piano 2032"));
            await db.SaveChangesAsync();
            Assert.Equal(0, gate.Held);
        }
    }

    [Fact]
    public async Task ReturnsTheWritersInTheOrderTheyAskedGivenTheLockTaken()
    {
        var gate = new SqliteWriteGate();
        var file = await MigratedFileAsync(gate);
        var order = new List<int>();

        await using var first = Context(file, gate);
        var holding = await first.Database.BeginTransactionAsync();
        var waiting = new List<Task>();
        for (var writer = 1; writer <= 4; writer++)
        {
            var id = writer;
            waiting.Add(Task.Run(async () =>
            {
                await using var db = Context(file, gate);
                await using var transaction = await db.Database.BeginTransactionAsync();
                lock (order)
                {
                    order.Add(id);
                }

                await db.Database.ExecuteSqlRawAsync("UPDATE Plans SET Title = Title WHERE 0");
                await transaction.CommitAsync();
            }));

            // Each asks after the one before it is queued.
            await WaitUntilAsync(() => gate.Waiting == id);
        }

        Assert.Empty(order);
        await holding.CommitAsync();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([1, 2, 3, 4], order);
        Assert.Equal(0, gate.Held);
    }

    [Fact]
    public async Task ReturnsABegunTransactionGivenAGateThatStaysTakenLongerThanThePatience()
    {
        // The gate is held by a transaction on another file, so nothing but the gate stands in the second one's way.
        var gate = new SqliteWriteGate(TimeSpan.FromMilliseconds(200));
        var file = await MigratedFileAsync(gate);
        var other = await MigratedFileAsync(gate, "other.db");

        await using var holder = Context(other, gate);
        await using var held = await holder.Database.BeginTransactionAsync();

        await using var db = Context(file, gate);
        await using var transaction = await db.Database.BeginTransactionAsync().WaitAsync(TimeSpan.FromSeconds(10));
        db.Plans.Add(new Pdo.Domain.Plans.PerformancePlan(2031, "Piano 2031"));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        Assert.Equal(1, gate.Held); // still the holder's
        await held.CommitAsync();
        Assert.Equal(0, gate.Held);
        await using var check = Context(file, gate);
        Assert.True(await check.Plans.AnyAsync(p => p.Year == 2031));
    }

    private async Task<string> MigratedFileAsync(SqliteWriteGate gate, string name = "pdo.db")
    {
        var file = Path.Combine(_folder.FullName, name);
        await using var db = Context(file, gate);
        await db.Database.MigrateAsync();
        return file;
    }

    private static SqliteAppDbContext Context(string file, SqliteWriteGate gate) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={file}")
            .AddInterceptors(SqliteConnectionSettingsInterceptor.Instance, gate)
            .Options);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The writer did not queue.");
            await Task.Delay(5);
        }
    }
}
