using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Infrastructure.Data;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.PlanEditing;

/// <summary>Thrown inside an edit when what it changes does not exist: the edit answers 404.</summary>
public sealed class EditTargetNotFoundException : Exception;

/// <summary>
/// The one way an edit of plans or reference data is saved: the change (entity methods that refuse with Italian
/// messages), then one SaveChanges (audited by the interceptor in the same transaction); a refusal, a concurrency
/// conflict or a database refusal becomes an <see cref="EditResult"/> and leaves nothing tracked.
/// </summary>
public static class EditSave
{
    public static async Task<EditResult> RunAsync(AppDbContext db, ILogger logger, Func<Task<string>> change, CancellationToken cancellationToken)
    {
        try
        {
            var redirect = await change();
            await db.SaveChangesAsync(cancellationToken);
            return EditResult.Ok(redirect);
        }
        catch (EditTargetNotFoundException)
        {
            return EditResult.Missing;
        }
        catch (DomainRuleException ex)
        {
            db.ChangeTracker.Clear();
            return EditResult.Invalid(ex.Message);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            logger.LogWarning("Concurrent edit refused: {Reason}", ExpectedConflicts.Reason(ex));
            db.ChangeTracker.Clear();
            return EditResult.Conflict;
        }
        catch (DbUpdateException ex)
        {
            // E.g. two users creating the same code at once: the unique index refuses the second.
            logger.LogWarning("Edit refused by the database: {Reason}", ExpectedConflicts.Reason(ex));
            db.ChangeTracker.Clear();
            return EditResult.Invalid("Il salvataggio non è riuscito (codice già usato o dati collegati): nessuna modifica è stata scritta.");
        }
    }
}

/// <summary>How a controller answers an <see cref="EditResult"/> of a form page.</summary>
public static class EditResultActions
{
    /// <summary>A successful change redirects (PRG) with <paramref name="success"/>; otherwise its errors go into the model state and null is returned.</summary>
    public static IActionResult? Done(this Controller controller, EditResult result, string success)
    {
        switch (result.Outcome)
        {
            case EditOutcome.Done:
                controller.TempData["Message"] = success;
                return controller.Redirect(result.RedirectTo!);
            case EditOutcome.NotFound:
                return controller.NotFound();
            default:
                foreach (var error in result.Errors)
                {
                    controller.ModelState.AddModelError(string.Empty, error);
                }

                if (result.Outcome == EditOutcome.Conflict)
                {
                    controller.Response.StatusCode = StatusCodes.Status409Conflict;
                }

                return null;
        }
    }

    /// <summary>The form again after a refusal: 422, unless a conflict already set 409.</summary>
    public static IActionResult Refused(this Controller controller, ViewResult view)
    {
        if (controller.Response.StatusCode == StatusCodes.Status200OK)
        {
            controller.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return view;
    }
}
