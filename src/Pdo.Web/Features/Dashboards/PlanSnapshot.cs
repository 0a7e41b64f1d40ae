using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;

namespace Pdo.Web.Features.Dashboards;

public sealed record SnapshotPeriod(int Id, string Code, string Name, DateOnly EndDate, bool IsFinal, bool IsOpen);

public sealed record SnapshotGroup(int Id, string Code, string Name, int SortOrder);

public sealed record SnapshotObjective(int Id, string Code, string Title, int CategoryId, int? AreaId, int? DirectorateId, decimal Weight, int SortOrder);

public sealed record SnapshotKpi(int Id, int ObjectiveId, string Code, string Name, string TargetText, decimal Weight, int SortOrder, KpiSpec Spec, bool Unmeasurable = false);

public sealed record SnapshotResult(int KpiId, int PeriodId, string ActualText, Measurement Measurement);

/// <summary>The approved override in force for a KPI in a period (<see cref="Kpi.OverrideFor"/>).</summary>
public sealed record SnapshotOverride(int KpiId, int PeriodId, ApprovedOverride Approved);

/// <summary>A section, area or Direzione with its objectives (indexes into <see cref="PlanSnapshot.Objectives"/>, in the plan's order) and its roll-up.</summary>
public sealed record SnapshotRollup(string Code, string Name, IReadOnlyList<int> Objectives, AggregateAttainment Attainment);

/// <summary>A plan's roll-ups in one period: the plan, its sections, areas and Direzioni (the only roll-ups any page, export or PDF shows).</summary>
public sealed record PlanRollups(AggregateAttainment Overall, IReadOnlyList<SnapshotRollup> Categories, IReadOnlyList<SnapshotRollup> Areas, IReadOnlyList<SnapshotRollup> Directorates);

/// <summary>A KPI's score in one period (unrounded; null when not measured); <paramref name="Overridden"/> when an approved override gave it.</summary>
public readonly record struct KpiScoreCell(decimal? Score, AttainmentStatus Status, bool Overridden = false);

/// <summary>
/// An immutable, compact copy of one plan: structure, KPI specs, results and the rule book's KPI scores per period
/// (computed once, on first use of a period). The one read model of scores: dashboards read it directly, every other
/// page, export and the PDF through <see cref="Scoring.PlanScorecard"/>, a view over it. Replaced, never mutated, when
/// data changes.
/// </summary>
public sealed class PlanSnapshot
{
    private readonly Dictionary<int, KpiScoreCell[]> _scores = [];
    private readonly Dictionary<int, AggregateAttainment[]> _objectiveScores = [];
    private readonly Dictionary<int, AggregateAttainment> _overall = [];
    private readonly Dictionary<int, PlanRollups> _rollups = [];
    private readonly Lock _lock = new();
    private readonly IReadOnlyDictionary<int, int> _objectiveIndex;
    private readonly int? _finalPeriodId;
    private readonly IReadOnlyDictionary<(int PeriodId, int KpiId), ApprovedOverride> _overrides = new Dictionary<(int, int), ApprovedOverride>();

    public PlanSnapshot(
        int planId,
        int year,
        string title,
        PlanStatus status,
        string? approvalText,
        string? approvalLink,
        Methodology methodology,
        IReadOnlyList<SnapshotPeriod> periods,
        IReadOnlyList<SnapshotGroup> categories,
        IReadOnlyList<SnapshotGroup> areas,
        IReadOnlyDictionary<int, SnapshotGroup> directorates,
        IReadOnlyList<SnapshotObjective> objectives,
        IReadOnlyList<SnapshotKpi> kpis,
        IReadOnlyList<SnapshotResult> results)
    {
        PlanId = planId;
        Year = year;
        Title = title;
        Status = status;
        ApprovalText = approvalText;
        ApprovalLink = approvalLink;
        Methodology = methodology;
        Periods = periods;
        Categories = categories;
        Areas = areas;
        Directorates = directorates;
        Objectives = objectives;
        Kpis = kpis;
        KpiIndex = kpis.Select((k, i) => (k.Id, i)).ToDictionary(x => x.Id, x => x.i);
        KpisByObjective = kpis.Select((k, i) => (k.ObjectiveId, i)).GroupBy(x => x.ObjectiveId).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());
        _objectiveIndex = objectives.Select((o, i) => (o.Id, i)).ToDictionary(x => x.Id, x => x.i);
        _finalPeriodId = periods.FirstOrDefault(p => p.IsFinal)?.Id;
        ResultsByPeriod = results.GroupBy(r => r.PeriodId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.KpiId));
    }

    /// <summary>The same plan (structure and indexes shared) with other results.</summary>
    private PlanSnapshot(PlanSnapshot source, IReadOnlyDictionary<int, Dictionary<int, SnapshotResult>> resultsByPeriod)
    {
        PlanId = source.PlanId;
        Year = source.Year;
        Title = source.Title;
        Status = source.Status;
        ApprovalText = source.ApprovalText;
        ApprovalLink = source.ApprovalLink;
        RequireFourEyesReview = source.RequireFourEyesReview;
        Introduction = source.Introduction;
        ValidationText = source.ValidationText;
        Methodology = source.Methodology;
        Periods = source.Periods;
        Categories = source.Categories;
        Areas = source.Areas;
        Directorates = source.Directorates;
        Objectives = source.Objectives;
        Kpis = source.Kpis;
        KpiIndex = source.KpiIndex;
        KpisByObjective = source.KpisByObjective;
        _objectiveIndex = source._objectiveIndex;
        _objectiveOrder = source._objectiveOrder;
        _finalPeriodId = source._finalPeriodId;
        _overrides = source._overrides;
        ResultsByPeriod = resultsByPeriod;
    }

    /// <summary>The "period" of a plan that has none yet: no result belongs to it, so nothing is measured.</summary>
    public const int NoPeriod = 0;

    public int PlanId { get; }

    public int Year { get; }

    public string Title { get; }

    public PlanStatus Status { get; }

    public string? ApprovalText { get; }

    public string? ApprovalLink { get; }

    /// <summary>The plan's four-eyes review setting (shown with the plan's actions in Bozza).</summary>
    public bool RequireFourEyesReview { get; init; } = true;

    /// <summary>The OIV's validation of the Relazione, as shown next to the approval (<see cref="Oversight.OversightLabels.ValidationText"/>).</summary>
    public string? ValidationText { get; init; }

    /// <summary>The plan's introduction (shown on the plan page), as stored.</summary>
    public string? Introduction { get; init; }

    public Methodology Methodology { get; }

    public IReadOnlyList<SnapshotPeriod> Periods { get; }

    public IReadOnlyList<SnapshotGroup> Categories { get; }

    public IReadOnlyList<SnapshotGroup> Areas { get; }

    public IReadOnlyDictionary<int, SnapshotGroup> Directorates { get; }

    public IReadOnlyList<SnapshotObjective> Objectives { get; }

    public IReadOnlyList<SnapshotKpi> Kpis { get; }

    public IReadOnlyDictionary<int, int> KpiIndex { get; }

    public IReadOnlyDictionary<int, int[]> KpisByObjective { get; }

    public IReadOnlyDictionary<int, Dictionary<int, SnapshotResult>> ResultsByPeriod { get; }

    /// <summary>
    /// The objectives in the plan's order, as indexes into <see cref="Objectives"/>: by section, then their own order (as
    /// the plan page, the consuntivo, the export and open data list them).
    /// </summary>
    public IReadOnlyList<int> ObjectiveOrder => _objectiveOrder ??= OrderObjectives();

    private IReadOnlyList<int>? _objectiveOrder;

    private int[] OrderObjectives()
    {
        var sectionOrder = Categories.ToDictionary(c => c.Id, c => c.SortOrder);
        return [.. Objectives.Select((o, i) => (Objective: o, Index: i))
            .OrderBy(x => sectionOrder.GetValueOrDefault(x.Objective.CategoryId)).ThenBy(x => x.Objective.SortOrder)
            .Select(x => x.Index)];
    }

    /// <summary>The period shown by default: the latest one with results, else the final one.</summary>
    public SnapshotPeriod? DefaultPeriod =>
        PerformancePlan.DefaultPeriod(Periods, p => p.EndDate, p => p.IsFinal, p => ResultsByPeriod.ContainsKey(p.Id));

    /// <summary>The period with this code, as for the plan's entities (<see cref="PerformancePlan.PeriodWithCode{TPeriod}"/>), or null.</summary>
    public SnapshotPeriod? PeriodWithCode(string? code) => PerformancePlan.PeriodWithCode(Periods, p => p.Code, code);

    /// <summary>The result that counts (<see cref="Kpi.Counts"/>): none in the final period of a KPI declared non rilevabile.</summary>
    public SnapshotResult? Result(int periodId, int kpiId) =>
        ResultsByPeriod.TryGetValue(periodId, out var byKpi) && byKpi.TryGetValue(kpiId, out var result)
        && Kpi.Counts(_finalPeriodId == periodId, KpiIndex.TryGetValue(kpiId, out var index) && Kpis[index].Unmeasurable) ? result : null;

    /// <summary>
    /// The approved overrides in force, one per KPI and period (set once, when the snapshot is loaded: any change of an
    /// override reloads the plan's snapshot, see <see cref="DashboardCache"/>).
    /// </summary>
    public IReadOnlyList<SnapshotOverride> Overrides
    {
        get => _overrides.Select(x => new SnapshotOverride(x.Key.KpiId, x.Key.PeriodId, x.Value)).ToList();
        init => _overrides = value.ToDictionary(o => (o.PeriodId, o.KpiId), o => o.Approved);
    }

    /// <summary>The approved override of a KPI in a period, or null.</summary>
    public ApprovedOverride? Override(int periodId, int kpiId) => _overrides.GetValueOrDefault((periodId, kpiId));

    /// <summary>Every KPI's score in the period, in <see cref="Kpis"/> order, by the rule book.</summary>
    public KpiScoreCell[] Scores(int periodId)
    {
        lock (_lock)
        {
            if (_scores.TryGetValue(periodId, out var cached))
            {
                return cached;
            }
        }

        var scores = new KpiScoreCell[Kpis.Count];
        for (var i = 0; i < Kpis.Count; i++)
        {
            scores[i] = Score(periodId, Kpis[i]);
        }

        lock (_lock)
        {
            _scores[periodId] = scores;
        }

        return scores;
    }

    /// <summary>Every objective's roll-up in the period (rule book's weighted mean of its KPIs), in <see cref="Objectives"/> order.</summary>
    public AggregateAttainment[] ObjectiveScores(int periodId)
    {
        lock (_lock)
        {
            if (_objectiveScores.TryGetValue(periodId, out var cached))
            {
                return cached;
            }
        }

        var scores = Scores(periodId);
        var result = new AggregateAttainment[Objectives.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ObjectiveScore(Objectives[i], scores);
        }

        lock (_lock)
        {
            _objectiveScores[periodId] = result;
        }

        return result;
    }

    /// <summary>The plan's overall score in the period (weighted mean of all objectives).</summary>
    public AggregateAttainment Overall(int periodId)
    {
        lock (_lock)
        {
            if (_overall.TryGetValue(periodId, out var cached))
            {
                return cached;
            }
        }

        var objectives = ObjectiveScores(periodId);
        var overall = Aggregate(Title, Objectives.Select((o, i) => (o, objectives[i])));
        lock (_lock)
        {
            _overall[periodId] = overall;
        }

        return overall;
    }

    /// <summary>The rule book's weighted mean of these objectives' roll-ups (each with its weight and coverage).</summary>
    public AggregateAttainment Aggregate(string scope, IEnumerable<(SnapshotObjective Objective, AggregateAttainment Score)> objectives) =>
        AttainmentRules.Aggregate(
            scope,
            objectives.Select(x => new WeightedScore(x.Objective.Title, x.Score.Score, x.Objective.Weight, x.Score.MeasuredKpis, x.Score.TotalKpis)).ToList(),
            Methodology);

    /// <summary>
    /// The plan's overall score and its sections', areas' and Direzioni's roll-ups in the period, as the plan page
    /// shows them: objectives in section order, then their own order; the plan's scope is "Piano"; Direzioni by name,
    /// only those owning an objective.
    /// </summary>
    public PlanRollups Rollups(int periodId)
    {
        lock (_lock)
        {
            if (_rollups.TryGetValue(periodId, out var cached))
            {
                return cached;
            }
        }

        var scores = ObjectiveScores(periodId);
        var ordered = ObjectiveOrder.Select(i => (Index: i, Objective: Objectives[i], Score: scores[i])).ToList();

        AggregateAttainment Roll(string scope, IEnumerable<(int Index, SnapshotObjective Objective, AggregateAttainment Score)> items) =>
            Aggregate(scope, items.Select(x => (x.Objective, x.Score)));

        SnapshotRollup Group(SnapshotGroup group, Func<SnapshotObjective, bool> member)
        {
            var items = ordered.Where(x => member(x.Objective)).ToList();
            return new SnapshotRollup(group.Code, group.Name, items.Select(x => x.Index).ToList(), Roll(group.Name, items));
        }

        var rollups = new PlanRollups(
            Roll("Piano", ordered),
            Categories.OrderBy(c => c.SortOrder).Select(c => Group(c, o => o.CategoryId == c.Id)).ToList(),
            Areas.OrderBy(a => a.SortOrder).Select(a => Group(a, o => o.AreaId == a.Id)).ToList(),
            ordered.Where(x => x.Objective.DirectorateId is not null).Select(x => Directorates[x.Objective.DirectorateId!.Value]).Distinct()
                .OrderBy(d => d.Name, StringComparer.Ordinal)
                .Select(d => Group(d, o => o.DirectorateId == d.Id))
                .ToList());
        lock (_lock)
        {
            _rollups[periodId] = rollups;
        }

        return rollups;
    }

    /// <summary>
    /// A copy with some KPIs' results replaced. The structure is shared; the scores of the other KPIs and the roll-ups
    /// of the objectives they do not belong to are reused, so the cost follows the change, not the plan.
    /// </summary>
    public PlanSnapshot WithResults(IReadOnlySet<int> kpiIds, IReadOnlyList<SnapshotResult> freshResults)
    {
        var byPeriod = new Dictionary<int, Dictionary<int, SnapshotResult>>(ResultsByPeriod.Count + 1);
        foreach (var (periodId, results) in ResultsByPeriod)
        {
            if (kpiIds.Any(results.ContainsKey) || freshResults.Any(r => r.PeriodId == periodId))
            {
                var changed = new Dictionary<int, SnapshotResult>(results);
                foreach (var kpiId in kpiIds)
                {
                    changed.Remove(kpiId);
                }

                byPeriod[periodId] = changed;
            }
            else
            {
                byPeriod[periodId] = results;
            }
        }

        foreach (var fresh in freshResults)
        {
            if (!byPeriod.TryGetValue(fresh.PeriodId, out var results))
            {
                byPeriod[fresh.PeriodId] = results = [];
            }

            results[fresh.KpiId] = fresh;
        }

        var copy = new PlanSnapshot(this, byPeriod);
        var changedIndexes = kpiIds.Where(KpiIndex.ContainsKey).Select(id => KpiIndex[id]).ToList();
        var changedObjectives = changedIndexes.Select(i => _objectiveIndex[Kpis[i].ObjectiveId]).Distinct().ToList();
        lock (_lock)
        {
            foreach (var (periodId, scores) in _scores)
            {
                var updated = (KpiScoreCell[])scores.Clone();
                foreach (var index in changedIndexes)
                {
                    updated[index] = copy.Score(periodId, Kpis[index]);
                }

                copy._scores[periodId] = updated;
                if (_objectiveScores.TryGetValue(periodId, out var objectives))
                {
                    var rolled = (AggregateAttainment[])objectives.Clone();
                    foreach (var index in changedObjectives)
                    {
                        rolled[index] = ObjectiveScore(Objectives[index], updated);
                    }

                    copy._objectiveScores[periodId] = rolled;
                }
            }
        }

        return copy;
    }

    private AggregateAttainment ObjectiveScore(SnapshotObjective objective, KpiScoreCell[] scores) => AttainmentRules.Aggregate(
        objective.Title,
        KpisByObjective.GetValueOrDefault(objective.Id, []).Select(i => new WeightedScore(Kpis[i].Name, scores[i].Score, Kpis[i].Weight, scores[i].Score is null ? 0 : 1, 1)).ToList(),
        Methodology);

    /// <summary>
    /// A KPI's full attainment in the period, with its explanation, computed on demand (only the compact cells of
    /// <see cref="Scores"/> are kept): the result that counts scored by the rule book, with the approved override in
    /// force. The cells are made by this same function, so a page's explanation and the cached score cannot differ.
    /// </summary>
    public KpiAttainment Attainment(int periodId, int kpiId) => Attainment(periodId, Kpis[KpiIndex[kpiId]]);

    /// <summary>The objective with this code (case-insensitive), or null.</summary>
    public SnapshotObjective? FindObjective(string code) =>
        Objectives.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The objective's roll-up in the period (<see cref="ObjectiveScores"/>).</summary>
    public AggregateAttainment ObjectiveScore(int periodId, int objectiveId) => ObjectiveScores(periodId)[_objectiveIndex[objectiveId]];

    private KpiAttainment Attainment(int periodId, SnapshotKpi kpi) =>
        AttainmentRules.ScoreKpi(kpi.Spec, Result(periodId, kpi.Id)?.Measurement, Methodology, Override(periodId, kpi.Id));

    private KpiScoreCell Score(int periodId, SnapshotKpi kpi)
    {
        var attainment = Attainment(periodId, kpi);
        return new KpiScoreCell(attainment.Score, attainment.Status, attainment.IsOverridden);
    }
}
