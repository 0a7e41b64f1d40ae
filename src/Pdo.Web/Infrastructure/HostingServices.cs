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
            return true;
        }
        catch (OptionsValidationException e)
        {
            app.Logger.LogCritical("Pdo cannot start: {Problem}", e.Message);
            return false;
        }
    }

    /// <summary>
    /// Issues the one-time setup token and, once the server listens (so the address is known), writes the full setup
    /// link on the public address to the log.
    /// </summary>
    public static void LogFirstAdministratorLinkWhenStarted(this WebApplication app)
    {
        var token = app.Services.GetRequiredService<SetupTokenStore>().Issue();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogWarning(
            "No administrator exists yet. Create the first one at {SetupLink} (one-time link, valid until this process stops)",
            app.Services.GetRequiredService<PublicAddress>().Link($"/configurazione-iniziale?token={token}")));
    }
}
