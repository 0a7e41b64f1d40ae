namespace Pdo.Web.Infrastructure;

/// <summary>
/// Which environment and address Pdo runs with. What the caller says explicitly is obeyed: the environment from
/// <c>--environment</c>, <c>ASPNETCORE_ENVIRONMENT</c> or <c>DOTNET_ENVIRONMENT</c>; the address from <c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, the <c>urls</c> setting, <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c> or Kestrel endpoints.
/// Only when nothing was said do the defaults apply: the environment the launch profile suggests through
/// <see cref="LaunchDefaultEnvironmentVariable"/> (<c>dotnet run</c> → Development; a published app has no launch
/// profile → Production) and the address <see cref="DefaultUrls"/>.
/// </summary>
public static class HostingDefaults
{
    /// <summary>Set by <c>Properties/launchSettings.json</c> only: a default, never an override.</summary>
    public const string LaunchDefaultEnvironmentVariable = "PDO_LAUNCH_DEFAULT_ENVIRONMENT";

    /// <summary>Loopback only: nothing is exposed to the network unless an address is configured.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The builder options for these arguments and this process's environment variables.</summary>
    public static WebApplicationOptions Options(string[] args) =>
        new() { Args = args, EnvironmentName = ResolveEnvironment(args, Environment.GetEnvironmentVariable) };

    /// <summary>
    /// The environment to impose, or null to let the host decide (an explicit choice, or none at all: Production).
    /// </summary>
    public static string? ResolveEnvironment(IReadOnlyList<string> args, Func<string, string?> environmentVariable)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine([.. args]).Build();
        var explicitChoice = new[]
        {
            commandLine[HostDefaults.EnvironmentKey],
            environmentVariable("ASPNETCORE_ENVIRONMENT"),
            environmentVariable("DOTNET_ENVIRONMENT"),
        };
        if (explicitChoice.Any(value => !string.IsNullOrWhiteSpace(value)))
        {
            return null;
        }

        return environmentVariable(LaunchDefaultEnvironmentVariable) is { Length: > 0 } launchDefault ? launchDefault.Trim() : null;
    }

    /// <summary>True when some setting says where to listen (then <see cref="DefaultUrls"/> does not apply).</summary>
    public static bool HasConfiguredAddress(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey]) ||
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey]) ||
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey]) ||
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>Listens on <see cref="DefaultUrls"/> unless an address is configured.</summary>
    public static WebApplicationBuilder UseDefaultAddressUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (!HasConfiguredAddress(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        return builder;
    }
}
