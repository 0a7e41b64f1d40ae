using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Hosting;

/// <summary>Plain HTTP in Production: redirected to the public https address, or an Italian page; never a 500.</summary>
public sealed class HttpsTests(ProductionWebFactory factory) : IClassFixture<ProductionWebFactory>
{
    private const string RemoteAddressHeader = "X-Test-Remote-Address";

    [Fact]
    public async Task RedirectsToHttpsOnThePublicAddressGivenAPlainHttpGetInProduction()
    {
        var client = factory.CreateHttpClient();
        client.DefaultRequestHeaders.Host = "attacker.example";

        var response = await client.GetAsync("/accesso?ReturnUrl=%2Fpiani");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"{ProductionWebFactory.PublicBaseAddress}/accesso?ReturnUrl=%2Fpiani", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnswersWithAnItalianPageGivenAPlainHttpPostInProduction()
    {
        var response = await factory.CreateHttpClient().PostAsync("/accesso", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "qualcuno@comune.example",
            ["Password"] = "una-password-qualsiasi",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Pdo va usato tramite HTTPS</h1>", html);
        Assert.Contains($"href=\"{ProductionWebFactory.PublicBaseAddress}/\"", html);
    }

    [Fact]
    public async Task AnswersTheHealthCheckGivenPlainHttpFromALoadBalancer()
    {
        var response = await factory.CreateHttpClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ServesThePageGivenTheHttpsSchemeForwardedByAKnownProxy()
    {
        using var proxied = BehindProxy("10.0.0.5");

        var response = await ForwardedHttpsClient(proxied, from: "10.0.0.5").GetAsync("/accesso");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Pdo.Antiforgery=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedirectsGivenAForwardedHttpsSchemeFromAnUnknownAddress()
    {
        using var proxied = BehindProxy("10.0.0.5");

        var response = await ForwardedHttpsClient(proxied, from: "203.0.113.7").GetAsync("/accesso");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
    }

    /// <summary>ForwardedHeaders enabled with one known proxy; the test header plays the connection's remote address.</summary>
    private WebApplicationFactory<Program> BehindProxy(string proxy) => factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("ForwardedHeaders:Enabled", "true");
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", proxy);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    });

    /// <summary>A plain-HTTP client whose requests come from <paramref name="from"/> saying X-Forwarded-Proto: https.</summary>
    private static HttpClient ForwardedHttpsClient(WebApplicationFactory<Program> app, string from)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(RemoteAddressHeader, from);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[RemoteAddressHeader].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
