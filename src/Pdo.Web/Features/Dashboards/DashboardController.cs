using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Features.Dashboards;

/// <summary>The plan dashboard; filtered by section, area or Direzione it is their dashboard.</summary>
public sealed class DashboardController(DashboardService dashboards) : Controller
{
    [HttpGet("piani/{year:int}/cruscotto")]
    [ServiceFilter(typeof(RenderedDashboardCache))]
    public async Task<IActionResult> Index(
        int year,
        [FromQuery(Name = "periodo")] string? period,
        [FromQuery(Name = "sezione")] string? section,
        [FromQuery(Name = "area")] string? area,
        [FromQuery(Name = "direzione")] string? directorate,
        [FromQuery(Name = "stato")] string? status,
        [FromQuery(Name = "pagina")] int kpiPage,
        [FromQuery(Name = "pagina-obiettivi")] int objectivePage,
        CancellationToken cancellationToken) =>
        await dashboards.BuildAsync(year, new DashboardFilter(period, section, area, directorate, status, kpiPage, objectivePage), cancellationToken) is { } model
            ? View(model)
            : NotFound();
}
