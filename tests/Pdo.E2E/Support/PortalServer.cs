using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pdo.E2E.Support;

/// <summary>
/// The real portal: the Pdo.Web build output started as its own process (Kestrel, not a TestServer) on a free port
/// of 127.0.0.1, in Development (demo users), over a fresh SQLite database in a temporary folder.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory;

    private PortalServer(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the portal printed so far (console log), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<PortalServer> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var webProject = Path.Combine(RepositoryRoot(), "src", "Pdo.Web");
        var dll = Path.Combine(webProject, "bin", BuildConfiguration(), "net10.0", "Pdo.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist: build the solution first (bash .ci/test does).");
        }

        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "pdo-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);

        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the project folder: wwwroot (with lib/ filled by the build) is served from there.
            ArgumentList = { dll, "--urls", baseAddress.ToString().TrimEnd('/'), "--contentRoot", webProject },
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Sqlite"] = string.Empty;
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Security__RequireHttpsCookies"] = "false";

        // Every journey signs in from 127.0.0.1: the per-address limit (10 a minute in production) is tested by the web tests.
        start.Environment["Security__SignInRateLimit__PermitLimit"] = "10000";
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dataDirectory, "logs", "pdo-.log");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        var server = new PortalServer(process, baseAddress, dataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>The folder holding Pdo.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pdo.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Pdo.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The configuration these tests were built with (bin/Debug/net10.0 → Debug): the portal built alongside them.</summary>
    public static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal stopped with exit code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The portal did not answer /health within {StartTimeout.TotalSeconds} s:\n{Output}");
    }
}
