using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Hosting;

/// <summary>Where cookies are HTTPS-only, every cookie is __Host-, Secure, HttpOnly, Path=/ and has no Domain.</summary>
public sealed class CookieTests(ProductionWebFactory factory) : IClassFixture<ProductionWebFactory>
{
    [Fact]
    public async Task SetsHostPrefixedSecureAntiforgeryAndAuthCookiesGivenProduction()
    {
        await factory.CreateUserAsync("cookie.host@comune.example", Roles.Executive);
        var client = factory.CreateHttpsClient();
        var form = await client.GetAsync("/accesso");

        var login = await PdoWebFactory.PostFormAsync(client, "/accesso", "/accesso",
            [new("Email", "cookie.host@comune.example"), new("Password", PdoWebFactory.DemoPassword)]);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        AssertHostCookie(form, "__Host-Pdo.Antiforgery=");
        AssertHostCookie(login, "__Host-Pdo.Auth=");
    }

    [Fact]
    public async Task SetsASecureHttpOnlyTempDataCookieGivenProduction()
    {
        var user = await factory.CreateUserAsync("tempdata@comune.example", Roles.Executive);
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);

        var disabled = await PdoWebFactory.PostFormAsync(admin, $"/amministrazione/utenti/{user.Id}", $"/amministrazione/utenti/{user.Id}/disattiva", []);

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        AssertHostCookie(disabled, "__Host-Pdo.TempData=");
        Assert.Equal(CookieSecurePolicy.Always, factory.Services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.SecurePolicy);
    }

    private static void AssertHostCookie(HttpResponseMessage response, string prefix)
    {
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(prefix, StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie);
        Assert.Contains("; httponly", cookie);
        Assert.Contains("; path=/;", cookie + ";");
        Assert.DoesNotContain("domain=", cookie);
    }
}
