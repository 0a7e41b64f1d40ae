using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Operations;

/// <summary>The real portal process started over an unusable data folder.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pdo-tests", Guid.NewGuid().ToString("N"));

    public StartupTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task LogsOneLineNamingTheFolderAndExitsGivenADataDirectoryThatIsAFile()
    {
        // A regular file where the folder should be: unusable even for root.
        var notAFolder = Path.Combine(_folder, "dati");
        await File.WriteAllTextAsync(notAFolder, "non una cartella");

        var (exitCode, output) = await PortalProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["Database__DataDirectory"] = notAFolder,
                ["Serilog__WriteTo__1__Args__path"] = Path.Combine(_folder, "logs", "pdo-.log"),
            },
            TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines, l => l.Contains(notAFolder, StringComparison.Ordinal));
        Assert.Contains("La cartella dei dati", line);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output);
    }
}
