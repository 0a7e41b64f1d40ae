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
        if (ModelState.IsValid && this.Done(await directorates.CreateAsync(form, cancellationToken), "Direzione creata.") is { } done)
        {
            return done;
        }

        return this.Refused(View("Edit", directorates.NewForm(form)));
    }

    [HttpGet("{code}/modifica")]
    public async Task<IActionResult> Edit([FromRoute] string code, CancellationToken cancellationToken) =>
        await directorates.EditFormAsync(code, null, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("{code}/modifica")]
    public async Task<IActionResult> Edit([FromRoute] string code, DirectorateForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && this.Done(await directorates.UpdateAsync(code, form, cancellationToken), "Direzione aggiornata.") is { } done)
        {
            return done;
        }

        return await directorates.EditFormAsync(code, form, cancellationToken) is { } model ? this.Refused(View(model)) : NotFound();
    }

    [HttpPost("{code}/elimina")]
    public async Task<IActionResult> Delete([FromRoute] string code, CancellationToken cancellationToken)
    {
        if (this.Done(await directorates.DeleteAsync(code, cancellationToken), "Direzione eliminata.") is { } done)
        {
            return done;
        }

        return await directorates.EditFormAsync(code, null, cancellationToken) is { } model ? this.Refused(View("Edit", model)) : NotFound();
    }
}
