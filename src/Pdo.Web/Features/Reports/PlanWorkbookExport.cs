using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Jobs;

namespace Pdo.Web.Features.Reports;

/// <summary>The plan export: the file now, the job writing it, or why it could not start.</summary>
public sealed record PlanWorkbookExportOutcome(PlanWorkbookFile? File, string? JobId, string? Refused);

/// <summary>
/// The Excel export of a plan or Direzione (<see cref="ReportService.BuildWorkbookAsync"/>): written within the request
/// up to <see cref="JobSettings.SynchronousExportKpis"/> KPIs (the same bytes either way), as a background job
/// beyond, whose page shows the rows written and ends with the download.
/// </summary>
public sealed class PlanWorkbookExport(AppDbContext db, ReportService reports, JobRunner jobs)
{
    public async Task<PlanWorkbookExportOutcome?> ExportAsync(ReportTarget target, string user, CancellationToken cancellationToken)
    {
        var kpis = await db.Kpis.CountAsync(
            k => k.Objective!.Plan!.Year == target.Year && (target.DirectorateId == null || k.Objective.DirectorateId == target.DirectorateId),
            cancellationToken);
        if (kpis <= jobs.Settings.SynchronousExportKpis)
        {
            return await reports.BuildWorkbookAsync(target, cancellationToken) is { } file ? new(file, null, null) : null;
        }

        var title = target.Scope == ReportScope.Directorate ? $"Esportazione in Excel del piano {target.Year}, Direzione {target.Code}" : $"Esportazione in Excel del piano {target.Year}";
        var job = jobs.Enqueue(user, title, async (services, job, token) =>
        {
            var built = await services.GetRequiredService<ReportService>().BuildWorkbookAsync(target, token, job.Report)
                ?? throw new InvalidOperationException($"The export of {target} has no workbook any more.");
            await using (built.Content)
            {
                await using var output = services.GetRequiredService<JobRunner>().CreateFile(".xlsx", out var path);
                await built.Content.CopyToAsync(output, token);
                job.CompleteWithFile(path, built.FileName, Collection.CollectionController.XlsxContentType);
            }
        });
        return job is null ? new(null, null, "Troppi lavori in coda in questo momento: riprovare tra qualche minuto.") : new(null, job.Id, null);
    }
}
