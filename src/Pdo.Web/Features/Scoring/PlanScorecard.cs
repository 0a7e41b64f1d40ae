using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Web.Features.Dashboards;

namespace Pdo.Web.Features.Scoring;

/// <summary>
/// A KPI with the result of the period shown and its score, both the snapshot's: <paramref name="Counted"/> is the
/// result the score was computed from (its text is the one shown), <paramref name="Result"/> the same result's entity
/// (review state, justification). <paramref name="Unmeasurable"/> is the declared reason when the period is the final
/// one and the KPI is non rilevabile (then there is no result and no score).
/// </summary>
public sealed record KpiScore(Kpi Kpi, KpiResult? Result, SnapshotResult? Counted, KpiAttainment Attainment, string? Unmeasurable = null)
{
    /// <summary>"Non rilevabile: …" for a declared KPI in the final period, else the actual as written, else "—".</summary>
    public string ActualDisplay => Unmeasurable is { } reason ? ResultText.Unmeasurable(reason) : Counted?.ActualText ?? "—";
}

/// <summary>An objective with its KPIs' scores and its own roll-up.</summary>
public sealed record ObjectiveScore(Objective Objective, IReadOnlyList<KpiScore> Kpis, AggregateAttainment Attainment);

/// <summary>
/// A group of objectives (section, area, Direzione) with its roll-up; <paramref name="Objectives"/> holds those of the
/// view's entities (all of them, or the one objective of an objective page), the roll-up is always the whole group's.
/// </summary>
public sealed record GroupScore(string Code, string Name, IReadOnlyList<ObjectiveScore> Objectives, AggregateAttainment Attainment);

/// <summary>
/// Every score of one plan for one monitoring period, as a view: the scores are the <see cref="PlanSnapshot"/>'s (the
/// one read model, kept current by <see cref="DashboardCache"/>), the entities only give what is displayed (texts,
/// units, justifications, review states). Nothing here scores: KPI → objective → section / area / Direzione → plan
/// are the snapshot's, so a page, an export and a dashboard cannot show two scores for one KPI.
/// </summary>
public sealed class PlanScorecard
{
    private PlanScorecard(
        PlanSnapshot snapshot,
        PerformancePlan plan,
        MonitoringPeriod? period,
        IReadOnlyList<ObjectiveScore> objectives,
        AggregateAttainment overall,
        IReadOnlyList<GroupScore> categories,
        IReadOnlyList<GroupScore> areas,
        IReadOnlyList<GroupScore> directorates)
    {
        Snapshot = snapshot;
        Plan = plan;
        Period = period;
        Objectives = objectives;
        Overall = overall;
        Categories = categories;
        Areas = areas;
        Directorates = directorates;
    }

    /// <summary>The snapshot whose scores this view shows.</summary>
    public PlanSnapshot Snapshot { get; }

    public PerformancePlan Plan { get; }

    public MonitoringPeriod? Period { get; }

    public IReadOnlyList<ObjectiveScore> Objectives { get; }

    public AggregateAttainment Overall { get; }

    public IReadOnlyList<GroupScore> Categories { get; }

    public IReadOnlyList<GroupScore> Areas { get; }

    public IReadOnlyList<GroupScore> Directorates { get; }

    /// <summary>
    /// The view of <paramref name="snapshot"/> in <paramref name="period"/> over the display entities of
    /// <paramref name="plan"/> (its structure and the objectives loaded, with Direzione, KPIs and results): objectives in
    /// section order, then their own; KPIs in their order. An entity the snapshot does not hold (created or deleted
    /// a moment ago) is left out rather than shown without its score.
    /// </summary>
    public static PlanScorecard From(PlanSnapshot snapshot, PerformancePlan plan, MonitoringPeriod? period)
    {
        var periodId = PeriodId(period);
        var rollups = snapshot.Rollups(periodId);
        var entities = plan.Objectives.ToDictionary(o => o.Id);
        var objectives = new List<ObjectiveScore>(entities.Count);
        var byId = new Dictionary<int, ObjectiveScore>(entities.Count);
        foreach (var index in snapshot.ObjectiveOrder)
        {
            var held = snapshot.Objectives[index];
            if (!entities.TryGetValue(held.Id, out var objective))
            {
                continue;
            }

            var kpis = objective.Kpis.Where(k => snapshot.KpiIndex.ContainsKey(k.Id)).OrderBy(k => k.SortOrder)
                .Select(k => Score(snapshot, k, period)).ToList();
            var score = new ObjectiveScore(objective, kpis, snapshot.ObjectiveScore(periodId, held.Id));
            objectives.Add(score);
            byId[held.Id] = score;
        }

        List<GroupScore> Groups(IReadOnlyList<SnapshotRollup> groups) => groups
            .Select(g => new GroupScore(
                g.Code,
                g.Name,
                g.Objectives.Select(i => byId.GetValueOrDefault(snapshot.Objectives[i].Id)).OfType<ObjectiveScore>().ToList(),
                g.Attainment))
            .ToList();

        return new PlanScorecard(snapshot, plan, period, objectives, rollups.Overall, Groups(rollups.Categories), Groups(rollups.Areas), Groups(rollups.Directorates));
    }

    /// <summary>The same plan and entities in another period (the consuntivo's final one, a column of the export).</summary>
    public PlanScorecard In(MonitoringPeriod? period) => period?.Id == Period?.Id ? this : From(Snapshot, Plan, period);

    /// <summary>One KPI of the view's entities in <paramref name="period"/>: the snapshot's counted result and score.</summary>
    public KpiScore Score(Kpi kpi, MonitoringPeriod? period) => Score(Snapshot, kpi, period);

    public ObjectiveScore? FindObjective(string code) =>
        Objectives.FirstOrDefault(o => string.Equals(o.Objective.Code, code, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<KpiScore> AllKpis => Objectives.SelectMany(o => o.Kpis);

    /// <summary>The snapshot's key of a period (<see cref="PlanSnapshot.NoPeriod"/> for a plan without periods).</summary>
    public static int PeriodId(MonitoringPeriod? period) => period?.Id ?? PlanSnapshot.NoPeriod;

    private static KpiScore Score(PlanSnapshot snapshot, Kpi kpi, MonitoringPeriod? period)
    {
        var periodId = PeriodId(period);
        var counted = snapshot.Result(periodId, kpi.Id);
        var entity = counted is null ? null : kpi.Results.FirstOrDefault(r => r.PeriodId == periodId);
        return new KpiScore(kpi, entity, counted, snapshot.Attainment(periodId, kpi.Id), period is null ? null : kpi.UnmeasurableReasonIn(period));
    }
}
