using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Operations;
using Pdo.Web.Infrastructure;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Operations;

/// <summary>
/// `backup &lt;file&gt;` over the live SQLite file of a running portal, and the restore of README "Backup e ripristino"
/// (portal stopped, the copy put in place of pdo.db, portal started).
/// </summary>
public sealed class BackupTests : IDisposable
{
    private const int Writers = 4;
    private const int SavesPerWriter = 25;

    private readonly MonitoringPlanFactory _portal = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pdo-tests", Guid.NewGuid().ToString("N"));

    public BackupTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _portal.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [SqliteOnlyFact]
    public async Task TakesCopiesWhereEveryResultMatchesItsLastAuditRowGivenWritersSavingMeanwhile()
    {
        await _portal.EnsurePlan2020Async();
        var kpis = await _portal.WithDbAsync(db => db.Kpis
            .Where(k => k.Objective!.Plan!.Year == 2020 && k.Kind == KpiKind.Numeric)
            .OrderBy(k => k.Id).Select(k => k.Id).Take(Writers).ToListAsync());

        var writing = Task.WhenAll(kpis.Select((kpi, writer) => Task.Run(() => WriteAsync(kpi, writer))));
        var copies = new List<string>();
        var takenWhileWriting = 0;
        while (!writing.IsCompleted || copies.Count == 0)
        {
            var copy = Path.Combine(_folder, $"copia-{copies.Count}.db");
            var output = new StringWriter();
            var exitCode = await Task.Run(() => OperationsCommands.BackupAsync([copy], Configuration(), _portal.DataDirectory, output));
            Assert.True(exitCode == 0, output.ToString());
            Assert.Contains("Backup completato", output.ToString());
            takenWhileWriting += writing.IsCompleted ? 0 : 1;
            copies.Add(copy);
        }

        await writing;
        Assert.True(takenWhileWriting > 0, "No copy was taken while the writers were saving.");
        foreach (var copy in copies)
        {
            await AssertConsistentAsync(copy);
        }

        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [SqliteOnlyFact]
    public async Task ServesTheBackedUpDataGivenTheCopyRestoredInPlaceOfTheDatabase()
    {
        await _portal.EnsurePlan2020Async();
        var kpi = await _portal.WithDbAsync(db => db.Kpis
            .Where(k => k.Objective!.Plan!.Year == 2020 && k.Kind == KpiKind.Numeric).OrderBy(k => k.Id).Select(k => k.Id).FirstAsync());
        await SaveResultAsync(kpi, 111m);
        var copy = Path.Combine(_folder, "pdo-backup.db");
        Assert.Equal(0, await OperationsCommands.BackupAsync([copy], Configuration(), _portal.DataDirectory, TextWriter.Null));
        await SaveResultAsync(kpi, 222m); // after the backup: not in the restored database

        using var restored = new PdoWebFactory();
        Directory.CreateDirectory(restored.DataDirectory);
        File.Copy(copy, restored.DatabasePath);

        Assert.Equal(HttpStatusCode.OK, (await restored.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(111m, await restored.WithDbAsync(db => db.KpiResults.Where(r => r.KpiId == kpi).Select(r => r.Value).SingleAsync()));
        var page = await (await restored.CreateClientAsAsync(Pdo.Infrastructure.Identity.Roles.Executive)).GetAsync("/piani/2020");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [SqliteOnlyFact]
    public async Task RefusesToReplaceAnExistingFileGivenNoSovrascrivi()
    {
        _ = _portal.Services;
        var existing = Path.Combine(_folder, "esistente.db");
        await File.WriteAllTextAsync(existing, "backup di ieri");
        var output = new StringWriter();

        var exitCode = await OperationsCommands.BackupAsync([existing], Configuration(), _portal.DataDirectory, output);

        Assert.Equal(1, exitCode);
        Assert.Contains("--sovrascrivi", output.ToString());
        Assert.Equal("backup di ieri", await File.ReadAllTextAsync(existing));
        Assert.Equal(0, await OperationsCommands.BackupAsync([existing, "--sovrascrivi"], Configuration(), _portal.DataDirectory, TextWriter.Null));
        await using var replaced = new SqliteConnection($"Data Source={existing};Mode=ReadOnly;Pooling=False");
        await replaced.OpenAsync();
        Assert.Equal("ok", await SqliteBackup.IntegrityCheckAsync(replaced));
    }

    [SqliteOnlyFact]
    public async Task WritesNothingAndFailsGivenNoDatabaseToCopy()
    {
        var target = Path.Combine(_folder, "copia.db");
        var output = new StringWriter();

        var exitCode = await OperationsCommands.BackupAsync([target], Configuration(), Path.Combine(_folder, "vuota"), output);

        Assert.Equal(1, exitCode);
        Assert.Contains("non esiste", output.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [SqliteOnlyFact]
    public async Task AnswersThatTheNativeBackupIsToBeUsedGivenSqlServer()
    {
        var output = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:SqlServer"] = "Server=db;Database=Pdo",
        }).Build();

        var exitCode = await OperationsCommands.BackupAsync([Path.Combine(_folder, "copia.bak")], configuration, _folder, output);

        Assert.Equal(2, exitCode);
        Assert.Contains("BACKUP DATABASE", output.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [SqliteOnlyFact]
    public async Task CopiesWithoutStartingThePortalGivenTheBackupCommandLine()
    {
        _ = _portal.Services;
        var copy = Path.Combine(_folder, "da-riga-di-comando.db");

        var (exitCode, output) = await PortalProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["Database__DataDirectory"] = _portal.DataDirectory,
                ["Serilog__WriteTo__1__Args__path"] = Path.Combine(_folder, "logs", "pdo-.log"),
            },
            TimeSpan.FromSeconds(60),
            "backup",
            copy);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Backup completato", output);
        Assert.Contains("Backup completed", output);
        Assert.DoesNotContain("Now listening", output);
        Assert.DoesNotContain("Applying", output);
        Assert.True(File.Exists(copy));
    }

    private static IConfiguration Configuration() => new ConfigurationBuilder().Build();

    private async Task WriteAsync(int kpi, int writer)
    {
        for (var i = 1; i <= SavesPerWriter; i++)
        {
            await SaveResultAsync(kpi, (writer * 1000) + i);
        }
    }

    /// <summary>Records <paramref name="value"/> as the interim result of a 2020 KPI through the app's DbContext (audit interceptor included).</summary>
    private async Task SaveResultAsync(int kpiId, decimal value)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var kpi = await db.Kpis.Include(k => k.Results)
            .Include(k => k.Objective!).ThenInclude(o => o.Plan!).ThenInclude(p => p.Periods)
            .SingleAsync(k => k.Id == kpiId);
        var period = kpi.Objective!.Plan!.Periods.Single(p => p.Code == "INT");
        var text = value.ToString(CultureInfo.InvariantCulture);
        kpi.RecordResult(period, text, new Measurement(value, null, null), "Prova del backup.", "test", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    /// <summary>The copy is whole and each result's text and value are the new values of its last audit rows.</summary>
    private static async Task AssertConsistentAsync(string copy)
    {
        var connectionString = $"Data Source={copy};Mode=ReadOnly;Pooling=False";
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            Assert.Equal("ok", await SqliteBackup.IntegrityCheckAsync(connection));
        }

        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options);
        var results = await db.KpiResults.AsNoTracking()
            .Select(r => new { r.Kpi!.Objective!.Plan!.Year, Objective = r.Kpi.Objective.Code, Kpi = r.Kpi.Code, Period = r.Period!.Code, r.ActualText, r.Value })
            .ToListAsync();
        var audit = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(KpiResult) && (a.Field == nameof(KpiResult.ActualText) || a.Field == nameof(KpiResult.Value)))
                .Select(a => new { a.Id, a.EntityKey, a.Field, a.NewValue })
                .ToListAsync())
            .GroupBy(a => (a.EntityKey, a.Field))
            .ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!.NewValue);
        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            var key = $"{r.Year}/{r.Objective}/{r.Kpi}/{r.Period}";
            Assert.True(audit.TryGetValue((key, nameof(KpiResult.ActualText)), out var text), $"{copy}: no audit row for {key}");
            Assert.Equal(r.ActualText, text);
            Assert.Equal(r.Value?.ToString("0.##########", CultureInfo.InvariantCulture), audit.GetValueOrDefault((key, nameof(KpiResult.Value))));
        }
    }
}
