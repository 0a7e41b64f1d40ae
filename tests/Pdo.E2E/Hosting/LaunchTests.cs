using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Pdo.E2E.Support;

namespace Pdo.E2E.Hosting;

/// <summary>
/// `dotnet run --project src/Pdo.Web` as people type it (the launch profile applies), on the build output of these
/// tests (--no-build): the environment and address asked for are obeyed.
/// </summary>
public sealed class LaunchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RunsProductionOnTheGivenPortGivenAnExplicitEnvironmentAndUrls()
    {
        var port = PortalServer.FreePort();

        var run = await DotnetRunAsync(["--urls", $"http://127.0.0.1:{port}"], new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Pdo__PublicBaseAddress"] = "https://pdo.comune.example",
        });

        Assert.Contains("Hosting environment: Production", run.Output);
        Assert.Contains($"Now listening on: http://127.0.0.1:{port}", run.Output);
        Assert.DoesNotContain("demo user", run.Output);
        Assert.Contains("The one-time link to create the first one is in ", run.Output);
        Assert.StartsWith("https://pdo.comune.example/configurazione-iniziale?token=", run.SetupLink, StringComparison.Ordinal);
        Assert.DoesNotContain(run.SetupLink!["https://pdo.comune.example/configurazione-iniziale?token=".Length..], run.Output);
    }

    [Fact]
    public async Task RunsDevelopmentWithTheDemoAccountsGivenNoExplicitEnvironment()
    {
        var port = PortalServer.FreePort();

        var run = await DotnetRunAsync(["--urls", $"http://127.0.0.1:{port}"], []);

        Assert.Contains("Hosting environment: Development", run.Output);
        Assert.Contains($"Now listening on: http://127.0.0.1:{port}", run.Output);
        Assert.Contains("Development demo user admin@pdo.local (Administrator) created", run.Output);
    }

    [Fact]
    public async Task ExitsWithOneClearLogLineGivenProductionWithoutAPublicBaseAddress()
    {
        var run = await DotnetRunAsync(["--urls", $"http://127.0.0.1:{PortalServer.FreePort()}"], new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(" FTL] Pdo cannot start: Pdo:PublicBaseAddress is not set", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("Now listening", run.Output);
    }

    [Fact]
    public void SuggestsOnlyADefaultEnvironmentGivenTheLaunchProfileOfTheRepository()
    {
        var path = Path.Combine(PortalServer.RepositoryRoot(), "src", "Pdo.Web", "Properties", "launchSettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));

        foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateObject())
        {
            // applicationUrl and ASPNETCORE_ENVIRONMENT in a profile override --urls, ASPNETCORE_URLS and the caller's environment.
            Assert.False(profile.Value.TryGetProperty("applicationUrl", out _), $"{profile.Name} sets applicationUrl");
            var variables = profile.Value.GetProperty("environmentVariables").EnumerateObject().Select(v => v.Name).ToList();
            Assert.Equal(["PDO_LAUNCH_DEFAULT_ENVIRONMENT"], variables);
        }
    }

    /// <summary>Runs the portal until it has started (then stops it) or exits by itself.</summary>
    private static async Task<(string Output, int? ExitCode, string? SetupLink)> DotnetRunAsync(string[] args, Dictionary<string, string> environment)
    {
        var root = PortalServer.RepositoryRoot();
        var data = Path.Combine(Path.GetTempPath(), "pdo-tests", "launch-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--no-build", "-c", PortalServer.BuildConfiguration(), "--project", Path.Combine("src", "Pdo.Web"), "--" }.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "Pdo__PublicBaseAddress" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["Database__DataDirectory"] = data;
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(data, "logs", "pdo-.log");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var started = new TaskCompletionSource();
        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.Contains("Application started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(started.Task, process.WaitForExitAsync(), Task.Delay(Timeout));
            if (started.Task.IsCompleted)
            {
                await Task.Delay(500); // the lines logged right after "Application started"
            }
            else if (process.HasExited)
            {
                await process.WaitForExitAsync(); // reads what is left of the output
            }

            var linkFile = Path.Combine(data, "configurazione-iniziale.txt");
            var link = File.Exists(linkFile) ? (await File.ReadAllTextAsync(linkFile)).Trim() : null;
            return (Text(), process.HasExited ? process.ExitCode : null, link);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // nothing was written
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
