using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;

namespace Pdo.Web.Features.Scoring;

/// <summary>Loads a plan with everything its scores need, in a fixed number of queries, and scores it.</summary>
public sealed class ScorecardService(AppDbContext db)
{
    /// <summary>
    /// The scorecard of the plan of <paramref name="year"/> for the period with code <paramref name="periodCode"/>,
    /// or, when none is asked, the latest period that has results (the final one when nothing is recorded yet).
    /// Null when there is no such plan or period.
    /// </summary>
    public async Task<PlanScorecard?> LoadAsync(int year, string? periodCode, CancellationToken cancellationToken)
    {
        var plan = await PlansWithStructure()
            .Include(p => p.Objectives).ThenInclude(o => o.Directorate)
            .Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results)
            .Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Overrides)
            .FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var period = SelectPeriod(plan, periodCode);
        if (period is null && !string.IsNullOrEmpty(periodCode))
        {
            return null;
        }

        return PlanScorecard.Compute(plan, period);
    }

    /// <summary>
    /// The scorecard of the plan of <paramref name="year"/> holding only the objective with code
    /// <paramref name="objectiveCode"/> (the plan's sections, areas and periods, that objective with its Direzione, KPIs
    /// and results): the objective is scored exactly as in <see cref="LoadAsync"/>, at the cost of one objective
    /// whatever the size of the plan. Without a period code, the period is the plan's default (the latest one with
    /// results in any objective). Null when there is no such plan, objective or period.
    /// </summary>
    public async Task<PlanScorecard?> LoadObjectiveAsync(int year, string objectiveCode, string? periodCode, CancellationToken cancellationToken)
    {
        var code = objectiveCode.ToUpperInvariant();
        var plan = await PlansWithStructure()
            .Include(p => p.Objectives.Where(o => o.Code.ToUpper() == code)).ThenInclude(o => o.Directorate)
            .Include(p => p.Objectives.Where(o => o.Code.ToUpper() == code)).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results)
            .Include(p => p.Objectives.Where(o => o.Code.ToUpper() == code)).ThenInclude(o => o.Kpis).ThenInclude(k => k.Overrides)
            .FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (plan is null || plan.Objectives.Count == 0)
        {
            return null;
        }

        // The objective alone does not say which periods have results: the plan's default period needs one query.
        IReadOnlyCollection<int> withResults = [];
        if (string.IsNullOrWhiteSpace(periodCode))
        {
            var periodIds = plan.Periods.Select(p => p.Id).ToList();
            withResults = await db.KpiResults.Where(r => periodIds.Contains(r.PeriodId)).Select(r => r.PeriodId).Distinct().ToListAsync(cancellationToken);
        }

        var period = SelectPeriod(plan, periodCode, p => withResults.Contains(p.Id));
        return period is null && !string.IsNullOrWhiteSpace(periodCode) ? null : PlanScorecard.Compute(plan, period);
    }

    public static MonitoringPeriod? SelectPeriod(PerformancePlan plan, string? periodCode) =>
        SelectPeriod(plan, periodCode, p => plan.Objectives.Any(o => o.Kpis.Any(k => k.Results.Any(r => r.PeriodId == p.Id))));

    /// <summary>The period with this code; without a code, the latest period with results, else the final (or latest) one.</summary>
    private static MonitoringPeriod? SelectPeriod(PerformancePlan plan, string? periodCode, Func<MonitoringPeriod, bool> hasResults)
    {
        if (!string.IsNullOrWhiteSpace(periodCode))
        {
            return plan.Periods.FirstOrDefault(p => string.Equals(p.Code, periodCode, StringComparison.OrdinalIgnoreCase));
        }

        return plan.Periods.Where(hasResults).OrderByDescending(p => p.EndDate).FirstOrDefault()
            ?? plan.FinalPeriod ?? plan.Periods.OrderByDescending(p => p.EndDate).FirstOrDefault();
    }

    /// <summary>Plans read-only, with their sections, areas, periods and the OIV's validations (one query each).</summary>
    private IQueryable<PerformancePlan> PlansWithStructure() =>
        db.Plans.AsNoTrackingWithIdentityResolution().AsSplitQuery().Include(p => p.Categories).Include(p => p.Areas).Include(p => p.Periods).Include(p => p.Validations);
}
