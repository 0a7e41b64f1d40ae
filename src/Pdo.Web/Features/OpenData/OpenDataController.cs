using Microsoft.AspNetCore.Authorization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Features.OpenData;

/// <summary>
/// Anonymous open data of approved plans (CSV RFC 4180, the same CSV for Excel, and JSON, UTF-8), their data dictionary
/// and the DCAT-AP_IT catalogue; every file names its licence (CC BY 4.0) in the <c>Link</c> header.
/// </summary>
[Route("opendata")]
[AllowAnonymous]
public sealed class OpenDataController(OpenDataService openData) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await openData.IndexAsync(cancellationToken));

    [HttpGet("pdo-{year:int}.csv")]
    public async Task<IActionResult> Csv(int year, CancellationToken cancellationToken) =>
        await openData.FileAsync(year, OpenDataFormat.Csv, cancellationToken) is { } csv
            ? Licensed(File(csv, "text/csv; charset=utf-8", $"pdo-{year}.csv"))
            : NotFound();

    /// <summary>The same columns for Excel: semicolon, decimal comma, UTF-8 with BOM.</summary>
    [HttpGet("pdo-{year:int}-excel.csv")]
    public async Task<IActionResult> ExcelCsv(int year, CancellationToken cancellationToken) =>
        await openData.FileAsync(year, OpenDataFormat.ExcelCsv, cancellationToken) is { } csv
            ? Licensed(File(csv, "text/csv; charset=utf-8", $"pdo-{year}-excel.csv"))
            : NotFound();

    [HttpGet("pdo-{year:int}.json")]
    public async Task<IActionResult> JsonData(int year, CancellationToken cancellationToken) =>
        await openData.FileAsync(year, OpenDataFormat.Json, cancellationToken) is { } json
            ? Licensed(File(json, "application/json; charset=utf-8", $"pdo-{year}.json"))
            : NotFound();

    /// <summary>The data dictionary: every column of the CSV with its type, description, format and an example.</summary>
    [HttpGet("dizionario")]
    public IActionResult Dictionary() => View(DataDictionary.Entries);

    [HttpGet("dizionario.csv")]
    public IActionResult DictionaryCsv() =>
        Licensed(File(System.Text.Encoding.UTF8.GetBytes(DataDictionary.ToCsv()), "text/csv; charset=utf-8", "dizionario.csv"));

    /// <summary>The DCAT-AP_IT catalogue of the approved plans' datasets, as JSON-LD, for harvesting by dati.gov.it.</summary>
    [HttpGet("catalogo.jsonld")]
    public async Task<IActionResult> Catalogue(CancellationToken cancellationToken) =>
        Licensed(File(JsonSerializer.SerializeToUtf8Bytes(await openData.CatalogueAsync(cancellationToken), OpenDataService.JsonOptions), "application/ld+json; charset=utf-8"));

    /// <summary>The same catalogue in Turtle, written from the JSON-LD.</summary>
    [HttpGet("catalogo.ttl")]
    public async Task<IActionResult> CatalogueTurtle(CancellationToken cancellationToken) =>
        Licensed(File(System.Text.Encoding.UTF8.GetBytes(TurtleWriter.Write(await openData.CatalogueAsync(cancellationToken))), "text/turtle; charset=utf-8"));

    private IActionResult Licensed(IActionResult file)
    {
        OpenDataLicense.AddLinkHeader(Response);
        return file;
    }
}
