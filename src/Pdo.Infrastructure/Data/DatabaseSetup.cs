using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pdo.Infrastructure.Auditing;

namespace Pdo.Infrastructure.Data;

/// <summary>The database providers Pdo runs on (configuration key <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>Registers the provider's AppDbContext subclass from configuration.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException(
                $"Database:Provider '{value}' is not supported: use 'Sqlite', 'SqlServer' or 'PostgreSql'.");
    }

    /// <summary>
    /// Registers <see cref="AppDbContext"/> for the configured provider. SQLite's connection string defaults to a
    /// file in <paramref name="dataDirectory"/>; SQL Server's comes from <c>ConnectionStrings:SqlServer</c>
    /// (also settable as the environment variable <c>ConnectionStrings__SqlServer</c>), PostgreSQL's from
    /// <c>ConnectionStrings:PostgreSql</c>.
    /// </summary>
    public static IServiceCollection AddPdoDatabase(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.TryAddSingleton<DataChangeSignal>();
        services.TryAddSingleton<ChangeSignalInterceptor>();
        switch (ProviderFrom(configuration))
        {
            case DatabaseProvider.SqlServer:
                var sqlServer = RequiredConnectionString(configuration, DatabaseProvider.SqlServer);
                AddProviderContext<SqlServerAppDbContext>(services, (_, o) => o.UseSqlServer(sqlServer, ConfigureSqlServer));
                break;

            case DatabaseProvider.PostgreSql:
                var postgreSql = RequiredConnectionString(configuration, DatabaseProvider.PostgreSql);
                AddProviderContext<PostgreSqlAppDbContext>(services, (_, o) => o.UseNpgsql(postgreSql, ConfigurePostgreSql));
                break;

            default:
                if (UsesDataDirectory(configuration))
                {
                    CreatePrivateDirectory(dataDirectory);
                }

                var sqlite = SqliteConnectionString(configuration, dataDirectory);
                services.TryAddSingleton(_ => new SqliteWriteGate());
                services.TryAddSingleton<SqliteCommitSync>();
                AddProviderContext<SqliteAppDbContext>(services, (sp, o) => o.UseSqlite(sqlite, ConfigureSqlite)
                    .AddInterceptors(SqliteConnectionSettingsInterceptor.Instance, sp.GetRequiredService<SqliteWriteGate>(), sp.GetRequiredService<SqliteCommitSync>())
                    // A table rebuild runs outside the migration's transaction: the initializer copies an existing file
                    // first (DatabaseInitializer.BackUpBeforeMigratingAsync), so EF Core's warning is only information.
                    .ConfigureWarnings(w => w.Log((Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning, Microsoft.Extensions.Logging.LogLevel.Information))));
                break;
        }

        return services;
    }

    /// <summary>
    /// The provider's context with the audit and change-signal interceptors, one per scope, served as
    /// <see cref="AppDbContext"/>. The contexts are pooled, so their options are built once for the process and a
    /// context's internal services are reused with it: built again for each request they were about a fifth of a result
    /// POST's allocations (docs/benchmarks.md, "Writes"). Every interceptor is therefore a singleton, and who saves is
    /// the context's own (<see cref="AppDbContext.AuditAs"/>, the scope's <see cref="IAuditContext"/>). A context goes
    /// back to the pool when its scope ends, its tracked entities and connection reset by EF Core.
    /// </summary>
    private static void AddProviderContext<TContext>(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> useProvider)
        where TContext : AppDbContext
    {
        services.AddPooledDbContextFactory<TContext>((sp, o) =>
        {
            useProvider(sp, o);
            o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<ChangeSignalInterceptor>());

            // A failed save is logged once, by whoever handles it: an expected conflict (a version that moved, a first
            // result inserted by someone else a moment before) as one warning line (ExpectedConflicts), anything else
            // by the error handler with its stack trace. EF Core's own events for the failed command and save would log
            // the conflict again, with the SQL and the stack trace: they stay available at Debug level.
            o.ConfigureWarnings(w => w.Log(
                (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug),
                (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, Microsoft.Extensions.Logging.LogLevel.Debug)));
        });
        // Served as AppDbContext only: DI disposes what a registration gives, and a leased context is given back to the
        // pool by its first Dispose, so a second registration of the same instance would give it back a second time,
        // perhaps while another scope holds it. (The factory's own registration of TContext, without the audit
        // context, goes too.)
        services.RemoveAll<TContext>();
        services.AddScoped<AppDbContext>(sp =>
        {
            var context = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            context.AuditAs(sp.GetService<IAuditContext>() ?? new SystemAuditContext());
            return context;
        });
    }

    /// <summary><c>ConnectionStrings:{provider}</c> of a server provider; an empty one stops the start with the setting named.</summary>
    public static string RequiredConnectionString(IConfiguration configuration, DatabaseProvider provider)
    {
        var connectionString = configuration.GetConnectionString(provider.ToString());
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Database:Provider is {provider} but ConnectionStrings:{provider} is empty (set ConnectionStrings__{provider}).")
            : connectionString;
    }

    /// <summary>Whether the database is the SQLite file <c>pdo.db</c> of the data folder (no <c>ConnectionStrings:Sqlite</c>).</summary>
    public static bool UsesDataDirectory(IConfiguration configuration) =>
        ProviderFrom(configuration) == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Sqlite"));

    /// <summary><c>ConnectionStrings:Sqlite</c>, else the file <c>pdo.db</c> in <paramref name="dataDirectory"/>.</summary>
    public static string SqliteConnectionString(IConfiguration configuration, string dataDirectory) =>
        configuration.GetConnectionString("Sqlite") is { } configured && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : $"Data Source={Path.Combine(dataDirectory, "pdo.db")}";

    /// <summary>
    /// Why <paramref name="dataDirectory"/> cannot hold the SQLite database (it is created when missing, then a file is
    /// written in it and removed), or null when it can. SQLite also needs to create its journal next to the database.
    /// </summary>
    public static string? DataDirectoryProblem(string dataDirectory)
    {
        try
        {
            CreatePrivateDirectory(dataDirectory);
            using (File.Create(Path.Combine(dataDirectory, $".pdo-prova-scrittura-{Guid.NewGuid():N}"), 1, FileOptions.DeleteOnClose))
            {
                // written and removed: the folder accepts new files
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Creates the data folder (the database, with password hashes; the first-run setup link) for the service account
    /// only: mode 0700 on Linux. An existing folder keeps the mode its owner gave it.
    /// </summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    internal static void ConfigureSqlite(SqliteDbContextOptionsBuilder options) =>
        options.MigrationsHistoryTable("__EFMigrationsHistory");

    internal static void ConfigureSqlServer(SqlServerDbContextOptionsBuilder options) =>
        options.MigrationsHistoryTable("__EFMigrationsHistory");

    internal static void ConfigurePostgreSql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder options) =>
        options.MigrationsHistoryTable("__EFMigrationsHistory");
}
