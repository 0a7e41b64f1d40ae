using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Review;

/// <summary>Review of results: confirm, or return with a comment.</summary>
[Route("revisione")]
[Authorize(Policy = Policies.ResultReview)]
public sealed class ReviewController(ReviewService review, IAuthorizationService authorization) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await review.InboxAsync(User, cancellationToken));

    [HttpPost("{id:int}/conferma")]
    public async Task<IActionResult> Confirm(int id, ConfirmForm form, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        return Done(await review.ConfirmAsync(id, form.Version, User.AuditName(), cancellationToken), "Risultato confermato.");
    }

    [HttpPost("conferma-selezionati")]
    public async Task<IActionResult> ConfirmSelected(BulkConfirmForm form, CancellationToken cancellationToken)
    {
        var items = form.Items();
        if (items.Count == 0)
        {
            TempData["Error"] = "Nessun risultato selezionato: spunta i risultati da confermare.";
            return RedirectToAction(nameof(Index));
        }

        var outcome = await review.ConfirmManyAsync(
            items,
            async resource => (await authorization.AuthorizeAsync(User, resource, Operations.ReviewResults)).Succeeded,
            User.AuditName(),
            cancellationToken);
        if (outcome.ConfirmedSummary is { } confirmed)
        {
            TempData["Message"] = confirmed;
        }

        if (outcome.RefusedSummary is { } refused)
        {
            TempData["Error"] = refused;
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:int}/restituisci")]
    public async Task<IActionResult> Return(int id, ReturnForm form, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(' ', ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Index));
        }

        return Done(await review.ReturnAsync(id, form.Version, form.Comment!, User.AuditName(), cancellationToken), "Risultato restituito con il commento.");
    }

    private IActionResult Done(ReviewResult result, string success)
    {
        if (result.Outcome == ReviewOutcome.NotFound)
        {
            return NotFound();
        }

        TempData[result.Outcome == ReviewOutcome.Done ? "Message" : "Error"] = result.Outcome == ReviewOutcome.Done ? success : result.Message;
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult?> AuthorizeAsync(int id, CancellationToken cancellationToken)
    {
        var resource = await review.ResourceAsync(id, cancellationToken);
        if (resource is null)
        {
            return NotFound();
        }

        return (await authorization.AuthorizeAsync(User, resource, Operations.ReviewResults)).Succeeded ? null : Forbid();
    }
}
