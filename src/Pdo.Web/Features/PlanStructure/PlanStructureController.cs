using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Security;

namespace Pdo.Web.Features.PlanStructure;

/// <summary>
/// The planning office's page of a plan's structure (<c>/piani/{anno}/struttura</c>): one small form per change, each
/// posting back here (PRG) with the outcome as a message; refused changes (a plan not in Bozza, a duplicate code, a
/// period after the year's end, a section still in use, a stale page) change nothing and say why in Italian.
/// </summary>
[Authorize(Policy = Policies.PlanEditing)]
[Route("piani/{year:int}/struttura")]
public sealed class PlanStructureController(PlanStructureService structure) : Controller
{
    private const string Part = "{part:regex(^(sezioni|aree)$)}";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromRoute] int year, CancellationToken cancellationToken)
    {
        if (TempData[StructureDraft.Key] is string draft)
        {
            ViewData[StructureDraft.Key] = System.Text.Json.JsonSerializer.Deserialize<StructureDraft>(draft);
        }

        return await structure.PageAsync(year, cancellationToken) is { } model ? View(model) : NotFound();
    }

    [HttpPost("piano")]
    public async Task<IActionResult> Settings([FromRoute] int year, PlanSettingsForm form, CancellationToken cancellationToken) =>
        Back(year, ModelState.IsValid ? await structure.SaveSettingsAsync(year, form, cancellationToken) : null, "Titolo e metodologia salvati.");

    [HttpPost(Part)]
    public async Task<IActionResult> AddPart([FromRoute] int year, [FromRoute] string part, PartForm form, CancellationToken cancellationToken) =>
        Back(year, ModelState.IsValid ? await structure.AddPartAsync(year, Of(part), form, cancellationToken) : null, Added(part), new StructureDraft(part, form.Code, form.Name, null, false));

    [HttpPost(Part + "/{code}/modifica")]
    public async Task<IActionResult> RenamePart([FromRoute] int year, [FromRoute] string part, [FromRoute] string code, RenamePartForm form, CancellationToken cancellationToken) =>
        Back(year, ModelState.IsValid ? await structure.RenamePartAsync(year, Of(part), code, form, cancellationToken) : null, "Nome salvato.");

    [HttpPost(Part + "/{code}/sposta")]
    public async Task<IActionResult> MovePart([FromRoute] int year, [FromRoute] string part, [FromRoute] string code, MoveForm form, CancellationToken cancellationToken) =>
        Back(year, ModelState.IsValid ? await structure.MovePartAsync(year, Of(part), code, form, cancellationToken) : null, "Ordine salvato.");

    [HttpPost(Part + "/{code}/elimina")]
    public async Task<IActionResult> RemovePart([FromRoute] int year, [FromRoute] string part, [FromRoute] string code, VersionForm form, CancellationToken cancellationToken) =>
        Back(year, await structure.RemovePartAsync(year, Of(part), code, form, cancellationToken), part == "sezioni" ? "Sezione eliminata." : "Area strategica eliminata.");

    [HttpPost("periodi")]
    public async Task<IActionResult> AddPeriod([FromRoute] int year, PeriodForm form, CancellationToken cancellationToken) =>
        Back(year, ModelState.IsValid ? await structure.AddPeriodAsync(year, form, cancellationToken) : null, "Periodo aggiunto.", new StructureDraft("periodi", form.Code, form.Name, form.EndDate, form.IsFinal));

    [HttpPost("periodi/{code}/modifica")]
    public async Task<IActionResult> EditPeriod([FromRoute] int year, [FromRoute] string code, PeriodForm form, CancellationToken cancellationToken) =>
        Back(year, ModelState.IsValid ? await structure.UpdatePeriodAsync(year, code, form, cancellationToken) : null, "Periodo salvato.");

    [HttpPost("periodi/{code}/elimina")]
    public async Task<IActionResult> RemovePeriod([FromRoute] int year, [FromRoute] string code, VersionForm form, CancellationToken cancellationToken) =>
        Back(year, await structure.RemovePeriodAsync(year, code, form, cancellationToken), "Periodo eliminato.");

    [HttpPost("periodi/schema")]
    public async Task<IActionResult> PeriodPreset([FromRoute] int year, PeriodPresetForm form, CancellationToken cancellationToken) =>
        Back(year, ModelState.IsValid ? await structure.UsePeriodPresetAsync(year, form, cancellationToken) : null, "Periodi sostituiti con lo schema scelto.");

    private static StructurePart Of(string part) => part == "sezioni" ? StructurePart.Sections : StructurePart.Areas;

    private static string Added(string part) => part == "sezioni" ? "Sezione aggiunta." : "Area strategica aggiunta.";

    /// <summary>
    /// Back to the structure page with the outcome; <paramref name="result"/> is null when the form itself was
    /// incomplete (its Italian messages are shown). A stale page is a 409 conflict reported the same way. A refused
    /// "add" form's <paramref name="draft"/> comes back filled in.
    /// </summary>
    private IActionResult Back(int year, EditResult? result, string success, StructureDraft? draft = null)
    {
        if (result?.Outcome == EditOutcome.NotFound)
        {
            return NotFound();
        }

        if (result?.Outcome == EditOutcome.Done)
        {
            TempData["Message"] = success;
        }
        else
        {
            TempData["Error"] = string.Join(' ', result?.Errors ?? ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            if (draft is not null)
            {
                TempData[StructureDraft.Key] = System.Text.Json.JsonSerializer.Serialize(draft);
            }
        }

        return Redirect(Links.PlanStructure(year));
    }
}
