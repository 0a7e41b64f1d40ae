using Npgsql;

namespace Pdo.Testing;

/// <summary>
/// The database the integration tests run on: SQLite, unless <c>PDO_TEST_POSTGRES</c> holds the connection string
/// of a PostgreSQL server (the throwaway one that <c>.ci/test</c> starts), on which each factory or test class gets a
/// database of its own (<see cref="CreatePostgreSqlDatabase"/>), dropped at dispose. Linked into the test projects
/// that talk to a database, so that the same tests run on both providers (ADR 010).
/// </summary>
public static class TestDatabaseServer
{
    public const string PostgreSqlVariable = "PDO_TEST_POSTGRES";

    /// <summary>The server's connection string, or null when the tests run on SQLite.</summary>
    public static string? PostgreSqlServer =>
        Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } server ? server : null;

    public static bool IsPostgreSql => PostgreSqlServer is not null;

    /// <summary>Creates an empty database with a random name; returns its connection string.</summary>
    public static string CreatePostgreSqlDatabase()
    {
        var server = PostgreSqlServer ?? throw new InvalidOperationException($"{PostgreSqlVariable} is not set.");
        var name = $"pdo_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreatePostgreSqlDatabase"/>, closing whatever still uses it.</summary>
    public static void DropPostgreSqlDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgreSqlServer);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// A test of something only SQLite has (the file, its backup API, PRAGMA checks): reported as skipped, with the
/// reason, when the tests run on PostgreSQL.
/// </summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute()
    {
        if (TestDatabaseServer.IsPostgreSql)
        {
            Skip = "SQLite only: this test is about the SQLite file, and the tests run on PostgreSQL.";
        }
    }
}

/// <summary>The theory form of <see cref="SqliteOnlyFactAttribute"/>.</summary>
public sealed class SqliteOnlyTheoryAttribute : TheoryAttribute
{
    public SqliteOnlyTheoryAttribute()
    {
        if (TestDatabaseServer.IsPostgreSql)
        {
            Skip = "SQLite only: this test is about the SQLite file, and the tests run on PostgreSQL.";
        }
    }
}

/// <summary>A test that needs a database server (several processes on one database): skipped, with the reason, on SQLite.</summary>
public sealed class PostgreSqlOnlyFactAttribute : FactAttribute
{
    public PostgreSqlOnlyFactAttribute()
    {
        if (!TestDatabaseServer.IsPostgreSql)
        {
            Skip = $"PostgreSQL only: set {TestDatabaseServer.PostgreSqlVariable} (bash .ci/test does) to run it.";
        }
    }
}
