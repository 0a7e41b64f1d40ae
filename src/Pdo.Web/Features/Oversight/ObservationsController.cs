using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Oversight;

/// <summary>
/// The OIV's observations: raised, closed and reopened by the OIV, answered by the planning office and the Direttore
/// of the objective's Direzione (resource-based, as narratives); every POST goes back to the objective page (PRG) with
/// the outcome, and a refusal changes nothing.
/// </summary>
public sealed class ObservationsController(ObservationService observations, IAuthorizationService authorization) : Controller
{
    [HttpGet("piani/{year:int}/osservazioni")]
    [Authorize(Policy = Policies.ObservationList)]
    public async Task<IActionResult> List([FromRoute] int year, [FromQuery(Name = "stato")] string? status, CancellationToken cancellationToken) =>
        await observations.ListAsync(year, status, OversightActors.VisibleDirectorates(User), cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("piani/{year:int}/obiettivi/{code}/osservazioni")]
    [Authorize(Policy = Policies.Evaluation)]
    public async Task<IActionResult> Raise([FromRoute] int year, [FromRoute] string code, ObservationForm form, CancellationToken cancellationToken) =>
        Outcome(
            ModelState.IsValid ? await observations.RaiseAsync(year, code, form, OversightActors.Evaluator(User), cancellationToken) : Invalid(),
            "Osservazione registrata.",
            Links.Objective(year, code) + "#osservazioni",
            (0, form.Text));

    [HttpPost("piani/{year:int}/osservazioni/{observation:int}/risposta")]
    [Authorize(Policy = Policies.ObservationAnswer)]
    public async Task<IActionResult> Answer([FromRoute] int year, [FromRoute] int observation, ObservationAnswerForm form, CancellationToken cancellationToken)
    {
        if (await observations.TargetAsync(year, observation, cancellationToken) is not var (resource, thread))
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, resource, Operations.AnswerObservation)).Succeeded)
        {
            return Forbid();
        }

        var result = ModelState.IsValid ? await observations.AnswerAsync(year, observation, form, OversightActors.Answerer(User), cancellationToken) : Invalid();
        return Outcome(result, "Risposta registrata: l'osservazione è «Con risposta».", thread, (observation, form.Text));
    }

    [HttpPost("piani/{year:int}/osservazioni/{observation:int}/chiudi")]
    [Authorize(Policy = Policies.Evaluation)]
    public async Task<IActionResult> Close([FromRoute] int year, [FromRoute] int observation, ObservationDecisionForm form, CancellationToken cancellationToken) =>
        await observations.TargetAsync(year, observation, cancellationToken) is var (_, thread)
            ? Outcome(await observations.CloseAsync(year, observation, form, OversightActors.Evaluator(User), cancellationToken), "Osservazione chiusa.", thread, null)
            : NotFound();

    [HttpPost("piani/{year:int}/osservazioni/{observation:int}/riapri")]
    [Authorize(Policy = Policies.Evaluation)]
    public async Task<IActionResult> Reopen([FromRoute] int year, [FromRoute] int observation, ObservationDecisionForm form, CancellationToken cancellationToken) =>
        await observations.TargetAsync(year, observation, cancellationToken) is var (_, thread)
            ? Outcome(await observations.ReopenAsync(year, observation, form, OversightActors.Evaluator(User), cancellationToken), "Osservazione riaperta.", thread, null)
            : NotFound();

    private EditResult Invalid() =>
        EditResult.Invalid(ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault() ?? "Dati non validi.");

    /// <summary>
    /// PRG: the objective's thread again, with the message of a saved change or, after a refusal (nothing written),
    /// the Italian reason and the text typed, kept in the form to be sent again.
    /// </summary>
    private IActionResult Outcome(EditResult result, string success, string thread, (int Observation, string? Text)? typed)
    {
        switch (result.Outcome)
        {
            case EditOutcome.Done:
                TempData["Message"] = success;
                return Redirect(result.RedirectTo!);
            case EditOutcome.NotFound:
                return NotFound();
            case EditOutcome.Conflict:
                TempData["Error"] = "L'osservazione è stata modificata da un altro utente nel frattempo: rileggere il filo e riprovare. Nessuna modifica è stata scritta.";
                break;
            default:
                TempData["Error"] = string.Join(" ", result.Errors) + " Nessuna modifica è stata scritta.";
                break;
        }

        if (typed is { Text: { } text })
        {
            // 0: the form of a new observation; else the answer form of that observation.
            TempData["ObservationDraftFor"] = typed.Value.Observation;
            TempData["ObservationDraft"] = text;
        }

        return Redirect(thread);
    }
}
