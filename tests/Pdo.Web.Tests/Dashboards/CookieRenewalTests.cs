using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Dashboards;

/// <summary>
/// The sign-in cookie slides: a response to a browser whose cookie is more than half its 8 hours old renews it. The
/// remembered dashboard does not depend on that cookie, so the renewal neither stops the page being kept nor served.
/// </summary>
public sealed class CookieRenewalTests(ClockFactory factory) : IClassFixture<ClockFactory>
{
    private const string Url = "/piani/2019/cruscotto?area=SOLIDALE";

    [Fact]
    public async Task ServesTheRememberedPageGivenAResponseThatRenewsTheSignInCookie()
    {
        await factory.CreateUserAsync("giunta.rinnovo@pdo.local", Roles.Executive);
        var browser = Browser.Open(factory);
        await browser.SignInAsync("giunta.rinnovo@pdo.local");
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(Url)).StatusCode);
        var pages = await RememberedPagesAsync();
        var key = Assert.Single(pages.Keys, k => k.StartsWith("giunta.rinnovo@pdo.local\n", StringComparison.Ordinal));
        // What the cache holds is marked, so a page rendered again would show.
        pages[key] = RememberedPage.Of("<p>dalla cache</p>"u8.ToArray());

        factory.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        var renewed = await browser.Client.GetAsync(Url);

        Assert.Contains(renewed.Headers.GetValues("Set-Cookie"), c => c.Contains("Pdo.Auth=", StringComparison.Ordinal));
        Assert.Equal("<p>dalla cache</p>", await renewed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KeepsThePageGivenTheResponseThatRenderedItRenewedTheSignInCookie()
    {
        await factory.CreateUserAsync("ufficio.rinnovo@pdo.local", Roles.PlanningOffice);
        var browser = Browser.Open(factory);
        await browser.SignInAsync("ufficio.rinnovo@pdo.local");
        factory.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));

        var renewed = await browser.Client.GetAsync(Url);

        Assert.Contains(renewed.Headers.GetValues("Set-Cookie"), c => c.Contains("Pdo.Auth=", StringComparison.Ordinal));
        var pages = await RememberedPagesAsync();
        var key = Assert.Single(pages.Keys, k => k.StartsWith("ufficio.rinnovo@pdo.local\n", StringComparison.Ordinal));
        Assert.Equal(await renewed.Content.ReadAsByteArrayAsync(), pages[key].Html);
    }

    private async Task<System.Collections.Concurrent.ConcurrentDictionary<string, RememberedPage>> RememberedPagesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var cache = scope.ServiceProvider.GetRequiredService<DashboardCache>();
        return cache.PagesFor(await cache.AllAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None));
    }
}
