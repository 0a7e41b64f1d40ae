using Pdo.Reporting;
using Pdo.Reporting.Layout;
using Pdo.Reporting.Model;

namespace Pdo.Web.Features.Reports;

/// <summary>
/// Renders consuntivi (and the OIV's validation document) off the request thread pool: each PDF is laid out and
/// written on a dedicated (long-running) thread into the stream it is given — a file of <see cref="PdfFileCache"/>, or
/// a temporary file deleted on close — which the response then streams. At most <see cref="MaxConcurrentRenders"/>
/// PDFs are rendered at once (further exports wait, asynchronously, without holding a thread), so simultaneous exports
/// never starve page views of pool threads or of CPU; a render's only pool work is the compression of its drawn pages
/// (short work items, at most 8 pages waiting: <c>Pdo.Reporting.Layout.ContentCompression</c>), a fraction of a core.
/// </summary>
public class ConsuntivoRenderer(ILogger<ConsuntivoRenderer> logger)
{
    private readonly SemaphoreSlim _slots = new(MaxConcurrentRenders, MaxConcurrentRenders);

    /// <summary>Half the cores, at least one: the other half stays for the pages.</summary>
    public static int MaxConcurrentRenders { get; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>A temporary file for one PDF, deleted when the stream is disposed.</summary>
    public static FileStream TemporaryFile() => new(
        Path.Combine(Path.GetTempPath(), $"pdo-consuntivo-{Guid.NewGuid():N}.pdf"),
        FileMode.CreateNew,
        FileAccess.ReadWrite,
        FileShare.None,
        64 * 1024,
        FileOptions.DeleteOnClose);

    /// <summary>Writes the consuntivo (or the Relazione) of <paramref name="report"/> to <paramref name="output"/>.</summary>
    public Task RenderAsync(ConsuntivoReport report, RenderOptions options, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return RunAsync(() => Write(report, output, options), output, report.Year, report.Scope ?? (report.Relazione is null ? "piano" : "relazione"), cancellationToken);
    }

    /// <summary>Writes the OIV's validation document to <paramref name="output"/>.</summary>
    public Task RenderAsync(ValidationReport report, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return RunAsync(() => ConsuntivoPdf.WriteValidation(report, output), output, report.Year, "validazione", cancellationToken);
    }

    /// <summary>Writes the PDF; runs on the rendering thread.</summary>
    protected virtual int Write(ConsuntivoReport report, Stream output, RenderOptions options) => ConsuntivoPdf.Write(report, output, options);

    private async Task RunAsync(Func<int> write, Stream output, int year, string what, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await Task.Factory.StartNew(
                () =>
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    var pages = write();
                    logger.LogInformation(
                        "Consuntivo {Year} {Scope} rendered: {Pages} pages, {Bytes} bytes in {Elapsed} ms",
                        year,
                        what,
                        pages,
                        output.Length,
                        (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                },
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
        finally
        {
            _slots.Release();
        }
    }
}
