using Microsoft.Data.Sqlite;

namespace Pdo.Infrastructure.Operations;

/// <summary>What a finished backup holds: its file and size, and the rows it was checked to contain.</summary>
public sealed record BackupSummary(string Path, long Bytes, long Plans, long Results, long AuditRows);

/// <summary>A backup that was refused or failed; the message is for the operator (Italian, then English).</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A consistent online copy of the SQLite database while the portal runs. SQLite's backup API copies every page
/// under one read lock (<c>sqlite3_backup_step(-1)</c>), so the copy is the database as of one moment: a write and
/// its audit rows (one transaction) are both in it or both not. EF Core creates Pdo's database in WAL mode: committed
/// writes may still be only in <c>pdo.db-wal</c> until a checkpoint, so a plain copy of <c>pdo.db</c> misses them (and
/// may catch a checkpoint half done); the backup API reads through SQLite and sees them. The copy
/// goes to a temporary name in the target's folder, is checked with <c>PRAGMA integrity_check</c> and only then
/// renamed to the target: a backup file that exists is whole.
/// </summary>
public static class SqliteBackup
{
    /// <summary>How long the copy waits for a writer to finish its transaction.</summary>
    private const int BusyTimeoutMilliseconds = 30_000;

    public static async Task<BackupSummary> CreateAsync(string connectionString, string target, bool overwrite, CancellationToken cancellationToken = default)
    {
        var source = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var sourcePath = Path.GetFullPath(source.DataSource);
        var targetPath = Path.GetFullPath(target);
        if (!File.Exists(sourcePath))
        {
            throw new BackupException($"Il database {sourcePath} non esiste. / The database {sourcePath} does not exist.");
        }

        if (string.Equals(sourcePath, targetPath, StringComparison.Ordinal))
        {
            throw new BackupException("Il backup non può sostituire il database stesso. / The backup cannot replace the database itself.");
        }

        if (File.Exists(targetPath) && !overwrite)
        {
            throw new BackupException(
                $"{targetPath} esiste già: scegli un altro nome o aggiungi --sovrascrivi. / {targetPath} already exists: choose another name or add --sovrascrivi.");
        }

        var folder = Path.GetDirectoryName(targetPath)!;
        if (!Directory.Exists(folder))
        {
            throw new BackupException($"La cartella {folder} non esiste. / The folder {folder} does not exist.");
        }

        if (source.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            source.Mode = SqliteOpenMode.ReadWrite; // never create an empty database where the live one should be
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await CopyAsync(source.ToString(), temporary, cancellationToken);
            var summary = await VerifyAsync(temporary, targetPath, cancellationToken);
            File.Move(temporary, targetPath, overwrite);
            return summary;
        }
        catch (SqliteException e)
        {
            throw new BackupException($"Backup non riuscito / Backup failed: {e.Message}", e);
        }
        finally
        {
            foreach (var suffix in new[] { string.Empty, "-journal", "-wal", "-shm" })
            {
                File.Delete(temporary + suffix);
            }
        }
    }

    private static async Task CopyAsync(string source, string temporary, CancellationToken cancellationToken)
    {
        await using var from = new SqliteConnection(source);
        await using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString());
        await from.OpenAsync(cancellationToken);
        await to.OpenAsync(cancellationToken);
        foreach (var connection in new[] { from, to })
        {
            // sqlite3_backup_step waits for a writer's lock through the busy handler this sets.
            await using var busy = connection.CreateCommand();
            busy.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}";
            await busy.ExecuteNonQueryAsync(cancellationToken);
        }

        from.BackupDatabase(to);
        await to.CloseAsync();

        // On the disk before it is given its name.
        await using var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        file.Flush(flushToDisk: true);
    }

    private static async Task<BackupSummary> VerifyAsync(string temporary, string targetPath, CancellationToken cancellationToken)
    {
        await using var copy = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = temporary, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(cancellationToken);
        var verdict = await IntegrityCheckAsync(copy, cancellationToken);
        if (verdict != "ok")
        {
            throw new BackupException($"La copia non supera integrity_check: {verdict} / The copy fails integrity_check: {verdict}");
        }

        return new BackupSummary(
            targetPath,
            new FileInfo(temporary).Length,
            await CountAsync(copy, "Plans", cancellationToken),
            await CountAsync(copy, "KpiResults", cancellationToken),
            await CountAsync(copy, "AuditEntries", cancellationToken));
    }

    /// <summary>The rows of <c>PRAGMA integrity_check</c> on <paramref name="connection"/>, one per line ("ok" when whole).</summary>
    public static async Task<string> IntegrityCheckAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join(Environment.NewLine, rows);
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
