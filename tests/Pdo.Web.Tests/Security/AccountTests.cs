using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Accounts;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

public sealed class AccountTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task RedirectsToTheLoginPageGivenAnAnonymousVisitorOnAPlanPage()
    {
        var response = await factory.CreateHttpsClient().GetAsync("/piani/2019");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/accesso?ReturnUrl=", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("/opendata")]
    [InlineData("/opendata/pdo-2019.csv")]
    [InlineData("/health")]
    [InlineData("/accesso")]
    [InlineData("/lib/bootstrap-italia/css/bootstrap-italia.min.css")]
    public async Task AnswersAnonymousVisitorsGivenThePublicAddresses(string url)
    {
        var response = await factory.CreateHttpsClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignsInAndLandsOnTheOwnDirezioneGivenADirettoreWithTheRightPassword()
    {
        await factory.CreateUserAsync("direttore.casa.login@pdo.local", Roles.DirectorateManager, "CASA");
        var client = factory.CreateHttpsClient();

        var response = await LoginAsync(client, "direttore.casa.login@pdo.local", PdoWebFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/piani/2019/cruscotto?direzione=CASA", response.Headers.Location!.OriginalString);
        var page = await client.GetAsync("/piani/2019/cruscotto?direzione=CASA");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Esci", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LandsOnThePlanListGivenThePlanningOfficeAndNoPlanInMonitoring()
    {
        await factory.CreateUserAsync("pianificazione.login@pdo.local", Roles.PlanningOffice);

        var response = await LoginAsync(factory.CreateHttpsClient(), "pianificazione.login@pdo.local", PdoWebFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/piani", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ShowsAGenericItalianErrorGivenAWrongPassword()
    {
        await factory.CreateUserAsync("giunta.errata@pdo.local", Roles.Executive);

        var response = await LoginAsync(factory.CreateHttpsClient(), "giunta.errata@pdo.local", "password-sbagliata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("E-mail o password non corrette.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LocksTheAccountWithTheSameGenericAnswerGivenFiveFailedAttempts()
    {
        await factory.CreateUserAsync("bloccato@pdo.local", Roles.Executive);
        var client = factory.CreateHttpsClient();
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(client, "bloccato@pdo.local", "tentativo-sbagliato");
        }

        var response = await LoginAsync(client, "bloccato@pdo.local", PdoWebFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AccountController.SignInFailed, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/piani")).StatusCode);
    }

    [Fact]
    public async Task EndsTheSessionGivenTheUserIsDisabled()
    {
        var user = await factory.CreateUserAsync("da.disattivare@pdo.local", Roles.Executive);
        var client = factory.CreateHttpsClient();
        await LoginAsync(client, "da.disattivare@pdo.local", PdoWebFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/piani")).StatusCode);

        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var disable = await PdoWebFactory.PostFormAsync(admin, $"/amministrazione/utenti/{user.Id}", $"/amministrazione/utenti/{user.Id}/disattiva", []);
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);

        var after = await client.GetAsync("/piani");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/accesso", after.Headers.Location!.ToString());
        var again = await LoginAsync(factory.CreateHttpsClient(), "da.disattivare@pdo.local", PdoWebFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task RejectsAPostGivenNoAntiforgeryToken()
    {
        var client = await factory.CreateClientAsAsync(Roles.Administrator);

        var response = await client.PostAsync("/amministrazione/utenti/nuovo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["FullName"] = "Senza Token",
            ["Email"] = "senza.token@pdo.local",
            ["Roles"] = Roles.Executive,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("senza.token@pdo.local"));
    }

    [Fact]
    public async Task CreatesAUserWhoSetsAPasswordThroughTheOneTimeLinkGivenAnAdministrator()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var directorateId = await factory.WithDbAsync(db => Task.FromResult(db.Directorates.Single(d => d.Code == "CULTURA").Id));

        var created = await PdoWebFactory.PostFormAsync(admin, "/amministrazione/utenti/nuovo", "/amministrazione/utenti/nuovo",
        [
            new("FullName", "Nuova Direttrice"),
            new("Email", "nuova.direttrice@pdo.local"),
            new("Roles", Roles.DirectorateManager),
            new("DirectorateIds", directorateId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);

        var html = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var link = System.Text.RegularExpressions.Regex.Match(html, "value=\"(https://localhost/accesso/imposta-password[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(link);
        var visitor = factory.CreateHttpsClient();
        var url = new Uri(System.Net.WebUtility.HtmlDecode(link));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query);
        var set = await PdoWebFactory.PostFormAsync(visitor, url.PathAndQuery, "/accesso/imposta-password",
        [
            new("UserId", query["utente"].ToString()),
            new("Token", query["token"].ToString()),
            new("Password", "Una-password-lunga-2020"),
            new("ConfirmPassword", "Una-password-lunga-2020"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var login = await LoginAsync(visitor, "nuova.direttrice@pdo.local", "Una-password-lunga-2020");
        Assert.Equal("/piani/2019/cruscotto?direzione=CULTURA", login.Headers.Location!.OriginalString);

        var reuse = await PdoWebFactory.PostFormAsync(factory.CreateHttpsClient(), url.PathAndQuery, "/accesso/imposta-password",
        [
            new("UserId", query["utente"].ToString()),
            new("Token", query["token"].ToString()),
            new("Password", "Altra-password-lunga-2020"),
            new("ConfirmPassword", "Altra-password-lunga-2020"),
        ]);
        Assert.Contains("non è valido o è già stato usato", await reuse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RefusesAShortPasswordGivenTheOneTimeLink()
    {
        var user = await factory.CreateUserAsync("password.corta@pdo.local", Roles.Executive);
        string token;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            token = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().GeneratePasswordResetTokenAsync(user);
        }

        var page = $"/accesso/imposta-password?utente={user.Id}&token={Uri.EscapeDataString(token)}";
        var response = await PdoWebFactory.PostFormAsync(factory.CreateHttpsClient(), page, "/accesso/imposta-password",
            [new("UserId", user.Id), new("Token", token), new("Password", "corta"), new("ConfirmPassword", "corta")]);

        Assert.Contains("almeno 12 caratteri", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreatesTheFirstAdministratorOnceGivenTheSetupLink()
    {
        var token = factory.Services.GetRequiredService<SetupTokenStore>().Issue();
        var client = factory.CreateHttpsClient();

        var response = await PdoWebFactory.PostFormAsync(client, $"/configurazione-iniziale?token={token}", "/configurazione-iniziale",
        [
            new("Token", token),
            new("FullName", "Prima Amministratrice"),
            new("Email", "prima.admin@pdo.local"),
            new("Password", "Password-amministratore-1"),
            new("ConfirmPassword", "Password-amministratore-1"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateHttpsClient().GetAsync($"/configurazione-iniziale?token={token}")).StatusCode);
        var login = await LoginAsync(factory.CreateHttpsClient(), "prima.admin@pdo.local", "Password-amministratore-1");
        Assert.Equal("/accesso/sicurezza/autenticatore", login.Headers.Location!.OriginalString); // an administrator enrols a second factor first
    }

    [Fact]
    public async Task AnswersNotFoundGivenAWrongSetupToken()
    {
        var response = await factory.CreateHttpsClient().GetAsync("/configurazione-iniziale?token=sbagliato");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SetsSecureHttpOnlyCookiesGivenASignIn()
    {
        await factory.CreateUserAsync("cookie@pdo.local", Roles.Executive);

        var response = await LoginAsync(factory.CreateHttpsClient(), "cookie@pdo.local", PdoWebFactory.DemoPassword);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Pdo.Auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("secure", cookie);
        Assert.Contains("samesite=lax", cookie);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        PdoWebFactory.PostFormAsync(client, "/accesso", "/accesso", [new("Email", email), new("Password", password)]);
}
