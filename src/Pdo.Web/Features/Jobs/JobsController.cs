using Microsoft.AspNetCore.Mvc;
using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Jobs;

/// <summary>The page of a job, its state as JSON for the page's script, and its file; only the user who started it sees them.</summary>
public sealed record JobViewModel(
    string Id,
    string Title,
    JobState State,
    int Done,
    int Total,
    string StatusText,
    string? Error,
    string? DownloadUrl,
    string? FileName,
    PlanImportResult? ImportResult)
{
    public bool IsRunning => State is JobState.Queued or JobState.Running;

    public static JobViewModel From(BackgroundJob job)
    {
        var (state, done, total) = job.Snapshot();
        return new JobViewModel(
            job.Id,
            job.Title,
            state,
            done,
            total,
            StatusTextOf(state, done, total),
            state == JobState.Failed ? job.Error : null,
            state == JobState.Done && job.FilePath is not null ? Links.JobFile(job.Id) : null,
            job.FileName,
            state == JobState.Done ? job.ImportResult : null);
    }

    private static string StatusTextOf(JobState state, int done, int total) => state switch
    {
        JobState.Queued => "In coda: il lavoro inizierà appena possibile.",
        JobState.Running when total > 0 => $"In corso: {Domain.Values.ItalianValues.FormatNumber(done)} di {Domain.Values.ItalianValues.FormatNumber(total)} righe.",
        JobState.Running => "In corso.",
        JobState.Done => "Completato.",
        _ => "Non riuscito.",
    };
}

[Route("lavori")]
public sealed class JobsController(JobRunner jobs) : Controller
{
    [HttpGet("{id}")]
    public IActionResult Show(string id) =>
        jobs.Find(id, User.AuditName()) is { } job ? View(JobViewModel.From(job)) : NotFound();

    /// <summary>The job's state for <c>wwwroot/js/jobs.js</c>, which updates the progress bar and reloads the page at the end.</summary>
    [HttpGet("{id}/stato")]
    public IActionResult Status(string id)
    {
        if (jobs.Find(id, User.AuditName()) is not { } job)
        {
            return NotFound();
        }

        var model = JobViewModel.From(job);
        Response.Headers.CacheControl = "no-store";
        return Json(new { state = model.State.ToString(), done = model.Done, total = model.Total, text = model.StatusText, finished = !model.IsRunning });
    }

    [HttpGet("{id}/file")]
    public IActionResult Download(string id) =>
        jobs.Find(id, User.AuditName()) is { State: JobState.Done, FilePath: { } path, FileName: { } name, ContentType: { } type } && System.IO.File.Exists(path)
            ? PhysicalFile(path, type, name)
            : NotFound();
}
