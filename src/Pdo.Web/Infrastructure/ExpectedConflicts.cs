using Microsoft.EntityFrameworkCore;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// Expected conflicts — a save refused because someone else saved first (the concurrency token moved, or an insert
/// raced another one on a unique index), a form whose antiforgery token no longer validates — are answered with an
/// Italian page (409 or 400) and are not faults: they are logged as one warning line with the reason, never with the
/// exception and its stack trace.
/// </summary>
public static class ExpectedConflicts
{
    /// <summary>One line saying why the database refused the save: which entities had a stale version, or the database's own message.</summary>
    public static string Reason(DbUpdateException exception)
    {
        var reason = exception is DbUpdateConcurrencyException concurrency
            ? $"version changed meanwhile ({string.Join(", ", concurrency.Entries.Select(e => e.Metadata.ClrType.Name).Distinct())})"
            : (exception.InnerException ?? exception).Message;
        return reason.ReplaceLineEndings(" ");
    }
}
