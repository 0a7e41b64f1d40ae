using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Infrastructure;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Hosting;

/// <summary>One-time links point to the configured public address, never to the request's Host header.</summary>
public sealed partial class PublicAddressTests(ProductionWebFactory factory) : IClassFixture<ProductionWebFactory>
{
    [Fact]
    public async Task PointsTheNewUserLinkToThePublicAddressGivenAnAttackerHostHeader()
    {
        var admin = await AdministratorOnAttackerHostAsync();

        var created = await PdoWebFactory.PostFormAsync(admin, "/amministrazione/utenti/nuovo", "/amministrazione/utenti/nuovo",
            [new("FullName", "Utente Ospite"), new("Email", "utente.ospite@comune.example"), new("Roles", Roles.Executive)]);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.StartsWith($"{ProductionWebFactory.PublicBaseAddress}/accesso/imposta-password?utente=", LinkIn(await created.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task PointsThePasswordResetLinkToThePublicAddressGivenAnAttackerHostHeader()
    {
        var user = await factory.CreateUserAsync("da.reimpostare@comune.example", Roles.Executive);
        var admin = await AdministratorOnAttackerHostAsync();

        var reset = await PdoWebFactory.PostFormAsync(admin, $"/amministrazione/utenti/{user.Id}", $"/amministrazione/utenti/{user.Id}/reimposta-password", []);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.StartsWith($"{ProductionWebFactory.PublicBaseAddress}/accesso/imposta-password?utente=", LinkIn(await reset.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task RefusesARequestForAnotherHostGivenAllowedHosts()
    {
        using var restricted = factory.WithWebHostBuilder(builder => builder.UseSetting("AllowedHosts", "pdo.comune.example"));
        var client = restricted.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri(ProductionWebFactory.PublicBaseAddress), AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accesso")).StatusCode);
        client.DefaultRequestHeaders.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/accesso")).StatusCode);
    }

    [Fact]
    public void RequiresAPublicBaseAddressGivenProduction()
    {
        var result = Validate("Production", null);

        Assert.True(result.Failed);
        Assert.Contains("Pdo:PublicBaseAddress is not set", result.FailureMessage);
    }

    [Theory]
    [InlineData("pdo.comune.example")]
    [InlineData("/accesso")]
    [InlineData("ftp://pdo.comune.example")]
    [InlineData("https://pdo.comune.example/?x=1")]
    [InlineData("http://pdo.comune.example")]
    public void RefusesThePublicBaseAddressGivenOneThatIsNotAnAbsoluteHttpsAddress(string address)
    {
        Assert.True(Validate("Production", address).Failed);
    }

    [Theory]
    [InlineData("Development", null)]
    [InlineData("Production", "https://pdo.comune.example")]
    [InlineData("Production", "https://www.comune.example/pdo")]
    public void AcceptsThePublicBaseAddressGivenAValidSetting(string environment, string? address)
    {
        Assert.True(Validate(environment, address).Succeeded);
    }

    [Fact]
    public void BuildsLinksUnderThePathOfThePublicBaseAddress()
    {
        var address = new PublicAddress(Options.Create(new PublicAddressOptions { PublicBaseAddress = "https://www.comune.example/pdo/" }), new FakeServer());

        Assert.Equal("https://www.comune.example/pdo/accesso?x=1", address.Link("/accesso?x=1"));
    }

    [Fact]
    public void UsesTheBoundAddressGivenDevelopmentWithoutAPublicBaseAddress()
    {
        var address = new PublicAddress(Options.Create(new PublicAddressOptions()), new FakeServer("http://127.0.0.1:5080"));

        Assert.Equal("http://127.0.0.1:5080/configurazione-iniziale?token=t", address.Link("/configurazione-iniziale?token=t"));
    }

    private static ValidateOptionsResult Validate(string environment, string? address)
    {
        var hosting = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:RequireHttpsCookies"] = environment == "Development" ? "false" : "true",
        }).Build();
        return new PublicAddressValidation(hosting, configuration).Validate(null, new PublicAddressOptions { PublicBaseAddress = address });
    }

    private async Task<HttpClient> AdministratorOnAttackerHostAsync()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        admin.DefaultRequestHeaders.Host = "attacker.example";
        return admin;
    }

    private static string LinkIn(string html)
    {
        var match = LinkPattern().Match(html);
        Assert.True(match.Success, "No password link on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("id=\"password-link\" class=\"form-control\" readonly value=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();

    private sealed class FakeServer : IServer
    {
        public FakeServer(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
