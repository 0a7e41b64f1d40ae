using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Oversight;

/// <summary>The checks page of a plan (LG 3/2018), for the OIV and the planning office.</summary>
[Authorize(Policy = Policies.PlanChecks)]
public sealed class ChecksController(ChecksService checks) : Controller
{
    [HttpGet("piani/{year:int}/verifiche")]
    public async Task<IActionResult> Index([FromRoute] int year, CancellationToken cancellationToken) =>
        await checks.ChecksAsync(year, cancellationToken) is { } model ? View("Checks", model) : NotFound();
}
