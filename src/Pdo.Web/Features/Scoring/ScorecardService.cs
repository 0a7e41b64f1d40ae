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
        var plan = await db.Plans
            .AsNoTrackingWithIdentityResolution()
            .AsSplitQuery()
            .Include(p => p.Categories)
            .Include(p => p.Areas)
            .Include(p => p.Periods)
            .Include(p => p.Objectives).ThenInclude(o => o.Directorate)
            .Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results)
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

    public static MonitoringPeriod? SelectPeriod(PerformancePlan plan, string? periodCode)
    {
        if (!string.IsNullOrWhiteSpace(periodCode))
        {
            return plan.Periods.FirstOrDefault(p => string.Equals(p.Code, periodCode, StringComparison.OrdinalIgnoreCase));
        }

        var withResults = plan.Periods
            .Where(p => plan.Objectives.Any(o => o.Kpis.Any(k => k.Results.Any(r => r.PeriodId == p.Id))))
            .OrderByDescending(p => p.EndDate)
            .FirstOrDefault();
        return withResults ?? plan.FinalPeriod ?? plan.Periods.OrderByDescending(p => p.EndDate).FirstOrDefault();
    }
}
