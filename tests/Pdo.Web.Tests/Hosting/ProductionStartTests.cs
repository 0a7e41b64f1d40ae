using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Hosting;

/// <summary>What a Production start does with accounts and settings.</summary>
public sealed class ProductionStartTests
{
    [Fact]
    public async Task CreatesNoDemoAccountGivenProduction()
    {
        using var production = new ProductionWebFactory();
        Assert.True(production.Services.GetRequiredService<IHostEnvironment>().IsProduction());

        await using var scope = production.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var demo in IdentitySeeder.DemoUsers)
        {
            Assert.Null(await users.FindByEmailAsync(demo.Email));
        }
    }

    [Fact]
    public async Task DisablesAnAccountThatStillAcceptsTheDemoPasswordGivenAProductionStart()
    {
        using var production = new ProductionWebFactory();
        var copied = await production.CreateUserWithPasswordAsync("admin@pdo.local", Roles.Administrator, IdentitySeeder.DemoPassword);
        var own = await production.CreateUserWithPasswordAsync("amministratore@comune.example", Roles.Administrator, "Una-password-propria-2026");

        // The same database started again, e.g. a Development database copied to a server.
        using var restarted = production.WithWebHostBuilder(_ => { });
        await using var scope = restarted.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var disabled = await users.FindByIdAsync(copied.Id);
        Assert.True(disabled!.IsDisabled);
        Assert.NotEqual(copied.SecurityStamp, disabled.SecurityStamp);
        Assert.False((await users.FindByIdAsync(own.Id))!.IsDisabled);
    }

    [Fact]
    public void StopsBeforeTouchingTheDatabaseGivenNoPublicBaseAddressInProduction()
    {
        using var production = new ProductionWebFactory();
        using var misconfigured = production.WithWebHostBuilder(builder => builder.UseSetting("Pdo:PublicBaseAddress", ""));

        _ = misconfigured.Services;

        // The one log line and the exit code are checked on the real process (LaunchTests).
        Assert.False(Directory.Exists(production.DataDirectory) && Directory.EnumerateFiles(production.DataDirectory, "*.db").Any());
    }
}
