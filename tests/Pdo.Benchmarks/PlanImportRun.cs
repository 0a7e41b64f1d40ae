using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.PlanImport;

namespace Pdo.Benchmarks;

/// <summary>
/// The documented import command: per size, a generated plan file (<see cref="PlanFile"/>) imported by the real
/// <see cref="PlanImporter"/> into a fresh migrated SQLite file, configured as the portal configures it (audit and change
/// signal interceptors), timed in phases: reading and validating the file into entities, handing them to EF Core, and
/// saving (audit rows, inserts, commit).
/// </summary>
internal static class PlanImportRun
{
    public static async Task RunAsync(int[] sizes, bool validateOnly)
    {
        if (validateOnly)
        {
            await ValidateAsync(sizes);
            return;
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, GC heap limit {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024 / 1024} MB");
        Console.WriteLine("objectives | KPIs | file MB | validate s | validate CPU s | validate ÷ first (objectives ÷ first) | add to EF s | save s | total s | audit rows | peak working set MB");
        ImportPhases? first = null;
        foreach (var objectives in sizes)
        {
            var file = PlanFile.Create(objectives);
            using var database = new ImportDatabase();
            var phases = await database.ImportAsync(file);
            first ??= phases;
            Process.GetCurrentProcess().Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{objectives,10} | {phases.Kpis,7} | {file.Length / 1024.0 / 1024.0,7:0.0} | {phases.Validate,10:0.000} | {phases.ValidateCpu,14:0.000} | {phases.Validate / first.Validate,11:0.0} ({objectives / (double)first.Objectives:0.0}) | {phases.Attach,11:0.000} | {phases.Save,6:0.000} | {phases.Total,7:0.000} | {phases.AuditRows,10} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0,19:0}"));
        }
    }

    /// <summary>Reading and validating only: the import is stopped when the valid plan would be handed to EF Core.</summary>
    private static async Task ValidateAsync(int[] sizes)
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, GC heap limit {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024 / 1024} MB");
        Console.WriteLine("objectives | KPIs | file MB | validate s (best of 3) | validate CPU s | ÷ first | objectives ÷ first | peak working set MB");
        ImportPhases? first = null;
        using var database = new ImportDatabase();
        await database.ValidateAsync(PlanFile.Create(sizes[0])); // warm-up: JIT and tiered compilation settle
        foreach (var objectives in sizes)
        {
            var file = PlanFile.Create(objectives);
            ImportPhases? best = null;
            for (var i = 0; i < 3; i++)
            {
                var phases = await database.ValidateAsync(file);
                best = best is null || phases.Validate < best.Validate ? phases : best;
            }

            first ??= best!;
            Process.GetCurrentProcess().Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{objectives,10} | {objectives * PlanFile.KpisPerObjective,7} | {file.Length / 1024.0 / 1024.0,7:0.0} | {best!.Validate,22:0.000} | {best.ValidateCpu,14:0.000} | {best.Validate / first.Validate,7:0.0} | {objectives / (double)sizes[0],18:0.0} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0,19:0}"));
        }
    }
}

/// <summary>Seconds spent in each phase of one import.</summary>
internal sealed record ImportPhases(int Objectives, int Kpis, double Validate, double ValidateCpu, double Attach, double Save, double Total, int AuditRows);

/// <summary>A fresh SQLite database file with the migrations applied, and the portal's infrastructure services over it.</summary>
internal sealed class ImportDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pdo-bench-import", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public ImportDatabase()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<IAuditContext>(_ => new SystemAuditContext { UserName = "benchmark" });
        services.AddPdoInfrastructure(configuration, _directory);
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
    }

    /// <summary>Imports the file, timing its phases (the plan must be imported, else it throws).</summary>
    public async Task<ImportPhases> ImportAsync(byte[] file)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
        var watch = new Stopwatch();
        var process = Process.GetCurrentProcess();
        TimeSpan? validated = null;
        TimeSpan? attached = null;
        TimeSpan validatedCpu = default;

        // The importer hands entities to EF Core only once the whole file is valid, and then saves them.
        db.ChangeTracker.Tracked += (_, e) =>
        {
            if (!e.FromQuery && validated is null)
            {
                validated = watch.Elapsed;
                validatedCpu = process.TotalProcessorTime;
            }
        };
        db.SavingChanges += (_, _) => attached ??= watch.Elapsed;
        using var stream = new MemoryStream(file, writable: false);
        GC.Collect();
        var startCpu = process.TotalProcessorTime;
        watch.Start();
        var result = await importer.ImportAsync(stream, "benchmark");
        watch.Stop();
        process.Refresh();
        if (result.Outcome != PlanImportOutcome.Imported || validated is null || attached is null)
        {
            throw new InvalidOperationException($"Import failed: {result.Outcome} {string.Join(" ", result.Errors.Take(5).Select(e => $"{e.Path}: {e.Message}"))}");
        }

        var audit = await db.AuditEntries.CountAsync();
        return new ImportPhases(
            result.Objectives, result.Kpis, validated.Value.TotalSeconds, (validatedCpu - startCpu).TotalSeconds, (attached.Value - validated.Value).TotalSeconds,
            (watch.Elapsed - attached.Value).TotalSeconds, watch.Elapsed.TotalSeconds, audit);
    }

    /// <summary>Times reading and validating the file: the import is stopped when the importer hands the valid plan to EF Core.</summary>
    public async Task<ImportPhases> ValidateAsync(byte[] file)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
        var process = Process.GetCurrentProcess();
        db.ChangeTracker.Tracked += (_, e) =>
        {
            if (!e.FromQuery)
            {
                throw new ValidatedException();
            }
        };
        using var stream = new MemoryStream(file, writable: false);
        GC.Collect();
        var startCpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await importer.ImportAsync(stream, "benchmark");
            throw new InvalidOperationException($"The file was not valid: {result.Outcome} {string.Join(" ", result.Errors.Take(5).Select(e => $"{e.Path}: {e.Message}"))}");
        }
        catch (ValidatedException)
        {
            watch.Stop();
            process.Refresh();
        }

        var seconds = watch.Elapsed.TotalSeconds;
        return new ImportPhases(0, 0, seconds, (process.TotalProcessorTime - startCpu).TotalSeconds, 0, 0, seconds, 0);
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>Thrown by the benchmark, never by the portal: the whole file was read and validated.</summary>
internal sealed class ValidatedException : Exception
{
    public ValidatedException()
        : base("Validated.")
    {
    }
}
