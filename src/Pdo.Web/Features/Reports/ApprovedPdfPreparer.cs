using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;

namespace Pdo.Web.Features.Reports;

/// <summary>
/// Keeps the whole-plan consuntivo of every approved plan ready on disk (<see cref="PdfFileCache"/>), so that the
/// Giunta's export and the citizens' download after an approval, a restart or a change are the kept file, not a
/// render of a large plan while they wait (#18 item 1). <c>Reports:PrepareDelay</c> (10 s) after the start, then every
/// <c>Reports:PrepareInterval</c> (1 minute), it asks <see cref="PdfDownloadService.ConsuntivoAsync"/> for each
/// approved plan's consuntivo, as a download would: a file kept for the plan's current data stamp is found and left
/// alone; a missing one is rendered once, through the renderer's slots (at most one render per two cores), and kept.
/// Sections, Direzioni, PDF/A and the Relazione are rendered on their first download, as before.
/// <c>Reports:PrepareApproved</c> (default true) turns it off; a failure is logged in one line and the next round tries
/// again.
/// </summary>
public sealed class ApprovedPdfPreparer(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ApprovedPdfPreparer> logger)
    : BackgroundService
{
    private readonly TimeSpan _delay = configuration.GetValue("Reports:PrepareDelay", TimeSpan.FromSeconds(10));
    private readonly TimeSpan _interval = configuration.GetValue("Reports:PrepareInterval", TimeSpan.FromMinutes(1));
    private long _rounds;

    /// <summary>Whether the approved plans' consuntivi are prepared (<c>Reports:PrepareApproved</c>).</summary>
    public bool Enabled { get; } = configuration.GetValue("Reports:PrepareApproved", true);

    /// <summary>Rounds completed since the start (every approved plan asked for once per round).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            await Task.Yield(); // off the start-up path even with no delay
            await Task.Delay(_delay, stoppingToken);
            while (true)
            {
                await PrepareAsync(stoppingToken);
                Interlocked.Increment(ref _rounds);
                await Task.Delay(_interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round: each approved plan's whole-plan consuntivo found kept, or rendered and kept.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        List<int> years;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            years = await db.Plans.Where(p => p.Status == PlanStatus.Approved).OrderByDescending(p => p.Year).Select(p => p.Year).ToListAsync(cancellationToken);
        }

        foreach (var year in years)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pdfs = scope.ServiceProvider.GetRequiredService<PdfDownloadService>();
                var outcome = await pdfs.ConsuntivoAsync(new ReportTarget(year, ReportScope.Plan, null, null), null, pdfA: false, cancellationToken);
                if (outcome.Pdf is { } pdf)
                {
                    await pdf.Content.DisposeAsync();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
            {
                logger.LogWarning("Preparing the consuntivo of the approved plan {Year} failed: {Reason}", year, ex.Message.ReplaceLineEndings(" "));
            }
        }
    }
}
