using System.Net;
using System.Text.Json.Nodes;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.OpenData;

/// <summary>The DCAT-AP_IT catalogue (JSON-LD) that dati.gov.it harvests: every required property, approved plans only.</summary>
public sealed class DcatCatalogueTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private const string Base = "https://localhost";

    [Fact]
    public async Task DescribesTheCatalogueAndItsPublisherGivenTheJsonLd()
    {
        var response = await factory.CreateClient().GetAsync("/opendata/catalogo.jsonld");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\""], response.Headers.GetValues("Link"));
        var catalogue = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var context = catalogue["@context"]!.AsObject();
        Assert.Equal("http://dati.gov.it/onto/dcatapit#", (string?)context["dcatapit"]);
        Assert.Equal("http://www.w3.org/ns/dcat#", (string?)context["dcat"]);
        Assert.Equal("http://purl.org/dc/terms/", (string?)context["dct"]);
        Assert.Contains("dcatapit:Catalog", Types(catalogue));
        Assert.Contains("Comune di Milano", Text(catalogue["dct:title"]));
        Assert.False(string.IsNullOrWhiteSpace(Text(catalogue["dct:description"])));
        AssertAgent(catalogue["dct:publisher"]);
        Assert.Equal("2020-04-14", (string?)catalogue["dct:issued"]!["@value"]);
        Assert.Equal("xsd:date", (string?)catalogue["dct:modified"]!["@type"]);
        Assert.Equal($"{Base}/opendata", Id(catalogue["foaf:homepage"]));
        Assert.Equal("http://publications.europa.eu/resource/authority/language/ITA", Id(catalogue["dct:language"]));
        Assert.NotEmpty(catalogue["dcat:dataset"]!.AsArray());
    }

    [Fact]
    public async Task DescribesEachDatasetWithTheRequiredPropertiesGivenTheApproved2019Plan()
    {
        var dataset = (await DatasetsAsync()).Single(d => (string?)d["dct:identifier"] == "c_f205:pdo-2019");

        Assert.Contains("dcatapit:Dataset", Types(dataset));
        Assert.Contains("2019", Text(dataset["dct:title"]));
        Assert.Contains("35 KPI", Text(dataset["dct:description"]));
        Assert.Equal("http://publications.europa.eu/resource/authority/data-theme/GOVE", Id(dataset["dcat:theme"]));
        Assert.Contains("piano degli obiettivi", dataset["dcat:keyword"]!.AsArray().Select(Text));
        AssertAgent(dataset["dct:publisher"]);
        AssertAgent(dataset["dct:rightsHolder"]);
        var contact = dataset["dcat:contactPoint"]!;
        Assert.Contains("dcatapit:Organization", Types(contact));
        Assert.Equal("mailto:opendata@comune.milano.it", Id(contact["vcard:hasEmail"]));
        Assert.Equal("http://publications.europa.eu/resource/authority/frequency/ANNUAL", Id(dataset["dct:accrualPeriodicity"]));
        Assert.Equal("2020-04-14", (string?)dataset["dct:issued"]!["@value"]);
        Assert.True(string.CompareOrdinal((string?)dataset["dct:modified"]!["@value"], "2020-04-14") >= 0);
        var temporal = dataset["dct:temporal"]!;
        Assert.Equal("dct:PeriodOfTime", (string?)temporal["@type"]);
        Assert.Equal(("2019-01-01", "2019-12-31"), ((string?)temporal["dcat:startDate"]!["@value"], (string?)temporal["dcat:endDate"]!["@value"]));
        Assert.Equal("http://publications.europa.eu/resource/authority/language/ITA", Id(dataset["dct:language"]));
    }

    [Fact]
    public async Task DescribesEachDistributionWithAnAbsoluteDownloadAndTheLicenceGivenTheApproved2019Plan()
    {
        var dataset = (await DatasetsAsync()).Single(d => (string?)d["dct:identifier"] == "c_f205:pdo-2019");
        var distributions = dataset["dcat:distribution"]!.AsArray();

        Assert.Equal(
            [$"{Base}/opendata/pdo-2019.csv", $"{Base}/opendata/pdo-2019-excel.csv", $"{Base}/opendata/pdo-2019.json"],
            distributions.Select(d => Id(d!["dcat:downloadURL"])));
        Assert.Equal(
            ["http://publications.europa.eu/resource/authority/file-type/CSV", "http://publications.europa.eu/resource/authority/file-type/CSV", "http://publications.europa.eu/resource/authority/file-type/JSON"],
            distributions.Select(d => Id(d!["dct:format"])));
        var client = factory.CreateClient();
        foreach (var distribution in distributions)
        {
            Assert.Contains("dcatapit:Distribution", Types(distribution!));
            Assert.False(string.IsNullOrWhiteSpace(Text(distribution!["dct:title"])));
            Assert.Equal($"{Base}/opendata", Id(distribution["dcat:accessURL"]));
            Assert.StartsWith("https://www.iana.org/assignments/media-types/", Id(distribution["dcat:mediaType"]));
            var license = distribution["dct:license"]!;
            Assert.Equal("https://creativecommons.org/licenses/by/4.0/", Id(license));
            Assert.Contains("dcatapit:LicenseDocument", Types(license));
            Assert.Equal("http://purl.org/adms/licencetype/Attribution", Id(license["dct:type"]));
            Assert.Equal("Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)", Text(license["foaf:name"]));

            // The download answers, and with the media type the catalogue states.
            var download = await client.GetAsync(new Uri(Id(distribution["dcat:downloadURL"])).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.EndsWith(download.Content.Headers.ContentType!.MediaType!, Id(distribution["dcat:mediaType"]));
        }
    }

    [Fact]
    public async Task ListsNoDatasetGivenPlansInMonitoringAndInBozza()
    {
        await factory.ImportPlanAsync(SeedPlanJson.AsYear(2017, "Monitoring", openPeriod: "INT", keepResults: true));
        await factory.ImportPlanAsync(SeedPlanJson.AsYear(2018, "Draft"));

        var identifiers = (await DatasetsAsync()).Select(d => (string?)d["dct:identifier"]).ToList();

        Assert.Contains("c_f205:pdo-2019", identifiers);
        Assert.DoesNotContain("c_f205:pdo-2017", identifiers);
        Assert.DoesNotContain("c_f205:pdo-2018", identifiers);
    }

    [Fact]
    public async Task SaysTheSameInTurtleGivenTheTurtleCatalogue()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/opendata/catalogo.ttl");
        var turtle = await response.Content.ReadAsStringAsync();
        var datasets = await DatasetsAsync();

        Assert.Equal("text/turtle", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("@prefix dcatapit: <http://dati.gov.it/onto/dcatapit#> .", turtle);
        Assert.Contains($"\n<{Base}/opendata/catalogo.jsonld>\n    a dcat:Catalog, dcatapit:Catalog ;", turtle);
        Assert.Contains("dct:identifier \"c_f205\"", turtle);
        foreach (var dataset in datasets)
        {
            Assert.Contains($"\n<{Id(dataset)}>\n    a dcat:Dataset, dcatapit:Dataset ;", turtle);
            Assert.Contains($"dct:identifier \"{(string?)dataset["dct:identifier"]}\"", turtle);
            foreach (var distribution in dataset["dcat:distribution"]!.AsArray())
            {
                Assert.Contains($"\n<{Id(distribution)}>\n    a dcat:Distribution, dcatapit:Distribution ;", turtle);
                Assert.Contains($"dcat:downloadURL <{Id(distribution!["dcat:downloadURL"])}>", turtle);
            }
        }

        Assert.Contains("dcat:startDate \"2019-01-01\"^^xsd:date", turtle);
        Assert.Contains("foaf:name \"Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)\"@it", turtle);
        // The agent and the licence are written once, then referenced.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(turtle, $"\n<{System.Text.RegularExpressions.Regex.Escape(Base)}/opendata/catalogo.jsonld#ente>\n"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(turtle, "\n<https://creativecommons.org/licenses/by/4.0/>\n"));
    }

    private async Task<List<JsonNode>> DatasetsAsync()
    {
        var catalogue = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/opendata/catalogo.jsonld"))!;
        return [.. catalogue["dcat:dataset"]!.AsArray().Select(d => d!)];
    }

    private static void AssertAgent(JsonNode? agent)
    {
        Assert.NotNull(agent);
        Assert.Contains("dcatapit:Agent", Types(agent));
        Assert.Equal("c_f205", (string?)agent["dct:identifier"]);
        Assert.Equal("Comune di Milano", (string?)agent["foaf:name"]);
    }

    private static IEnumerable<string?> Types(JsonNode node) => node["@type"]!.AsArray().Select(t => (string?)t);

    private static string Id(JsonNode? node) => (string?)node?["@id"] ?? string.Empty;

    private static string Text(JsonNode? node) => (string?)node?["@value"] ?? string.Empty;
}
