using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Api;

/// <summary>The read-only API /api/v1 against its own OpenAPI document, its 404 problems, caching and CORS.</summary>
public sealed class PublicApiTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task DocumentsOnlyTheApiWithDescriptionsGivenTheOpenApiDocument()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("v1", (string?)document["info"]!["version"]);
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", (string?)document["info"]!["license"]!["url"]);
        var paths = document["paths"]!.AsObject();
        Assert.Equal(
            ["/api/v1/plans", "/api/v1/plans/{year}", "/api/v1/plans/{year}/objectives", "/api/v1/plans/{year}/objectives/{code}"],
            paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (path, item) in paths)
        {
            var get = item!["get"]!;
            Assert.False(string.IsNullOrWhiteSpace((string?)get["description"]), path);
            Assert.NotNull(get["responses"]!["200"]!["content"]!["application/json"]!["schema"]);
            Assert.True(path == "/api/v1/plans" || get["responses"]!["404"] is not null, path);
        }
    }

    [Fact]
    public async Task AnswersEveryDocumentedOperationWithTheSchemasRequiredPropertiesGiven2019()
    {
        var client = factory.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/api/v1/openapi.json"))!;
        var checkedProperties = 0;

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var url = path.Replace("{year}", "2019", StringComparison.Ordinal).Replace("{code}", "SOL-04", StringComparison.Ordinal);
            var response = await client.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            var schema = item!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
            checkedProperties += OpenApiSchema.Check(document, schema, body, url);
        }

        Assert.True(checkedProperties > 100, $"only {checkedProperties} required properties checked: the document lists too few");
    }

    [Fact]
    public async Task ExplainsEachScoreAsTheObjectivePageDoesGivenAnObjective()
    {
        var objective = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/v1/plans/2019/objectives/SOL-04"))!;
        var page = WebUtility.HtmlDecode(await (await factory.CreateClientAsAsync(Roles.Executive)).GetStringAsync("/piani/2019/obiettivi/SOL-04?periodo=FIN"));

        var kpi = objective["kpis"]!.AsArray().Single(k => (string?)k!["code"] == "SOL-04.1")!;
        Assert.Equal(("<=", "-1.5"), ((string?)kpi["comparator"], (string?)kpi["target"]));
        var final = kpi["results"]!.AsArray().Single(r => (string?)r!["period"] == "FIN")!;
        Assert.Equal("-1.6", (string?)final["actual"]);
        var explanation = final["score"]!["explanation"]!;
        Assert.Contains((string)explanation["formula"]!, page);
        Assert.Contains((string)explanation["summary"]!, page);
        Assert.Equal((string?)objective["score"]!["display"], (string?)JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/v1/plans/2019/objectives"))!
            ["objectives"]!.AsArray().Single(o => (string?)o!["code"] == "SOL-04")!["score"]!["display"]);
        Assert.Equal(2, kpi["results"]!.AsArray().Count);
    }

    [Fact]
    public async Task ListsTheApprovedPlanWithItsRollUpsGivenThePlan()
    {
        var plan = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/v1/plans/2019"))!;

        Assert.Equal("Delibera di Giunta n. 501 del 14/04/2020", (string?)plan["approval_act"]!["text"]);
        Assert.Equal("2020-04-14", (string?)plan["approval_act"]!["date"]);
        Assert.Equal(12, plan["objectives"]!.AsArray().Count);
        Assert.Contains("CASA", plan["directorates"]!.AsArray().Select(d => (string?)d!["code"]));
        Assert.Equal("raggiunto", (string?)plan["score"]!["status"]);
        Assert.Equal(100m, (decimal?)plan["score"]!["value"]);
    }

    [Theory]
    [InlineData("/api/v1/plans/2018", "Piano non trovato")]
    [InlineData("/api/v1/plans/2018/objectives", "Piano non trovato")]
    [InlineData("/api/v1/plans/2018/objectives/SOL-04", "Obiettivo non trovato")]
    [InlineData("/api/v1/plans/2017", "Piano non trovato")]
    [InlineData("/api/v1/plans/2031", "Piano non trovato")]
    [InlineData("/api/v1/plans/2019/objectives/NONESISTE", "Obiettivo non trovato")]
    public async Task AnswersAnItalianNotFoundProblemGivenADraftOrMonitoringYearOrAnUnknownCode(string url, string title)
    {
        await ImportOnceAsync(2018, "Draft");
        await ImportOnceAsync(2017, "Monitoring");

        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(title, (string?)problem["title"]);
        Assert.Equal(404, (int?)problem["status"]);
        Assert.Contains("approvat", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AnswersNotModifiedGivenTheETagOfTheLastAnswer()
    {
        var client = factory.CreateClient();
        var first = await client.GetAsync("/api/v1/plans/2019");
        var tag = first.Headers.ETag!;

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans/2019");
        request.Headers.IfNoneMatch.Add(tag);
        var second = await client.SendAsync(request);

        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromMinutes(5), first.Headers.CacheControl.MaxAge);
        Assert.Equal(["<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\""], first.Headers.GetValues("Link"));
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, second.Headers.ETag);

        var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans/2019");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"un-altro\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task AllowsAReadFromAnyOriginGivenACrossOriginRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans");
        request.Headers.Add("Origin", "https://esempio.invalid");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["*"], response.Headers.GetValues("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task NamesNoUserGivenEveryAnswer()
    {
        var client = factory.CreateClient();
        foreach (var url in new[] { "/api/v1/plans", "/api/v1/plans/2019", "/api/v1/plans/2019/objectives", "/api/v1/plans/2019/objectives/DIR-CASA-01" })
        {
            var body = await client.GetStringAsync(url);
            Assert.DoesNotContain("@pdo.local", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("recorded_by", body, StringComparison.Ordinal);
            Assert.DoesNotContain("confirmed_by", body, StringComparison.Ordinal);
        }
    }

    private async Task ImportOnceAsync(int year, string status)
    {
        var exists = await factory.WithDbAsync(db => Task.FromResult(db.Plans.Any(p => p.Year == year)));
        if (!exists)
        {
            await factory.ImportPlanAsync(SeedPlanJson.AsYear(year, status, openPeriod: status == "Monitoring" ? "INT" : null));
        }
    }
}
