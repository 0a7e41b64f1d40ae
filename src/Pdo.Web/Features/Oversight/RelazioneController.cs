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
public sealed class RelazioneController(RelazioneService relazioni, ConsuntivoRenderer renderer) : Controller
{
    [HttpGet("relazione.pdf")]
    public async Task<IActionResult> Relazione([FromRoute] int year, CancellationToken cancellationToken)
    {
        var (export, refusal) = await relazioni.RelazioneAsync(year, cancellationToken);
        if (export is null)
        {
            return Missing(refusal);
        }

        var pdf = await renderer.RenderAsync(export.Report, new Pdo.Reporting.Layout.RenderOptions(), cancellationToken);
        return File(pdf, "application/pdf", export.FileName);
    }

    [HttpGet("validazione.pdf")]
    public async Task<IActionResult> Validation([FromRoute] int year, CancellationToken cancellationToken)
    {
        var (report, refusal) = await relazioni.ValidationDocumentAsync(year, cancellationToken);
        if (report is null)
        {
            return Missing(refusal);
        }

        var pdf = new MemoryStream();
        Pdo.Reporting.ConsuntivoPdf.WriteValidation(report, pdf);
        pdf.Position = 0;
        return File(pdf, "application/pdf", $"PDO-{year}-validazione-relazione.pdf");
    }

    private NotFoundResult Missing(string? refusal)
    {
        if (refusal is not null)
        {
            ErrorPages.SetDetail(HttpContext, refusal);
        }

        return NotFound();
    }
}
