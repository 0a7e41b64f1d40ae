using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Operations;

/// <summary>
/// <c>/health</c> over a real SQLite file broken the ways production breaks it. The tests run as root, for whom file
/// permissions stop nothing: "cannot write" is a write lock held by another connection, or the database opened
/// read-only (what SQLite does by itself with a write-protected file); damage is garbage written over pages.
/// On PostgreSQL (PDO_TEST_POSTGRES) the file tests are skipped and the server's own ways of refusing a write are
/// tested instead: a row lock held by another session, a database set read-only.
/// </summary>
public sealed class HealthCheckTests : IDisposable
{
    private readonly PdoWebFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [SqliteOnlyFact]
    public async Task ReportsUnhealthyGivenADamagedDatabaseFile()
    {
        using var portal = Probing(_portal);
        _ = portal.Services; // started: migrated and seeded
        SqliteConnection.ClearAllPools();

        Damage(_portal.DatabasePath);

        await AssertUnhealthyAsync(portal.CreateClient());
    }

    [SqliteOnlyFact]
    public async Task ReportsUnhealthyGivenADatabaseThatAnotherConnectionKeepsLockedForWriting()
    {
        using var portal = Probing(_portal);
        var client = portal.CreateClient();
        await using (var writer = new SqliteConnection($"Data Source={_portal.DatabasePath};Pooling=False"))
        {
            await writer.OpenAsync();
            await using var transaction = writer.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock, readers still read
            await using var command = writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE \"Plans\" SET \"Title\" = \"Title\"";
            await command.ExecuteNonQueryAsync();

            await AssertUnhealthyAsync(client);
            Assert.True(await PlansReadableAsync(), "Reads should still work: only the write probe can see this.");
        }

        var healthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [SqliteOnlyFact]
    public async Task ReportsUnhealthyGivenADatabaseOpenedReadOnly()
    {
        _ = _portal.Services; // started once: migrated and seeded
        using var readOnly = Probing(_portal, $"Data Source={_portal.DatabasePath};Mode=ReadOnly");

        await AssertUnhealthyAsync(readOnly.CreateClient());
    }

    [SqliteOnlyFact]
    public async Task ReportsUnhealthyGivenTheDatabaseFileIsGone()
    {
        using var portal = Probing(_portal);
        _ = portal.Services;
        SqliteConnection.ClearAllPools();

        File.Delete(_portal.DatabasePath);

        await AssertUnhealthyAsync(portal.CreateClient());
        Assert.False(File.Exists(_portal.DatabasePath), "The probe created an empty database in place of the missing one.");
    }

    [SqliteOnlyFact]
    public async Task ReportsUnhealthyGivenLessFreeSpaceThanTheMinimumInTheDataFolder()
    {
        using var portal = Probing(_portal).WithWebHostBuilder(builder =>
            builder.UseSetting("Health:MinimumFreeSpaceMegabytes", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await AssertUnhealthyAsync(portal.CreateClient());
    }

    [SqliteOnlyFact]
    public async Task AnswersFromTheLastProbeGivenAPollWithinCacheFor()
    {
        using var portal = _portal.WithWebHostBuilder(builder => builder.UseSetting("Health:CacheFor", "00:10:00"));
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        await using var writer = new SqliteConnection($"Data Source={_portal.DatabasePath};Pooling=False");
        await writer.OpenAsync();
        await using var transaction = writer.BeginTransaction(deferred: false);

        var started = DateTime.UtcNow;
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "The poll probed again instead of reusing the answer.");
    }

    [Fact]
    public async Task ChangesNeitherTheDataNorTheAuditTrailGivenConcurrentProbes()
    {
        using var portal = Probing(_portal);
        var before = await StateAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => portal.CreateClient().GetAsync("/health")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(before, await StateAsync());
    }

    [PostgreSqlOnlyFact]
    public async Task ReportsUnhealthyGivenARowThatAnotherSessionKeepsLockedOnPostgreSql()
    {
        using var portal = Probing(_portal);
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        await using (var writer = await _portal.OpenRawConnectionAsync())
        {
            await using var transaction = await writer.BeginTransactionAsync();
            await using var command = writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT * FROM \"__EFMigrationsHistory\" FOR UPDATE";
            await command.ExecuteNonQueryAsync();

            await AssertUnhealthyAsync(client);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [PostgreSqlOnlyFact]
    public async Task ReportsUnhealthyGivenADatabaseSetReadOnlyOnPostgreSql()
    {
        using var portal = Probing(_portal);
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(_portal.PostgreSqlConnectionString).Database;

        await SetReadOnlyAsync(database!, true);
        try
        {
            Npgsql.NpgsqlConnection.ClearAllPools(); // new sessions take the database's setting
            await AssertUnhealthyAsync(client);
            Assert.True(await _portal.WithDbAsync(db => db.Plans.AnyAsync()), "Reads should still work: only the write probe can see this.");
        }
        finally
        {
            await SetReadOnlyAsync(database!, false);
            Npgsql.NpgsqlConnection.ClearAllPools();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private static async Task SetReadOnlyAsync(string database, bool readOnly)
    {
        await using var server = new Npgsql.NpgsqlConnection(TestDatabaseServer.PostgreSqlServer);
        await server.OpenAsync();
        await using var command = server.CreateCommand();
        command.CommandText = $"ALTER DATABASE \"{database}\" SET default_transaction_read_only = {(readOnly ? "on" : "off")}";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The portal with a one-second lock wait and no cached answer, optionally over another connection string.</summary>
    private static WebApplicationFactory<Program> Probing(PdoWebFactory portal, string? connectionString = null) =>
        portal.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Health:Timeout", "00:00:01");
            builder.UseSetting("Health:CacheFor", "00:00:00");
            if (connectionString is not null)
            {
                builder.UseSetting("ConnectionStrings:Sqlite", connectionString);
            }
        });

    private static async Task AssertUnhealthyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Unhealthy", body);
    }

    /// <summary>Garbage over the middle third of the file's pages (the header and the last pages stay).</summary>
    private static void Damage(string path)
    {
        const int pageSize = 4096;
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var pages = file.Length / pageSize;
        var garbage = new byte[pageSize];
        new Random(2019).NextBytes(garbage);
        for (var page = pages / 3; page < 2 * pages / 3; page++)
        {
            file.Position = page * pageSize;
            file.Write(garbage);
        }

        file.Flush(flushToDisk: true);
    }

    private async Task<bool> PlansReadableAsync()
    {
        await using var reader = new SqliteConnection($"Data Source={_portal.DatabasePath};Mode=ReadOnly;Pooling=False");
        await reader.OpenAsync();
        await using var command = reader.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Plans\"";
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task<(int Audit, string Versions, int Plans)> StateAsync() =>
        await _portal.WithDbAsync(async db => (
            await db.AuditEntries.CountAsync(),
            string.Join(',', await db.Database.SqlQueryRaw<string>("SELECT \"ProductVersion\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync()),
            await db.Plans.CountAsync()));
}
