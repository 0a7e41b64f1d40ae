using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pdo.Web.Tests.Support;

/// <summary>Counts the SQL commands the app sends (reset before a request, read after it), and keeps their text and integer parameters.</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<SentCommand> _commands = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The commands sent since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<SentCommand> Commands => [.. _commands];

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        _commands.Clear();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Sent(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Sent(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Sent(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Sent(command);
        return ValueTask.FromResult(result);
    }

    private void Sent(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        _commands.Enqueue(new SentCommand(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => p.Value).OfType<int>()]));
    }
}

/// <summary>A command the app sent: its SQL and the values of its integer parameters (ids, years).</summary>
public sealed record SentCommand(string Text, IReadOnlyList<int> IntParameters);
