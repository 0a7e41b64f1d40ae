using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Jobs;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Jobs;

/// <summary>Long imports and exports as background jobs (<c>/lavori/{id}</c>): lifecycle, owner-only access, same results as within the request.</summary>
public sealed partial class BackgroundJobTests(ClockFactory factory) : IClassFixture<ClockFactory>
{
    [Fact]
    public async Task GoesFromQueuedToRunningWithProgressToDoneGivenOneWorkerAndTwoJobs()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var runner = NewRunner(clock, out var folder);
        await runner.StartAsync(default);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = runner.Enqueue("ufficio@pdo.local", "Primo", async (_, job, token) =>
        {
            job.Report(3, 10);
            reported.SetResult();
            await release.Task.WaitAsync(token);
            await using var file = runner.CreateFile(".txt", out var path);
            job.CompleteWithFile(path, "primo.txt", "text/plain");
        })!;
        var second = runner.Enqueue("ufficio@pdo.local", "Secondo", (_, _, _) => Task.CompletedTask)!;
        await reported.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((JobState.Running, 3, 10), first.Snapshot());
        Assert.Equal(JobState.Queued, second.Snapshot().State);
        Assert.Equal("In corso: 3 di 10 righe.", JobViewModel.From(first).StatusText);

        release.SetResult();
        await WaitAsync(() => second.Snapshot().State == JobState.Done);
        Assert.Equal((JobState.Done, 10, 10), first.Snapshot());
        Assert.True(File.Exists(first.FilePath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.FilePath!));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }

        // An hour after it ended, the job and its file are gone.
        clock.Advance(JobRunner.Lifetime + TimeSpan.FromMinutes(1));
        Assert.Null(runner.Find(first.Id, "ufficio@pdo.local"));
        Assert.False(File.Exists(first.FilePath));
        await runner.StopAsync(default);
    }

    [Fact]
    public async Task EndsFailedWithAnItalianMessageGivenWorkThatThrows()
    {
        using var runner = NewRunner(TimeProvider.System, out _);
        await runner.StartAsync(default);

        var job = runner.Enqueue("ufficio@pdo.local", "Rotto", (_, _, _) => throw new InvalidDataException("boom"))!;
        await WaitAsync(() => job.Snapshot().State == JobState.Failed);

        Assert.Equal(JobRunner.Failed, JobViewModel.From(job).Error);
        Assert.DoesNotContain("boom", JobViewModel.From(job).Error);
        await runner.StopAsync(default);
    }

    [Fact]
    public async Task ReturnsTheSameWorkbookAsWithinTheRequestGivenTheExportThroughItsJob()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var direct = await client.GetByteArrayAsync("/piani/2019/esporta.xlsx");

        var jobUrl = await WithThresholdsAsync(0, long.MaxValue, async () =>
        {
            var response = await client.GetAsync("/piani/2019/esporta.xlsx");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.OriginalString;
        });
        Assert.Matches("^/lavori/[0-9a-f]{32}$", jobUrl);
        var state = await FinishedStateAsync(client, jobUrl);
        Assert.Equal(("Done", 35, 35), (state.GetProperty("state").GetString(), state.GetProperty("done").GetInt32(), state.GetProperty("total").GetInt32()));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(jobUrl));
        Assert.Contains("Esportazione in Excel del piano 2019", page);
        Assert.Contains($"href=\"{jobUrl}/file\"", page);
        var viaJob = await client.GetByteArrayAsync($"{jobUrl}/file");
        Assert.Equal(Parts(direct), Parts(viaJob));
    }

    [Fact]
    public async Task Returns404GivenAnotherUsersJob()
    {
        var owner = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var jobUrl = await WithThresholdsAsync(0, long.MaxValue, async () => (await owner.GetAsync("/piani/2019/esporta.xlsx")).Headers.Location!.OriginalString);
        await FinishedStateAsync(owner, jobUrl);
        var other = await factory.CreateClientAsUserAsync($"altro.{Guid.NewGuid():N}@pdo.local", Roles.PlanningOffice);

        foreach (var url in new[] { jobUrl, $"{jobUrl}/stato", $"{jobUrl}/file" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{jobUrl}/file")).StatusCode);
    }

    [Fact]
    public async Task ShowsTheImportsOutcomeAndAuditsAsTheOwnerGivenAPlanFileImportedByAJob()
    {
        var user = $"import.{Guid.NewGuid():N}@pdo.local";
        var client = await factory.CreateClientAsUserAsync(user, Roles.PlanningOffice);
        var json = SeedPlanJson.AsYear(2041, "Draft").ToJsonString();
        var before = await factory.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;

        var jobUrl = await WithThresholdsAsync(int.MaxValue, 0, async () =>
        {
            var response = await UploadAsync(client, System.Text.Encoding.UTF8.GetBytes(json), "piano-2041.json");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.OriginalString;
        });
        var state = await FinishedStateAsync(client, jobUrl);

        Assert.Equal(("Done", 13, 13), (state.GetProperty("state").GetString(), state.GetProperty("done").GetInt32(), state.GetProperty("total").GetInt32()));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(jobUrl));
        Assert.Contains("Piano 2041 importato: 12 obiettivi e 35 KPI.", page);
        var authors = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Id > before).Select(a => a.UserName).Distinct().ToListAsync());
        Assert.Equal([user], authors);
    }

    [Fact]
    public async Task ShowsTheCellErrorsOnTheJobPageAndSavesNothingGivenABadWorkbookImportedByAJob()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        using var editor = new PlanWorkbookEditor(await client.GetByteArrayAsync("/piani/2019/esporta.xlsx"));
        var row = editor.KpiRow("SOL-01.1");
        var file = editor.Number("Piano", $"D{editor.PlanRow("Anno")}", 2042).Text("KPI", $"J{row}", "tre").Save();

        var jobUrl = await WithThresholdsAsync(int.MaxValue, 0, async () => (await UploadAsync(client, file, "pdo-2042.xlsx")).Headers.Location!.OriginalString);
        await FinishedStateAsync(client, jobUrl);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(jobUrl));
        Assert.Contains("«pdo-2042.xlsx» rifiutato, nessuna modifica", page);
        Assert.Contains($"<code>KPI!J{row} (KPI SOL-01.1)</code>", page);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Plans.CountAsync(p => p.Year == 2042)));
    }

    private JobRunner NewRunner(TimeProvider clock, out string folder)
    {
        folder = Path.Combine(factory.DataDirectory, $"lavori-{Guid.NewGuid():N}");
        return new JobRunner(folder, factory.Services.GetRequiredService<IServiceScopeFactory>(), clock, Options.Create(new JobSettings { Concurrency = 1 }), NullLogger<JobRunner>.Instance);
    }

    private async Task<T> WithThresholdsAsync<T>(int exportKpis, long importBytes, Func<Task<T>> action)
    {
        var settings = factory.Services.GetRequiredService<JobRunner>().Settings;
        var (kpis, bytes) = (settings.SynchronousExportKpis, settings.SynchronousImportBytes);
        (settings.SynchronousExportKpis, settings.SynchronousImportBytes) = (exportKpis, importBytes);
        try
        {
            return await action();
        }
        finally
        {
            (settings.SynchronousExportKpis, settings.SynchronousImportBytes) = (kpis, bytes);
        }
    }

    private static async Task<JsonElement> FinishedStateAsync(HttpClient client, string jobUrl)
    {
        for (var i = 0; i < 200; i++)
        {
            var state = JsonDocument.Parse(await client.GetStringAsync($"{jobUrl}/stato")).RootElement;
            if (state.GetProperty("finished").GetBoolean())
            {
                return state;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{jobUrl} did not finish.");
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    /// <summary>
    /// Each part of the zip with its text, the random relationship ids the OpenXml SDK gives every package aside
    /// (two exports within the request differ in those alone, as do the zip's entry timestamps).
    /// </summary>
    private static List<(string Name, string Content)> Parts(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return [.. zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return (e.FullName, RelationshipId().Replace(reader.ReadToEnd(), "R"));
        })];
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var token = await PdoWebFactory.AntiforgeryTokenAsync(client, "/piani/importa");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        return await client.PostAsync("/piani/importa", content);
    }

    [System.Text.RegularExpressions.GeneratedRegex("\\bR[0-9a-f]{16}\\b")]
    private static partial System.Text.RegularExpressions.Regex RelationshipId();
}
