using Microsoft.Extensions.Configuration;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Tests.Hosting;

/// <summary>The environment and address Pdo runs with: what is asked for explicitly wins over the defaults.</summary>
public sealed class HostingDefaultsTests
{
    private static readonly Dictionary<string, string?> LaunchProfile = new() { [HostingDefaults.LaunchDefaultEnvironmentVariable] = "Development" };

    [Fact]
    public void ImposesDevelopmentGivenTheLaunchProfileAndNoExplicitEnvironment()
    {
        Assert.Equal("Development", HostingDefaults.ResolveEnvironment([], Variables(LaunchProfile)));
    }

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_ENVIRONMENT")]
    public void LetsTheHostUseTheEnvironmentVariableGivenTheLaunchProfileToo(string variable)
    {
        var variables = new Dictionary<string, string?>(LaunchProfile) { [variable] = "Production" };

        Assert.Null(HostingDefaults.ResolveEnvironment([], Variables(variables)));
    }

    [Theory]
    [InlineData("--environment", "Production")]
    [InlineData("--environment=Production")]
    [InlineData("--ENVIRONMENT=Staging")]
    [InlineData("/environment", "Production")]
    public void LetsTheHostUseTheEnvironmentArgumentGivenTheLaunchProfileToo(params string[] args)
    {
        Assert.Null(HostingDefaults.ResolveEnvironment(args, Variables(LaunchProfile)));
    }

    [Fact]
    public void LeavesTheHostDefaultOfProductionGivenAPublishedAppWithoutLaunchProfile()
    {
        Assert.Null(HostingDefaults.ResolveEnvironment(["--urls", "http://127.0.0.1:8080"], Variables([])));
    }

    [Fact]
    public void IgnoresOtherArgumentsGivenTheLaunchProfile()
    {
        Assert.Equal("Development", HostingDefaults.ResolveEnvironment(["genera-dati", "--dal", "2020"], Variables(LaunchProfile)));
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Https:Url", "https://0.0.0.0:8443")]
    public void SeesAConfiguredAddressGivenAnyOfTheAddressSettings(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.True(HostingDefaults.HasConfiguredAddress(configuration));
    }

    [Fact]
    public void UsesTheLoopbackDefaultAddressGivenNoAddressSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Kestrel:Limits:MaxRequestBodySize"] = "1000" }).Build();

        Assert.False(HostingDefaults.HasConfiguredAddress(configuration));
        Assert.Equal("http://127.0.0.1:5080", HostingDefaults.DefaultUrls);
    }

    private static Func<string, string?> Variables(Dictionary<string, string?> variables) =>
        name => variables.GetValueOrDefault(name);
}
