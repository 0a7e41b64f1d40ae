using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Dashboards;

namespace Pdo.Web.Features.Scoring;

/// <summary>
/// Gives the scorecard of a plan: the plan's <see cref="PlanSnapshot"/> (held and kept current by
/// <see cref="DashboardCache"/>, the only thing that scores) and the entities a page displays, loaded read-only in a fixed
/// number of queries. The entities are read first: the snapshot asked for after them is at least as recent.
/// </summary>
public sealed class ScorecardService(AppDbContext db, DashboardCache cache)
{
    /// <summary>
    /// The scorecard of the plan of <paramref name="year"/> for the period with code <paramref name="periodCode"/>,
    /// or, when none is asked, the snapshot's default period (the latest with results, else the final one).
    /// Null when there is no such plan or period.
    /// </summary>
    public async Task<PlanScorecard?> LoadAsync(int year, string? periodCode, CancellationToken cancellationToken)
    {
        var plan = await PlansWithStructure()
            .Include(p => p.Objectives).ThenInclude(o => o.Directorate)
            .Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results)
            .Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Overrides)
            .FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        return plan is null ? null : await ViewAsync(plan, periodCode, cancellationToken);
    }

    /// <summary>
    /// The scorecard of the plan of <paramref name="year"/> holding only the objective with code
    /// <paramref name="objectiveCode"/> (the plan's sections, areas and periods, that objective with its Direzione, KPIs
    /// and results): scores and roll-ups are the snapshot's, as in <see cref="LoadAsync"/>, and the entities loaded are
    /// one objective's whatever the size of the plan. Null when there is no such plan, objective or period.
    /// </summary>
    public async Task<PlanScorecard?> LoadObjectiveAsync(int year, string objectiveCode, string? periodCode, CancellationToken cancellationToken)
    {
        var code = objectiveCode.ToUpperInvariant();
        var plan = await PlansWithStructure()
            .Include(p => p.Objectives.Where(o => o.Code.ToUpper() == code)).ThenInclude(o => o.Directorate)
            .Include(p => p.Objectives.Where(o => o.Code.ToUpper() == code)).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results)
            .Include(p => p.Objectives.Where(o => o.Code.ToUpper() == code)).ThenInclude(o => o.Kpis).ThenInclude(k => k.Overrides)
            .FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        return plan is null || plan.Objectives.Count == 0 ? null : await ViewAsync(plan, periodCode, cancellationToken);
    }

    /// <summary>The snapshot of the plan of <paramref name="year"/>, current (<see cref="DashboardCache.WithPlanAsync"/>); null without such a plan.</summary>
    public async Task<PlanSnapshot?> SnapshotAsync(int year, CancellationToken cancellationToken) =>
        (await HeldAsync(year, cancellationToken)).FirstOrDefault(s => s.Year == year);

    /// <summary>
    /// Every snapshot held, current, with the plan of <paramref name="year"/>'s among them (the others load in the
    /// background after a restart: <see cref="PlanSnapshots.Complete"/> says whether all are in).
    /// </summary>
    public Task<PlanSnapshots> HeldAsync(int year, CancellationToken cancellationToken) => cache.WithPlanAsync(db, year, cancellationToken);

    private async Task<PlanScorecard?> ViewAsync(PerformancePlan plan, string? periodCode, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(plan.Year, cancellationToken) is not { } snapshot)
        {
            return null;
        }

        // Without a code, the snapshot's default period (PerformancePlan.DefaultPeriod over its results), not chosen again here.
        var period = string.IsNullOrWhiteSpace(periodCode)
            ? plan.Periods.FirstOrDefault(p => p.Id == snapshot.DefaultPeriod?.Id) ?? plan.DefaultPeriod(_ => false)
            : plan.PeriodWithCode(periodCode);
        return period is null && !string.IsNullOrWhiteSpace(periodCode) ? null : PlanScorecard.From(snapshot, plan, period);
    }

    /// <summary>Plans read-only, with their sections, areas, periods and the OIV's validations (one query each).</summary>
    private IQueryable<PerformancePlan> PlansWithStructure() =>
        db.Plans.AsNoTrackingWithIdentityResolution().AsSplitQuery().Include(p => p.Categories).Include(p => p.Areas).Include(p => p.Periods).Include(p => p.Validations);
}
