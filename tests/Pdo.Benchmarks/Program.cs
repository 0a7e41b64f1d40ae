using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Pdo.Benchmarks;
using Pdo.Reporting;

// --quick [objectives…]   one cold and three warm runs per size: pages, seconds, MB, peak working set
// --validate [objectives…] reads and validates a generated plan file of each size (best of 3), as the import does
// --import [objectives…]   imports a generated plan file of each size into a fresh SQLite file, timed in phases
// --write N FILE          writes the synthetic consuntivo with N objectives to FILE
// --xlsx [KPIs…] [--export-only|--upload-only|--generate-only]  Excel export of generated plans and validation + preview of filled
//                          templates (docs/benchmarks.md, "Excel in and out"), each against raw OpenXml
// --per-page [objectives…] the portal's PDF against raw PDFsharp writing the same tagged pages (RawPdfReference)
// --writes [URL] [year] [writers] [seconds] [period] [warm-up seconds, default 30]  result POSTs of N writers on distinct KPIs of a running portal,
//                          against raw SQLite in the same run (docs/benchmarks.md, "Writes")
// --score [KPIs]          the rule book over N generated KPIs (default 10,000): scores only, then every explanation read
//                          (docs/benchmarks.md, "Scoring without the explanation")
// anything else           BenchmarkDotNet (e.g. --filter '*')
if (args.Length > 0 && args[0] == "--quick")
{
    var sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [ConsuntivoBenchmarks.ObjectivesFor300Pages, ConsuntivoBenchmarks.ObjectivesFor1000Pages];
    QuickRun.Run(sizes);
    return;
}

if (args.Length > 0 && args[0] == "--per-page")
{
    PerPageRun.Run(args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [ConsuntivoBenchmarks.ObjectivesFor1000Pages]);
    return;
}

if (args.Length > 0 && args[0] is "--import" or "--validate")
{
    var validate = args[0] == "--validate";
    var sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : validate ? [2_500, 10_000, 40_000] : [2_500, 10_000];
    await PlanImportRun.RunAsync(sizes, validate);
    return;
}

if (args.Length > 0 && args[0] == "--xlsx")
{
    await XlsxRun.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "--writes")
{
    await WriteRun.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "--score")
{
    ScoreRun.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
    return;
}

if (args.Length == 3 && args[0] == "--write")
{
    var report = SyntheticReport.Create(int.Parse(args[1], CultureInfo.InvariantCulture));
    using var file = File.Create(args[2]);
    var pages = ConsuntivoPdf.Write(report, file);
    Console.WriteLine($"{pages} pages written to {args[2]}");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ConsuntivoBenchmarks).Assembly).Run(args);

/// <summary>The documented quick command: wall time, allocations and peak working set per size.</summary>
internal static class QuickRun
{
    public static void Run(int[] sizes)
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine("objectives | pages | cold s | warm s (best of 3) | s per 100 pages | PDF MB | allocated MB | peak working set MB");
        foreach (var objectives in sizes)
        {
            var report = SyntheticReport.Create(objectives);
            var cold = Measure(report, out var pages, out var bytes, out _);
            var warm = double.MaxValue;
            long allocated = 0;
            for (var i = 0; i < 3; i++)
            {
                warm = Math.Min(warm, Measure(report, out pages, out bytes, out allocated));
            }

            Process.GetCurrentProcess().Refresh();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{objectives,10} | {pages,5} | {cold,6:0.000} | {warm,18:0.000} | {warm / pages * 100,15:0.000} | {bytes / 1024.0 / 1024.0,6:0.0} | {allocated / 1024.0 / 1024.0,12:0} | {peak,19:0}"));
        }
    }

    private static double Measure(Pdo.Reporting.Model.ConsuntivoReport report, out int pages, out long bytes, out long allocated)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var output = new MemoryStream();
        var watch = Stopwatch.StartNew();
        pages = ConsuntivoPdf.Write(report, output);
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        bytes = output.Length;
        return watch.Elapsed.TotalSeconds;
    }
}
