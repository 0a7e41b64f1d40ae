using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Overrides;

/// <summary>
/// Score overrides of a plan (<c>/piani/{anno}/forzature</c>): everyone signed in reads the list; the planning office
/// proposes (from the KPI on the objective page) and withdraws its own proposals; the OIV approves or rejects.
/// </summary>
[Route("piani/{year:int}/forzature")]
public sealed class OverridesController(OverrideService overrides) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromRoute] int year, CancellationToken cancellationToken) =>
        await overrides.ListAsync(year, Actor(), cancellationToken) is { } model ? View(model) : NotFound();

    [Authorize(Policy = Policies.PlanEditing)]
    [HttpGet("nuova")]
    public async Task<IActionResult> Propose([FromRoute] int year, [FromQuery(Name = "obiettivo")] string? objective, [FromQuery(Name = "kpi")] string? kpi, CancellationToken cancellationToken) =>
        objective is null || kpi is null
            ? NotFound()
            : await overrides.ProposeFormAsync(year, objective, kpi, null, cancellationToken) is { } model ? View(model) : NotFound();

    [Authorize(Policy = Policies.PlanEditing)]
    [HttpPost("nuova")]
    public async Task<IActionResult> Propose([FromRoute] int year, ProposeOverrideForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && this.Done(await overrides.ProposeAsync(year, form, Actor(), cancellationToken), "Forzatura proposta: attende la decisione dell'OIV.") is { } done)
        {
            return done;
        }

        return form.Objective is not null && form.Kpi is not null
            && await overrides.ProposeFormAsync(year, form.Objective, form.Kpi, form, cancellationToken) is { } model
            ? this.Refused(View(model))
            : NotFound();
    }

    [Authorize(Policy = Policies.OverrideDecision)]
    [HttpPost("{id:int}/approva")]
    public Task<IActionResult> Approve([FromRoute] int year, [FromRoute] int id, OverrideDecisionForm form, CancellationToken cancellationToken) =>
        Change(year, id, form, () => overrides.ApproveAsync(year, id, form, Actor(), cancellationToken), "Forzatura approvata: il punteggio forzato sostituisce quello calcolato.", cancellationToken);

    [Authorize(Policy = Policies.OverrideDecision)]
    [HttpPost("{id:int}/respingi")]
    public Task<IActionResult> Reject([FromRoute] int year, [FromRoute] int id, OverrideDecisionForm form, CancellationToken cancellationToken) =>
        Change(year, id, form, () => overrides.RejectAsync(year, id, form, Actor(), cancellationToken), "Forzatura respinta: resta il punteggio calcolato.", cancellationToken);

    [Authorize(Policy = Policies.PlanEditing)]
    [HttpPost("{id:int}/ritira")]
    public Task<IActionResult> Withdraw([FromRoute] int year, [FromRoute] int id, OverrideDecisionForm form, CancellationToken cancellationToken) =>
        Change(year, id, form, () => overrides.WithdrawAsync(year, id, form, Actor(), cancellationToken), "Forzatura ritirata.", cancellationToken);

    /// <summary>A change done goes back to the list (PRG); a refused one shows the list again with the reason and the note typed.</summary>
    private async Task<IActionResult> Change(int year, int id, OverrideDecisionForm form, Func<Task<EditResult>> change, string success, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && this.Done(await change(), success) is { } done)
        {
            return done;
        }

        return await overrides.ListAsync(year, Actor(), cancellationToken) is { } model
            ? this.Refused(View("Index", model with { RefusedId = id, RefusedNote = form.Note }))
            : NotFound();
    }

    private OverrideActor Actor() => new(
        User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty, User.DisplayName(), User.IsInRole(Roles.Evaluator));
}
