using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pdo.Infrastructure.Identity;

namespace Pdo.Infrastructure.Data;

/// <summary>
/// A counter that moves after every commit made through this process's <see cref="AppDbContext"/>s. Caches read it
/// before they check the database, so a change made here is seen by the very next request without asking the
/// database on every request (see <c>DashboardCache</c>). Changes made by other processes are not signalled here:
/// caches still check the database at a short interval for those. <see cref="PeopleVersion"/> moves only after the
/// commits that changed a person (their row, roles, claims, logins or tokens: whatever ends a session changes the
/// user's row, its security stamp), for the cache of security stamps, which other commits do not concern.
/// </summary>
public sealed class DataChangeSignal
{
    private long _version;
    private long _peopleVersion;

    /// <summary>Moves (never backwards) after each commit.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Moves (never backwards) after each commit that changed a person; <see cref="Version"/> moves with it.</summary>
    public long PeopleVersion => Interlocked.Read(ref _peopleVersion);

    public void Changed() => Interlocked.Increment(ref _version);

    public void PeopleChanged()
    {
        Interlocked.Increment(ref _peopleVersion);
        Changed();
    }
}

/// <summary>
/// Moves the <see cref="DataChangeSignal"/> once a change is durable: after a save that ran in its own transaction,
/// and after the commit of an explicit transaction (a save inside one is not visible to others until then). A save
/// that changes a person is noted on its context (<see cref="AppDbContext.PeopleChangePending"/>) and moves
/// <see cref="DataChangeSignal.PeopleVersion"/> at the same point; a failed one may move it later, which only makes
/// the stamp cache ask the database once more.
/// </summary>
public sealed class ChangeSignalInterceptor(DataChangeSignal signal) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        NotePeopleChanges(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        NotePeopleChanges(eventData.Context);
        return ValueTask.FromResult(result);
    }

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

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Signal(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Signal(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs after the audit interceptor, which has detected the changes (detection is off until the save ends); a save
    /// it does not audit is detected here.
    /// </summary>
    private static void NotePeopleChanges(DbContext? context)
    {
        if (context is AppDbContext { PeopleChangePending: false } db && db.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is AppUser or IdentityUserRole<string> or IdentityUserClaim<string> or IdentityUserLogin<string> or IdentityUserToken<string> or UserDirectorate))
        {
            db.PeopleChangePending = true;
        }
    }

    private void SignalIfCommitted(SaveChangesCompletedEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Signal(eventData.Context);
        }
    }

    private void Signal(DbContext? context)
    {
        if (context is AppDbContext { PeopleChangePending: true } db)
        {
            db.PeopleChangePending = false;
            signal.PeopleChanged();
        }
        else
        {
            signal.Changed();
        }
    }
}
