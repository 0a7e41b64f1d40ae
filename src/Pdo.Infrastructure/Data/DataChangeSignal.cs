using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pdo.Infrastructure.Data;

/// <summary>
/// A counter that moves after every commit made through this process's <see cref="AppDbContext"/>s. Caches read it
/// before they check the database, so a change made here is seen by the very next request without asking the
/// database on every request (see <c>DashboardCache</c>). Changes made by other processes are not signalled here:
/// caches still check the database at a short interval for those.
/// </summary>
public sealed class DataChangeSignal
{
    private long _version;

    /// <summary>Moves (never backwards) after each commit.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Changed() => Interlocked.Increment(ref _version);
}

/// <summary>
/// Moves the <see cref="DataChangeSignal"/> once a change is durable: after a save that ran in its own transaction,
/// and after the commit of an explicit transaction (a save inside one is not visible to others until then).
/// </summary>
public sealed class ChangeSignalInterceptor(DataChangeSignal signal) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalIfCommitted(eventData);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalIfCommitted(eventData);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signal.Changed();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Changed();
        return Task.CompletedTask;
    }

    private void SignalIfCommitted(SaveChangesCompletedEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            signal.Changed();
        }
    }
}
