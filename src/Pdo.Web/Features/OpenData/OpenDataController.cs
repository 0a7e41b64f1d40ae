using Microsoft.AspNetCore.Authorization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Features.OpenData;

/// <summary>Anonymous open data of approved plans (CSV RFC 4180, the same CSV for Excel, and JSON, UTF-8).</summary>
[Route("opendata")]
[AllowAnonymous]
public sealed class OpenDataController(OpenDataService openData) : Controller
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await openData.IndexAsync(cancellationToken));

    [HttpGet("pdo-{year:int}.csv")]
    public async Task<IActionResult> Csv(int year, CancellationToken cancellationToken) =>
        await openData.RowsAsync(year, cancellationToken) is { } rows
            ? File(OpenDataService.ToCsvBytes(rows, CsvDialect.Rfc4180), "text/csv; charset=utf-8", $"pdo-{year}.csv")
            : NotFound();

    /// <summary>The same columns for Excel: semicolon, decimal comma, UTF-8 with BOM.</summary>
    [HttpGet("pdo-{year:int}-excel.csv")]
    public async Task<IActionResult> ExcelCsv(int year, CancellationToken cancellationToken) =>
        await openData.RowsAsync(year, cancellationToken) is { } rows
            ? File(OpenDataService.ToCsvBytes(rows, CsvDialect.Excel), "text/csv; charset=utf-8", $"pdo-{year}-excel.csv")
            : NotFound();

    [HttpGet("pdo-{year:int}.json")]
    public async Task<IActionResult> JsonData(int year, CancellationToken cancellationToken) =>
        await openData.RowsAsync(year, cancellationToken) is { } rows
            ? File(JsonSerializer.SerializeToUtf8Bytes(rows, JsonOptions), "application/json; charset=utf-8", $"pdo-{year}.json")
            : NotFound();
}
