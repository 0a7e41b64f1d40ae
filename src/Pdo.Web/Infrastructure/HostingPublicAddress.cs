using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Pdo.Web.Infrastructure;

/// <summary>Where users reach Pdo (<c>Pdo:PublicBaseAddress</c>, e.g. <c>https://pdo.comune.example</c>).</summary>
public sealed class PublicAddressOptions
{
    public const string Section = "Pdo";

    /// <summary>The absolute address of Pdo's root as users type it; one-time links and HTTPS redirects point there.</summary>
    public string? PublicBaseAddress { get; set; }
}

/// <summary>
/// The address that password and setup links point to and plain-HTTP requests are redirected to: the configured
/// public base address, never the request's Host header (which anyone can write). Outside Development it must be
/// configured (start-up fails otherwise, <see cref="PublicAddressValidation"/>); in Development it defaults to the
/// address Kestrel is bound to.
/// </summary>
public sealed class PublicAddress(IOptions<PublicAddressOptions> options, IServer server)
{
    /// <summary>The configured public base address, if any (validated at start-up).</summary>
    public Uri? Configured { get; } = PublicAddressValidation.Parse(options.Value.PublicBaseAddress);

    /// <summary>The configured address, else the first bound address (Development only, see the validation).</summary>
    public Uri BaseAddress => Configured ?? BoundAddress();

    /// <summary>An absolute link to a path of Pdo (starting with '/').</summary>
    public string Link(string pathAndQuery) => BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/') + pathAndQuery;

    private Uri BoundAddress()
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (bound is null)
        {
            return new Uri("http://localhost");
        }

        // Wildcard bindings (http://+:5080, http://*:5080, http://0.0.0.0:5080, http://[::]:5080) are not addresses.
        var uri = new Uri(bound.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        return uri.Host is "0.0.0.0" or "[::]" ? new UriBuilder(uri) { Host = "localhost" }.Uri : uri;
    }
}

/// <summary>
/// Start-up check of <see cref="PublicAddressOptions"/>: outside Development the public base address is required (an
/// absolute https address when cookies are HTTPS-only), so that no link is ever built from a request's Host header.
/// </summary>
public sealed class PublicAddressValidation(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<PublicAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicAddressOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicBaseAddress))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Pdo:PublicBaseAddress is not set: outside Development Pdo needs the public address that its links point to, " +
                    $"e.g. Pdo__PublicBaseAddress=https://pdo.comune.example (README, \"Production\"). Environment: {environment.EnvironmentName}.");
        }

        var address = Parse(options.PublicBaseAddress);
        if (address is null)
        {
            return ValidateOptionsResult.Fail($"Pdo:PublicBaseAddress '{options.PublicBaseAddress}' is not an absolute http(s) address without query, e.g. https://pdo.comune.example.");
        }

        return address.Scheme != Uri.UriSchemeHttps && HostingCookies.RequireHttpsIn(configuration)
            ? ValidateOptionsResult.Fail($"Pdo:PublicBaseAddress '{options.PublicBaseAddress}' must be https while Security:RequireHttpsCookies is true.")
            : ValidateOptionsResult.Success;
    }

    /// <summary>The address if it is an absolute http(s) address without user info, query or fragment; else null.</summary>
    public static Uri? Parse(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
        uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri
            : null;
}
