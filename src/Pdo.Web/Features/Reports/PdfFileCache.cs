using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pdo.Infrastructure.Data;

namespace Pdo.Web.Features.Reports;

/// <summary>A PDF kept on disk: where it is, its strong validator (the content's hash) and when it was written.</summary>
public sealed record CachedPdf(string Path, string ETag, DateTimeOffset LastModified);

/// <summary>
/// The PDFs of approved plans kept on disk (<c>Reports:CacheFolder</c>, default <c>pdf/</c> in the data folder), one
/// file per document, named <c>{year}-{version}-{document}-{content}.pdf</c>: <c>version</c> is the plan's data stamp
/// (<see cref="PdfDownloadService"/>), <c>document</c> a hash of what was asked (scope, code, period, format),
/// <c>content</c> the SHA-256 of the bytes, which is also the ETag. A file is written under a temporary name in the same
/// folder and renamed when complete, so a file with a final name is whole; two requests for the same document in one
/// process render it once, two instances on one folder may both render it and then keep the same one (the first name
/// in ordinal order). A file whose bytes no longer match its name (checked once per process and file) is deleted and
/// rendered again; the files of a year's other versions are deleted when a new one is written or the plan is no
/// longer approved.
/// </summary>
public sealed class PdfFileCache(string folder, ILogger<PdfFileCache> logger)
{
    /// <summary>A temporary file older than this is a leftover of a stopped process, removed by the next purge.</summary>
    private static readonly TimeSpan TemporaryFileLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Task<CachedPdf?>> _writing = new(StringComparer.Ordinal);

    /// <summary>Files whose bytes were checked against their name by this process: path → (length, write time).</summary>
    private readonly ConcurrentDictionary<string, (long Length, DateTime Written)> _checked = new(StringComparer.Ordinal);

    public string Folder { get; } = folder;

    /// <summary>A short lowercase hex digest of <paramref name="text"/> (file names, versions).</summary>
    public static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));

    /// <summary>
    /// The file of <paramref name="document"/> at <paramref name="version"/> of <paramref name="year"/>, written by
    /// <paramref name="write"/> (which returns false when there is no such document: nothing is kept, null) when there is
    /// none. <paramref name="write"/> is not cancelled by <paramref name="cancellationToken"/>, which only stops waiting for
    /// a render started by another request.
    /// </summary>
    public async Task<CachedPdf?> GetOrWriteAsync(int year, string version, string document, Func<Stream, Task<bool>> write, CancellationToken cancellationToken)
    {
        var prefix = Prefix(year, version, document);
        if (Find(prefix) is { } kept)
        {
            return kept;
        }

        var mine = new TaskCompletionSource<CachedPdf?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = _writing.GetOrAdd(prefix, mine.Task);
        if (current != mine.Task)
        {
            return await current.WaitAsync(cancellationToken);
        }

        try
        {
            var result = Find(prefix) ?? await WriteAsync(year, version, prefix, write);
            mine.SetResult(result);
            return result;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _ = mine.Task.Exception; // observed here: the waiters, if any, get it too
            throw;
        }
        finally
        {
            _writing.TryRemove(KeyValuePair.Create(prefix, mine.Task));
        }
    }

    /// <summary>Opens a kept file for reading; it may be deleted (by a purge) while it is read.</summary>
    public static FileStream Open(CachedPdf pdf) =>
        new(pdf.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Deletes the files of <paramref name="year"/> other than those of <paramref name="keepVersion"/> (all when null).</summary>
    public void Purge(int year, string? keepVersion)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        var keep = keepVersion is null ? null : $"{year}-{keepVersion}-";
        foreach (var path in Directory.EnumerateFiles(Folder, $"{year}-*.pdf"))
        {
            if (keep is null || !Path.GetFileName(path).StartsWith(keep, StringComparison.Ordinal))
            {
                Delete(path);
            }
        }

        foreach (var path in Directory.EnumerateFiles(Folder, $".{year}-*.tmp"))
        {
            if (File.GetLastWriteTimeUtc(path) < DateTime.UtcNow - TemporaryFileLifetime)
            {
                Delete(path);
            }
        }
    }

    private static string Prefix(int year, string version, string document) =>
        string.Create(CultureInfo.InvariantCulture, $"{year}-{version}-{Digest(document)}-");

    /// <summary>The first file of <paramref name="prefix"/> (ordinal order) whose bytes match its name; others are deleted.</summary>
    private CachedPdf? Find(string prefix)
    {
        if (!Directory.Exists(Folder))
        {
            return null;
        }

        CachedPdf? found = null;
        foreach (var path in Directory.EnumerateFiles(Folder, prefix + "*.pdf").Order(StringComparer.Ordinal))
        {
            if (found is null && Check(path, prefix) is { } pdf)
            {
                found = pdf;
            }
            else
            {
                // A damaged file, or the same document rendered by another instance at the same moment: one is enough.
                Delete(path);
            }
        }

        return found;
    }

    private CachedPdf? Check(string path, string prefix)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var content = name[prefix.Length..];
        var info = new FileInfo(path);
        try
        {
            if (!info.Exists)
            {
                return null;
            }

            var stamp = (info.Length, info.LastWriteTimeUtc);
            if (!_checked.TryGetValue(path, out var seen) || seen != stamp)
            {
                if (!string.Equals(HashOf(path), content, StringComparison.Ordinal))
                {
                    logger.LogWarning("PDF kept in {Path} does not match its content hash: rendered again", path);
                    return null;
                }

                _checked[path] = stamp;
            }

            return new CachedPdf(path, $"\"{content}\"", new DateTimeOffset(stamp.LastWriteTimeUtc, TimeSpan.Zero));
        }
        catch (IOException)
        {
            return null; // deleted meanwhile
        }
    }

    private async Task<CachedPdf?> WriteAsync(int year, string version, string prefix, Func<Stream, Task<bool>> write)
    {
        DatabaseSetup.CreatePrivateDirectory(Folder);
        var temporary = Path.Combine(Folder, $".{prefix}{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024))
            {
                if (!await write(file))
                {
                    return null;
                }

                file.Flush(flushToDisk: true);
            }

            var target = Path.Combine(Folder, $"{prefix}{HashOf(temporary)}.pdf");
            try
            {
                File.Move(temporary, target, overwrite: false);

                // Just hashed: the file is not read a second time to be checked (a 21 MB plan: 50–100 ms of SHA-256).
                var written = new FileInfo(target);
                _checked[target] = (written.Length, written.LastWriteTimeUtc);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another instance wrote the same bytes under the same name first.
            }

            Purge(year, version);
            return Find(prefix);
        }
        finally
        {
            Delete(temporary);
        }
    }

    /// <summary>The first 16 bytes of the file's SHA-256, lowercase hex.</summary>
    private static string HashOf(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1024 * 1024, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(file).AsSpan(0, 16));
    }

    private void Delete(string path)
    {
        try
        {
            File.Delete(path);
            _checked.TryRemove(path, out _);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not delete the kept PDF {Path}: {Reason}", path, e.Message);
        }
    }
}
