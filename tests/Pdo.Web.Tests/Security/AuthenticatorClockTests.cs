using System.Net;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

/// <summary>The authenticator code is checked against the portal's clock (a fixed, test-moved one here).</summary>
public sealed class AuthenticatorClockTests(ClockFactory factory) : IClassFixture<ClockFactory>
{
    [Theory]
    [InlineData(-30, true)]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(-90, false)]
    [InlineData(90, false)]
    public async Task AcceptsOnlyTheCodesOfTheNeighbouringStepsGivenAFixedClock(int offsetSeconds, bool accepted)
    {
        var email = $"orologio.{Guid.NewGuid():N}@pdo.local";
        var key = await factory.CreateEnrolledUserAsync(email, Roles.Executive);
        var browser = Browser.Open(factory);
        await browser.SignInAsync(email);

        var code = Totp.Code(key, factory.Clock.GetUtcNow().AddSeconds(offsetSeconds));
        var response = await PdoWebFactory.PostFormAsync(browser.Client, "/accesso/codice", "/accesso/codice", [new("Code", code)]);

        Assert.Equal(accepted ? HttpStatusCode.Redirect : HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AcceptsTheNextCodeGivenTheClockMovedOnAfterASignIn()
    {
        var key = await factory.CreateEnrolledUserAsync("orologio.avanti@pdo.local", Roles.Executive);
        var first = Browser.Open(factory);
        await first.SignInAsync("orologio.avanti@pdo.local");
        var firstCode = await PdoWebFactory.PostFormAsync(first.Client, "/accesso/codice", "/accesso/codice", [new("Code", Totp.Code(key, factory.Clock.GetUtcNow()))]);

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = Browser.Open(factory);
        await second.SignInAsync("orologio.avanti@pdo.local");
        var secondCode = await PdoWebFactory.PostFormAsync(second.Client, "/accesso/codice", "/accesso/codice", [new("Code", Totp.Code(key, factory.Clock.GetUtcNow()))]);

        Assert.Equal(HttpStatusCode.Redirect, firstCode.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, secondCode.StatusCode);
    }
}
