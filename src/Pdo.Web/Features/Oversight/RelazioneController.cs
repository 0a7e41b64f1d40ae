using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Features.Errors;
using Pdo.Web.Features.Reports;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Oversight;

/// <summary>
/// The Relazione sulla Performance of an approved plan and the OIV's validation document, for the Giunta, the OIV,
/// the planning office and the administrators; when either does not exist yet, the Italian 404 page says why.
/// </summary>
[Authorize(Policy = Policies.RelazioneExport)]
[Route("piani/{year:int}")]
public sealed class RelazioneController(PdfDownloadService pdfs) : Controller
{
    [HttpGet("relazione.pdf")]
    public async Task<IActionResult> Relazione([FromRoute] int year, CancellationToken cancellationToken)
    {
        var outcome = await pdfs.RelazioneAsync(year, cancellationToken);
        return outcome.Pdf is { } pdf ? pdf.Result() : Missing(outcome.Refusal);
    }

    [HttpGet("validazione.pdf")]
    public async Task<IActionResult> Validation([FromRoute] int year, CancellationToken cancellationToken)
    {
        var outcome = await pdfs.ValidationAsync(year, cancellationToken);
        return outcome.Pdf is { } pdf ? pdf.Result() : Missing(outcome.Refusal);
    }

    private IActionResult Missing(string? refusal)
    {
        if (refusal is not null)
        {
            ErrorPages.SetDetail(HttpContext, refusal);
        }

        return NotFound();
    }
}
