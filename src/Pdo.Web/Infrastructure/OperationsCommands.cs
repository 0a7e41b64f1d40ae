using System.Globalization;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Operations;
using Serilog;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// The operator's commands and start-up checks that run before the web host is built: no web server, no migrations,
/// no seeding (README "Backup e ripristino").
/// </summary>
public static class OperationsCommands
{
    public const string Backup = "backup";

    private const string Overwrite = "--sovrascrivi";

    /// <summary>
    /// <c>backup &lt;file&gt; [--sovrascrivi]</c>: an online copy of the SQLite database (<see cref="SqliteBackup"/>).
    /// Exit code 0 when the copy is written and whole, 1 when it failed or was refused, 2 when it does not apply.
    /// </summary>
    public static async Task<int> BackupAsync(IReadOnlyList<string> args, IConfiguration configuration, string dataDirectory, TextWriter output)
    {
        var files = args.Where(a => a != Overwrite).ToList();
        if (files.Count != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            await output.WriteLineAsync(
                "Uso / Usage: dotnet run --project src/Pdo.Web -- backup <file> [--sovrascrivi]");
            return 2;
        }

        if (DatabaseSetup.ProviderFrom(configuration) == DatabaseProvider.SqlServer)
        {
            await output.WriteLineAsync(
                "Su SQL Server si usa il backup nativo: BACKUP DATABASE … TO DISK = '…' WITH CHECKSUM, COPY_ONLY (README, «Backup e ripristino»). / " +
                "On SQL Server use the native backup: BACKUP DATABASE … TO DISK = '…' WITH CHECKSUM, COPY_ONLY (README, \"Backup and restore\").");
            return 2;
        }

        if (DatabaseSetup.ProviderFrom(configuration) == DatabaseProvider.PostgreSql)
        {
            await output.WriteLineAsync(
                "Su PostgreSQL si usa pg_dump: pg_dump --format=custom --file=pdo.dump <database> e pg_restore per ripristinare (README, «Backup e ripristino»). / " +
                "On PostgreSQL use pg_dump: pg_dump --format=custom --file=pdo.dump <database>, and pg_restore to restore (README, \"Backup and restore\").");
            return 2;
        }

        try
        {
            var summary = await SqliteBackup.CreateAsync(
                DatabaseSetup.SqliteConnectionString(configuration, dataDirectory), files[0], overwrite: args.Contains(Overwrite));
            var it = CultureInfo.GetCultureInfo("it-IT");
            var size = (summary.Bytes / 1024d / 1024d).ToString("N1", it);
            await output.WriteLineAsync(string.Create(it,
                $"Backup completato: {summary.Path} ({size} MB; piani: {summary.Plans:N0}; risultati: {summary.Results:N0}; righe del registro: {summary.AuditRows:N0}; integrity_check: ok)."));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backup completed: {summary.Path} (plans: {summary.Plans:N0}; results: {summary.Results:N0}; audit rows: {summary.AuditRows:N0}; integrity_check: ok)."));
            return 0;
        }
        catch (BackupException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
    }

    /// <summary>
    /// Whether the SQLite data folder (<c>Database:DataDirectory</c>) can hold the database; when it cannot, writes one
    /// fatal log line naming it (console and log file, as configured for Serilog) instead of a stack trace at start-up.
    /// </summary>
    public static bool DataDirectoryIsUsable(IConfiguration configuration, string dataDirectory)
    {
        if (!DatabaseSetup.UsesDataDirectory(configuration) || DatabaseSetup.DataDirectoryProblem(dataDirectory) is not { } problem)
        {
            return true;
        }

        using var log = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
        log.Fatal(
            "La cartella dei dati {DataDirectory:l} non è utilizzabile ({Problem:l}): Pdo non si avvia. Indica in Database:DataDirectory una cartella scrivibile. / The data folder is not usable: set Database:DataDirectory to a writable folder.",
            Path.GetFullPath(dataDirectory),
            problem);
        return false;
    }
}
