using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Data;

namespace Pdo.Web.Features.Scoring;

/// <summary>
/// A KPI's display fields that the <see cref="Dashboards.PlanSnapshot"/> does not hold (its group label and its declared
/// «non rilevabile» reason), for the readers that show every KPI of a plan from the snapshot (the Excel export, open data).
/// </summary>
public readonly record struct KpiDisplay(string? Group, string? UnmeasurableReason)
{
    /// <summary>
    /// The display fields of the plan's KPIs (of one Direzione's objectives when <paramref name="directorateId"/> is set),
    /// by KPI id: one flat read-only query, streamed; no entity is built.
    /// </summary>
    public static async Task<Dictionary<int, KpiDisplay>> ReadAsync(AppDbContext db, int planId, int? directorateId, CancellationToken cancellationToken)
    {
        var kpis = new Dictionary<int, KpiDisplay>();
        await foreach (var k in db.Kpis.AsNoTracking()
            .Where(k => k.Objective!.PlanId == planId && (directorateId == null || k.Objective.DirectorateId == directorateId))
            .Select(k => new { k.Id, k.Group, k.UnmeasurableReason })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            kpis[k.Id] = new KpiDisplay(k.Group, k.UnmeasurableReason);
        }

        return kpis;
    }
}
