using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Accounts;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

/// <summary>
/// The first-run setup link is a secret: with no administrator, start-up writes it to data/configurazione-iniziale.txt
/// (mode 0600), never to the log file (itself 0600); using it creates the administrator, audits it and deletes the file.
/// Each test starts a portal of its own (the link works once).
/// </summary>
public sealed class SetupLinkTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task WritesTheSetupLinkToAFileOnlyTheServiceAccountCanReadAndNotToTheLogGivenNoAdministrator()
    {
        using var factory = new PdoWebFactory();
        var client = factory.CreateHttpsClient();
        var dataDirectory = factory.Services.GetRequiredService<IConfiguration>()["Database:DataDirectory"]!;
        var file = Path.Combine(dataDirectory, SetupTokenStore.FileName);

        var link = (await File.ReadAllTextAsync(file)).Trim();
        Assert.Equal((byte)'h', (await File.ReadAllBytesAsync(file))[0]); // no byte-order mark before the link someone will copy

        // The full link on the public address (the factory's https://localhost), written at start-up.
        Assert.StartsWith("https://localhost/configurazione-iniziale?token=", link, StringComparison.Ordinal);
        var token = link["https://localhost/configurazione-iniziale?token=".Length..];
        Assert.Equal(64, token.Length);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        var logs = Directory.GetFiles(Path.Combine(dataDirectory, "logs"));
        Assert.NotEmpty(logs);
        var log = string.Concat(logs.Select(ReadShared));
        Assert.Contains("No administrator exists yet", log);
        Assert.Contains(file, log);
        Assert.DoesNotContain(token, log);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
            Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDirectory));
            foreach (var l in logs)
            {
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(l));
            }
        }
    }

    [Fact]
    public async Task CreatesTheFirstAdministratorDeletesTheFileAndAuditsItGivenTheLinkFromTheFile()
    {
        using var factory = new PdoWebFactory();
        var client = factory.CreateHttpsClient();
        var file = factory.Services.GetRequiredService<SetupTokenStore>().LinkFile;
        var link = (await File.ReadAllTextAsync(file)).Trim();
        var token = link["https://localhost/configurazione-iniziale?token=".Length..];

        var response = await PdoWebFactory.PostFormAsync(client, link, "/configurazione-iniziale",
        [
            new("Token", token),
            new("FullName", "Prima Amministratrice"),
            new("Email", "prima.dal.file@pdo.local"),
            new("Password", "Password-amministratore-1"),
            new("ConfirmPassword", "Password-amministratore-1"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(File.Exists(file));
        var rows = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(r => r.EntityKey == "prima.dal.file@pdo.local").ToListAsync());
        var created = Assert.Single(rows, r => r.EntityType == SecurityAuditLog.EntityType);
        Assert.Equal((nameof(SecurityEvent.FirstAdministratorCreated), "prima.dal.file@pdo.local"), (created.Field, created.UserName));
        Assert.Equal(Roles.Administrator, Assert.Single(rows, r => r.Field == PeopleAudit.RolesField).NewValue);
        Assert.DoesNotContain(rows, r => (r.NewValue ?? string.Empty).Contains(token, StringComparison.Ordinal));
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
