using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Operations;

/// <summary>Settings of the database health check (configuration section <c>Health</c>).</summary>
public sealed class DatabaseHealthOptions
{
    /// <summary>How long each statement of the probe may wait for a lock (<c>Health:Timeout</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a probe's answer is reused, so that frequent polls cost one probe (<c>Health:CacheFor</c>).</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the SQLite file is checked whole with <c>PRAGMA quick_check</c> (<c>Health:IntegrityCheckEvery</c>):
    /// it reads every page, so it runs at most this often (and on the first probe), not at every poll.
    /// </summary>
    public TimeSpan IntegrityCheckEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The free space below which the SQLite data folder counts as full (<c>Health:MinimumFreeSpaceMegabytes</c>): a
    /// rolled-back write never reaches the disk in WAL mode, so a full disk is seen this way.
    /// </summary>
    public long MinimumFreeSpaceMegabytes { get; set; } = 100;
}

/// <summary>The <c>database</c> entry of <c>/health</c>: asks <see cref="DatabaseProbe"/>, which caches its answer.</summary>
public sealed class DatabaseHealthCheck(DatabaseProbe probe) : IHealthCheck
{
    public const string Name = "database";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        probe.CheckAsync(cancellationToken);
}

public static class DatabaseHealthCheckRegistration
{
    /// <summary>Adds the <c>database</c> check, its probe and its options (section <c>Health</c>).</summary>
    public static IHealthChecksBuilder AddPdoDatabaseCheck(this IHealthChecksBuilder builder, IConfiguration configuration)
    {
        builder.Services.Configure<DatabaseHealthOptions>(configuration.GetSection("Health"));
        builder.Services.AddSingleton<DatabaseProbe>();
        return builder.AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name);
    }
}

/// <summary>
/// Proves that the database can be read and written, the way the pages use it, without changing anything:
/// <list type="number">
/// <item>reads the plans, the latest result and the latest audit row (a few pages each, whatever the size);</item>
/// <item>writes: in a transaction that is always rolled back, rewrites the newest row of <c>__EFMigrationsHistory</c>
/// with its own values. The write takes the database's write lock (SQLite: <c>BEGIN IMMEDIATE</c>), so a database
/// locked by a stuck writer or opened read-only (SQLite's fallback for a write-protected file or folder) fails it;
/// the rollback leaves no change and no audit row (the audit trail is append-only and never a scratch table), and
/// several instances may probe at once: each waits its turn for the lock, at most
/// <see cref="DatabaseHealthOptions.Timeout"/>;</item>
/// <item>on SQLite, the free space of the data folder (<see cref="DatabaseHealthOptions.MinimumFreeSpaceMegabytes"/>):
/// in WAL mode (EF Core's default for a new SQLite database) the rolled-back write stays in memory, so a full disk is
/// seen here;</item>
/// <item>on SQLite, <c>PRAGMA quick_check</c> at most every <see cref="DatabaseHealthOptions.IntegrityCheckEvery"/>,
/// which finds damaged pages that the cheap reads do not touch (about 40 ms for an 11 MB database of two generated
/// city-scale years).</item>
/// </list>
/// SQLite is probed over a connection of its own outside the pool (a pooled connection may answer from its page
/// cache) that never creates the file: a missing database is a failure, not a new empty one.
/// </summary>
public sealed class DatabaseProbe(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<DatabaseHealthOptions> options,
    ILogger<DatabaseProbe> logger)
{
    private const string WriteProbe =
        "UPDATE \"__EFMigrationsHistory\" SET \"ProductVersion\" = \"ProductVersion\" " +
        "WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")";

    private static readonly string[] Reads =
    [
        "SELECT COUNT(*) FROM \"Plans\"",
        "SELECT MAX(\"Id\") FROM \"KpiResults\"",
        "SELECT MAX(\"Id\") FROM \"AuditEntries\"",
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DatabaseHealthOptions _options = options.Value;
    private (HealthCheckResult Result, DateTimeOffset At)? _last;
    private DateTimeOffset? _lastIntegrityCheck;

    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A poll that waited for the gate takes the answer of the probe it waited for.
            if (Fresh() is { } justProbed)
            {
                return justProbed;
            }

            var result = await ProbeAsync(cancellationToken);
            if (result.Status != _last?.Result.Status)
            {
                if (result.Status == HealthStatus.Healthy)
                {
                    logger.LogInformation("Database health: {Status}", result.Status);
                }
                else
                {
                    logger.LogError(result.Exception, "Database health: {Status}: {Reason}", result.Status, result.Description);
                }
            }

            _last = (result, clock.GetUtcNow());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private HealthCheckResult? Fresh() =>
        _last is { } last && clock.GetUtcNow() - last.At < _options.CacheFor ? last.Result : null;

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var sqlite = db.Database.IsSqlite();
            await using var own = sqlite ? OwnSqliteConnection(db.Database.GetConnectionString()!) : null;
            var connection = own ?? db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            foreach (var read in Reads)
            {
                await ExecuteAsync(connection, null, read, scalar: true, cancellationToken);
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await ExecuteAsync(connection, transaction, WriteProbe, scalar: false, cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
            }

            if (sqlite && FreeMegabytes(db.Database.GetConnectionString()!) is { } free && free < _options.MinimumFreeSpaceMegabytes)
            {
                return HealthCheckResult.Unhealthy($"{free} MB free in the data folder, below {_options.MinimumFreeSpaceMegabytes} MB");
            }

            if (sqlite && IntegrityCheckDue())
            {
                var verdict = (string?)await ExecuteAsync(connection, null, "PRAGMA quick_check", scalar: true, cancellationToken);
                if (verdict != "ok")
                {
                    return HealthCheckResult.Unhealthy($"quick_check: {verdict}");
                }

                _lastIntegrityCheck = clock.GetUtcNow();
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy(e.Message, e);
        }
    }

    /// <summary>The free space where the SQLite file lives, or null for an in-memory database.</summary>
    private static long? FreeMegabytes(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return null;
        }

        return new DriveInfo(Path.GetDirectoryName(Path.GetFullPath(file))!).AvailableFreeSpace / (1024 * 1024);
    }

    private bool IntegrityCheckDue() =>
        _lastIntegrityCheck is not { } last || clock.GetUtcNow() - last >= _options.IntegrityCheckEvery;

    private SqliteConnection OwnSqliteConnection(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            DefaultTimeout = TimeoutSeconds,
        };
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        return new SqliteConnection(builder.ToString());
    }

    private int TimeoutSeconds => Math.Max(1, (int)Math.Ceiling(_options.Timeout.TotalSeconds));

    private async Task<object?> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, bool scalar, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = TimeoutSeconds;
        return scalar
            ? await command.ExecuteScalarAsync(cancellationToken)
            : await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
