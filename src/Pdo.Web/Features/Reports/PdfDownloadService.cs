using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Reporting.Layout;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Oversight;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.Reports;

/// <summary>A PDF to send: its bytes (a file, streamed), its name, and the validators of a kept file (none otherwise).</summary>
public sealed record PdfDownload(Stream Content, string FileName, EntityTagHeaderValue? ETag, DateTimeOffset? LastModified)
{
    /// <summary>The response: the file streamed as an attachment; with validators, a matching If-None-Match is 304.</summary>
    public Microsoft.AspNetCore.Mvc.FileStreamResult Result() => new(Content, "application/pdf")
    {
        FileDownloadName = FileName,
        EntityTag = ETag,
        LastModified = LastModified,
    };
}

/// <summary>A PDF, or why there is none (an Italian reason for the 404 page, or null: nothing to say).</summary>
public sealed record PdfOutcome(PdfDownload? Pdf, string? Refusal);

/// <summary>
/// Every PDF the portal sends — the consuntivo of a plan, section or Direzione (also PDF/A), the Relazione, the OIV's
/// validation document — built by their services and rendered by <see cref="ConsuntivoRenderer"/>. For an approved plan
/// the file is kept by <see cref="PdfFileCache"/> under the plan's data stamp (<see cref="VersionAsync"/>) and sent again
/// with a strong ETag and Last-Modified until anything in it may have changed; any other plan is rendered on each
/// request into a temporary file. Callers authorize first: a kept file is found only for the document they ask for.
/// </summary>
public sealed class PdfDownloadService(
    AppDbContext db,
    PdfFileCache cache,
    ConsuntivoRenderer renderer,
    ReportService reports,
    RelazioneService relazioni,
    DashboardCache dashboards,
    IOptions<EnteSettings> ente)
{
    /// <summary>What a change of the portal itself changes in the documents: the builds of the code that writes them.</summary>
    private static readonly string Build = string.Join(
        '|',
        new[] { typeof(PdfDownloadService), typeof(Pdo.Reporting.ConsuntivoPdf), typeof(AttainmentRules), typeof(PdfSharp.Pdf.PdfDocument) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    /// <summary>The consuntivo of <paramref name="target"/> (already authorized) for a period (null: the default) and format.</summary>
    public async Task<PdfOutcome> ConsuntivoAsync(ReportTarget target, string? periodCode, bool pdfA, CancellationToken cancellationToken)
    {
        var document = string.Join('|', "consuntivo", target.Scope, target.Code, periodCode?.Trim().ToUpperInvariant(), pdfA ? "pdfa" : "pdf");
        var pdf = await DownloadAsync(target.Year, document, ReportService.FileName(target), async output =>
        {
            if (await reports.BuildAsync(target, periodCode, CancellationToken.None) is not { } export)
            {
                return false;
            }

            await renderer.RenderAsync(export.Report, new RenderOptions { PdfA = pdfA }, output, CancellationToken.None);
            return true;
        }, cancellationToken);
        return new PdfOutcome(pdf, null);
    }

    /// <summary>The Relazione sulla Performance of an approved plan (<see cref="RelazioneService.RelazioneAsync"/>).</summary>
    public async Task<PdfOutcome> RelazioneAsync(int year, CancellationToken cancellationToken)
    {
        string? refusal = null;
        var pdf = await DownloadAsync(year, "relazione", $"PDO-{year}-relazione-performance.pdf", async output =>
        {
            var (export, why) = await relazioni.RelazioneAsync(year, CancellationToken.None);
            refusal = why;
            if (export is null)
            {
                return false;
            }

            await renderer.RenderAsync(export.Report, new RenderOptions(), output, CancellationToken.None);
            return true;
        }, cancellationToken);
        return new PdfOutcome(pdf, refusal);
    }

    /// <summary>The OIV's validation document of the plan's current validation (<see cref="RelazioneService.ValidationDocumentAsync"/>).</summary>
    public async Task<PdfOutcome> ValidationAsync(int year, CancellationToken cancellationToken)
    {
        string? refusal = null;
        var pdf = await DownloadAsync(year, "validazione", $"PDO-{year}-validazione-relazione.pdf", async output =>
        {
            var (report, why) = await relazioni.ValidationDocumentAsync(year, CancellationToken.None);
            refusal = why;
            if (report is null)
            {
                return false;
            }

            await renderer.RenderAsync(report, output, CancellationToken.None);
            return true;
        }, cancellationToken);
        return new PdfOutcome(pdf, refusal);
    }

    /// <summary>
    /// The data stamp of an approved plan's documents, or null when the plan is not approved (nothing is kept): a digest
    /// of the year's change stamp (<see cref="DashboardCache.ChangeStampAsync"/>, the year's latest audit row and row count: every
    /// change of the plan, its objectives, KPIs, results, overrides, observations, validations, approval and reopening
    /// writes one with the plan's year), the Direzioni's codes and names (changed without a plan year), the rule book
    /// version, the <c>Ente</c> settings and the builds of the code that writes the documents.
    /// </summary>
    public async Task<string?> VersionAsync(int year, CancellationToken cancellationToken)
    {
        var status = await db.Plans.Where(p => p.Year == year).Select(p => (PlanStatus?)p.Status).FirstOrDefaultAsync(cancellationToken);
        if (status != PlanStatus.Approved)
        {
            return null;
        }

        var lastChange = await dashboards.ChangeStampAsync(db, year, cancellationToken);
        var directorates = await db.Directorates.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(cancellationToken);
        var e = ente.Value;
        return PdfFileCache.Digest(string.Join(
            '\n',
            [
                year.ToString(CultureInfo.InvariantCulture),
                lastChange?.ToString() ?? "-",
                AttainmentRules.RuleBookVersion.ToString(CultureInfo.InvariantCulture),
                string.Join('|', e.Name, e.IpaCode, e.ContactEmail, e.WebsiteUrl, e.TransparencyUrl, e.LogoPath),
                Build,
                .. directorates.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Id}|{d.Code}|{d.Name}")),
            ]));
    }

    private async Task<PdfDownload?> DownloadAsync(int year, string document, string fileName, Func<Stream, Task<bool>> write, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(year, cancellationToken);
        if (version is null)
        {
            cache.Purge(year, null);
            var temporary = ConsuntivoRenderer.TemporaryFile();
            try
            {
                if (!await write(temporary))
                {
                    await temporary.DisposeAsync();
                    return null;
                }

                temporary.Position = 0;
                return new PdfDownload(temporary, fileName, null, null);
            }
            catch
            {
                await temporary.DisposeAsync();
                throw;
            }
        }

        // A kept file may be removed between finding and opening it (a purge, another instance's duplicate): once more.
        for (var attempt = 0; ; attempt++)
        {
            if (await cache.GetOrWriteAsync(year, version, document, write, cancellationToken) is not { } kept)
            {
                return null;
            }

            try
            {
                return new PdfDownload(PdfFileCache.Open(kept), fileName, EntityTagHeaderValue.Parse(kept.ETag), kept.LastModified);
            }
            catch (FileNotFoundException) when (attempt == 0)
            {
            }
        }
    }
}
