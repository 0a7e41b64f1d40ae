using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.PlanEditing;

/// <summary>Reopening an approved plan: an Amministratore's action with a mandatory, audited reason.</summary>
[Authorize(Policy = Policies.Administration)]
[Route("piani/{year:int}/riapri")]
public sealed class PlanReopenController(PlanEditingService editing) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Reopen([FromRoute] int year, CancellationToken cancellationToken) =>
        await editing.ReopenFormAsync(year, null, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Reopen([FromRoute] int year, ReopenForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await editing.ReopenAsync(year, form, cancellationToken);
            if (result.Outcome == EditOutcome.NotFound)
            {
                return NotFound();
            }

            if (result.Outcome == EditOutcome.Done)
            {
                TempData["Message"] = "Piano riaperto: è di nuovo in monitoraggio.";
                return Redirect(result.RedirectTo!);
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await editing.ReopenFormAsync(year, form, cancellationToken) is { } model ? View(model) : NotFound();
    }
}
