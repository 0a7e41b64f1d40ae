using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Features.Objectives;

[Route("piani/{year:int}/obiettivi")]
public sealed class ObjectivesController(ObjectiveService objectives) : Controller
{
    [HttpGet("{code}")]
    public async Task<IActionResult> Details(int year, string code, [FromQuery(Name = "periodo")] string? period, CancellationToken cancellationToken) =>
        await objectives.DetailsAsync(year, code, period, cancellationToken) is { } model ? View(model) : NotFound();
}
