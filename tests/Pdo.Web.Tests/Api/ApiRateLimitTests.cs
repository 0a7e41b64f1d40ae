using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Api;

/// <summary>The API is limited per client address (<c>Api:RateLimit:*</c>): beyond it a 429 problem in Italian.</summary>
public sealed class ApiRateLimitTests(ApiRateLimitTests.LimitedFactory factory) : IClassFixture<ApiRateLimitTests.LimitedFactory>
{
    [Fact]
    public async Task AnswersTooManyRequestsWithAnItalianProblemGivenMoreRequestsThanTheLimit()
    {
        var client = factory.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < LimitedFactory.Permits; i++)
        {
            answers.Add((await client.GetAsync(i % 2 == 0 ? "/api/v1/plans" : "/api/v1/openapi.json")).StatusCode);
        }

        var refused = await client.GetAsync("/api/v1/plans/2019");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("Troppe richieste", (string?)problem["title"]);
        Assert.Equal(429, (int?)problem["status"]);
        Assert.Contains("limite di 3 richieste", (string?)problem["detail"]);

        // The open-data pages are not under the API's limit.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/opendata/pdo-2019.csv")).StatusCode);
    }

    /// <summary>A limit of <see cref="Permits"/> API requests a minute.</summary>
    public sealed class LimitedFactory : PdoWebFactory
    {
        public const int Permits = 3;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Api:RateLimit:PermitLimit", Permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
