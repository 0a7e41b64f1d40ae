using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// The cookie policy. Where Pdo is served over HTTPS (<c>Security:RequireHttpsCookies</c>, true unless a plain-HTTP
/// loopback deployment such as Development or the browser tests turns it off) every cookie is Secure and carries the
/// <c>__Host-</c> prefix, which browsers accept only from HTTPS, with Path=/ and no Domain: no sibling subdomain or
/// plain-HTTP page can plant or overwrite it.
/// </summary>
public sealed record HostingCookies(bool RequireHttps)
{
    public const string HostPrefix = "__Host-";

    public CookieSecurePolicy SecurePolicy => RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    public static bool RequireHttpsIn(IConfiguration configuration) => configuration.GetValue("Security:RequireHttpsCookies", true);

    public static HostingCookies From(IConfiguration configuration) => new(RequireHttpsIn(configuration));

    /// <summary>The cookie's name, with the <c>__Host-</c> prefix where cookies are HTTPS-only.</summary>
    public string Name(string name) => RequireHttps ? HostPrefix + name : name;

    /// <summary>Name, Secure, HttpOnly, Path=/ (and so no Domain) for one cookie.</summary>
    public void Apply(CookieBuilder cookie, string name)
    {
        cookie.Name = Name(name);
        cookie.SecurePolicy = SecurePolicy;
        cookie.HttpOnly = true;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    /// <summary>The TempData cookie (messages after a redirect) follows the same policy as the others.</summary>
    public IServiceCollection ConfigureTempData(IServiceCollection services) =>
        services.Configure<CookieTempDataProviderOptions>(options => Apply(options.Cookie, "Pdo.TempData"));
}
