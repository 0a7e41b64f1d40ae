using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Reports;

/// <summary>The link to download a consuntivo PDF.</summary>
/// <param name="WorkbookUrl">The Excel export of the plan or Direzione (none for a section).</param>
public sealed record ConsuntivoDownloadViewModel(string Url, string Label, string Description, string? WorkbookUrl = null);

/// <summary>
/// "Scarica il consuntivo (PDF)" on the plan, section and Direzione pages (and "Scarica in Excel (.xlsx)" on the plan and Direzione pages), shown only to the users the export would
/// allow (the same policy and resource check as <see cref="ReportsController"/>).
/// </summary>
public sealed class ConsuntivoDownloadViewComponent(ReportService reports, IAuthorizationService authorization) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int year, ReportScope scope, string? code, string? period, string name)
    {
        var target = await reports.ResolveAsync(year, scope, code, HttpContext.RequestAborted);
        if (target is null)
        {
            return Content(string.Empty);
        }

        if (!(await authorization.AuthorizeAsync(UserClaimsPrincipal, Policies.ReportExport)).Succeeded
            || !(await authorization.AuthorizeAsync(UserClaimsPrincipal, new DirectorateResource(target.DirectorateId), Security.Operations.ExportReport)).Succeeded)
        {
            return Content(string.Empty);
        }

        var path = scope switch
        {
            ReportScope.Section => $"/piani/{year}/sezioni/{Uri.EscapeDataString(target.Code!)}/consuntivo.pdf",
            ReportScope.Directorate => $"/piani/{year}/direzioni/{Uri.EscapeDataString(target.Code!)}/consuntivo.pdf",
            _ => $"/piani/{year}/consuntivo.pdf",
        };
        var url = string.IsNullOrEmpty(period) ? path : $"{path}?periodo={Uri.EscapeDataString(period)}";
        return View("~/Features/Reports/_DownloadButton.cshtml", new ConsuntivoDownloadViewModel(
            url,
            "Scarica il consuntivo (PDF)",
            $"Consuntivo di {name} in PDF accessibile, con sintesi, obiettivi, KPI e metodologia",
            scope switch
            {
                ReportScope.Directorate => $"/piani/{year}/direzioni/{Uri.EscapeDataString(target.Code!)}/esporta.xlsx",
                ReportScope.Plan => $"/piani/{year}/esporta.xlsx",
                _ => null,
            }));
    }
}
