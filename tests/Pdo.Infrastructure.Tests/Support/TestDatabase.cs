using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.PlanImport;

namespace Pdo.Infrastructure.Tests.Support;

/// <summary>A real SQLite database in memory, with the SQLite migrations applied (never EnsureCreated).</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly SqliteConnection _connection;

    public TestDatabase()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 4, 14, 10, 0, 0, TimeSpan.Zero));

    public SystemAuditContext Audit { get; } = new() { UserName = "test@pdo.local" };

    public DataChangeSignal Signal { get; } = new();

    public SqliteAppDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(_connection)
            .AddInterceptors(new AuditInterceptor(Audit, Clock), new ChangeSignalInterceptor(Signal))
            .Options);

    public PlanImporter CreateImporter(AppDbContext db) => new(db, Clock, NullLogger<PlanImporter>.Instance);

    public DatabaseInitializer CreateInitializer(AppDbContext db) => new(
        db,
        CreateImporter(db),
        new ConfigurationBuilder().Build(),
        NullLogger<DatabaseInitializer>.Instance);

    public void Dispose() => _connection.Dispose();
}
