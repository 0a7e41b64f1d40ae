using Pdo.Reporting;
using Pdo.Reporting.Layout;
using Pdo.Reporting.Model;

namespace Pdo.Web.Features.Reports;

/// <summary>
/// Renders consuntivi off the request thread pool: each PDF is laid out and written on a dedicated (long-running)
/// thread into a temporary file deleted on close, which the response then streams. At most
/// <see cref="MaxConcurrentRenders"/> PDFs are rendered at once (further exports wait, asynchronously, without
/// holding a thread), so simultaneous exports never starve page views of pool threads or of CPU.
/// </summary>
public class ConsuntivoRenderer(ILogger<ConsuntivoRenderer> logger)
{
    private readonly SemaphoreSlim _slots = new(MaxConcurrentRenders, MaxConcurrentRenders);

    /// <summary>Half the cores, at least one: the other half stays for the pages.</summary>
    public static int MaxConcurrentRenders { get; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>The PDF as a readable stream positioned at 0; the caller disposes it (the file goes with it).</summary>
    public async Task<Stream> RenderAsync(ConsuntivoReport report, RenderOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Factory.StartNew(
                () => RenderToTempFile(report, options),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Writes the PDF; runs on the rendering thread.</summary>
    protected virtual int Write(ConsuntivoReport report, Stream output, RenderOptions options) => ConsuntivoPdf.Write(report, output, options);

    private Stream RenderToTempFile(ConsuntivoReport report, RenderOptions options)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pdo-consuntivo-{Guid.NewGuid():N}.pdf");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var pages = Write(report, file, options);
            file.Position = 0;
            logger.LogInformation(
                "Consuntivo {Year} {Scope} rendered: {Pages} pages, {Bytes} bytes in {Elapsed} ms",
                report.Year,
                report.Scope ?? "piano",
                pages,
                file.Length,
                (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
