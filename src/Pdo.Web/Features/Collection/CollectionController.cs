using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Collection;

/// <summary>The collection of results by spreadsheet: the planning office sends each Direzione its template.</summary>
[Authorize(Policy = Policies.PlanEditing)]
public sealed class CollectionController(CollectionService collection) : Controller
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [HttpGet("piani/{year:int}/raccolta")]
    public async Task<IActionResult> Index(int year, CancellationToken cancellationToken) =>
        await collection.PageAsync(year, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpGet("piani/{year:int}/raccolta/{directorate}/modello.xlsx")]
    public async Task<IActionResult> Template(int year, string directorate, [FromQuery(Name = "periodo")] string? period, CancellationToken cancellationToken) =>
        await collection.TemplateAsync(year, directorate, period, cancellationToken) is { } file
            ? File(file.Content, XlsxContentType, file.FileName)
            : NotFound();
}
