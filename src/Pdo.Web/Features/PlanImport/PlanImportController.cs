using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Security;

namespace Pdo.Web.Features.PlanImport;

public sealed record PlanImportViewModel(PlanImportResult? Result, string? FileName);

/// <summary>Upload of a whole plan in the JSON interchange format (docs/plan-format.md).</summary>
[Authorize(Policy = Policies.PlanEditing)]
[Route("piani/importa")]
public sealed class PlanImportController(PlanImporter importer) : Controller
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    [HttpGet("")]
    public IActionResult Upload() => View(new PlanImportViewModel(null, null));

    [HttpPost("")]
    [RequestSizeLimit(PlanFileSizeLimitAttribute.MaxRequestBytes)]
    [PlanFileSizeLimit]
    public async Task<IActionResult> Upload(IFormFile? file, CancellationToken cancellationToken)
    {
        PlanImportResult result;
        if (file is null || file.Length == 0)
        {
            result = PlanImportResult.Rejected([new PlanImportError(string.Empty, "Scegliere un file JSON del piano.")]);
        }
        else if (file.Length > MaxFileBytes)
        {
            result = PlanImportResult.Rejected([new PlanImportError(string.Empty, PlanFileSizeLimitAttribute.TooLarge)]);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            result = await importer.ImportAsync(stream, User.AuditName(), cancellationToken);
        }

        if (result.Outcome == PlanImportOutcome.Rejected)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View(new PlanImportViewModel(result, file?.FileName));
    }
}
