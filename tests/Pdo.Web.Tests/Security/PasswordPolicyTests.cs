using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Accounts;
using Pdo.Web.Security;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

/// <summary>Common and predictable passwords are refused wherever a password is set (ASVS 6.2.4, 6.2.11).</summary>
public sealed class PasswordPolicyTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private static readonly CommonPasswords Common = new();

    [Fact]
    public void ShipsTheCommonPasswordListGivenTheEmbeddedPackageData() => Assert.True(Common.Count > 40_000, $"{Common.Count} passwords");

    [Theory]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiopas")]
    [InlineData("Password2024!")]
    [InlineData("P@ssw0rd2024")]
    [InlineData("!!sunshine!!")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    [InlineData("abcdefghijkl")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("asdfghjkl123")]
    [InlineData("Milano2024Pdo!")]
    [InlineData("098765432109")]
    public void RefusesThePasswordGivenACommonOrPatternedPassword(string password) =>
        Assert.NotNull(PasswordPredictability.Weakness(password, Common, PersonalWords.None));

    [Theory]
    [InlineData("Mario.Rossi.1234")]
    [InlineData("mario.rossi@comune")]
    [InlineData("RossiMario2024!")]
    public void RefusesThePasswordGivenTheUsersOwnNameOrEmail(string password)
    {
        var user = new AppUser { Email = "mario.rossi@comune.milano.it", FullName = "Mario Rossi" };

        Assert.NotNull(PasswordPredictability.Weakness(password, Common, PredictablePasswordValidator.PersonalWords(user)));
    }

    [Theory]
    [InlineData(PdoWebFactory.DemoPassword)]
    [InlineData(IdentitySeeder.DemoPassword)]
    [InlineData("Una-password-lunga-2020")]
    [InlineData("correct horse battery staple")]
    [InlineData("Tramonto sul Naviglio 7")]
    [InlineData("v8#Lq2!mZr4t")]
    public void AcceptsThePasswordGivenAnUnpredictablePassword(string password)
    {
        var user = new AppUser { Email = "anna.bianchi@comune.milano.it", FullName = "Anna Bianchi" };

        Assert.Null(PasswordPredictability.Weakness(password, Common, PredictablePasswordValidator.PersonalWords(user)));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiopas")]
    public async Task RefusesThePasswordInItalianGivenTheOneTimeLink(string password)
    {
        var user = await factory.CreateUserAsync($"link.{Guid.NewGuid():N}@pdo.local", Roles.Executive);
        string token;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            token = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().GeneratePasswordResetTokenAsync(user);
        }

        var page = $"/accesso/imposta-password?utente={user.Id}&token={Uri.EscapeDataString(token)}";
        var response = await PdoWebFactory.PostFormAsync(factory.CreateHttpsClient(), page, "/accesso/imposta-password",
            [new("UserId", user.Id), new("Token", token), new("Password", password), new("ConfirmPassword", password)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La password è troppo comune o prevedibile: ", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task RefusesThePasswordGivenTheFirstRunSetupWithTheAdministratorsName()
    {
        var token = factory.Services.GetRequiredService<SetupTokenStore>().Issue();

        var response = await PdoWebFactory.PostFormAsync(factory.CreateHttpsClient(), $"/configurazione-iniziale?token={token}", "/configurazione-iniziale",
        [
            new("Token", token),
            new("FullName", "Giovanni Verdi"),
            new("Email", "giovanni.verdi@pdo.local"),
            new("Password", "GiovanniVerdi-2024"),
            new("ConfirmPassword", "GiovanniVerdi-2024"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La password è troppo comune o prevedibile: contiene il proprio nome o indirizzo e-mail.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
