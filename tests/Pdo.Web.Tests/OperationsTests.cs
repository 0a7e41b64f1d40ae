using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests;

public sealed class OperationsTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task ReportsHealthyGivenAReachableDatabase()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/piani")]
    [InlineData("/piani/2019")]
    [InlineData("/opendata/pdo-2019.csv")]
    [InlineData("/pagina-inesistente")]
    public async Task SendsTheSecurityHeadersGivenAnyResponse(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        var csp = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task ServesTheLocalFrontEndLibrariesGivenTheBuildCopiedThem()
    {
        var client = factory.CreateClient();

        foreach (var asset in new[]
        {
            "/lib/bootstrap-italia/css/bootstrap-italia.min.css",
            "/lib/bootstrap-italia/js/bootstrap-italia.bundle.min.js",
            "/lib/bootstrap-italia/svg/sprites.svg",
            "/lib/chart.js/chart.umd.js",
            "/css/site.css",
        })
        {
            var response = await client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task RedirectsToThePlansGivenTheHomePage()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/piani", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WritesNoInlineScriptOrStyleGivenAPlanPage()
    {
        var html = await (await factory.CreateClientAsAsync(Roles.Executive)).GetStringAsync("/piani/2019/obiettivi/SOL-04");

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")", html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotMatch(" on[a-z]+=", html);
    }

    [Fact]
    public async Task ShowsAFriendlyItalianPageWithoutTheStackTraceGivenAnUnhandledError()
    {
        using var failing = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddControllersWithViews().AddApplicationPart(typeof(ThrowingController).Assembly)));
        var client = failing.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, Roles.Executive);

        var response = await client.GetAsync("/test/errore-interno");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Si è verificato un errore", html);
        Assert.DoesNotContain("dettaglio segreto", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("at Pdo.", html);
    }
}

/// <summary>A controller with a bug, added to the app only by the test that needs it.</summary>
[Microsoft.AspNetCore.Mvc.Route("test/errore-interno")]
public sealed class ThrowingController : Microsoft.AspNetCore.Mvc.Controller
{
    [Microsoft.AspNetCore.Mvc.HttpGet("")]
    public Microsoft.AspNetCore.Mvc.IActionResult Fail() => throw new InvalidOperationException("dettaglio segreto");
}
