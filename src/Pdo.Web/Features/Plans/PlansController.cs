using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Features.Plans;

/// <summary>The plans by year and, for each, its overview, sections, strategic areas and Direzioni.</summary>
[Route("piani")]
public sealed class PlansController(PlanService plans) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await plans.ListAsync(cancellationToken));

    [HttpGet("{year:int}")]
    public async Task<IActionResult> Overview(int year, [FromQuery(Name = "periodo")] string? period, CancellationToken cancellationToken) =>
        await plans.OverviewAsync(year, period, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpGet("{year:int}/sezioni/{code}")]
    public async Task<IActionResult> Category(int year, string code, [FromQuery(Name = "periodo")] string? period, CancellationToken cancellationToken) =>
        await plans.CategoryAsync(year, code, period, cancellationToken) is { } model ? View("Group", model) : NotFound();

    [HttpGet("{year:int}/aree/{code}")]
    public async Task<IActionResult> Area(int year, string code, [FromQuery(Name = "periodo")] string? period, CancellationToken cancellationToken) =>
        await plans.AreaAsync(year, code, period, cancellationToken) is { } model ? View("Group", model) : NotFound();

    [HttpGet("{year:int}/direzioni/{code}")]
    public async Task<IActionResult> Directorate(int year, string code, [FromQuery(Name = "periodo")] string? period, CancellationToken cancellationToken) =>
        await plans.DirectorateAsync(year, code, period, cancellationToken) is { } model ? View("Group", model) : NotFound();
}
