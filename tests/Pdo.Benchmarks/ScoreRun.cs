using System.Diagnostics;
using System.Globalization;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Web.Features.Dashboards;

namespace Pdo.Benchmarks;

/// <summary>
/// The documented scoring command (docs/benchmarks.md, "Scoring without the explanation"): the rule book over N generated
/// KPIs (every kind and method, 5 KPIs per objective), read as <c>PlanSnapshot.Scores</c> and <c>ObjectiveScores</c>
/// read it (score, status, overridden only), then again reading every explanation, as a page of them would.
/// The first pass is the cold one (JIT); the others are warm. CPU is the process's user + system time. Then the same
/// KPIs through a fresh <see cref="PlanSnapshot"/> per pass, as a dashboard's first request scores them.
/// </summary>
internal static class ScoreRun
{
    private const int KpisPerObjective = 5;
    private const int WarmRuns = 5;

    public static void Run(int kpis)
    {
        var plan = Generate(kpis);
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {PerPageRun.LoadAverage()}");
        Console.WriteLine($"{kpis:N0} KPIs, {plan.Length / KpisPerObjective:N0} objectives");
        Console.WriteLine("pass | KPI scores CPU ms | objective roll-ups CPU ms | with every explanation read CPU ms");
        for (var run = 0; run <= WarmRuns; run++)
        {
            var (scores, rollups) = ScoreOnly(plan);
            var explained = ScoreAndExplain(plan);
            Console.WriteLine($"{Pass(run)} | {scores:F1} | {rollups:F1} | {explained:F1}");
        }

        Console.WriteLine("pass | PlanSnapshot.Scores CPU ms | ObjectiveScores CPU ms | Rollups CPU ms");
        for (var run = 0; run <= WarmRuns; run++)
        {
            var snapshot = Snapshot(plan);
            var scores = Cpu(() => snapshot.Scores(PeriodId));
            var objectives = Cpu(() => snapshot.ObjectiveScores(PeriodId));
            var rollups = Cpu(() => snapshot.Rollups(PeriodId));
            Console.WriteLine($"{Pass(run)} | {scores:F1} | {objectives:F1} | {rollups:F1}");
        }
    }

    private const int PeriodId = 1;

    private static string Pass(int run) => run == 0 ? "cold" : "warm " + run.ToString(CultureInfo.InvariantCulture);

    /// <summary>A plan of the generated KPIs: one final period, 4 sections, 10 areas, 20 Direzioni, 5 KPIs per objective.</summary>
    private static PlanSnapshot Snapshot(Item[] plan)
    {
        var groups = (int count, string name) => Enumerable.Range(1, count).Select(i => new SnapshotGroup(i, $"{name[0]}{i}", $"{name} {i}", i)).ToList();
        var objectives = Enumerable.Range(0, plan.Length / KpisPerObjective)
            .Select(o => new SnapshotObjective(o + 1, $"O{o + 1}", $"Obiettivo {o + 1}", (o % 4) + 1, (o % 10) + 1, (o % 20) + 1, 1m, o))
            .ToList();
        var kpis = plan.Select((item, i) => new SnapshotKpi(i + 1, (i / KpisPerObjective) + 1, $"K{i + 1}", $"KPI {i + 1}", string.Empty, 1m, i, item.Spec)).ToList();
        var results = plan.Select((item, i) => (item, i)).Where(x => x.item.Measurement is not null)
            .Select(x => new SnapshotResult(x.i + 1, PeriodId, string.Empty, x.item.Measurement!)).ToList();
        return new PlanSnapshot(
            1,
            2029,
            "Piano",
            PlanStatus.Monitoring,
            null,
            null,
            Methodology.Default,
            [new SnapshotPeriod(PeriodId, "31-12", "Consuntivo", new DateOnly(2029, 12, 31), IsFinal: true, IsOpen: true)],
            groups(4, "Sezione"),
            groups(10, "Area"),
            groups(20, "Direzione").ToDictionary(d => d.Id),
            objectives,
            kpis,
            results);
    }

    /// <summary>As the snapshot does: KPI cells, then each objective's weighted mean, then the plan's.</summary>
    private static (double Kpis, double Rollups) ScoreOnly(Item[] plan)
    {
        var cells = new (decimal? Score, AttainmentStatus Status, bool Overridden)[plan.Length];
        var kpis = Cpu(() =>
        {
            for (var i = 0; i < plan.Length; i++)
            {
                var a = AttainmentRules.ScoreKpi(plan[i].Spec, plan[i].Measurement, Methodology.Default, null);
                cells[i] = (a.Score, a.Status, a.IsOverridden);
            }
        });
        var rollups = Cpu(() =>
        {
            var objectives = new List<WeightedScore>(plan.Length / KpisPerObjective);
            for (var o = 0; o + KpisPerObjective <= plan.Length; o += KpisPerObjective)
            {
                var items = Enumerable.Range(o, KpisPerObjective)
                    .Select(i => new WeightedScore($"KPI {i}", cells[i].Score, 1m, cells[i].Score is null ? 0 : 1, 1))
                    .ToList();
                var objective = AttainmentRules.Aggregate($"Obiettivo {o}", items, Methodology.Default);
                objectives.Add(new WeightedScore($"Obiettivo {o}", objective.Score, 1m, objective.MeasuredKpis, objective.TotalKpis));
            }

            _ = AttainmentRules.Aggregate("Piano", objectives, Methodology.Default).Score;
        });
        return (kpis, rollups);
    }

    /// <summary>Every KPI scored and its explanation read (the texts' lengths summed, so that nothing is skipped).</summary>
    private static double ScoreAndExplain(Item[] plan)
    {
        var characters = 0L;
        var cpu = Cpu(() =>
        {
            foreach (var item in plan)
            {
                var e = AttainmentRules.ScoreKpi(item.Spec, item.Measurement, Methodology.Default, null).Explanation;
                characters += e.Formula.Length + e.Summary.Length + e.Methodology.Length + e.Inputs.Count;
            }
        });
        return characters > 0 ? cpu : throw new InvalidOperationException("No explanation was written.");
    }

    private static double Cpu(Action action)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds;
    }

    private sealed record Item(KpiSpec Spec, Measurement? Measurement);

    /// <summary>A deterministic mix: proportional, threshold and banded numeric KPIs both ways (some with a baseline), SI/NO, deadlines, a few not measured.</summary>
    private static Item[] Generate(int count)
    {
        var bands = new[] { new ScoreBand(100m, 100m), new ScoreBand(90m, 80m), new ScoreBand(75m, 50m) };
        var deadline = new DateOnly(2019, 12, 31);
        return Enumerable.Range(0, count).Select(i =>
        {
            var actual = 40m + (i * 37 % 900 / 10m);
            return (i % 10) switch
            {
                0 => new Item(Numeric(Direction.HigherIsBetter, Comparator.AtLeast, 100m, null, ScoringMethod.Proportional, []), Measurement.Number(actual)),
                1 => new Item(Numeric(Direction.LowerIsBetter, Comparator.AtMost, 80m, null, ScoringMethod.Proportional, []), Measurement.Number(actual)),
                2 => new Item(Numeric(Direction.HigherIsBetter, Comparator.AtLeast, 90m, null, ScoringMethod.Threshold, []), Measurement.Number(actual)),
                3 => new Item(Numeric(Direction.HigherIsBetter, Comparator.AtLeast, 100m, null, ScoringMethod.Bands, bands), Measurement.Number(actual)),
                4 => new Item(Numeric(Direction.HigherIsBetter, Comparator.AtLeast, 120m, 20m, ScoringMethod.Proportional, []), Measurement.Number(actual)),
                5 => new Item(Numeric(Direction.LowerIsBetter, Comparator.AtMost, -15m, null, ScoringMethod.Proportional, []), Measurement.Number(-actual / 10m)),
                6 => new Item(Spec(KpiKind.Boolean, null, ScoringMethod.Threshold, null), Measurement.YesNo(i % 4 != 0)),
                7 => new Item(Spec(KpiKind.Deadline, deadline, ScoringMethod.Deadline, 2m), Measurement.CompletedOn(deadline.AddDays((i % 30) - 10))),
                8 => new Item(Numeric(Direction.HigherIsBetter, Comparator.AtLeast, 70m, null, ScoringMethod.Proportional, []) with { ValueKind = Pdo.Domain.Values.ValueKind.Percent }, Measurement.Number(actual)),
                _ => new Item(Numeric(Direction.HigherIsBetter, Comparator.AtLeast, 100m, null, ScoringMethod.Proportional, []), i % 3 == 0 ? null : Measurement.Number(actual)),
            };
        }).ToArray();

        static KpiSpec Numeric(Direction direction, Comparator comparator, decimal target, decimal? baseline, ScoringMethod method, IReadOnlyList<ScoreBand> bands) =>
            new(KpiKind.Numeric, direction, comparator, target, null, baseline, method, bands, null, "pratiche");

        static KpiSpec Spec(KpiKind kind, DateOnly? due, ScoringMethod method, decimal? penalty) =>
            new(kind, Direction.HigherIsBetter, Comparator.AtLeast, null, due, null, method, [], penalty);
    }
}
