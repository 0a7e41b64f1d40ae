using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Accounts;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

/// <summary>A stranger cannot tell from the answer, nor from its time, whether an e-mail has an account (ASVS 6.3.8).</summary>
public sealed partial class SignInEnumerationTests(SignInEnumerationTests.CountingHasherFactory factory) : IClassFixture<SignInEnumerationTests.CountingHasherFactory>
{
    [Fact]
    public async Task AnswersTheSameGivenAnUnknownEmailOrAWrongPassword()
    {
        await factory.CreateUserAsync("esistente@pdo.local", Roles.Executive);

        var unknown = await Browser.Open(factory).SignInAsync("nessuno@pdo.local", "Una-password-qualsiasi-9");
        var wrong = await Browser.Open(factory).SignInAsync("esistente@pdo.local", "Una-password-qualsiasi-9");

        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var unknownPage = Normalized(await unknown.Content.ReadAsStringAsync(), "nessuno@pdo.local");
        var wrongPage = Normalized(await wrong.Content.ReadAsStringAsync(), "esistente@pdo.local");
        Assert.Equal(unknownPage, wrongPage);
        Assert.Contains(AccountController.SignInFailed, WebUtility.HtmlDecode(wrongPage));
    }

    [Fact]
    public async Task AnswersTheSameGivenALockedOrADisabledAccount()
    {
        var locked = await factory.CreateUserAsync("bloccato.enum@pdo.local", Roles.Executive);
        var disabled = await factory.CreateUserAsync("disattivato.enum@pdo.local", Roles.Executive);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id))!, DateTimeOffset.UtcNow.AddMinutes(15));
            var user = (await users.FindByIdAsync(disabled.Id))!;
            user.IsDisabled = true;
            await users.UpdateAsync(user);
        }

        var unknown = Normalized(await (await Browser.Open(factory).SignInAsync("sconosciuto.enum@pdo.local")).Content.ReadAsStringAsync(), "sconosciuto.enum@pdo.local");
        var lockedPage = Normalized(await (await Browser.Open(factory).SignInAsync("bloccato.enum@pdo.local")).Content.ReadAsStringAsync(), "bloccato.enum@pdo.local");
        var disabledPage = Normalized(await (await Browser.Open(factory).SignInAsync("disattivato.enum@pdo.local")).Content.ReadAsStringAsync(), "disattivato.enum@pdo.local");

        Assert.Equal(unknown, lockedPage);
        Assert.Equal(unknown, disabledPage);
    }

    [Theory]
    [InlineData("mai.visto@pdo.local")]
    [InlineData("hasher.esistente@pdo.local")]
    public async Task ChecksAPasswordHashGivenAnyEmail(string email)
    {
        if (email.StartsWith("hasher.", StringComparison.Ordinal))
        {
            await factory.CreateUserAsync(email, Roles.Executive);
        }

        var browser = Browser.Open(factory);
        await browser.Client.GetStringAsync("/accesso");
        factory.Hasher.Reset();
        await PdoWebFactory.PostFormAsync(browser.Client, "/accesso", "/accesso", [new("Email", email), new("Password", "Una-password-sbagliata-3")]);

        // The time of the answer is the time of one hash check, account or not (no timer: a count of the work done).
        Assert.Equal(1, factory.Hasher.Verifications);
    }

    /// <summary>The page without what legitimately differs: the e-mail typed back into the form and the antiforgery token.</summary>
    private static string Normalized(string html, string email) =>
        AntiforgeryValue().Replace(html.Replace(email, "E-MAIL", StringComparison.Ordinal), "TOKEN");

    [GeneratedRegex("value=\"CfDJ8[^\"]+\"")]
    private static partial Regex AntiforgeryValue();

    /// <summary>The portal with a password hasher that counts its checks.</summary>
    public sealed class CountingHasherFactory : PdoWebFactory
    {
        public CountingPasswordHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(Hasher));
        }
    }

    public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public void Reset() => Interlocked.Exchange(ref _verifications, 0);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
