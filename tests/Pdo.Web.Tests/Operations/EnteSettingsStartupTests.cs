using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Operations;

/// <summary>The real portal process started with a wrong <c>Ente</c> section: one Italian line naming the setting, exit code 1.</summary>
public sealed class EnteSettingsStartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pdo-tests", Guid.NewGuid().ToString("N"));

    public EnteSettingsStartupTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("Ente__Name", "", "Ente:Name è vuoto")]
    [InlineData("Ente__IpaCode", "c f205!", "Ente:IpaCode non è un codice IPA valido")]
    [InlineData("Ente__TransparencyUrl", "non-un-indirizzo", "Ente:TransparencyUrl non è un indirizzo web valido")]
    public async Task LogsOneItalianLineNamingTheSettingAndExitsGivenABadEnteSetting(string variable, string value, string expected)
    {
        var (exitCode, output) = await PortalProcess.RunAsync(
            new Dictionary<string, string>
            {
                [variable] = value,
                ["Pdo__PublicBaseAddress"] = "https://pdo.comune.example",
                ["Database__DataDirectory"] = Path.Combine(_folder, "dati"),
                ["Serilog__WriteTo__1__Args__path"] = Path.Combine(_folder, "logs", "pdo-.log"),
            },
            TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines, l => l.Contains("Ente:", StringComparison.Ordinal));
        Assert.Contains("Pdo non si avvia", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.False(File.Exists(Path.Combine(_folder, "dati", "pdo.db")), "the database was touched before the check");
    }
}
