using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.History;

/// <summary>Who changed what and when: the Storico of objectives and KPIs, and the audit search.</summary>
public sealed class HistoryController(HistoryService history) : Controller
{
    [HttpGet("piani/{year:int}/obiettivi/{code}/storico")]
    public async Task<IActionResult> Objective(int year, string code, CancellationToken cancellationToken) =>
        await history.ObjectiveAsync(year, code, cancellationToken) is { } model ? View("History", model) : NotFound();

    [HttpGet("piani/{year:int}/obiettivi/{code}/kpi/{kpiCode}/storico")]
    public async Task<IActionResult> Kpi(int year, string code, string kpiCode, CancellationToken cancellationToken) =>
        await history.KpiAsync(year, code, kpiCode, cancellationToken) is { } model ? View("History", model) : NotFound();

    [HttpGet("amministrazione/registro")]
    [Authorize(Policy = Policies.Administration)]
    public async Task<IActionResult> Search(
        [FromQuery(Name = "anno")] int? year,
        [FromQuery(Name = "utente")] string? user,
        [FromQuery(Name = "tipo")] string? entity,
        [FromQuery(Name = "testo")] string? text,
        [FromQuery(Name = "obiettivo")] string? objective,
        [FromQuery(Name = "dal")] string? from,
        [FromQuery(Name = "al")] string? to,
        [FromQuery(Name = "pagina")] int page,
        CancellationToken cancellationToken) =>
        View(await history.SearchAsync(new AuditFilter(year, user, entity, text, page, objective, from, to), cancellationToken));
}
