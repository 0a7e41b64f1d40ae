using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Pdo.Infrastructure.Identity;

namespace Pdo.Web.Security;

/// <summary>
/// The account controls of OWASP ASVS L2 in one place (docs/architecture.md, Security): sessions checked against the
/// security stamp, the common-password check, the rate limit of the sign-in and one-time-link endpoints, and the
/// second factor required of administrators.
/// </summary>
public static class AccountSecurity
{
    /// <summary>The rate-limit policy of sign-in, the second-factor step and the one-time links (per client address).</summary>
    public const string SignInRateLimit = "accesso";

    /// <summary>The rate-limit policy of the read-only API <c>/api/v1</c> and its OpenAPI document (per client address).</summary>
    public const string ApiRateLimit = "api";

    /// <summary>Called after <c>AddIdentity</c>.</summary>
    public static IServiceCollection AddPdoAccountSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SessionStampCache>();
        services.ConfigureApplicationCookie(options => options.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync);

        // The cookie between the password and the code step: as strict as the sign-in cookie.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = configuration.GetValue("Security:RequireHttpsCookies", true) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        // Codes of the authenticator app work once (the provider Identity registered under this name is replaced).
        services.AddTransient<SingleUseAuthenticatorTokenProvider>();
        services.Configure<IdentityOptions>(options => options.Tokens.ProviderMap[TokenOptions.DefaultAuthenticatorProvider] =
            new TokenProviderDescriptor(typeof(SingleUseAuthenticatorTokenProvider)));
        services.AddSingleton<CommonPasswords>();
        services.AddScoped<IPasswordValidator<AppUser>, PredictablePasswordValidator>();
        services.Configure<MvcOptions>(options => options.Filters.Add(new AdministratorTwoFactorFilter()));

        var permits = configuration.GetValue("Security:SignInRateLimit:PermitLimit", 10);
        var window = configuration.GetValue("Security:SignInRateLimit:Window", TimeSpan.FromMinutes(1));
        var apiPermits = configuration.GetValue("Api:RateLimit:PermitLimit", 120);
        var apiWindow = configuration.GetValue("Api:RateLimit:Window", TimeSpan.FromMinutes(1));
        services.AddRateLimiter(options =>
        {
            // An empty 429: the status-code pages render the Italian "Troppi tentativi" page (/errore/429).
            // The API answers with an Italian problem+json instead.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var api = http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);
                http.Response.Headers.RetryAfter = ((int)(api ? apiWindow : window).TotalSeconds).ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Pdo.Security")
                    .LogWarning("Too many attempts from {Address} on {Method} {Path}", http.Connection.RemoteIpAddress, http.Request.Method, http.Request.Path);
                if (api)
                {
                    await Features.Api.CachedJsonResult.WriteProblemAsync(http, Features.Api.CachedJsonResult.Problem(
                        StatusCodes.Status429TooManyRequests,
                        "Troppe richieste",
                        $"Questo indirizzo ha superato il limite di {apiPermits.ToString(CultureInfo.InvariantCulture)} richieste in {(int)apiWindow.TotalSeconds} secondi: riprovare tra {(int)apiWindow.TotalSeconds} secondi (intestazione Retry-After).",
                        http.Request.Path));
                }
            };

            // Per client address: with ForwardedHeaders enabled, the address the proxy forwarded.
            options.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "sconosciuto",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
            options.AddPolicy(ApiRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "sconosciuto",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = apiPermits, Window = apiWindow, QueueLimit = 0, AutoReplenishment = true }));
        });
        return services;
    }
}
