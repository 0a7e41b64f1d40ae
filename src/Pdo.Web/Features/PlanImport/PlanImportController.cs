using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Security;

namespace Pdo.Web.Features.PlanImport;

public sealed record PlanImportViewModel(PlanImportResult? Result, string? FileName);

/// <summary>Upload of a whole plan: the JSON interchange format (docs/plan-format.md) or the plan workbook (the export, edited).</summary>
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
            result = PlanImportResult.Rejected([new PlanImportError(string.Empty, "Scegliere il file del piano: JSON oppure Excel (.xlsx) esportato dal portale.")]);
        }
        else if (file.Length > MaxFileBytes)
        {
            result = PlanImportResult.Rejected([new PlanImportError(string.Empty, PlanFileSizeLimitAttribute.TooLarge)]);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            result = IsWorkbook(file.FileName, stream)
                ? await importer.ImportWorkbookAsync(stream, User.AuditName(), cancellationToken: cancellationToken)
                : await importer.ImportAsync(stream, User.AuditName(), cancellationToken);
        }

        if (result.Outcome == PlanImportOutcome.Rejected)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View(new PlanImportViewModel(result, file?.FileName));
    }

    /// <summary>
    /// An Excel file by its name (.xlsx, .xlsm, .xls) or its first bytes (a zip, or the OLE container of a
    /// password-protected or old .xls file): read as a workbook, whose reader says in Italian why it refuses one.
    /// </summary>
    public static bool IsWorkbook(string fileName, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var extension = Path.GetExtension(fileName);
        if (extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsm", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xls", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Span<byte> head = stackalloc byte[2];
        var read = content.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        content.Position = 0;
        return read == 2 && ((head[0] == (byte)'P' && head[1] == (byte)'K') || (head[0] == 0xD0 && head[1] == 0xCF));
    }
}
