using System.Security.Cryptography;
using Pdo.Infrastructure.Data;

namespace Pdo.Web.Features.Accounts;

/// <summary>
/// The one-time first-run token. While no administrator exists, start-up issues one and writes the setup link to
/// <see cref="LinkFile"/> (in the data folder, readable and writable by the service account only: mode 0600 on
/// Linux), never to the log. The token lives in this process's memory; the first successful use consumes it and
/// deletes the file, and a start-up that finds an administrator deletes a file left behind.
/// </summary>
public sealed class SetupTokenStore(string linkFile)
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "configurazione-iniziale.txt";

    private readonly Lock _lock = new();
    private string? _token;

    /// <summary>Where the link is written (the README tells operators to read it there).</summary>
    public string LinkFile { get; } = Path.GetFullPath(linkFile);

    /// <summary>The setup link for a token (relative to the portal's address).</summary>
    public static string Link(string token) => $"/configurazione-iniziale?token={token}";

    /// <summary>Issues a new token and writes its link to <see cref="LinkFile"/>, replacing an older one.</summary>
    public string Issue()
    {
        lock (_lock)
        {
            _token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
            WritePrivately(LinkFile, Link(_token) + Environment.NewLine);
            return _token;
        }
    }

    /// <summary>Rewrites the link file with the full link, made absolute by <paramref name="absolute"/> (the public address).</summary>
    public void Publish(Func<string, string> absolute)
    {
        lock (_lock)
        {
            if (_token is not null)
            {
                WritePrivately(LinkFile, absolute(Link(_token)) + Environment.NewLine);
            }
        }
    }

    public bool IsValid(string? token)
    {
        lock (_lock)
        {
            return _token is not null && token is not null &&
                CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(_token), System.Text.Encoding.ASCII.GetBytes(token));
        }
    }

    /// <summary>The token was used: it stops working and its file goes.</summary>
    public void Consume()
    {
        lock (_lock)
        {
            _token = null;
            try
            {
                File.Delete(LinkFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The token no longer works: a file left behind holds a dead link, and the next start-up deletes it.
            }
        }
    }

    /// <summary>An administrator exists: a link file left behind (by an earlier run) goes.</summary>
    public void Withdraw() => Consume();

    /// <summary>
    /// Creates the file with mode 0600 from the start (no moment in which another account could read it). On Windows
    /// the file inherits the data folder's access list.
    /// </summary>
    private static void WritePrivately(string path, string text)
    {
        DatabaseSetup.CreatePrivateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path); // the creation mode applies to a new file only
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(text);
    }
}
