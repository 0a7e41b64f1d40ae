using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pdo.Infrastructure.Data;

/// <summary>
/// Settings of every SQLite connection the portal opens (docs/benchmarks.md, "Writes"). The database is in WAL mode
/// (EF Core creates it so): readers never wait for the writer, and one writer at a time appends to <c>pdo.db-wal</c>.
/// <c>busy_timeout</c> makes SQLite itself wait for the write lock, in steps of 1 to 100 ms; without it
/// Microsoft.Data.Sqlite retries a busy statement after sleeping 150 ms each time, which made a result POST wait
/// 0.2–0.9 s whenever two writers met. It is set on the connection's handle by SQLite's C function, not by a
/// <c>PRAGMA</c> statement, which SQLite would have to prepare on every open.
/// </summary>
public static class SqliteConnectionSettings
{
    /// <summary>How long a statement waits for another connection's write lock before SQLite reports it busy.</summary>
    public const int BusyTimeoutMilliseconds = 5_000;

    public static void Apply(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle;
        var code = SQLitePCL.raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds);
        SqliteException.ThrowExceptionForRC(code, handle);
    }
}

/// <summary>Applies <see cref="SqliteConnectionSettings"/> each time EF Core opens a connection (pooled connections too: the settings are per open).</summary>
public sealed class SqliteConnectionSettingsInterceptor : DbConnectionInterceptor
{
    public static SqliteConnectionSettingsInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqliteConnectionSettings.Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SqliteConnectionSettings.Apply(connection);
        return Task.CompletedTask;
    }
}
