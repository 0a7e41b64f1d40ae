using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Narrative;

/// <summary>
/// The narratives, from Bozza until approval: an objective's description and data-source note (the planning office
/// for every objective, a Direttore for those of their Direzioni) and the plan's introduction and closing note
/// (the planning office).
/// </summary>
[Authorize(Policy = Policies.NarrativeEditing)]
public sealed class NarrativeController(NarrativeService narratives, IAuthorizationService authorization) : Controller
{
    [HttpGet("piani/{year:int}/obiettivi/{code}/descrizione")]
    public async Task<IActionResult> Objective([FromRoute] int year, [FromRoute] string code, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(year, code, cancellationToken) is { } denied)
        {
            return denied;
        }

        return await narratives.ObjectiveFormAsync(year, code, null, conflict: false, cancellationToken) is { } model ? View(model) : NotFound();
    }

    [HttpPost("piani/{year:int}/obiettivi/{code}/descrizione")]
    public async Task<IActionResult> Objective([FromRoute] int year, [FromRoute] string code, ObjectiveNarrativeForm form, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(year, code, cancellationToken) is { } denied)
        {
            return denied;
        }

        var result = ModelState.IsValid ? await narratives.SaveObjectiveAsync(year, code, form, cancellationToken) : null;
        if (Done(result, "Descrizione salvata.") is { } done)
        {
            return done;
        }

        return await narratives.ObjectiveFormAsync(year, code, form, result?.Outcome == EditOutcome.Conflict, cancellationToken) is { } model
            ? Invalid(View(model))
            : NotFound();
    }

    [HttpGet("piani/{year:int}/testi")]
    [Authorize(Policy = Policies.PlanEditing)]
    public async Task<IActionResult> PlanTexts([FromRoute] int year, CancellationToken cancellationToken) =>
        await narratives.PlanTextsFormAsync(year, null, conflict: false, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("piani/{year:int}/testi")]
    [Authorize(Policy = Policies.PlanEditing)]
    public async Task<IActionResult> PlanTexts([FromRoute] int year, PlanTextsForm form, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid ? await narratives.SavePlanTextsAsync(year, form, cancellationToken) : null;
        if (Done(result, "Testi del piano salvati.") is { } done)
        {
            return done;
        }

        return await narratives.PlanTextsFormAsync(year, form, result?.Outcome == EditOutcome.Conflict, cancellationToken) is { } model
            ? Invalid(View(model))
            : NotFound();
    }

    private async Task<IActionResult?> AuthorizeAsync(int year, string code, CancellationToken cancellationToken)
    {
        var resource = await narratives.ResourceAsync(year, code, cancellationToken);
        if (resource is null)
        {
            return NotFound();
        }

        return (await authorization.AuthorizeAsync(User, resource, Operations.WriteNarrative)).Succeeded ? null : Forbid();
    }

    /// <summary>A saved change redirects (PRG); otherwise its errors go into the model state and null is returned.</summary>
    private IActionResult? Done(EditResult? result, string success)
    {
        switch (result?.Outcome)
        {
            case EditOutcome.Done:
                TempData["Message"] = success;
                return Redirect(result.RedirectTo!);
            case EditOutcome.NotFound:
                return NotFound();
            case null:
                return null;
            default:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(string.Empty, error);
                }

                Response.StatusCode = result.Outcome == EditOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
                return null;
        }
    }

    private IActionResult Invalid(ViewResult view)
    {
        if (Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return view;
    }
}
