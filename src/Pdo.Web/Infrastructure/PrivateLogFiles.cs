using System.Text;
using Serilog.Sinks.File;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// Serilog file hooks (appsettings.json, <c>WriteTo:File:Args:hooks</c>): each log file is readable and writable by
/// the service account only (mode 0600), whatever the process's umask. Logs name users and addresses.
/// </summary>
public sealed class PrivateLogFiles : FileLifecycleHooks
{
    public static PrivateLogFiles Instance { get; } = new();

    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return underlyingStream;
    }
}
