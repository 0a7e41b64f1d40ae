using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Monitoring;

[Authorize(Policy = Policies.PlanEditing)]
public sealed class MonitoringController(MonitoringService monitoring) : Controller
{
    /// <summary>The board of a period: counts per Direzione, and one Direzione's results to chase (<c>direzione</c>, <c>pagina</c>).</summary>
    [HttpGet("piani/{year:int}/monitoraggio")]
    public async Task<IActionResult> Board(
        int year,
        [FromQuery(Name = "periodo")] string? period,
        [FromQuery(Name = "direzione")] string? directorate,
        [FromQuery(Name = "pagina")] string? page,
        CancellationToken cancellationToken) =>
        await monitoring.BoardAsync(year, period, directorate, page, cancellationToken) is { } model ? View(model) : NotFound();
}
