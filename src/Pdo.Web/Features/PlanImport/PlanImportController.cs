using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Security;

namespace Pdo.Web.Features.PlanImport;

public sealed record PlanImportViewModel(PlanImportResult? Result, string? FileName);

/// <summary>
/// Upload of a whole plan: the JSON interchange format (docs/plan-format.md) or the plan workbook (the export,
/// edited). A large file is imported by a background job: the answer is then a redirect to the job's page.
/// </summary>
[Authorize(Policy = Policies.PlanEditing)]
[Route("piani/importa")]
public sealed class PlanImportController(PlanImportService imports) : Controller
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    [HttpGet("")]
    public IActionResult Upload() => View(new PlanImportViewModel(null, null));

    [HttpPost("")]
    [RequestSizeLimit(PlanFileSizeLimitAttribute.MaxRequestBytes)]
    [PlanFileSizeLimit]
    public async Task<IActionResult> Upload(IFormFile? file, CancellationToken cancellationToken)
    {
        var outcome = await imports.UploadAsync(file, User.AuditName(), cancellationToken);
        if (outcome.JobId is { } job)
        {
            return Redirect(Links.Job(job));
        }

        if (outcome.Now!.Result!.Outcome == PlanImportOutcome.Rejected)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View(outcome.Now);
    }
}
