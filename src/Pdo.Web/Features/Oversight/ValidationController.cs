using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Oversight;

/// <summary>The OIV's validation of the Relazione sulla Performance (approved plans): the form with every earlier validation.</summary>
[Authorize(Policy = Policies.Evaluation)]
[Route("piani/{year:int}/validazione")]
public sealed class ValidationController(ValidationService validations) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Form([FromRoute] int year, CancellationToken cancellationToken) =>
        await validations.FormAsync(year, null, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Form([FromRoute] int year, ValidationForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await validations.ValidateAsync(year, form, OversightActors.UserId(User), User.DisplayName(), cancellationToken);
            if (this.Done(result, "Validazione registrata: è la validazione corrente della Relazione.") is { } done)
            {
                return done;
            }
        }

        return await validations.FormAsync(year, form, cancellationToken) is { } model ? this.Refused(View(model)) : NotFound();
    }
}
