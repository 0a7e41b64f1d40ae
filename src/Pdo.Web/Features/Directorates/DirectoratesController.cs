using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Directorates;

/// <summary>The Direzioni as reference data, for the Amministratore.</summary>
[Route("amministrazione/direzioni")]
[Authorize(Policy = Policies.Administration)]
public sealed class DirectoratesController(DirectorateAdminService directorates) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await directorates.ListAsync(cancellationToken));

    [HttpGet("nuova")]
    public IActionResult Create() => View("Edit", directorates.NewForm());

    [HttpPost("nuova")]
    public async Task<IActionResult> Create(DirectorateForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && Done(await directorates.CreateAsync(form, cancellationToken), "Direzione creata.") is { } done)
        {
            return done;
        }

        return Refused(View("Edit", directorates.NewForm(form)));
    }

    [HttpGet("{code}/modifica")]
    public async Task<IActionResult> Edit([FromRoute] string code, CancellationToken cancellationToken) =>
        await directorates.EditFormAsync(code, null, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("{code}/modifica")]
    public async Task<IActionResult> Edit([FromRoute] string code, DirectorateForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && Done(await directorates.UpdateAsync(code, form, cancellationToken), "Direzione aggiornata.") is { } done)
        {
            return done;
        }

        return await directorates.EditFormAsync(code, form, cancellationToken) is { } model ? Refused(View(model)) : NotFound();
    }

    [HttpPost("{code}/elimina")]
    public async Task<IActionResult> Delete([FromRoute] string code, CancellationToken cancellationToken)
    {
        if (Done(await directorates.DeleteAsync(code, cancellationToken), "Direzione eliminata.") is { } done)
        {
            return done;
        }

        return await directorates.EditFormAsync(code, null, cancellationToken) is { } model ? Refused(View("Edit", model)) : NotFound();
    }

    /// <summary>A change that succeeded redirects (PRG); otherwise its errors go into the model state and null is returned.</summary>
    private IActionResult? Done(EditResult result, string success)
    {
        switch (result.Outcome)
        {
            case EditOutcome.Done:
                TempData["Message"] = success;
                return Redirect(result.RedirectTo!);
            case EditOutcome.NotFound:
                return NotFound();
            default:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(string.Empty, error);
                }

                Response.StatusCode = result.Outcome == EditOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
                return null;
        }
    }

    private IActionResult Refused(ViewResult view)
    {
        if (Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return view;
    }
}
