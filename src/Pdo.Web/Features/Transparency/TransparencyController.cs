using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Features.Transparency;

/// <summary>
/// "Amministrazione trasparente › Performance": the approved plans for everyone, without signing in (D.Lgs. 33/2013).
/// Plans in Bozza or in monitoraggio, and years without a plan, are 404. No user names, review comments, data-source
/// notes or history: roles only, and only what the consuntivo publishes. Responses are remembered and carry cache
/// validators (<see cref="PublicPageCache"/>); the request is never authenticated and sets no cookie (Program.cs).
/// </summary>
[AllowAnonymous]
[Route("trasparenza")]
[ServiceFilter(typeof(PublicPageCache))]
public sealed class TransparencyController(TransparencyService transparency) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await transparency.IndexAsync(cancellationToken));

    [HttpGet("andamento")]
    public async Task<IActionResult> Trend(CancellationToken cancellationToken) =>
        View(await transparency.TrendAsync(cancellationToken));

    [HttpGet("{year:int}")]
    public async Task<IActionResult> Plan(int year, CancellationToken cancellationToken) =>
        await transparency.PlanAsync(year, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpGet("{year:int}/sezioni/{code}")]
    public async Task<IActionResult> Category(int year, string code, CancellationToken cancellationToken) =>
        await transparency.CategoryAsync(year, code, cancellationToken) is { } model ? View("Group", model) : NotFound();

    [HttpGet("{year:int}/aree/{code}")]
    public async Task<IActionResult> Area(int year, string code, CancellationToken cancellationToken) =>
        await transparency.AreaAsync(year, code, cancellationToken) is { } model ? View("Group", model) : NotFound();

    [HttpGet("{year:int}/direzioni/{code}")]
    public async Task<IActionResult> Directorate(int year, string code, CancellationToken cancellationToken) =>
        await transparency.DirectorateAsync(year, code, cancellationToken) is { } model ? View("Group", model) : NotFound();

    [HttpGet("{year:int}/obiettivi/{code}")]
    public async Task<IActionResult> Objective(int year, string code, CancellationToken cancellationToken) =>
        await transparency.ObjectiveAsync(year, code, cancellationToken) is { } model ? View(model) : NotFound();

    /// <summary>Sent from the file kept on disk with its own validators (<see cref="Reports.PdfDownloadService"/>), not held in memory.</summary>
    [HttpGet("{year:int}/consuntivo.pdf")]
    [PublicPageCache.KeptOnDisk]
    public async Task<IActionResult> Consuntivo(int year, CancellationToken cancellationToken) =>
        await transparency.ConsuntivoAsync(year, cancellationToken) is { } pdf ? pdf.Result() : NotFound();
}
