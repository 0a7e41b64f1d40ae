using BenchmarkDotNet.Attributes;
using Pdo.Reporting;
using Pdo.Reporting.Model;

namespace Pdo.Benchmarks;

/// <summary>
/// Time and memory to lay out and write the synthetic consuntivo of about 300 and 1,000 pages. In-process toolchain:
/// no boilerplate project is generated, so it runs from any folder and obeys the solution's build settings.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(2)]
[IterationCount(8)]
public class ConsuntivoBenchmarks
{
    /// <summary>Objectives that make a consuntivo of about 300 pages (see docs/benchmarks.md for the exact count).</summary>
    public const int ObjectivesFor300Pages = 248;

    /// <summary>Objectives that make a consuntivo of about 1,000 pages.</summary>
    public const int ObjectivesFor1000Pages = 852;

    private ConsuntivoReport _report = null!;

    [Params(ObjectivesFor300Pages, ObjectivesFor1000Pages)]
    public int Objectives { get; set; }

    [GlobalSetup]
    public void Setup() => _report = SyntheticReport.Create(Objectives);

    [Benchmark]
    public int Consuntivo()
    {
        using var output = new MemoryStream();
        return ConsuntivoPdf.Write(_report, output);
    }
}
