using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Pdo.Infrastructure.Data;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// The Data Protection keys (sign-in and antiforgery cookies, one-time links) live in the database, so that several
/// instances share them. With <c>DataProtection:CertificatePath</c> (a PKCS#12 file with its private key) and
/// <c>DataProtection:CertificatePassword</c>, every new key is written encrypted to that certificate: a copy of the
/// database (a backup, a dump) no longer holds what forges a sign-in cookie. Keys written before stay readable; a
/// certificate that cannot be read stops the start with the reason, never a silent fallback to clear keys.
/// </summary>
public static class HostingDataProtection
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";

    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    public static IServiceCollection AddPdoDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName("Pdo").PersistKeysToDbContext<AppDbContext>();
        DataProtectionCertificateStatus status;
        try
        {
            var certificate = Certificate(configuration);
            if (certificate is not null)
            {
                builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
            }

            status = new DataProtectionCertificateStatus(EncryptsKeys: certificate is not null, Problem: null);
        }
        catch (InvalidOperationException ex)
        {
            status = new DataProtectionCertificateStatus(EncryptsKeys: false, ex.Message); // HostingServices.HostingSettingsAreValid stops the start with it
        }

        services.AddSingleton(status);
        return services;
    }

    private static X509Certificate2? Certificate(IConfiguration configuration)
    {
        var path = configuration[CertificatePathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathKey}: the file {path} does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{CertificatePathKey}: {path} could not be read as a PKCS#12 file with {CertificatePasswordKey} ({ex.Message}).", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{CertificatePathKey}: {path} holds no private key, which reading the keys needs.");
        }

        return certificate;
    }
}

/// <summary>
/// Whether new Data Protection keys are written encrypted to a certificate, and why the configured one cannot be used
/// (null: none configured, or usable).
/// </summary>
public sealed record DataProtectionCertificateStatus(bool EncryptsKeys, string? Problem);
