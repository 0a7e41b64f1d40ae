using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

/// <summary>Sign-in with an authenticator app (TOTP) or a recovery code; required for administrators (ASVS 6.3.3, 6.5, 6.6).</summary>
public sealed class TwoFactorTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task SignsInWithTheAppsCodeGivenAUserWhoEnrolledWithTheKeyShownOnTheEnrolmentPage()
    {
        await factory.CreateUserAsync("totp@pdo.local", Roles.Executive);
        var browser = Browser.Open(factory);
        await browser.SignInAsync("totp@pdo.local");

        var enrolment = await browser.Client.GetStringAsync("/accesso/sicurezza/autenticatore");
        var (key, recoveryPage) = await browser.EnrolAuthenticatorAsync();
        await browser.SignOutAsync();
        var password = await Browser.Open(factory).SignInAsync("totp@pdo.local");
        var again = Browser.Open(factory);
        var signedIn = await again.SignInWithCodeAsync("totp@pdo.local", key);

        Assert.Contains("<img src=\"data:image/png;base64,", enrolment);
        Assert.Contains("autocomplete=\"one-time-code\"", enrolment);
        Assert.Contains("inputmode=\"numeric\"", enrolment);
        Assert.Equal(10, Browser.RecoveryCodes(recoveryPage).Count);
        Assert.Equal("/accesso/codice", password.Headers.Location!.OriginalString.Split('?')[0]); // the password alone is not enough
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/piani", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/piani")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == SecurityAuditLog.EntityType && a.Field == nameof(SecurityEvent.TwoFactorEnabled))));
    }

    [Fact]
    public async Task RefusesAWrongCodeGivenTheCodeStepOfTheSignIn()
    {
        var key = await factory.CreateEnrolledUserAsync("codice.errato@pdo.local", Roles.Executive);
        var browser = Browser.Open(factory);
        await browser.SignInAsync("codice.errato@pdo.local");

        var wrong = await PdoWebFactory.PostFormAsync(browser.Client, "/accesso/codice", "/accesso/codice", [new("Code", WrongCode(key))]);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Il codice non è valido", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/piani")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Field == nameof(SecurityEvent.TwoFactorFailed) && a.EntityKey.Contains("codice.errato@pdo.local"))));
    }

    [Fact]
    public async Task RefusesACodeAlreadyUsedGivenASecondSignInWithIt()
    {
        var key = await factory.CreateEnrolledUserAsync("codice.riusato@pdo.local", Roles.Executive);
        var code = Totp.Now(key);
        var first = Browser.Open(factory);
        await first.SignInAsync("codice.riusato@pdo.local");
        var used = await PdoWebFactory.PostFormAsync(first.Client, "/accesso/codice", "/accesso/codice", [new("Code", code)]);
        var second = Browser.Open(factory);
        await second.SignInAsync("codice.riusato@pdo.local");

        var reused = await PdoWebFactory.PostFormAsync(second.Client, "/accesso/codice", "/accesso/codice", [new("Code", code)]);

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("Il codice non è valido", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AcceptsARecoveryCodeOnlyOnceGivenASignInWithoutTheApp()
    {
        var codes = await RecoveryCodesOfAsync("recupero@pdo.local");
        var first = Browser.Open(factory);
        await first.SignInAsync("recupero@pdo.local");
        var used = await PdoWebFactory.PostFormAsync(first.Client, "/accesso/codice-di-recupero", "/accesso/codice-di-recupero", [new("Code", codes[0])]);
        var second = Browser.Open(factory);
        await second.SignInAsync("recupero@pdo.local");
        var reused = await PdoWebFactory.PostFormAsync(second.Client, "/accesso/codice-di-recupero", "/accesso/codice-di-recupero", [new("Code", codes[0])]);

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync("/piani")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("non è valido o è già stato usato", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await second.Client.GetAsync("/piani")).StatusCode);
    }

    [Fact]
    public async Task StoresOnlySaltedHashesGivenNewRecoveryCodes()
    {
        var codes = await RecoveryCodesOfAsync("codici.protetti@pdo.local");
        var stored = (await StoredRecoveryCodesAsync("codici.protetti@pdo.local")).Split(';');

        Assert.Equal(10, stored.Length);
        Assert.All(stored, s => Assert.StartsWith("pbkdf2-sha256$", s));
        Assert.All(codes, c => Assert.DoesNotContain(stored, s => s.Contains(c, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(stored.Length, stored.Select(s => s.Split('$')[2]).Distinct().Count()); // a salt of its own each
    }

    [Fact]
    public async Task StoresTheAuthenticatorKeyEncryptedAndSignsInWithItGivenAnEnrolment()
    {
        var key = await factory.CreateEnrolledUserAsync("chiave.cifrata@pdo.local", Roles.Executive);
        var stored = await StoredTokenAsync("chiave.cifrata@pdo.local", PdoUserStore.AuthenticatorKeyToken);
        var signedIn = await Browser.Open(factory).SignInWithCodeAsync("chiave.cifrata@pdo.local", key);

        Assert.StartsWith("dp1:", stored);
        Assert.DoesNotContain(key, stored, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/piani", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task KeepsTheSameKeyEncryptedGivenAnAuthenticatorKeyAnEarlierVersionStoredInClear()
    {
        var key = await factory.CreateEnrolledUserAsync("chiave.in.chiaro@pdo.local", Roles.Executive);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "chiave.in.chiaro@pdo.local");
            var token = await db.Set<IdentityUserToken<string>>().SingleAsync(t => t.UserId == user.Id && t.Name == PdoUserStore.AuthenticatorKeyToken);
            token.Value = key; // as Identity's own store writes it
            return await db.SaveChangesAsync();
        });

        var readInClear = await AuthenticatorKeyAsync("chiave.in.chiaro@pdo.local");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().ProtectSecondFactorSecretsStoredInClearAsync();
        }

        var stored = await StoredTokenAsync("chiave.in.chiaro@pdo.local", PdoUserStore.AuthenticatorKeyToken);

        Assert.Equal(key, readInClear);
        Assert.StartsWith("dp1:", stored);
        Assert.Equal(key, await AuthenticatorKeyAsync("chiave.in.chiaro@pdo.local"));
    }

    [Fact]
    public async Task AcceptsOnceAndHashesGivenRecoveryCodesAnEarlierVersionStoredInClear()
    {
        await factory.CreateEnrolledUserAsync("codici.in.chiaro@pdo.local", Roles.Executive);
        string[] clear = ["AAAAA-11111", "BBBBB-22222", "CCCCC-33333"];
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "codici.in.chiaro@pdo.local");
            var token = await db.Set<IdentityUserToken<string>>().SingleOrDefaultAsync(t => t.UserId == user.Id && t.Name == PdoUserStore.RecoveryCodesToken);
            if (token is null)
            {
                db.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = PdoUserStore.TokenProvider, Name = PdoUserStore.RecoveryCodesToken, Value = string.Join(';', clear) });
            }
            else
            {
                token.Value = string.Join(';', clear);
            }

            return await db.SaveChangesAsync();
        });

        var redeemedInClear = await RedeemAsync("codici.in.chiaro@pdo.local", clear[0]);
        int hashed;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            hashed = await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().ProtectSecondFactorSecretsStoredInClearAsync();
        }

        var stored = (await StoredRecoveryCodesAsync("codici.in.chiaro@pdo.local")).Split(';');
        var redeemedHashed = await RedeemAsync("codici.in.chiaro@pdo.local", clear[1]);
        var reused = await RedeemAsync("codici.in.chiaro@pdo.local", clear[0]);

        Assert.True(redeemedInClear);
        Assert.True(hashed >= 1);
        Assert.Equal(2, stored.Length); // the code used is gone, the other two hashed
        Assert.All(stored, s => Assert.True(RecoveryCodeHash.IsHashed(s)));
        Assert.True(redeemedHashed);
        Assert.False(reused);
    }

    [Fact]
    public async Task ConfinesAnAdministratorWithoutASecondFactorToEnrolmentGivenASignInWithThePassword()
    {
        await factory.CreateUserAsync("admin.senza.2fa@pdo.local", Roles.Administrator);
        var browser = Browser.Open(factory);

        var signIn = await browser.SignInAsync("admin.senza.2fa@pdo.local");
        var users = await browser.Client.GetAsync("/amministrazione/utenti");
        var plans = await browser.Client.GetAsync("/piani");
        var security = await browser.Client.GetAsync("/accesso/sicurezza");
        var post = await PdoWebFactory.PostFormAsync(browser.Client, "/accesso/sicurezza/autenticatore", "/amministrazione/utenti/nuovo", [new("FullName", "Non creato"), new("Email", "non.creato@pdo.local"), new("Roles", Roles.Executive)]);
        var enrolment = await browser.Client.GetAsync("/accesso/sicurezza/autenticatore");

        Assert.Equal("/accesso/sicurezza/autenticatore", signIn.Headers.Location!.OriginalString);
        Assert.All([users, plans, security], r => Assert.Equal("/accesso/sicurezza/autenticatore", r.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enrolment.StatusCode);
        Assert.Contains("obbligatoria", WebUtility.HtmlDecode(await enrolment.Content.ReadAsStringAsync()));

        await browser.EnrolAuthenticatorAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/amministrazione/utenti")).StatusCode);
    }

    [Fact]
    public async Task KeepsTheSecondFactorGivenAnAdministratorWhoTriesToDisableIt()
    {
        var key = await factory.CreateEnrolledUserAsync("admin.con.2fa@pdo.local", Roles.Administrator);
        var browser = Browser.Open(factory);
        await browser.SignInWithCodeAsync("admin.con.2fa@pdo.local", key);

        await PdoWebFactory.PostFormAsync(browser.Client, "/accesso/sicurezza", "/accesso/sicurezza/disattiva", []);

        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "admin.con.2fa@pdo.local").Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/amministrazione/utenti")).StatusCode);
    }

    [Fact]
    public async Task SignsInWithThePasswordAloneGivenAUserWhoDisabledTheSecondFactor()
    {
        var key = await factory.CreateEnrolledUserAsync("disattiva.2fa@pdo.local", Roles.PlanningOffice);
        var browser = Browser.Open(factory);
        await browser.SignInWithCodeAsync("disattiva.2fa@pdo.local", key);

        var disabled = await PdoWebFactory.PostFormAsync(browser.Client, "/accesso/sicurezza", "/accesso/sicurezza/disattiva", []);
        var password = await Browser.Open(factory).SignInAsync("disattiva.2fa@pdo.local");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/accesso/sicurezza")).StatusCode);
        Assert.Equal("/piani", password.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ShowsNewRecoveryCodesThatReplaceTheOldGivenARegeneration()
    {
        var key = await factory.CreateEnrolledUserAsync("nuovi.codici@pdo.local", Roles.Executive);
        var old = await RecoveryCodesOfAsync("nuovi.codici@pdo.local", enrol: false);
        var browser = Browser.Open(factory);
        await browser.SignInWithCodeAsync("nuovi.codici@pdo.local", key);

        var page = await PdoWebFactory.PostFormAsync(browser.Client, "/accesso/sicurezza", "/accesso/sicurezza/codici-di-recupero", []);
        var codes = Browser.RecoveryCodes(await page.Content.ReadAsStringAsync());

        Assert.Equal(10, codes.Count);
        Assert.Empty(codes.Intersect(old));
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task RemovesTheSecondFactorGivenAPasswordSetThroughTheAdministratorsOneTimeLink()
    {
        await factory.CreateEnrolledUserAsync("telefono.perso@pdo.local", Roles.Executive);
        string userId, token;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync("telefono.perso@pdo.local"))!;
            (userId, token) = (user.Id, await users.GeneratePasswordResetTokenAsync(user));
        }

        var page = $"/accesso/imposta-password?utente={userId}&token={Uri.EscapeDataString(token)}";
        await PdoWebFactory.PostFormAsync(factory.CreateHttpsClient(), page, "/accesso/imposta-password",
            [new("UserId", userId), new("Token", token), new("Password", "Nuova-frase-segreta-77"), new("ConfirmPassword", "Nuova-frase-segreta-77")]);
        var signIn = await Browser.Open(factory).SignInAsync("telefono.perso@pdo.local", "Nuova-frase-segreta-77");

        Assert.Equal("/piani", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SetsOnlyASecureStrictStepCookieGivenTheRightPasswordOfAUserWithTheSecondFactor()
    {
        await factory.CreateEnrolledUserAsync("cookie.passo@pdo.local", Roles.Executive);

        var password = await Browser.Open(factory).SignInAsync("cookie.passo@pdo.local");

        var cookies = password.Headers.GetValues("Set-Cookie").ToList();
        Assert.DoesNotContain(cookies, c => c.StartsWith("Pdo.Auth=", StringComparison.Ordinal));
        var step = cookies.Single(c => c.StartsWith(IdentityConstants.TwoFactorUserIdScheme + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", step);
        Assert.Contains("secure", step);
        Assert.Contains("samesite=strict", step);
    }

    [Fact]
    public async Task LinksTheAccountSecurityPageGivenAnySignedInUser()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        var html = await client.GetStringAsync("/piani");

        Assert.Contains("href=\"/accesso/sicurezza\"", html);
    }

    private Task<string> StoredRecoveryCodesAsync(string email) => StoredTokenAsync(email, PdoUserStore.RecoveryCodesToken);

    private Task<string> StoredTokenAsync(string email, string name) =>
        factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return (await db.Set<IdentityUserToken<string>>().AsNoTracking()
                .SingleAsync(t => t.UserId == user.Id && t.LoginProvider == PdoUserStore.TokenProvider && t.Name == name)).Value ?? string.Empty;
        });

    private async Task<string?> AuthenticatorKeyAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!);
    }

    private async Task<bool> RedeemAsync(string email, string code)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.RedeemTwoFactorRecoveryCodeAsync((await users.FindByEmailAsync(email))!, code)).Succeeded;
    }

    private async Task<List<string>> RecoveryCodesOfAsync(string email, bool enrol = true)
    {
        if (enrol)
        {
            await factory.CreateEnrolledUserAsync(email, Roles.Executive);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(email))!, 10))!];
    }

    /// <summary>A code that is none of the codes Identity accepts now (the neighbouring 30-second steps included).</summary>
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }
}
