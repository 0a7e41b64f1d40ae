using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pdo.Infrastructure.Data;

/// <summary>
/// Lets this process's write transactions on the SQLite file take its one write lock in the order they asked for it
/// (docs/benchmarks.md, "Result POSTs"). SQLite has one writer at a time; a transaction that finds the lock taken is
/// told "busy" and its busy handler sleeps 1, 2, 5, 10 … 100 ms between tries, so with eight writers a result POST
/// could sleep 30–60 ms while the lock was free most of that time, and an unlucky writer could lose every race for
/// seconds. Here a transaction waits for the one before it, without polling and without holding a thread (an async
/// FIFO queue), then begins.
/// <para>
/// The gate only orders, it never decides: a transaction that has waited <see cref="SqliteConnectionSettings.BusyTimeoutMilliseconds"/>
/// begins anyway and SQLite's own busy handling applies, as it does for other processes on the same file (the
/// command-line tools, a second instance) and for single statements that EF Core sends without a transaction. So a
/// code path that begins a transaction while holding another cannot deadlock on the gate.
/// </para>
/// The gate is held from <c>BEGIN</c> to the commit or rollback, and given back also when the connection is closed or
/// disposed first (a transaction disposed without either): each connection holds it at most once.
/// </summary>
public sealed class SqliteWriteGate(TimeSpan patience) : DbTransactionInterceptor, IDbConnectionInterceptor
{
    private readonly TimeSpan _patience = patience;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConcurrentDictionary<Guid, byte> _holders = new(); // by EF Core's connection id
    private int _waiting;

    /// <summary>A gate whose waits last as long as SQLite's own <c>busy_timeout</c>.</summary>
    public SqliteWriteGate()
        : this(TimeSpan.FromMilliseconds(SqliteConnectionSettings.BusyTimeoutMilliseconds))
    {
    }

    /// <summary>Connections of this process holding the gate now: 0 or 1.</summary>
    public int Held => _holders.Count;

    /// <summary>Transactions of this process waiting for the gate now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (_holders.ContainsKey(eventData.ConnectionId))
        {
            return result;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            if (_lock.Wait(_patience))
            {
                _holders[eventData.ConnectionId] = 0;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (_holders.ContainsKey(eventData.ConnectionId))
        {
            return result;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            if (await _lock.WaitAsync(_patience, cancellationToken))
            {
                _holders[eventData.ConnectionId] = 0;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>A <c>BEGIN</c>, commit or rollback that failed: the next writer goes on (SQLite's lock, if still held, makes it wait).</summary>
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.ConnectionId);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.ConnectionId);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.ConnectionId);

    Task IDbConnectionInterceptor.ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    private void Release(Guid connectionId)
    {
        if (_holders.TryRemove(connectionId, out _))
        {
            _lock.Release();
        }
    }
}
