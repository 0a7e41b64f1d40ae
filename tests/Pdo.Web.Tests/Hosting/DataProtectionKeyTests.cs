using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Infrastructure;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Hosting;

/// <summary>
/// The Data Protection keys in the database written encrypted to a configured certificate
/// (<c>DataProtection:CertificatePath</c>), so that a copy of the database does not hold what forges sign-in cookies.
/// </summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private const string Password = "segreto-del-certificato";

    private readonly string _folder = Directory.CreateTempSubdirectory("pdo-dp-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WritesEveryKeyEncryptedAndSignsInGivenACertificate()
    {
        await using var factory = new CertificateFactory(CertificateFile(), Password);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var plans = await office.GetAsync("/piani");
        var keys = await factory.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());

        Assert.Equal(HttpStatusCode.OK, plans.StatusCode);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<value>", xml); // the key material in clear
        });
    }

    [Fact]
    public void ReportsWhyGivenAWrongPasswordOrAMissingFile()
    {
        var file = CertificateFile();
        var wrong = Status(file, "password-sbagliata");
        var missing = Status(Path.Combine(_folder, "assente.pfx"), Password);
        var usable = Status(file, Password);
        var none = Status(null, null);

        Assert.Contains("DataProtection:CertificatePath", wrong.Problem);
        Assert.Contains("could not be read as a PKCS#12 file", wrong.Problem);
        Assert.Contains("does not exist", missing.Problem);
        Assert.Null(usable.Problem);
        Assert.True(usable.EncryptsKeys);
        Assert.Null(none.Problem);
        Assert.False(none.EncryptsKeys);
        Assert.False(wrong.EncryptsKeys);
    }

    private static DataProtectionCertificateStatus Status(string? path, string? password)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HostingDataProtection.CertificatePathKey] = path,
            [HostingDataProtection.CertificatePasswordKey] = password,
        }).Build();
        var services = new ServiceCollection().AddPdoDataProtection(configuration);
        return (DataProtectionCertificateStatus)services.Single(s => s.ServiceType == typeof(DataProtectionCertificateStatus)).ImplementationInstance!;
    }

    /// <summary>A self-signed RSA certificate with its private key, as a password-protected PKCS#12 file.</summary>
    private string CertificateFile()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Pdo Data Protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, "data-protection.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private sealed class CertificateFactory(string path, string password) : PdoWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(HostingDataProtection.CertificatePathKey, path);
            builder.UseSetting(HostingDataProtection.CertificatePasswordKey, password);
        }
    }
}
