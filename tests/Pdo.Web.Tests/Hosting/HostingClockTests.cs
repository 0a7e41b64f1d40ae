using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Tests.Hosting;

/// <summary>The portal's clock: the system's, moved only in Development and only when asked.</summary>
public sealed class HostingClockTests
{
    [Fact]
    public void ReturnsTheSystemClockGivenNoOffset()
    {
        Assert.Same(TimeProvider.System, HostingClock.From(Settings(null), new Environment("Production"), out var error));
        Assert.Null(error);
    }

    [Fact]
    public void ReturnsAClockMovedByTheOffsetGivenDevelopment()
    {
        var clock = HostingClock.From(Settings("500"), new Environment("Development"), out var error);

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
        Assert.Null(HostingClock.From(Settings("500"), new Environment(environment), out var error));
        Assert.Contains("only in Development", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("1.5")]
    [InlineData("99999")]
    public void RefusesTheStartGivenAnOffsetThatIsNotAWholeNumberOfDays(string offset)
    {
        Assert.Null(HostingClock.From(Settings(offset), new Environment("Development"), out var error));
        Assert.Contains("whole number of days", error, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? offset) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [HostingClock.OffsetSetting] = offset }).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Pdo.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
