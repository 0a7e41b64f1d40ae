using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Pdo.Web.Features.PlanImport;
using Pdo.Web.Security;

namespace Pdo.Web.Features.ResultUpload;

/// <summary>
/// Upload of a results template filled by a Direzione: the planning office for every Direzione, a Direttore for
/// their own (decided per file, from its <c>_pdo</c> sheet). Upload → preview → confirm; nothing is saved before.
/// </summary>
[Route("piani/{year:int}/raccolta")]
[Authorize(Policy = Policies.ResultEntry)]
public sealed class ResultUploadController(ResultUploadService uploads) : Controller
{
    [HttpGet("carica")]
    public async Task<IActionResult> Upload([FromRoute] int year, CancellationToken cancellationToken)
    {
        var result = await uploads.ShowAsync(year, cancellationToken);
        return result.Upload is null ? NotFound() : View(result.Upload);
    }

    [HttpPost("carica")]
    [RequestSizeLimit(PlanFileSizeLimitAttribute.MaxRequestBytes)]
    [ResultFileSizeLimit]
    public async Task<IActionResult> Upload([FromRoute] int year, IFormFile? file, CancellationToken cancellationToken) =>
        Show(year, await uploads.PreviewAsync(year, file, User, cancellationToken));

    [HttpPost("conferma")]
    public async Task<IActionResult> Confirm([FromRoute] int year, [FromForm(Name = "caricamento")] string? id, [FromForm(Name = "confermoLontani")] bool confirmFar, CancellationToken cancellationToken) =>
        Show(year, await uploads.ConfirmAsync(year, id, confirmFar, User, cancellationToken));

    private IActionResult Show(int year, ResultUploadResult result)
    {
        switch (result.Outcome)
        {
            case ResultUploadOutcome.Preview:
                if (result.Preview!.Errors.Count > 0)
                {
                    Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                }

                return View("Preview", result.Preview);
            case ResultUploadOutcome.Saved:
                TempData["Message"] = result.Message;
                return Redirect(Links.ResultUpload(year));
            case ResultUploadOutcome.Refused:
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return View("Upload", result.Upload);
            default:
                return NotFound();
        }
    }
}

/// <summary>The plan import's size limit, refusing with the results upload page.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResultFileSizeLimitAttribute : PlanFileSizeLimitAttribute
{
    protected override object TooLargeModel(AuthorizationFilterContext context)
    {
        var year = context.RouteData.Values["year"] is string text && int.TryParse(text, out var parsed) ? parsed : 0;
        return new ResultUploadViewModel(year, string.Empty, null, [TooLarge]);
    }
}
