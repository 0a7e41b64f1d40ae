using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Reports;

/// <summary>
/// The consuntivo PDF of a plan, of one of its sections or of one Direzione. The Giunta, the planning office and
/// the administrators export everything; a Direttore only the consuntivo of their own Direzione. Optional query:
/// <c>?periodo=CODICE</c> (monitoring period) and <c>?formato=pdfa</c> (archival variant).
/// </summary>
[Authorize(Policy = Policies.ReportExport)]
[Route("piani/{year:int}")]
public sealed class ReportsController(ReportService reports, PlanWorkbookExport workbooks, PdfDownloadService pdfs, IAuthorizationService authorization) : Controller
{
    [HttpGet("consuntivo.pdf")]
    public Task<IActionResult> Plan(int year, [FromQuery(Name = "periodo")] string? period, [FromQuery(Name = "formato")] string? format, CancellationToken cancellationToken) =>
        ExportAsync(year, ReportScope.Plan, null, period, format, cancellationToken);

    [HttpGet("sezioni/{code}/consuntivo.pdf")]
    public Task<IActionResult> Category(int year, string code, [FromQuery(Name = "periodo")] string? period, [FromQuery(Name = "formato")] string? format, CancellationToken cancellationToken) =>
        ExportAsync(year, ReportScope.Section, code, period, format, cancellationToken);

    [HttpGet("direzioni/{code}/consuntivo.pdf")]
    public Task<IActionResult> Directorate(int year, string code, [FromQuery(Name = "periodo")] string? period, [FromQuery(Name = "formato")] string? format, CancellationToken cancellationToken) =>
        ExportAsync(year, ReportScope.Directorate, code, period, format, cancellationToken);

    /// <summary>The plan in Excel: Giunta, planning office, Amministratore (a Direttore uses their Direzione's file).</summary>
    [HttpGet("esporta.xlsx")]
    public Task<IActionResult> PlanWorkbook(int year, CancellationToken cancellationToken) =>
        WorkbookAsync(year, ReportScope.Plan, null, cancellationToken);

    /// <summary>One Direzione in Excel: as above, and its own Direttore.</summary>
    [HttpGet("direzioni/{code}/esporta.xlsx")]
    public Task<IActionResult> DirectorateWorkbook(int year, string code, CancellationToken cancellationToken) =>
        WorkbookAsync(year, ReportScope.Directorate, code, cancellationToken);

    private async Task<IActionResult> WorkbookAsync(int year, ReportScope scope, string? code, CancellationToken cancellationToken)
    {
        var (target, denied) = await AuthorizedTargetAsync(year, scope, code, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        // A large plan is written by a background job: the answer is then its page, which ends with the download.
        return await workbooks.ExportAsync(target!, User.AuditName(), cancellationToken) switch
        {
            { File: { } file } => File(file.Content, Collection.CollectionController.XlsxContentType, file.FileName),
            { JobId: { } job } => Redirect(Links.Job(job)),
            { Refused: not null } => StatusCode(StatusCodes.Status503ServiceUnavailable),
            _ => NotFound(),
        };
    }

    private async Task<IActionResult> ExportAsync(int year, ReportScope scope, string? code, string? period, string? format, CancellationToken cancellationToken)
    {
        // ?formato=pdfa: the archival variant (PDF/A-1a as declared by PDFsharp, see ADR 003); anything else is refused.
        var pdfA = string.Equals(format, "pdfa", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(format) && !pdfA)
        {
            return NotFound();
        }

        var (target, denied) = await AuthorizedTargetAsync(year, scope, code, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        // An approved plan's PDF is kept on disk and sent with its ETag (304 when the client has it); see PdfDownloadService.
        return (await pdfs.ConsuntivoAsync(target!, period, pdfA, cancellationToken)).Pdf is { } pdf ? pdf.Result() : NotFound();
    }

    /// <summary>The export's target when the user may export it; otherwise 404 (no such target) or 403.</summary>
    private async Task<(ReportTarget? Target, IActionResult? Denied)> AuthorizedTargetAsync(int year, ReportScope scope, string? code, CancellationToken cancellationToken)
    {
        var target = await reports.ResolveAsync(year, scope, code, cancellationToken);
        if (target is null)
        {
            return (null, NotFound());
        }

        return (await authorization.AuthorizeAsync(User, new DirectorateResource(target.DirectorateId), Security.Operations.ExportReport)).Succeeded
            ? (target, null)
            : (target, Forbid());
    }
}
