using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests;

public sealed class OpenDataTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task PublishesThirtyFiveRowsWithTheSchemaColumnsGivenThe2019Csv()
    {
        var response = await factory.CreateClient().GetAsync("/opendata/pdo-2019.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            "year,category,area,directorate,objective_code,objective_title,kpi_code,kpi_name,kpi_group,unit,comparator,target,actual,score,status,weight,unmeasurable_reason,"
            + "computed_score,override_score,override_reason,override_decided_by_role,override_decided_at",
            string.Join(',', rows[0]));
        Assert.Equal(36, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal(22, r.Count));
        Assert.All(rows.Skip(1), r => Assert.Equal(string.Empty, r[16]));
        Assert.All(rows.Skip(1), r => Assert.Equal(r[13], r[17]));
        Assert.All(rows.Skip(1), r => Assert.Equal(["", "", "", ""], r.Skip(18)));
        Assert.All(rows.Skip(1), r => Assert.Equal(("100", "raggiunto"), (r[13], r[14])));
    }

    [Theory]
    [InlineData("SOL-01.1", "%", ">=", "70", "91.1")]
    [InlineData("SOL-03.1", "", ">=", "3", "4")]
    [InlineData("SOL-04.1", "%", "<=", "-1.5", "-1.6")]
    [InlineData("SOL-04.5", "vett*km", ">=", "1000000", "1000000")]
    [InlineData("FUN-01.1", "%", "<", "10", "2.9")]
    [InlineData("FUN-02.1", "minuti", "<=", "3", "1.2666666667")]
    [InlineData("FUN-02.4", "%", ">=", "80", "90")]
    [InlineData("DIR-CASA-01.2", "", ">=", "900", "1003")]
    [InlineData("DIR-CASA-01.3", "", ">=", "2000", "2646")]
    [InlineData("SOL-03.2", "", "<=", "2019-12-31", "SI")]
    [InlineData("DIR-SOC-01.1", "", "<=", "2019-06-30", "SI")]
    public async Task PublishesTheTargetAndActualWithDotDecimalsAndIsoDatesGivenAKpi(
        string code, string unit, string comparator, string target, string actual)
    {
        var rows = Csv.Parse(await factory.CreateClient().GetStringAsync("/opendata/pdo-2019.csv"));

        var row = rows.Single(r => r[6] == code);
        Assert.Equal((unit, comparator, target, AtStoredPrecision(actual)), (row[9], row[10], row[11], AtStoredPrecision(row[12])));
    }

    /// <summary>A number at the 6 decimals values are stored with (a server rounds 76/60, SQLite keeps every digit); other text as it is.</summary>
    private static string AtStoredPrecision(string value) =>
        decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? Math.Round(number, 6).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : value;

    [Fact]
    public async Task QuotesFieldsWithCommasGivenTheRfc4180Format()
    {
        var text = await factory.CreateClient().GetStringAsync("/opendata/pdo-2019.csv");

        Assert.Contains("\r\n", text);
        Assert.Contains("\"Milano per l’ambiente: area più pulita, spostamenti più facili e veloci, M4\"", text);
    }

    [Fact]
    public async Task NeutralisesFormulasAndKeepsNegativeNumbersGivenAnImportedPlanWithFormulaTitles()
    {
        var tree = ApprovedPlanAs(2016);
        var objectives = tree["objectives"]!.AsArray();
        objectives[0]!["title"] = "=HYPERLINK(\"https://esempio.invalid\",\"clic\")";
        objectives[1]!["title"] = "\tabc";
        var kpis = objectives[0]!["kpis"]!.AsArray();
        kpis[0]!["name"] = "@SUM(1)";
        kpis[0]!["group"] = "+1";
        objectives[2]!["kpis"]![1]!["name"] = "-x";
        await ImportAsync(tree);

        var text = await factory.CreateClient().GetStringAsync("/opendata/pdo-2016.csv");

        Assert.Contains(",\"'=HYPERLINK(\"\"https://esempio.invalid\"\",\"\"clic\"\")\",", text);
        Assert.Contains(",abc,", text); // the entity trims titles: a leading tab never reaches the file
        Assert.Contains(",\"'@SUM(1)\",\"'+1\",", text);
        Assert.Contains(",\"'-x\",", text);
        var rows = Csv.Parse(text);
        Assert.All(rows.Skip(1).SelectMany(r => r), field => Assert.False(
            field.Length > 0 && (field[0] is '=' or '+' or '@' or '\t' or '\r' || (field[0] == '-' && !decimal.TryParse(field, System.Globalization.CultureInfo.InvariantCulture, out _))),
            field));
        var reduction = rows.Single(r => r[6] == "SOL-04.1");
        Assert.Equal(("-1.5", "-1.6"), (reduction[11], reduction[12]));
        Assert.Contains(",<=,-1.5,-1.6,", text); // negative numbers stay numbers: no quote, no apostrophe
    }

    [Theory]
    [InlineData("\tabc", "\"'\tabc\"")]
    [InlineData("\rabc", "\"'\rabc\"")]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("-", "-")]
    [InlineData("=", "=")]
    [InlineData("-12", "-12")]
    [InlineData("-3,5", "\"-3,5\"")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("a-b", "a-b")]
    public void WritesTheCellSafeForSpreadsheetsGivenItsFirstCharacter(string name, string cell)
    {
        var row = new Pdo.Web.Features.OpenData.OpenDataRow(2019, "S", null, null, "O", "T", "K", name, null, null, "=", "1", null, null, "raggiunto", 1m, null);

        var csv = Pdo.Web.Features.OpenData.OpenDataService.ToCsv([row]);

        Assert.Contains($",K,{cell},,", csv);
    }

    [Fact]
    public async Task WritesSemicolonsDecimalCommasAndABomGivenTheExcelCsv()
    {
        var client = factory.CreateClient();
        var bytes = await client.GetByteArrayAsync("/opendata/pdo-2019-excel.csv");
        var plain = Csv.Parse(await client.GetStringAsync("/opendata/pdo-2019.csv"));

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]), ';');
        Assert.Equal(plain[0], rows[0]);
        Assert.Equal(plain.Count, rows.Count);
        var reduction = rows.Single(r => r[6] == "SOL-04.1");
        Assert.Equal(("-1,5", "-1,6"), (reduction[11], reduction[12]));
        Assert.Equal("91,1", rows.Single(r => r[6] == "SOL-01.1")[12]);
        Assert.Equal(("2019-12-31", "SI"), (rows.Single(r => r[6] == "SOL-03.2")[11], rows.Single(r => r[6] == "SOL-03.2")[12]));
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("-3,5", "-3,5")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("-x", "\"'-x\"")]
    public void NeutralisesFormulasGivenTheExcelDialect(string name, string cell)
    {
        var row = new Pdo.Web.Features.OpenData.OpenDataRow(2019, "S", null, null, "O", "T", "K", name, null, null, "=", "93.5", null, null, "raggiunto", 1m, null);

        var csv = Pdo.Web.Features.OpenData.OpenDataService.ToCsv([row], Pdo.Web.Features.OpenData.CsvDialect.Excel);

        Assert.Contains($";K;{cell};;;=;93,5;;;raggiunto;1;", csv);
    }

    [Fact]
    public async Task PublishesTheSameRowsGivenTheJsonDataset()
    {
        var response = await factory.CreateClient().GetAsync("/opendata/pdo-2019.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(35, rows.Count);
        var first = rows[0];
        Assert.Equal(2019, first.GetProperty("year").GetInt32());
        Assert.Equal("SOL-01.1", first.GetProperty("kpi_code").GetString());
        Assert.Equal(100m, first.GetProperty("score").GetDecimal());
        Assert.Equal("70", first.GetProperty("target").GetString());
    }

    [Fact]
    public async Task StatesTheLicenceAndThePublisherGivenTheJsonDataset()
    {
        using var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/opendata/pdo-2019.json"));

        var root = json.RootElement;
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", root.GetProperty("license").GetString());
        Assert.Equal("Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)", root.GetProperty("license_name").GetString());
        Assert.Equal("c_f205:pdo-2019", root.GetProperty("identifier").GetString());
        Assert.Equal(("Comune di Milano", "c_f205"), (root.GetProperty("publisher").GetString(), root.GetProperty("publisher_ipa_code").GetString()));
        Assert.Equal("https://localhost/opendata/dizionario.csv", root.GetProperty("data_dictionary").GetString());
    }

    [Theory]
    [InlineData("/opendata/pdo-2019.csv")]
    [InlineData("/opendata/pdo-2019-excel.csv")]
    [InlineData("/opendata/pdo-2019.json")]
    [InlineData("/opendata/dizionario.csv")]
    public async Task NamesTheLicenceInTheLinkHeaderGivenEachFile(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\""], response.Headers.GetValues("Link"));
    }

    [Fact]
    public async Task ListsEveryCsvColumnInOrderGivenTheDataDictionary()
    {
        var client = factory.CreateClient();
        var dictionary = Csv.Parse(await client.GetStringAsync("/opendata/dizionario.csv"));
        var header = Csv.Parse(await client.GetStringAsync("/opendata/pdo-2019.csv"))[0];
        var excelBytes = await client.GetByteArrayAsync("/opendata/pdo-2019-excel.csv");
        var excelHeader = Csv.Parse(Encoding.UTF8.GetString(excelBytes[3..]), ';')[0];

        Assert.Equal(["column", "type", "description", "format", "example"], dictionary[0]);
        Assert.Equal(header, dictionary.Skip(1).Select(r => r[0]));
        Assert.Equal(header, excelHeader);
        Assert.All(dictionary.Skip(1), r => Assert.Equal(5, r.Count));
        Assert.All(dictionary.Skip(1), r => Assert.False(string.IsNullOrWhiteSpace(r[2]), r[0]));
    }

    [Fact]
    public async Task DescribesEachColumnWithTheLicenceGivenTheDictionaryPage()
    {
        var client = factory.CreateClient();
        var html = await client.GetStringAsync("/opendata/dizionario");
        var header = Csv.Parse(await client.GetStringAsync("/opendata/pdo-2019.csv"))[0];

        Assert.Contains("<h1>Dizionario dei dati</h1>", html);
        Assert.All(header, column => Assert.Contains($"<th scope=\"row\"><code>{column}</code></th>", html));
        Assert.Contains("href=\"https://creativecommons.org/licenses/by/4.0/\" rel=\"license\"", html);
    }

    [Fact]
    public async Task StatesTheLicenceAndLinksTheDictionaryTheCatalogueAndTheApiGivenTheOpenDataPage()
    {
        var html = await factory.CreateClient().GetStringAsync("/opendata");

        Assert.Contains("Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)", html);
        Assert.Contains("href=\"/opendata/dizionario\"", html);
        Assert.Contains("href=\"/opendata/catalogo.jsonld\"", html);
        Assert.Contains("href=\"/api/v1/plans\"", html);
        Assert.Contains("href=\"/api/v1/openapi.json\"", html);
    }

    [Fact]
    public async Task AnswersNotFoundGivenAYearWithoutAnApprovedPlan()
    {
        var response = await factory.CreateClient().GetAsync("/opendata/pdo-2031.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ListsTheDatasetsGivenTheOpenDataPage()
    {
        var html = await factory.CreateClient().GetStringAsync("/opendata");

        Assert.Contains("/opendata/pdo-2019.csv", html);
        Assert.Contains("/opendata/pdo-2019-excel.csv", html);
        Assert.Contains("Delibera di Giunta n. 501 del 14/04/2020", html);
        Assert.Contains("<td>Raggiunto</td>", html);
    }

    [Fact]
    public async Task MarksTheConsuntivoProvisionalGivenAnApprovedPlanBelowFullCoverage()
    {
        var tree = ApprovedPlanAs(2014);
        // 34 of the 35 KPIs have no final result: the approved file says why (the approval gate), and only 1 is measured.
        foreach (var kpi in tree["objectives"]!.AsArray().SelectMany(o => o!["kpis"]!.AsArray()).Skip(1))
        {
            kpi!.AsObject().Remove("results");
            kpi.AsObject()["unmeasurableReason"] = "Il dato di fonte esterna non è stato pubblicato.";
        }

        await ImportAsync(tree);

        var html = await factory.CreateClient().GetStringAsync("/opendata");
        Assert.Contains("<td>Provvisorio — 1 KPI rilevato su 35</td>", html);
    }

    /// <summary>The embedded 2019 plan, approved with its results, moved to <paramref name="year"/>.</summary>
    private static JsonObject ApprovedPlanAs(int year)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pdo-2019-milano.json"))
            .Replace("2020-04-14", $"{year + 1}-04-14", StringComparison.Ordinal)
            .Replace("2019", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return JsonNode.Parse(json)!.AsObject();
    }

    private async Task ImportAsync(JsonObject tree)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(tree.ToJsonString()));
        var result = await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync(json, "test");
        Assert.True(result.Outcome == PlanImportOutcome.Imported, string.Join(" ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }
}

/// <summary>A strict RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF).</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text, char separator = ',')
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }
}
