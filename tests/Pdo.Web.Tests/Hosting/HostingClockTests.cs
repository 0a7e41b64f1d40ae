using Microsoft.Extensions.Configuration;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Tests.Hosting;

/// <summary>The portal's clock: the system's, moved only in Development and only when asked.</summary>
public sealed class HostingClockTests
{
    [Fact]
    public void ReturnsTheSystemClockGivenNoOffset()
    {
        Assert.Same(TimeProvider.System, HostingClock.From(Settings(null), Environment("Production"), out var error));
        Assert.Null(error);
    }

    [Fact]
    public void ReturnsAClockMovedByTheOffsetGivenDevelopment()
    {
        var clock = HostingClock.From(Settings("500"), Environment("Development"), out var error);

        Assert.Null(error);
        var moved = Assert.IsType<HostingClock.ShiftedTimeProvider>(clock);
        var difference = moved.GetUtcNow() - TimeProvider.System.GetUtcNow();
        Assert.InRange(difference.TotalDays, 499.99, 500.01);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void RefusesTheStartGivenAnOffsetOutsideDevelopment(string environment)
    {
        Assert.Null(HostingClock.From(Settings("500"), Environment(environment), out var error));
        Assert.Contains("only in Development", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("1.5")]
    [InlineData("99999")]
    public void RefusesTheStartGivenAnOffsetThatIsNotAWholeNumberOfDays(string offset)
    {
        Assert.Null(HostingClock.From(Settings(offset), Environment("Development"), out var error));
        Assert.Contains("whole number of days", error, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? offset) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [HostingClock.OffsetSetting] = offset }).Build();

    // The host's own environment type, as PublicAddressTests uses it.
    private static Microsoft.Extensions.Hosting.Internal.HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}
