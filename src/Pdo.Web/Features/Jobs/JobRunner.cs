using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Features.ResultUpload;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.Jobs;

public enum JobState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>Settings of the background jobs (config section <c>Jobs</c>).</summary>
public sealed class JobSettings
{
    /// <summary>Jobs running at once; the others wait in the queue.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>Jobs waiting at most; beyond it a new one is refused with an Italian message.</summary>
    public int QueueLength { get; set; } = 20;

    /// <summary>A plan export with at most this many KPIs is written within the request; a larger one is a job.</summary>
    public int SynchronousExportKpis { get; set; } = 2_000;

    /// <summary>A plan file (JSON or xlsx) of at most this many bytes is imported within the request; a larger one is a job.</summary>
    public long SynchronousImportBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// One piece of long work of one user: its progress (<see cref="Done"/> of <see cref="Total"/>, reported by the work
/// itself), and at the end a file to download, an import's outcome, or an Italian message saying why it failed.
/// </summary>
public sealed class BackgroundJob
{
    private readonly Lock _gate = new();

    internal BackgroundJob(string id, string owner, string title, DateTimeOffset createdAt)
    {
        Id = id;
        Owner = owner;
        Title = title;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    /// <summary>The audit name of the user who started it: only they see it.</summary>
    public string Owner { get; }

    public string Title { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public JobState State { get; private set; } = JobState.Queued;

    public int Done { get; private set; }

    public int Total { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The file the job wrote (under the jobs folder, owner-only) and the name to download it with.</summary>
    public string? FilePath { get; private set; }

    public string? FileName { get; private set; }

    public string? ContentType { get; private set; }

    /// <summary>A plan import's outcome, shown on the job page as the import page shows it.</summary>
    public PlanImportResult? ImportResult { get; private set; }

    /// <summary>Rows (or items) done out of the total, as the import or export reports them.</summary>
    public void Report(int done, int total)
    {
        lock (_gate)
        {
            (Done, Total) = (Math.Clamp(done, 0, Math.Max(total, 0)), Math.Max(total, 0));
        }
    }

    public (JobState State, int Done, int Total) Snapshot()
    {
        lock (_gate)
        {
            return (State, Done, Total);
        }
    }

    public void CompleteWithFile(string path, string fileName, string contentType)
    {
        (FilePath, FileName, ContentType) = (path, fileName, contentType);
    }

    public void CompleteWithImport(PlanImportResult result, string fileName) => (ImportResult, FileName) = (result, fileName);

    internal void Start()
    {
        lock (_gate)
        {
            State = JobState.Running;
        }
    }

    internal void Finish(DateTimeOffset at, string? error)
    {
        lock (_gate)
        {
            Error = error;
            FinishedAt = at;
            if (error is null)
            {
                Done = Total;
            }

            State = error is null ? JobState.Done : JobState.Failed;
        }
    }
}

/// <summary>The work of a job, run in its own DI scope, acting (for the audit trail) as the job's owner.</summary>
public delegate Task JobWork(IServiceProvider services, BackgroundJob job, CancellationToken cancellationToken);

/// <summary>
/// Runs long imports and exports off the request: a bounded <see cref="Channel{T}"/> of queued jobs read by
/// <see cref="JobSettings.Concurrency"/> workers of this hosted service. Jobs live in memory, their files under
/// <c>jobs/</c> in the data folder (folder 0700, files 0600); both are removed one hour after the job ended (by the
/// portal's clock). A job's failure ends as an Italian message on its page, never as an exception to a request.
/// </summary>
public sealed class JobRunner : BackgroundService
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public const string Failed = "Il lavoro non è riuscito per un errore imprevisto: nessuna modifica è stata scritta. Riprovare; se si ripete, avvisare l'assistenza.";

    private readonly ConcurrentDictionary<string, BackgroundJob> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<(BackgroundJob Job, JobWork Work)> _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly JobSettings _settings;
    private readonly ILogger<JobRunner> _logger;

    public JobRunner(string folder, IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobSettings> settings, ILogger<JobRunner> logger)
    {
        Folder = folder;
        _scopes = scopes;
        _clock = clock;
        _settings = settings.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<(BackgroundJob, JobWork)>(new BoundedChannelOptions(Math.Max(1, _settings.QueueLength))
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Where jobs keep their input and output files.</summary>
    public string Folder { get; }

    public JobSettings Settings => _settings;

    /// <summary>Queues the work, or returns null when the queue is full (the caller says so in Italian).</summary>
    public BackgroundJob? Enqueue(string owner, string title, JobWork work)
    {
        Sweep();
        var job = new BackgroundJob(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), owner, title, _clock.GetUtcNow());
        _jobs[job.Id] = job;
        if (!_queue.Writer.TryWrite((job, work)))
        {
            _jobs.TryRemove(job.Id, out _);
            return null;
        }

        return job;
    }

    /// <summary>The job when it exists and belongs to <paramref name="owner"/>; null otherwise (another user's job is not found).</summary>
    public BackgroundJob? Find(string? id, string owner)
    {
        Sweep();
        return id is not null && _jobs.TryGetValue(id, out var job) && string.Equals(job.Owner, owner, StringComparison.Ordinal) ? job : null;
    }

    /// <summary>A new file in the jobs folder that only the portal's account can read: its path, opened for writing.</summary>
    public FileStream CreateFile(string extension, out string path)
    {
        PendingUploadStore.EnsureOwnerOnlyFolder(Folder);
        path = Path.Combine(Folder, $"{Guid.NewGuid():N}{extension}");
        return PendingUploadStore.CreateOwnerOnly(path);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, _settings.Concurrency)).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (job, work) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, work, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RunAsync(BackgroundJob job, JobWork work, CancellationToken stoppingToken)
    {
        job.Start();
        string? error = null;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<IAuditContext>() is HttpAuditContext audit)
            {
                audit.ActingFor = job.Owner;
            }

            await work(scope.ServiceProvider, job, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "Job {JobId} ({Title}) of {Owner} failed", job.Id, job.Title, job.Owner);
            error = Failed;
        }

        job.Finish(_clock.GetUtcNow(), error);
    }

    /// <summary>Forgets jobs ended more than an hour ago and deletes their files.</summary>
    private void Sweep()
    {
        var now = _clock.GetUtcNow();
        foreach (var job in _jobs.Values.Where(j => j.FinishedAt is { } at && now - at > Lifetime))
        {
            if (_jobs.TryRemove(job.Id, out _) && job.FilePath is { } path)
            {
                File.Delete(path);
            }
        }
    }
}
