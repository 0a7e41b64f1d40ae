using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.PlanEditing;

/// <summary>The planning office's plan editing and lifecycle actions.</summary>
[Authorize(Policy = Policies.PlanEditing)]
public sealed class PlanEditingController(PlanEditingService editing) : Controller
{
    [HttpGet("piani/nuovo")]
    public async Task<IActionResult> NewPlan(CancellationToken cancellationToken) =>
        View(await editing.NewPlanAsync(null, cancellationToken));

    [HttpPost("piani/nuovo")]
    public async Task<IActionResult> NewPlan(NewPlanForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && this.Done(await editing.CreatePlanAsync(form, cancellationToken), "Piano creato in bozza.") is { } done)
        {
            return done;
        }

        return this.Refused(View(await editing.NewPlanAsync(form, cancellationToken)));
    }

    [HttpPost("piani/{year:int}/avvia-monitoraggio")]
    public async Task<IActionResult> StartMonitoring([FromRoute] int year, CancellationToken cancellationToken) =>
        Back(await editing.StartMonitoringAsync(year, cancellationToken), year, "Monitoraggio avviato: i target sono congelati.");

    [HttpPost("piani/{year:int}/conferma-secondo-utente")]
    public async Task<IActionResult> FourEyesReview([FromRoute] int year, FourEyesReviewForm form, CancellationToken cancellationToken) =>
        Back(
            await editing.SetFourEyesReviewAsync(year, form.Required, cancellationToken),
            year,
            form.Required
                ? "Conferma da un secondo utente attivata: chi inserisce un risultato non può confermarlo."
                : "Conferma da un secondo utente disattivata: chi inserisce un risultato può anche confermarlo.");

    [HttpPost("piani/{year:int}/periodi/{code}/apri")]
    public async Task<IActionResult> OpenPeriod([FromRoute] int year, [FromRoute] string code, CancellationToken cancellationToken) =>
        Back(await editing.OpenPeriodAsync(year, code, cancellationToken), year, "Periodo aperto: si possono inserire i risultati.");

    [HttpPost("piani/{year:int}/periodi/{code}/chiudi")]
    public async Task<IActionResult> ClosePeriod([FromRoute] int year, [FromRoute] string code, CancellationToken cancellationToken) =>
        Back(await editing.ClosePeriodAsync(year, code, cancellationToken), year, "Periodo chiuso.");

    [HttpGet("piani/{year:int}/approva")]
    public async Task<IActionResult> Approve([FromRoute] int year, CancellationToken cancellationToken) =>
        await editing.ApproveFormAsync(year, null, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("piani/{year:int}/approva")]
    public async Task<IActionResult> Approve([FromRoute] int year, ApproveForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && this.Done(await editing.ApproveAsync(year, form, cancellationToken), "Piano approvato: ora è in sola lettura.") is { } done)
        {
            return done;
        }

        return await editing.ApproveFormAsync(year, form, cancellationToken) is { } model ? this.Refused(View(model)) : NotFound();
    }

    [HttpPost("piani/{year:int}/approva/non-rilevabili")]
    public Task<IActionResult> DeclareUnmeasurable([FromRoute] int year, UnmeasurableForm form, CancellationToken cancellationToken) =>
        ChangeUnmeasurable(year, form, () => editing.DeclareUnmeasurableAsync(year, form, cancellationToken), "KPI dichiarato non rilevabile nel consuntivo.", cancellationToken);

    [HttpPost("piani/{year:int}/approva/non-rilevabili/rimuovi")]
    public Task<IActionResult> WithdrawUnmeasurable([FromRoute] int year, UnmeasurableForm form, CancellationToken cancellationToken) =>
        ChangeUnmeasurable(year, form, () => editing.WithdrawUnmeasurableAsync(year, form, cancellationToken), "Dichiarazione di KPI non rilevabile rimossa.", cancellationToken);

    [HttpGet("piani/{year:int}/obiettivi/nuovo")]
    public async Task<IActionResult> NewObjective([FromRoute] int year, CancellationToken cancellationToken) =>
        await editing.ObjectiveFormAsync(year, null, null, cancellationToken) is { } model ? View("Objective", model) : NotFound();

    [HttpPost("piani/{year:int}/obiettivi/nuovo")]
    public Task<IActionResult> NewObjective([FromRoute] int year, ObjectiveForm form, CancellationToken cancellationToken) =>
        SaveObjective(year, null, form, cancellationToken);

    [HttpGet("piani/{year:int}/obiettivi/{code}/modifica")]
    public async Task<IActionResult> EditObjective([FromRoute] int year, [FromRoute] string code, CancellationToken cancellationToken) =>
        await editing.ObjectiveFormAsync(year, code, null, cancellationToken) is { } model ? View("Objective", model) : NotFound();

    [HttpPost("piani/{year:int}/obiettivi/{code}/modifica")]
    public Task<IActionResult> EditObjective([FromRoute] int year, [FromRoute] string code, ObjectiveForm form, CancellationToken cancellationToken) =>
        SaveObjective(year, code, form, cancellationToken);

    [HttpPost("piani/{year:int}/obiettivi/{code}/elimina")]
    public async Task<IActionResult> DeleteObjective([FromRoute] int year, [FromRoute] string code, CancellationToken cancellationToken) =>
        Back(await editing.DeleteObjectiveAsync(year, code, cancellationToken), year, "Obiettivo eliminato.");

    [HttpGet("piani/{year:int}/obiettivi/{code}/kpi/nuovo")]
    public async Task<IActionResult> NewKpi([FromRoute] int year, [FromRoute] string code, CancellationToken cancellationToken) =>
        await editing.KpiFormAsync(year, code, null, null, cancellationToken) is { } model ? View("Kpi", model) : NotFound();

    [HttpPost("piani/{year:int}/obiettivi/{code}/kpi/nuovo")]
    public Task<IActionResult> NewKpi([FromRoute] int year, [FromRoute] string code, KpiForm form, CancellationToken cancellationToken) =>
        SaveKpi(year, code, null, form, cancellationToken);

    [HttpGet("piani/{year:int}/obiettivi/{code}/kpi/{kpiCode}/modifica")]
    public async Task<IActionResult> EditKpi([FromRoute] int year, [FromRoute] string code, [FromRoute] string kpiCode, CancellationToken cancellationToken) =>
        await editing.KpiFormAsync(year, code, kpiCode, null, cancellationToken) is { } model ? View("Kpi", model) : NotFound();

    [HttpPost("piani/{year:int}/obiettivi/{code}/kpi/{kpiCode}/modifica")]
    public Task<IActionResult> EditKpi([FromRoute] int year, [FromRoute] string code, [FromRoute] string kpiCode, KpiForm form, CancellationToken cancellationToken) =>
        SaveKpi(year, code, kpiCode, form, cancellationToken);

    [HttpPost("piani/{year:int}/obiettivi/{code}/kpi/{kpiCode}/elimina")]
    public async Task<IActionResult> DeleteKpi([FromRoute] int year, [FromRoute] string code, [FromRoute] string kpiCode, CancellationToken cancellationToken)
    {
        var result = await editing.DeleteKpiAsync(year, code, kpiCode, cancellationToken);
        return this.Done(result, "KPI eliminato.") ?? Back(result, year, null, Links.Objective(year, code));
    }

    private async Task<IActionResult> SaveObjective(int year, string? code, ObjectiveForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && this.Done(await editing.SaveObjectiveAsync(year, code, form, cancellationToken), "Obiettivo salvato.") is { } done)
        {
            return done;
        }

        return await editing.ObjectiveFormAsync(year, code, form, cancellationToken) is { } model ? this.Refused(View("Objective", model)) : NotFound();
    }

    private async Task<IActionResult> SaveKpi(int year, string code, string? kpiCode, KpiForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && this.Done(await editing.SaveKpiAsync(year, code, kpiCode, form, cancellationToken), "KPI salvato.") is { } done)
        {
            return done;
        }

        return await editing.KpiFormAsync(year, code, kpiCode, form, cancellationToken) is { } model ? this.Refused(View("Kpi", model)) : NotFound();
    }

    /// <summary>A declaration saved goes back to the approval page; a refused one shows it again with the reason typed.</summary>
    private async Task<IActionResult> ChangeUnmeasurable(int year, UnmeasurableForm form, Func<Task<EditResult>> change, string success, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && this.Done(await change(), success) is { } done)
        {
            return done;
        }

        return await editing.ApproveFormAsync(year, null, cancellationToken, form) is { } model ? this.Refused(View("Approve", model)) : NotFound();
    }

    /// <summary>Actions without a form page report back on the plan (or objective) page.</summary>
    private IActionResult Back(EditResult result, int year, string? success, string? page = null)
    {
        if (result.Outcome == EditOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome == EditOutcome.Done)
        {
            TempData["Message"] = success;
            return Redirect(result.RedirectTo!);
        }

        TempData["Error"] = string.Join(' ', result.Errors);
        return Redirect(page ?? Links.Plan(year));
    }
}
