using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Pdo.Web.Tests.Support;

/// <summary>
/// A browser over https whose cookies the test can copy (to replay them from another client), signing in through
/// the real pages. It does not follow redirects.
/// </summary>
public sealed partial class Browser
{
    private static readonly Uri Origin = new("https://localhost");

    private Browser(PdoWebFactory factory, CookieContainer cookies)
    {
        Factory = factory;
        Cookies = cookies;
        Client = factory.CreateDefaultClient(Origin, new CookieContainerHandler(cookies));
    }

    public PdoWebFactory Factory { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Client { get; }

    public static Browser Open(PdoWebFactory factory) => new(factory, new CookieContainer());

    /// <summary>A new browser that has a copy of this one's cookies (an attacker who saved them).</summary>
    public Browser Copy()
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in Cookies.GetAllCookies())
        {
            copy.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain) { Secure = cookie.Secure, HttpOnly = cookie.HttpOnly });
        }

        return new Browser(Factory, copy);
    }

    /// <summary>Posts the sign-in form (e-mail and password).</summary>
    public Task<HttpResponseMessage> SignInAsync(string email, string password = PdoWebFactory.DemoPassword) =>
        PdoWebFactory.PostFormAsync(Client, "/accesso", "/accesso", [new("Email", email), new("Password", password)]);

    /// <summary>Signs in with the password and, when asked, the authenticator code computed from <paramref name="authenticatorKey"/>.</summary>
    public async Task<HttpResponseMessage> SignInWithCodeAsync(string email, string authenticatorKey)
    {
        var password = await SignInAsync(email);
        Assert.Equal("/accesso/codice", password.Headers.Location?.OriginalString.Split('?')[0]);
        return await PdoWebFactory.PostFormAsync(Client, "/accesso/codice", "/accesso/codice", [new("Code", await Totp.NextCodeAsync(authenticatorKey))]);
    }

    public Task<HttpResponseMessage> SignOutAsync() => PdoWebFactory.PostFormAsync(Client, "/accesso", "/accesso/esci", []);

    /// <summary>Opens the enrolment page, reads the key shown for manual entry and confirms it with the current code; returns the key and the page of recovery codes.</summary>
    public async Task<(string Key, string RecoveryPage)> EnrolAuthenticatorAsync()
    {
        var page = await Client.GetStringAsync("/accesso/sicurezza/autenticatore");
        var key = KeyPattern().Match(page);
        Assert.True(key.Success, "No authenticator key on the enrolment page");
        var shared = key.Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var response = await Client.PostAsync("/accesso/sicurezza/autenticatore", new FormUrlEncodedContent(
            [new("Form.Code", await Totp.NextCodeAsync(shared)), new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (shared, await response.Content.ReadAsStringAsync());
    }

    public static IReadOnlyList<string> RecoveryCodes(string page) =>
        [.. RecoveryCodePattern().Matches(page).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<code id=\"chiave-autenticatore\"[^>]*>([a-z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCodePattern();
}
