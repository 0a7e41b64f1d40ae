using System.Globalization;
using System.Text.Json.Nodes;

namespace Pdo.Web.Features.OpenData;

/// <summary>An approved plan as the catalogue describes it: its year, title, approval date and last change.</summary>
public sealed record CatalogueDataset(int Year, string PlanTitle, DateOnly Issued, DateOnly Modified, int Kpis);

/// <summary>
/// The DCAT-AP_IT catalogue of the open data (JSON-LD, <c>/opendata/catalogo.jsonld</c>) for harvesting by
/// dati.gov.it: a <c>dcatapit:Catalog</c> published by the ente (<c>dcatapit:Agent</c> with its IPA code), one
/// <c>dcatapit:Dataset</c> per approved plan, one <c>dcatapit:Distribution</c> per public format, all under
/// CC BY 4.0. Pure: the caller gives the ente, the address and the datasets.
/// </summary>
public static class DcatCatalogue
{
    public const string Theme = "http://publications.europa.eu/resource/authority/data-theme/GOVE";

    public const string Annual = "http://publications.europa.eu/resource/authority/frequency/ANNUAL";

    public const string Italian = "http://publications.europa.eu/resource/authority/language/ITA";

    private const string FileType = "http://publications.europa.eu/resource/authority/file-type/";

    private const string MediaType = "https://www.iana.org/assignments/media-types/";

    private static readonly string[] Keywords = ["piano della performance", "piano degli obiettivi", "obiettivi", "indicatori", "KPI", "consuntivo", "trasparenza"];

    /// <summary>The public formats of each dataset: path suffix, title, DCAT file type, media type.</summary>
    private static readonly (string Suffix, string Title, string Format, string Media)[] Formats =
    [
        (".csv", "CSV (RFC 4180, UTF-8, separatore virgola)", "CSV", "text/csv"),
        ("-excel.csv", "CSV per Excel (separatore punto e virgola, decimali con la virgola, UTF-8 con BOM)", "CSV", "text/csv"),
        (".json", "JSON (UTF-8)", "JSON", "application/json"),
    ];

    /// <param name="link">Makes an absolute address of a path of the portal (the configured public address).</param>
    public static JsonObject Build(string enteName, string ipaCode, string contactEmail, Func<string, string> link, IReadOnlyList<CatalogueDataset> datasets)
    {
        var publisher = Agent(enteName, ipaCode, link);
        var catalogue = new JsonObject
        {
            ["@context"] = Context(),
            ["@id"] = link("/opendata/catalogo.jsonld"),
            ["@type"] = Types("dcat:Catalog", "dcatapit:Catalog"),
            ["dct:title"] = Text($"Dati aperti del Piano degli Obiettivi – {enteName}"),
            ["dct:description"] = Text($"I consuntivi approvati dei Piani degli Obiettivi di {enteName}: obiettivi, indicatori (KPI), target, valori raggiunti e gradi di raggiungimento."),
            ["dct:publisher"] = publisher,
            ["foaf:homepage"] = Ref(link("/opendata")),
            ["dct:language"] = Ref(Italian),
            ["dcat:themeTaxonomy"] = Ref("http://publications.europa.eu/resource/authority/data-theme"),
            ["dcat:dataset"] = new JsonArray([.. datasets.Select(d => (JsonNode)Dataset(d, enteName, ipaCode, contactEmail, link))]),
        };
        if (datasets.Count > 0)
        {
            catalogue["dct:issued"] = Date(datasets.Min(d => d.Issued));
            catalogue["dct:modified"] = Date(datasets.Max(d => d.Modified));
        }

        return catalogue;
    }

    private static JsonObject Dataset(CatalogueDataset d, string enteName, string ipaCode, string contactEmail, Func<string, string> link)
    {
        var year = d.Year.ToString(CultureInfo.InvariantCulture);
        var basePath = $"/opendata/pdo-{year}";
        return new JsonObject
        {
            ["@id"] = link($"/opendata/catalogo.jsonld#pdo-{year}"),
            ["@type"] = Types("dcat:Dataset", "dcatapit:Dataset"),
            ["dct:identifier"] = OpenDataService.DatasetIdentifier(ipaCode, d.Year),
            ["dct:title"] = Text(OpenDataService.DatasetTitle(d.Year)),
            ["dct:description"] = Text($"{d.PlanTitle}: consuntivo approvato, una riga per ciascuno dei {d.Kpis.ToString(CultureInfo.InvariantCulture)} KPI con target, valore raggiunto nel periodo finale, grado di raggiungimento (0–100) ed esito, calcolati con il regolamento dei punteggi del portale."),
            ["dcat:theme"] = Ref(Theme),
            ["dcat:keyword"] = new JsonArray([.. Keywords.Select(k => (JsonNode)Text(k))]),
            ["dct:publisher"] = Agent(enteName, ipaCode, link),
            ["dct:rightsHolder"] = Agent(enteName, ipaCode, link),
            ["dcat:contactPoint"] = new JsonObject
            {
                ["@id"] = link("/opendata/catalogo.jsonld#contatto"),
                ["@type"] = Types("vcard:Organization", "dcatapit:Organization"),
                ["vcard:fn"] = enteName,
                ["vcard:hasEmail"] = Ref($"mailto:{contactEmail}"),
            },
            ["dct:accrualPeriodicity"] = Ref(Annual),
            ["dct:issued"] = Date(d.Issued),
            ["dct:modified"] = Date(d.Modified),
            ["dct:temporal"] = new JsonObject
            {
                ["@type"] = "dct:PeriodOfTime",
                ["dcat:startDate"] = Date(new DateOnly(d.Year, 1, 1)),
                ["dcat:endDate"] = Date(new DateOnly(d.Year, 12, 31)),
            },
            ["dct:language"] = Ref(Italian),
            ["dcat:landingPage"] = Ref(link("/opendata")),
            ["foaf:page"] = Ref(link("/opendata/dizionario")),
            ["dcat:distribution"] = new JsonArray([.. Formats.Select(f => (JsonNode)new JsonObject
            {
                ["@id"] = link($"/opendata/catalogo.jsonld#pdo-{year}{f.Suffix.Replace('.', '-')}"),
                ["@type"] = Types("dcat:Distribution", "dcatapit:Distribution"),
                ["dct:title"] = Text($"{OpenDataService.DatasetTitle(d.Year)} – {f.Title}"),
                ["dct:format"] = Ref(FileType + f.Format),
                ["dcat:mediaType"] = Ref(MediaType + f.Media),
                ["dcat:accessURL"] = Ref(link("/opendata")),
                ["dcat:downloadURL"] = Ref(link(basePath + f.Suffix)),
                ["dct:license"] = License(),
            })]),
        };
    }

    private static JsonObject Agent(string enteName, string ipaCode, Func<string, string> link) => new()
    {
        ["@id"] = link("/opendata/catalogo.jsonld#ente"),
        ["@type"] = Types("foaf:Agent", "dcatapit:Agent"),
        ["dct:identifier"] = ipaCode,
        ["foaf:name"] = enteName,
    };

    private static JsonObject License() => new()
    {
        ["@id"] = OpenDataLicense.Url,
        ["@type"] = Types("dct:LicenseDocument", "dcatapit:LicenseDocument"),
        ["dct:type"] = Ref(OpenDataLicense.AdmsType),
        ["foaf:name"] = Text(OpenDataLicense.Name),
    };

    private static JsonObject Context() => new()
    {
        ["dcat"] = "http://www.w3.org/ns/dcat#",
        ["dcatapit"] = "http://dati.gov.it/onto/dcatapit#",
        ["dct"] = "http://purl.org/dc/terms/",
        ["foaf"] = "http://xmlns.com/foaf/0.1/",
        ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
    };

    private static JsonArray Types(params string[] types) => new([.. types.Select(t => (JsonNode)t)]);

    private static JsonObject Ref(string iri) => new() { ["@id"] = iri };

    private static JsonObject Text(string value) => new() { ["@value"] = value, ["@language"] = "it" };

    private static JsonObject Date(DateOnly date) => new()
    {
        ["@value"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["@type"] = "xsd:date",
    };
}
