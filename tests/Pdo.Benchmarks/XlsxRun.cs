using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pdo.Infrastructure;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Generation;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.Spreadsheets;
using Pdo.Web.Features.Collection;
using Pdo.Web.Features.Reports;
using Pdo.Web.Features.ResultUpload;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Security;

namespace Pdo.Benchmarks;

/// <summary>
/// The documented Excel command (docs/benchmarks.md, "Excel in and out"): over generated plans in a SQLite file, the
/// whole-plan export (<see cref="ReportService.BuildWorkbookAsync"/>: load, score every period, write) and the
/// validation and preview of a filled results template (<see cref="ResultUploadService.PreviewAsync"/>), each timed
/// against a reference measured in the same run: raw <see cref="OpenXmlWriter"/> writing the same cells with no portal
/// code, raw <see cref="OpenXmlReader"/> reading the same file.
/// </summary>
internal static class XlsxRun
{
    /// <summary>KPIs of the exported plans; the upload of N rows uses the «Ente» template of a plan of 2 N KPIs (half of them have no Direzione).</summary>
    private static readonly int[] DefaultSizes = [1_000, 10_000, 20_000];

    public static async Task RunAsync(string[] args)
    {
        var sizes = args.Where(a => a.All(char.IsAsciiDigit)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        sizes = sizes.Length > 0 ? sizes : DefaultSizes;
        var directory = Environment.GetEnvironmentVariable("PDO_BENCH_XLSX") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "pdo-bench-xlsx");
        using var data = new XlsxDatabase(directory);
        var years = await data.EnsurePlansAsync(sizes.Concat(sizes.Select(s => 2 * s)).Distinct().Order().ToArray());
        if (args.Contains("--generate-only"))
        {
            return;
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, " +
            $"GC heap limit {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024 / 1024} MB, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}");

        if (!args.Contains("--upload-only"))
        {
            await data.ExportAsync(years[sizes[0]]); // warm-up: JIT and tiered compilation settle
            Console.WriteLine($"\nworking set after the warm-up: {WorkingSetMegabytes()} MB");
            Console.WriteLine("export | KPIs | cells | file MB | first run s (loads the snapshot) | s (best of 3) | load s | score s | write s | allocated MB | peak working set MB | raw OpenXmlWriter s | raw allocated MB | ÷ raw | s ÷ first (KPIs ÷ first)");
            double? first = null;
            foreach (var size in sizes)
            {
                // The first export of a plan loads its snapshot (as after a restart); the next ones find it held. Only
                // the plan measured is held: the smaller plans' snapshots are dropped first.
                data.DropSnapshots();
                var cold = data.ExportAsync(years[size]).GetAwaiter().GetResult();
                var best = Best(() => data.ExportAsync(years[size]));
                var reference = Best(() => RawWriter.WriteAsync(best.Shape));
                first ??= best.Seconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"export | {size,6} | {best.Shape.Cells,7} | {best.FileBytes / 1024.0 / 1024.0,5:0.0} | {cold.Seconds,6:0.000} | {best.Seconds,6:0.000} | {best.Phases[0],6:0.000} | {best.Phases[1],6:0.000} | {best.Phases[2],6:0.000} | {best.Allocated / 1024.0 / 1024.0,6:0} | {best.PeakWorkingSet / 1024.0 / 1024.0,5:0} | {reference.Seconds,6:0.000} | {reference.Allocated / 1024.0 / 1024.0,6:0} | {best.Seconds / reference.Seconds,5:0.0} | {best.Seconds / first.Value,5:0.0} ({size / (double)sizes[0]:0.0})"));
            }
        }

        if (!args.Contains("--export-only"))
        {
            var files = new Dictionary<int, byte[]>();
            foreach (var size in sizes)
            {
                files[size] = await data.FilledTemplateAsync(years[2 * size]);
            }

            await data.PreviewAsync(years[2 * sizes[0]], files[sizes[0]]); // warm-up
            Console.WriteLine($"\nworking set after the warm-up: {WorkingSetMegabytes()} MB");
            Console.WriteLine("upload | rows | changed | file MB | s (best of 3) | reading the file s | allocated MB | peak working set MB | raw OpenXmlReader s | ÷ raw | s ÷ first (rows ÷ first)");
            double? first = null;
            foreach (var size in sizes)
            {
                var best = Best(() => data.PreviewAsync(years[2 * size], files[size]));
                var reference = Best(() => RawReader.ReadAsync(files[size]));
                first ??= best.Seconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"upload | {size,6} | {best.Rows,6} | {files[size].Length / 1024.0 / 1024.0,5:0.0} | {best.Seconds,6:0.000} | {best.Phases[0],6:0.000} | {best.Allocated / 1024.0 / 1024.0,6:0} | {best.PeakWorkingSet / 1024.0 / 1024.0,5:0} | {reference.Seconds,6:0.000} | {best.Seconds / reference.Seconds,5:0.0} | {best.Seconds / first.Value,5:0.0} ({size / (double)sizes[0]:0.0})"));
            }
        }
    }

    /// <summary>The fastest of three runs (each times itself with <see cref="Timed"/>).</summary>
    private static Measured Best(Func<Task<Measured>> run)
    {
        Measured? best = null;
        for (var i = 0; i < 3; i++)
        {
            var measured = run().GetAwaiter().GetResult();
            best = best is null || measured.Seconds < best.Seconds ? measured : best;
        }

        return best!;
    }

    private static long WorkingSetMegabytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024 / 1024;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

/// <summary>Times one operation: wall seconds, bytes allocated on the managed heap, peak working set sampled meanwhile.</summary>
internal static class Timed
{
    public static async Task<(T Value, double Seconds, long Allocated, long PeakWorkingSet)> RunAsync<T>(Func<Task<T>> operation)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var peak = new PeakSampler();
        var watch = Stopwatch.StartNew();
        var value = await operation();
        watch.Stop();
        return (value, watch.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocated, peak.Stop());
    }
}

/// <summary>One timed run: seconds, the phases where known, what it produced.</summary>
internal sealed record Measured(double Seconds, double[] Phases, WorkbookShape Shape, long FileBytes, int Rows)
{
    public long Allocated { get; init; }

    public long PeakWorkingSet { get; init; }
}

/// <summary>The cells of a workbook, sheet by sheet (cells per row, numbers per row): what the raw writer writes again.</summary>
internal sealed record WorkbookShape(IReadOnlyList<(string Name, int Rows, int CellsPerRow, int NumbersPerRow)> Sheets)
{
    public static readonly WorkbookShape Empty = new([]);

    public long Cells => Sheets.Sum(s => (long)s.Rows * s.CellsPerRow);

    /// <summary>Counts the cells of every sheet of the file with a raw <see cref="OpenXmlReader"/>.</summary>
    public static WorkbookShape Of(Stream file)
    {
        using var document = SpreadsheetDocument.Open(file, false);
        var workbook = document.WorkbookPart!;
        var sheets = new List<(string, int, int, int)>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var rows = 0;
            long cells = 0;
            long numbers = 0;
            using var reader = OpenXmlReader.Create((WorksheetPart)workbook.GetPartById(sheet.Id!));
            while (reader.Read())
            {
                if (!reader.IsStartElement)
                {
                    continue;
                }

                if (reader.ElementType == typeof(Row))
                {
                    rows++;
                }
                else if (reader.ElementType == typeof(Cell))
                {
                    cells++;
                    if (!reader.Attributes.Any(a => a.LocalName == "t"))
                    {
                        numbers++;
                    }
                }
            }

            sheets.Add((sheet.Name!, rows, rows == 0 ? 0 : (int)(cells / rows), rows == 0 ? 0 : (int)(numbers / rows)));
        }

        return new WorkbookShape(sheets);
    }
}

/// <summary>The reference for the export: a raw <see cref="OpenXmlWriter"/> writing the same sheets and cells (inline strings and numbers), no portal code.</summary>
internal static class RawWriter
{
    public static async Task<Measured> WriteAsync(WorkbookShape shape)
    {
        var (bytes, seconds, allocated, peak) = await Timed.RunAsync(() => Task.FromResult(Write(shape)));
        return new Measured(seconds, [], shape, bytes, 0) { Allocated = allocated, PeakWorkingSet = peak };
    }

    private static long Write(WorkbookShape shape)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pdo-bench-raw-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                var sheets = new Sheets();
                var id = 1U;
                foreach (var (name, rows, cellsPerRow, numbersPerRow) in shape.Sheets)
                {
                    var part = workbook.AddNewPart<WorksheetPart>();
                    using (var writer = OpenXmlWriter.Create(part))
                    {
                        writer.WriteStartElement(new Worksheet());
                        writer.WriteStartElement(new SheetData());
                        for (var r = 1; r <= rows; r++)
                        {
                            writer.WriteStartElement(new Row { RowIndex = (uint)r });
                            for (var c = 0; c < cellsPerRow; c++)
                            {
                                var reference = XlsxWriter.ColumnName(c) + r.ToString(CultureInfo.InvariantCulture);
                                writer.WriteElement(c < cellsPerRow - numbersPerRow
                                    ? new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text("Testo della cella")) }
                                    : new Cell { CellReference = reference, CellValue = new CellValue(r + (c / 10.0)) });
                            }

                            writer.WriteEndElement();
                        }

                        writer.WriteEndElement();
                        writer.WriteEndElement();
                    }

                    sheets.Append(new Sheet { Name = name, SheetId = id++, Id = workbook.GetIdOfPart(part) });
                }

                workbook.Workbook = new Workbook(sheets);
            }

            return new FileInfo(path).Length;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>The reference for the upload: a raw <see cref="OpenXmlReader"/> reading every cell value of every sheet of the same file, no portal code.</summary>
internal static class RawReader
{
    public static async Task<Measured> ReadAsync(byte[] file)
    {
        var (cells, seconds, allocated, peak) = await Timed.RunAsync(() => Task.FromResult(Read(file)));
        return new Measured(seconds, [], WorkbookShape.Empty, file.Length, cells) { Allocated = allocated, PeakWorkingSet = peak };
    }

    private static int Read(byte[] file)
    {
        using var stream = new MemoryStream(file, writable: false);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var cells = 0;
        long chars = 0;
        foreach (var part in workbook.WorksheetParts)
        {
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(Cell) && reader.IsStartElement)
                {
                    cells++;
                }
                else if ((reader.ElementType == typeof(Text) || reader.ElementType == typeof(CellValue)) && reader.IsStartElement)
                {
                    chars += reader.GetText().Length;
                }
            }
        }

        return chars > 0 ? cells : 0;
    }
}

/// <summary>Samples the process's working set every 5 ms until stopped; returns the highest value seen.</summary>
internal sealed class PeakSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    public PeakSampler()
    {
        _thread = new Thread(() =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                Thread.Sleep(5);
            }
        })
        { IsBackground = true };
        _thread.Start();
    }

    public long Stop()
    {
        _stop = true;
        _thread.Join();
        return _peak;
    }

    public void Dispose() => Stop();
}

/// <summary>
/// A SQLite file of generated plans (<see cref="PlanGenerator"/>, one plan in monitoring per size, kept between runs in
/// the folder) and the portal's services over it, registered as Program.cs registers them.
/// </summary>
internal sealed class XlsxDatabase : IDisposable
{
    private const int FirstYear = 2031;

    private readonly ServiceProvider _services;

    private readonly ClaimsPrincipal _planningOffice = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "benchmark"), new Claim(ClaimTypes.Role, Roles.PlanningOffice)], "benchmark"));

    public XlsxDatabase(string directory)
    {
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<IAuditContext>(_ => new SystemAuditContext { UserName = "generatore", SuppressedForSyntheticData = true });
        // The plan asked for only: no background load of the others during the measures.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Dashboards:LoadOtherPlansInBackground"] = "false" }).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPdoInfrastructure(configuration, directory);
        services.AddSingleton<Pdo.Web.Features.Dashboards.DashboardCache>();
        services.AddScoped<ScorecardService>();
        services.AddScoped<ReportService>();
        services.AddScoped<CollectionService>();
        services.AddScoped<ResultUploadService>();
        services.AddSingleton(s => new PendingUploadStore(Path.Combine(directory, "uploads"), s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Pdo.Web.Infrastructure.EnteSettings { Name = "Comune di prova", IpaCode = "c_prova", ContactEmail = "dati@example.org" }));
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationHandler, DirectorateAuthorizationHandler>();
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
    }

    /// <summary>The year of the generated plan of each number of KPIs (generated when missing: a year per size, 5 KPIs per objective).</summary>
    public async Task<Dictionary<int, int>> EnsurePlansAsync(int[] kpiCounts)
    {
        var years = new Dictionary<int, int>();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var generator = scope.ServiceProvider.GetRequiredService<PlanGenerator>();
        var existing = await db.Plans.Select(p => new { p.Year, Kpis = p.Objectives.SelectMany(o => o.Kpis).Count() }).ToListAsync();
        foreach (var kpis in kpiCounts)
        {
            if (existing.FirstOrDefault(p => p.Kpis == kpis) is { } found)
            {
                years[kpis] = found.Year;
                continue;
            }

            var year = existing.Count == 0 ? FirstYear : existing.Max(p => p.Year) + 1;
            var watch = Stopwatch.StartNew();
            await generator.GenerateAsync(new GeneratorOptions(FirstYear: year, Years: 1, ObjectivesPerYear: kpis / 5, KpisPerYear: kpis, Seed: 42));
            Console.WriteLine($"generated plan {year}: {kpis} KPIs in {watch.Elapsed.TotalSeconds:0.0} s");
            existing.Add(new { Year = year, Kpis = kpis });
            years[kpis] = year;
        }

        return years;
    }

    /// <summary>Drops the plans' snapshots held by the portal's <c>DashboardCache</c> (the next export loads its plan's again).</summary>
    public void DropSnapshots() => _services.GetRequiredService<Pdo.Web.Features.Dashboards.DashboardCache>().Clear();

    /// <summary>The whole-plan export as the download does it, then the same three steps one by one for the phase times.</summary>
    public async Task<Measured> ExportAsync(int year)
    {
        await using var scope = _services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var (file, seconds, allocated, peak) = await Timed.RunAsync(async () => await reports.BuildWorkbookAsync(new ReportTarget(year, ReportScope.Plan, null, null), CancellationToken.None)
            ?? throw new InvalidOperationException($"No export for {year}."));
        await using var content = file.Content;
        return new Measured(seconds, await PhasesAsync(year), WorkbookShape.Of(content), content.Length, 0) { Allocated = allocated, PeakWorkingSet = peak };
    }

    /// <summary>The phases: read the display fields and the (held) snapshot, the snapshot's scores of every period, the writing.</summary>
    private async Task<double[]> PhasesAsync(int year)
    {
        await using var scope = _services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var (source, _) = (await scope.ServiceProvider.GetRequiredService<ReportService>().WorkbookSourceAsync(new ReportTarget(year, ReportScope.Plan, null, null), CancellationToken.None))!.Value;
        var load = watch.Elapsed.TotalSeconds;
        foreach (var period in source.Periods)
        {
            source.Snapshot.Rollups(period.Id);
        }

        var score = watch.Elapsed.TotalSeconds - load;
        using (XlsxWriter.WriteTemporaryFile(xlsx => PlanWorkbook.Write(xlsx, source, null, "Tutto il piano", DateTimeOffset.UtcNow)))
        {
        }

        return [load, score, watch.Elapsed.TotalSeconds - load - score];
    }

    /// <summary>
    /// The «Ente» template of the interim period filled as a Direzione would: in «Nuovo valore» and «Motivazione dello
    /// scostamento» the final period's value and justification of the same KPI (valid values of the KPI's kind, most of
    /// them different from the interim ones), written back through the portal's own reader and writer.
    /// </summary>
    public async Task<byte[]> FilledTemplateAsync(int year)
    {
        await using var scope = _services.CreateAsyncScope();
        var collection = scope.ServiceProvider.GetRequiredService<CollectionService>();
        var interim = await Template(collection, year, "INT");
        var final = await Template(collection, year, "FIN");
        var finalRows = Rows(final, CollectionService.ResultsSheet).Skip(1).ToDictionary(r => r["A"]!.Text, r => (Value: r["I"]?.Text, Justification: r["K"]?.Text));
        var state = Rows(interim, CollectionService.StateSheet).Select(r => (IReadOnlyList<XlsxCell>)[XlsxCell.Of(r["A"]?.Text), XlsxCell.Of(r["B"]?.Text)]).ToList();
        var filled = Rows(interim, CollectionService.ResultsSheet).Select((row, i) =>
        {
            var cells = CollectionService.Headers.Select((_, c) => XlsxCell.Of(row[XlsxWriter.ColumnName(c)]?.Text)).ToArray();
            if (i > 0 && finalRows.TryGetValue(cells[0].Text!, out var fin))
            {
                cells[9] = XlsxCell.Of(fin.Value, XlsxStyle.Text);
                cells[10] = XlsxCell.Of(fin.Justification, XlsxStyle.Text);
            }

            return (IReadOnlyList<XlsxCell>)cells;
        }).ToList();
        using var output = new MemoryStream();
        using (var xlsx = XlsxWriter.Create(output))
        {
            xlsx.WriteSheet(new XlsxSheet(CollectionService.ResultsSheet, []), filled);
            xlsx.WriteSheet(new XlsxSheet(CollectionService.StateSheet, [], Hidden: true), state);
            xlsx.Finish();
        }

        return output.ToArray();
    }

    /// <summary>Validation and preview of the filled template, as the upload page's POST does; the kept file is then removed.</summary>
    public async Task<Measured> PreviewAsync(int year, byte[] file)
    {
        await using var scope = _services.CreateAsyncScope();
        var upload = scope.ServiceProvider.GetRequiredService<ResultUploadService>();
        using var stream = new MemoryStream(file, writable: false);
        var form = new FormFile(stream, 0, file.Length, "file", $"PDO-{year}-INT-ENTE-risultati.xlsx");
        var (result, seconds, allocated, peak) = await Timed.RunAsync(() => upload.PreviewAsync(year, form, _planningOffice, CancellationToken.None));
        if (result.Preview is not { } preview)
        {
            throw new InvalidOperationException($"No preview: {string.Join(" ", result.Upload?.Errors.Take(5) ?? [])}");
        }

        scope.ServiceProvider.GetRequiredService<PendingUploadStore>().Delete(preview.UploadId);
        return new Measured(seconds, [ReadPhase(file)], WorkbookShape.Empty, file.Length, preview.Rows.Count) { Allocated = allocated, PeakWorkingSet = peak };
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Seconds of the upload's pass over the file alone: <see cref="XlsxReader"/> opening it, checking merged cells, reading every row.</summary>
    private static double ReadPhase(byte[] file)
    {
        var watch = Stopwatch.StartNew();
        using var stream = new MemoryStream(file, writable: false);
        using var reader = XlsxReader.Open(stream);
        _ = reader.HasMergedCells(CollectionService.ResultsSheet);
        _ = reader.Rows(CollectionService.StateSheet)!.Count() + reader.Rows(CollectionService.ResultsSheet)!.Count();
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<byte[]> Template(CollectionService collection, int year, string period)
    {
        var template = await collection.TemplateAsync(year, CollectionService.EnteCode, period, CancellationToken.None)
            ?? throw new InvalidOperationException($"No template for {year} {period}.");
        await using var content = template.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static List<XlsxRow> Rows(byte[] file, string sheet)
    {
        using var stream = new MemoryStream(file, writable: false);
        using var reader = XlsxReader.Open(stream);
        return [.. reader.Rows(sheet)!];
    }
}
