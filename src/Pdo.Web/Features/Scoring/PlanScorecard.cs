using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;

namespace Pdo.Web.Features.Scoring;

/// <summary>
/// A KPI with the result of the period shown and its score; <paramref name="Unmeasurable"/> is the declared reason
/// when the period is the final one and the KPI is non rilevabile (then there is no result and no score).
/// </summary>
public sealed record KpiScore(Kpi Kpi, KpiResult? Result, KpiAttainment Attainment, string? Unmeasurable = null)
{
    /// <summary>"Non rilevabile: …" for a declared KPI in the final period, else the actual as written, else "—".</summary>
    public string ActualDisplay => Unmeasurable is { } reason ? ResultText.Unmeasurable(reason) : Result?.ActualText ?? "—";
}

/// <summary>An objective with its KPIs' scores and its own roll-up.</summary>
public sealed record ObjectiveScore(Objective Objective, IReadOnlyList<KpiScore> Kpis, AggregateAttainment Attainment);

/// <summary>A group of objectives (section, area, Direzione) with its roll-up.</summary>
public sealed record GroupScore(string Code, string Name, IReadOnlyList<ObjectiveScore> Objectives, AggregateAttainment Attainment);

/// <summary>
/// Every score of one plan for one monitoring period, computed once by the rule book: KPI → objective →
/// section / area / Direzione → plan. Pages, open data and the PDF read from it.
/// </summary>
public sealed class PlanScorecard
{
    private PlanScorecard(
        PerformancePlan plan,
        MonitoringPeriod? period,
        IReadOnlyList<ObjectiveScore> objectives,
        AggregateAttainment overall,
        IReadOnlyList<GroupScore> categories,
        IReadOnlyList<GroupScore> areas,
        IReadOnlyList<GroupScore> directorates)
    {
        Plan = plan;
        Period = period;
        Objectives = objectives;
        Overall = overall;
        Categories = categories;
        Areas = areas;
        Directorates = directorates;
    }

    public PerformancePlan Plan { get; }

    public MonitoringPeriod? Period { get; }

    public IReadOnlyList<ObjectiveScore> Objectives { get; }

    public AggregateAttainment Overall { get; }

    public IReadOnlyList<GroupScore> Categories { get; }

    public IReadOnlyList<GroupScore> Areas { get; }

    public IReadOnlyList<GroupScore> Directorates { get; }

    /// <summary>
    /// Scores a fully loaded plan (objectives with category, area, Direzione, KPIs, results and overrides): an approved
    /// override replaces the KPI's computed score (<see cref="Kpi.ScoreIn"/>).
    /// </summary>
    public static PlanScorecard Compute(PerformancePlan plan, MonitoringPeriod? period)
    {
        var methodology = plan.Methodology;
        var categoryOrder = plan.Categories.ToDictionary(c => c.Id, c => c.SortOrder);
        var objectives = plan.Objectives
            .OrderBy(o => categoryOrder.GetValueOrDefault(o.CategoryId)).ThenBy(o => o.SortOrder)
            .Select(o => ScoreObjective(o, period, methodology))
            .ToList();

        var overall = Aggregate("Piano", objectives, methodology);
        var categories = plan.Categories.OrderBy(c => c.SortOrder)
            .Select(c => Group(c.Code, c.Name, objectives.Where(o => o.Objective.CategoryId == c.Id).ToList(), methodology))
            .ToList();
        var areas = plan.Areas.OrderBy(a => a.SortOrder)
            .Select(a => Group(a.Code, a.Name, objectives.Where(o => o.Objective.AreaId == a.Id).ToList(), methodology))
            .ToList();
        var directorates = objectives
            .Where(o => o.Objective.Directorate is not null)
            .GroupBy(o => o.Objective.DirectorateId)
            .Select(g => g.First().Objective.Directorate!)
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => Group(d.Code, d.Name, objectives.Where(o => o.Objective.DirectorateId == d.Id).ToList(), methodology))
            .ToList();

        return new PlanScorecard(plan, period, objectives, overall, categories, areas, directorates);
    }

    public ObjectiveScore? FindObjective(string code) =>
        Objectives.FirstOrDefault(o => string.Equals(o.Objective.Code, code, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<KpiScore> AllKpis => Objectives.SelectMany(o => o.Kpis);

    private static ObjectiveScore ScoreObjective(Objective objective, MonitoringPeriod? period, Methodology methodology)
    {
        var kpis = objective.Kpis.OrderBy(k => k.SortOrder).Select(k =>
        {
            var result = period is null ? null : k.CountedResultFor(period);
            var attainment = period is null ? AttainmentRules.ScoreKpi(k.ToSpec(), null, methodology) : k.ScoreIn(period, methodology);
            return new KpiScore(k, result, attainment, period is null ? null : k.UnmeasurableReasonIn(period));
        }).ToList();

        var items = kpis.Select(k => new WeightedScore(k.Kpi.Name, k.Attainment.Score, k.Kpi.Weight, k.Attainment.IsMeasured ? 1 : 0, 1)).ToList();
        return new ObjectiveScore(objective, kpis, AttainmentRules.Aggregate(objective.Title, items, methodology));
    }

    private static GroupScore Group(string code, string name, IReadOnlyList<ObjectiveScore> objectives, Methodology methodology) =>
        new(code, name, objectives, Aggregate(name, objectives, methodology));

    private static AggregateAttainment Aggregate(string scope, IReadOnlyList<ObjectiveScore> objectives, Methodology methodology) =>
        AttainmentRules.Aggregate(
            scope,
            objectives.Select(o => new WeightedScore(
                o.Objective.Title, o.Attainment.Score, o.Objective.Weight, o.Attainment.MeasuredKpis, o.Attainment.TotalKpis)).ToList(),
            methodology);
}
