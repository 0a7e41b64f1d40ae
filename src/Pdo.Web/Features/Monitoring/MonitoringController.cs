using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Monitoring;

[Authorize(Policy = Policies.PlanEditing)]
public sealed class MonitoringController(MonitoringService monitoring) : Controller
{
    [HttpGet("piani/{year:int}/monitoraggio")]
    public async Task<IActionResult> Board(int year, [FromQuery(Name = "periodo")] string? period, CancellationToken cancellationToken) =>
        await monitoring.BoardAsync(year, period, cancellationToken) is { } model ? View(model) : NotFound();
}
