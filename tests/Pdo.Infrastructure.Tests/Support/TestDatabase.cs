using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.PlanImport;

namespace Pdo.Infrastructure.Tests.Support;

/// <summary>
/// A real database with the provider's migrations applied (never EnsureCreated): SQLite in memory, or a PostgreSQL
/// database of its own when <c>PDO_TEST_POSTGRES</c> is set (<see cref="TestDatabaseServer"/>), dropped at dispose.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly SqliteConnection? _sqlite;
    private readonly string? _postgreSql;

    public TestDatabase()
    {
        if (TestDatabaseServer.IsPostgreSql)
        {
            _postgreSql = TestDatabaseServer.CreatePostgreSqlDatabase();
        }
        else
        {
            _sqlite = new SqliteConnection("Data Source=:memory:");
            _sqlite.Open();
        }

        using var db = CreateContext();
        db.Database.Migrate();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 4, 14, 10, 0, 0, TimeSpan.Zero));

    public SystemAuditContext Audit { get; } = new() { UserName = "test@pdo.local" };

    public DataChangeSignal Signal { get; } = new();

    public AppDbContext CreateContext()
    {
        var interceptors = new Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] { new AuditInterceptor(Clock), new ChangeSignalInterceptor(Signal) };
        AppDbContext db = _postgreSql is null
            ? new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_sqlite!).AddInterceptors(interceptors).Options)
            : new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>()
                .UseNpgsql(_postgreSql, DatabaseSetup.ConfigurePostgreSql).AddInterceptors(interceptors).Options);
        db.AuditAs(Audit);
        return db;
    }

    public PlanImporter CreateImporter(AppDbContext db) => new(db, Clock, NullLogger<PlanImporter>.Instance);

    public DatabaseInitializer CreateInitializer(AppDbContext db) => new(
        db,
        CreateImporter(db),
        new ConfigurationBuilder().AddInMemoryCollection(
            [new("Database:Provider", _postgreSql is null ? nameof(DatabaseProvider.Sqlite) : nameof(DatabaseProvider.PostgreSql))]).Build(),
        NullLogger<DatabaseInitializer>.Instance);

    /// <summary>Whether <paramref name="error"/> is the database refusing a row that breaks a unique index.</summary>
    public static bool IsUniqueViolation(DbException? error) => error switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    public void Dispose()
    {
        _sqlite?.Dispose();
        if (_postgreSql is not null)
        {
            TestDatabaseServer.DropPostgreSqlDatabase(_postgreSql);
        }
    }
}
