using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Features.Jobs;

namespace Pdo.Web.Features.PlanImport;

/// <summary>What an upload of a plan file led to: the outcome to show now, or the background job importing it.</summary>
public sealed record PlanUploadOutcome(PlanImportViewModel? Now, string? JobId);

/// <summary>
/// Imports an uploaded plan file (JSON or the plan workbook) with <see cref="PlanImporter"/>: within the request up to
/// <see cref="JobSettings.SynchronousImportBytes"/>, as a background job beyond (the file is kept owner-only in the
/// jobs folder until the job has read it), so that no request thread waits on a large import.
/// </summary>
public sealed class PlanImportService(PlanImporter importer, JobRunner jobs)
{
    public async Task<PlanUploadOutcome> UploadAsync(IFormFile? file, string user, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return Now(PlanImportResult.Rejected([new PlanImportError(string.Empty, "Scegliere il file del piano: JSON oppure Excel (.xlsx) esportato dal portale.")]), null);
        }

        var name = Path.GetFileName(file.FileName);
        if (file.Length > PlanImportController.MaxFileBytes)
        {
            return Now(PlanImportResult.Rejected([new PlanImportError(string.Empty, PlanFileSizeLimitAttribute.TooLarge)]), name);
        }

        await using var stream = file.OpenReadStream();
        var workbook = IsWorkbook(name, stream);
        if (file.Length <= jobs.Settings.SynchronousImportBytes)
        {
            return Now(await ImportAsync(importer, stream, workbook, user, null, cancellationToken), name);
        }

        string path;
        await using (var kept = jobs.CreateFile(workbook ? ".xlsx" : ".json", out path))
        {
            await stream.CopyToAsync(kept, cancellationToken);
        }

        var job = jobs.Enqueue(user, $"Importazione del piano da «{name}»", async (services, job, token) =>
        {
            try
            {
                await using var input = File.OpenRead(path);
                var result = await ImportAsync(services.GetRequiredService<PlanImporter>(), input, workbook, user, job.Report, token);
                job.CompleteWithImport(result, name);
            }
            finally
            {
                File.Delete(path);
            }
        });
        if (job is null)
        {
            File.Delete(path);
            return Now(PlanImportResult.Rejected([new PlanImportError(string.Empty, "Troppi lavori in coda in questo momento: riprovare tra qualche minuto.")]), name);
        }

        return new PlanUploadOutcome(null, job.Id);
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

    private static Task<PlanImportResult> ImportAsync(PlanImporter importer, Stream stream, bool workbook, string user, Action<int, int>? progress, CancellationToken cancellationToken) =>
        workbook
            ? importer.ImportWorkbookAsync(stream, user, cancellationToken, progress)
            : importer.ImportAsync(stream, user, cancellationToken, progress);

    private static PlanUploadOutcome Now(PlanImportResult result, string? fileName) => new(new PlanImportViewModel(result, fileName), null);
}
