using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pdo.Infrastructure.Data;

/// <summary>
/// Makes every commit of the portal's SQLite connections durable before EF Core reports it done, with the disk flush
/// taken out of SQLite's write lock (ADR 016, docs/benchmarks.md «Writes»). With <c>synchronous = FULL</c> each commit
/// flushed the WAL to disk while it held the one write lock, so under load the lock was held about a millisecond per
/// commit, mostly waiting to be scheduled again after the flush, and eight writers queued behind it. Here each connection
/// runs with <c>synchronous = NORMAL</c> (the WAL is written at commit and flushed later) and a commit hook notes that the
/// connection committed (one that changed rows: SQLite's count of changed rows moved; a read transaction, or DDL alone,
/// which the portal runs only in migrations together with their history row, flushes nothing); when EF Core's transaction has committed (after <see cref="SqliteWriteGate"/> has let the next
/// writer in), or before a connection that committed on its own is closed or disposed, the caller waits until the WAL
/// file has been flushed by a flush that started after its commit. Commits that arrive while a flush runs share the
/// next one (group commit), so one flush serves many writers.
/// <para>
/// What a caller sees is as before: when <c>SaveChanges</c> (or a commit) returns, the rows are on disk and survive a
/// power cut. Other connections may read a commit in the moment between it and its flush; a power cut in that moment
/// loses a change that nobody was told was saved. A WAL that a checkpoint has emptied and removed is in the database
/// file, which the checkpoint flushed (SQLite does so at <c>NORMAL</c>).
/// </para>
/// </summary>
public sealed class SqliteCommitSync : DbTransactionInterceptor, IDbConnectionInterceptor
{
    private readonly ConcurrentDictionary<Guid, Commits> _connections = new(); // by EF Core's connection id
    private readonly ConcurrentDictionary<string, GroupFlush> _files = new(StringComparer.Ordinal);

    // Native connections already at NORMAL, with the Commits their hook writes to. Microsoft.Data.Sqlite pools them and
    // a setting stays with its native connection, so an open sends the PRAGMA and sets the hook only when needed.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, Commits> _hooked = new();

    /// <summary>Flushes of WAL files done by this instance since it was made (tests: one flush serves a group).</summary>
    public long Flushes => _files.Values.Sum(f => f.Count);

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        DurableAsync(eventData.ConnectionId).GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        DurableAsync(eventData.ConnectionId);

    void IDbConnectionInterceptor.ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Watch(connection, eventData.ConnectionId);

    Task IDbConnectionInterceptor.ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken)
    {
        Watch(connection, eventData.ConnectionId);
        return Task.CompletedTask;
    }

    InterceptionResult IDbConnectionInterceptor.ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        DurableAsync(eventData.ConnectionId).GetAwaiter().GetResult();
        return result;
    }

    async ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        await DurableAsync(eventData.ConnectionId);
        return result;
    }

    InterceptionResult IDbConnectionInterceptor.ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        DurableAsync(eventData.ConnectionId).GetAwaiter().GetResult();
        _connections.TryRemove(eventData.ConnectionId, out _);
        return result;
    }

    async ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        await DurableAsync(eventData.ConnectionId);
        _connections.TryRemove(eventData.ConnectionId, out _);
        return result;
    }

    private void Watch(DbConnection connection, Guid connectionId)
    {
        var sqlite = (SqliteConnection)connection;
        var file = sqlite.DataSource;
        var commits = _connections.GetOrAdd(connectionId, _ => new Commits());
        commits.Wal = string.IsNullOrEmpty(file) || file == ":memory:" ? null : Path.GetFullPath(file) + "-wal";
        commits.Connection = sqlite;
        var handle = sqlite.Handle ?? throw new InvalidOperationException("An opened SQLite connection has a handle.");
        commits.Changes = SQLitePCL.raw.sqlite3_total_changes(handle);
        Interlocked.Exchange(ref commits.Pending, 0);
        if (_hooked.TryGetValue(handle, out var hooked) && ReferenceEquals(hooked, commits))
        {
            return;
        }

        if (hooked is null)
        {
            var code = SQLitePCL.raw.sqlite3_exec(handle, "PRAGMA synchronous = NORMAL", null, null, out var message);
            if (code != SQLitePCL.raw.SQLITE_OK)
            {
                throw new SqliteException($"PRAGMA synchronous = NORMAL: {message}", code);
            }
        }

        SQLitePCL.raw.sqlite3_commit_hook(handle, OnCommit, commits);
        _hooked.AddOrUpdate(handle, commits);
    }

    private static int OnCommit(object state)
    {
        Volatile.Write(ref ((Commits)state).Pending, 1);
        return 0; // 0: the commit goes on
    }

    /// <summary>Waits for a flush of the connection's WAL begun after its last commit, if it committed since the last one.</summary>
    private Task DurableAsync(Guid connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var commits) || Interlocked.Exchange(ref commits.Pending, 0) == 0 || commits.Wal is not { } wal
            || commits.Connection?.Handle is not { } handle)
        {
            return Task.CompletedTask;
        }

        // A commit that changed no row (a read transaction) has nothing to flush.
        var changes = SQLitePCL.raw.sqlite3_total_changes(handle);
        if (changes == commits.Changes)
        {
            return Task.CompletedTask;
        }

        commits.Changes = changes;

        return _files.GetOrAdd(wal, path => new GroupFlush(path)).AfterCommitAsync();
    }

    private sealed class Commits
    {
        public int Pending;
        public string? Wal;
        public SqliteConnection? Connection;
        public int Changes; // sqlite3_total_changes at the last flush (or the open)
    }

    /// <summary>
    /// The flushes of one WAL file: a commit waits for a flush that starts after it. While one runs, the commits that
    /// arrive wait together for the next; a failed flush fails all its waiters (their callers are not told «saved»).
    /// </summary>
    private sealed class GroupFlush(string path)
    {
        private readonly Lock _lock = new();
        private bool _running;
        private TaskCompletionSource? _next;
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public Task AfterCommitAsync()
        {
            lock (_lock)
            {
                var waiters = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!_running)
                {
                    _running = true;
                    _next = null;
                    _ = Task.Run(() => Run(waiters));
                }

                return waiters.Task;
            }
        }

        private void Run(TaskCompletionSource waiters)
        {
            while (true)
            {
                try
                {
                    Flush();
                    Interlocked.Increment(ref _count);
                    waiters.SetResult();
                }
                catch (Exception ex)
                {
                    waiters.SetException(ex);
                }

                lock (_lock)
                {
                    if (_next is null)
                    {
                        _running = false;
                        return;
                    }

                    waiters = _next;
                    _next = null;
                }
            }
        }

        private void Flush()
        {
            try
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.FlushToDisk(handle);
            }
            catch (FileNotFoundException)
            {
                // Checkpointed into the database file (flushed by the checkpoint) and removed by the last connection.
            }
        }
    }
}
