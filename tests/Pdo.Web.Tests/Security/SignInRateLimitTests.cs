using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

/// <summary>Sign-in, the second-factor step and the one-time links are limited per client address (ASVS 6.3.1).</summary>
public sealed class SignInRateLimitTests(SignInRateLimitTests.LimitedFactory factory) : IClassFixture<SignInRateLimitTests.LimitedFactory>
{
    [Fact]
    public async Task AnswersTooManyRequestsInItalianGivenMoreSignInsThanTheLimitFromOneAddress()
    {
        var client = ClientFrom("10.0.0.1");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < LimitedFactory.Permits; i++)
        {
            answers.Add((await SignInAsync(client)).StatusCode);
        }

        var refused = await SignInAsync(client);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"it\">", page);
        Assert.Contains("Troppi tentativi", page);
    }

    [Fact]
    public async Task AnswersOtherAddressesGivenOneAddressOverTheLimit()
    {
        var noisy = ClientFrom("10.0.0.2");
        for (var i = 0; i <= LimitedFactory.Permits; i++)
        {
            await SignInAsync(noisy);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(noisy)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(ClientFrom("10.0.0.3"))).StatusCode);
    }

    [Theory]
    [InlineData("/configurazione-iniziale?token=indovinato")]
    [InlineData("/accesso/imposta-password?utente=x&token=indovinato")]
    public async Task AnswersTooManyRequestsGivenTooManyTriesOfAOneTimeLink(string url)
    {
        var client = ClientFrom(url.StartsWith("/configurazione", StringComparison.Ordinal) ? "10.0.0.4" : "10.0.0.5");
        for (var i = 0; i < LimitedFactory.Permits; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task AnswersTheItalianPageGivenAPostOverTheLimitWithoutAValidForm()
    {
        var client = ClientFrom("10.0.0.6");
        for (var i = 0; i < LimitedFactory.Permits; i++)
        {
            await client.PostAsync("/accesso/codice", new FormUrlEncodedContent([new("Code", "123456")]));
        }

        var refused = await client.PostAsync("/accesso/codice", new FormUrlEncodedContent([new("Code", "123456")]));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Troppi tentativi", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }

    private HttpClient ClientFrom(string address)
    {
        var client = factory.CreateHttpsClient();
        client.DefaultRequestHeaders.Add(LimitedFactory.AddressHeader, address);
        return client;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client) =>
        PdoWebFactory.PostFormAsync(client, "/accesso", "/accesso", [new("Email", "qualcuno@pdo.local"), new("Password", "Tentativo-di-accesso-1")]);

    /// <summary>A limit of <see cref="Permits"/> a minute; each request comes from the address in <see cref="AddressHeader"/>.</summary>
    public sealed class LimitedFactory : PdoWebFactory
    {
        public const int Permits = 3;
        public const string AddressHeader = "X-Test-Address";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:SignInRateLimit:PermitLimit", Permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
        }

        private sealed class ClientAddressFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (context.Request.Headers.TryGetValue(AddressHeader, out var address))
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    }

                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
