using Microsoft.Extensions.Options;
using Pdo.Web.Features.Accounts;

namespace Pdo.Web.Infrastructure;

/// <summary>Registration of the hosting controls (public address, cookie policy) and the first-run setup link.</summary>
public static class HostingServices
{
    /// <summary>The public address (validated at start-up) and the TempData cookie policy.</summary>
    public static IServiceCollection AddPdoHosting(this IServiceCollection services, IConfiguration configuration, HostingCookies cookies)
    {
        services.AddOptions<PublicAddressOptions>().Bind(configuration.GetSection(PublicAddressOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicAddressOptions>, PublicAddressValidation>();
        services.AddSingleton<PublicAddress>();
        return cookies.ConfigureTempData(services);
    }

    /// <summary>
    /// Checks the hosting settings before anything else happens (database, seeding, listening). A wrong one is
    /// reported in one critical log line and the caller stops (exit code 1).
    /// </summary>
    public static bool HostingSettingsAreValid(this WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<IOptions<PublicAddressOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            app.Logger.LogCritical("Pdo cannot start: {Problem}", e.Message);
            return false;
        }

        if (app.Services.GetService<DataProtectionCertificateStatus>()?.Problem is { } certificate)
        {
            app.Logger.LogCritical("Pdo cannot start: {Problem}", certificate);
            return false;
        }

        try
        {
            _ = app.Services.GetRequiredService<IOptions<EnteSettings>>().Value;
            return true;
        }
        catch (OptionsValidationException e)
        {
            // EnteSettingsValidation: Italian messages, each naming its setting (e.g. «Ente:IpaCode … non è un codice IPA valido»).
            app.Logger.LogCritical("Pdo non si avvia: impostazioni dell'ente non valide: {Problem}", e.Message);
            return false;
        }
    }

    /// <summary>
    /// Issues the one-time setup token and writes the full link on the public address to the private link file, then
    /// logs where the file is — never the link itself. Without a configured public address (Development only) the
    /// link is completed once the server listens, when the bound address is known.
    /// </summary>
    public static void IssueFirstAdministratorLink(this WebApplication app)
    {
        var setup = app.Services.GetRequiredService<SetupTokenStore>();
        var address = app.Services.GetRequiredService<PublicAddress>();
        setup.Issue();
        if (address.Configured is not null)
        {
            setup.Publish(address.Link);
        }
        else
        {
            app.Lifetime.ApplicationStarted.Register(() => setup.Publish(address.Link));
        }

        app.Logger.LogWarning(
            "No administrator exists yet. The one-time link to create the first one is in {SetupLinkFile} (readable by the service account only, valid until this process stops)",
            setup.LinkFile);
    }
}
