using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Results;

/// <summary>Result entry for one objective: the planning office for every objective, a Direttore for their own.</summary>
[Route("piani/{year:int}/obiettivi/{code}/risultati")]
[Authorize(Policy = Policies.ResultEntry)]
public sealed class ResultsController(ResultEntryService results, IAuthorizationService authorization) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Edit([FromRoute] int year, [FromRoute] string code, [FromQuery(Name = "periodo")] string? period, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(year, code, cancellationToken) is { } denied)
        {
            return denied;
        }

        var outcome = await results.ShowAsync(year, code, period, cancellationToken);
        return outcome.Form is null ? NotFound() : View(outcome.Form);
    }

    [HttpPost("")]
    public async Task<IActionResult> Edit([FromRoute] int year, [FromRoute] string code, ResultEntryForm form, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(year, code, cancellationToken) is { } denied)
        {
            return denied;
        }

        var outcome = await results.SubmitAsync(year, code, form, User.AuditName(), cancellationToken);
        switch (outcome.Outcome)
        {
            case ResultEntryOutcome.Saved:
                TempData["Message"] = "Risultati salvati: sono in attesa di conferma del Direttore.";
                return Redirect($"{Links.Objective(year, code, outcome.PeriodCode)}");
            case ResultEntryOutcome.Unchanged:
                TempData["Info"] = "Nessun risultato modificato.";
                return Redirect($"{Links.Objective(year, code, outcome.PeriodCode)}");
            case ResultEntryOutcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Conflict", outcome.Conflict);
            case ResultEntryOutcome.Shown:
                if (outcome.Form!.Errors.Count > 0 || outcome.Form.ReadOnlyReason is not null)
                {
                    Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                }

                return View(outcome.Form);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult?> AuthorizeAsync([FromRoute] int year, [FromRoute] string code, CancellationToken cancellationToken)
    {
        var resource = await results.ResourceAsync(year, code, cancellationToken);
        if (resource is null)
        {
            return NotFound();
        }

        return (await authorization.AuthorizeAsync(User, resource, Operations.EnterResults)).Succeeded ? null : Forbid();
    }
}
