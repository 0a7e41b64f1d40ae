using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Plans;

/// <summary>Builds the read-only pages of a plan (list, plan, section, area, Direzione) from the dashboards' cached snapshots.</summary>
public sealed class PlanService(AppDbContext db, DashboardCache cache)
{
    /// <summary>The plans by year with their overall score, from the dashboards' cached snapshots (no full reload per plan).</summary>
    public async Task<PlanListViewModel> ListAsync(CancellationToken cancellationToken)
    {
        var (snapshots, loading) = await cache.LoadedAsync(db, cancellationToken);
        var loaded = snapshots.Select(s => new PlanListItem(
            s.Year,
            s.Title,
            StatusLabel(s.Status),
            s.ApprovalText,
            s.DefaultPeriod is { } period ? ScoreViewModel.From(s.Overall(period.Id)) : ScoreViewModel.From(AttainmentRules.Aggregate(s.Title, [], s.Methodology)),
            Links.Plan(s.Year),
            s.ValidationText));

        // After a restart: the plans not loaded yet (in the background) are listed without their score meanwhile.
        var pending = loading.Count == 0 ? [] : await db.Plans.AsNoTracking().Where(p => loading.Contains(p.Year))
            .Select(p => new { p.Year, p.Title, p.Status, p.ApprovalAct })
            .ToListAsync(cancellationToken);
        return new PlanListViewModel(loaded
            .Concat(pending.Select(p => new PlanListItem(p.Year, p.Title, StatusLabel(p.Status), p.ApprovalAct is { } act ? ApprovalText(act) : null, null, Links.Plan(p.Year))))
            .OrderByDescending(p => p.Year)
            .ToList());
    }

    /// <summary>
    /// The plan page: overall score and the roll-ups by section, area and Direzione, from the dashboards' cached
    /// snapshot (the same rule book and order as the scorecard, without reloading every result of the plan).
    /// </summary>
    public async Task<PlanOverviewViewModel?> OverviewAsync(int year, string? period, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(year, period, cancellationToken) is not var (snapshot, selected))
        {
            return null;
        }

        var rollups = snapshot.Rollups(selected?.Id ?? PlanSnapshot.NoPeriod);
        return new PlanOverviewViewModel(
            Header(snapshot, selected),
            ScoreViewModel.From(rollups.Overall),
            rollups.Categories.Select(g => Row(g, Links.Category(year, g.Code, selected?.Code))).ToList(),
            rollups.Areas.Select(g => Row(g, Links.Area(year, g.Code, selected?.Code))).ToList(),
            rollups.Directorates.Select(g => Row(g, Links.Directorate(year, g.Code, selected?.Code))).ToList(),
            snapshot.Objectives.Count,
            snapshot.Kpis.Count,
            NarrativeText.Parse(snapshot.Introduction));
    }

    public Task<GroupPageViewModel?> CategoryAsync(int year, string code, string? period, CancellationToken cancellationToken) =>
        GroupAsync(year, period, "Sezione", rollups => rollups.Categories, code, cancellationToken);

    public Task<GroupPageViewModel?> AreaAsync(int year, string code, string? period, CancellationToken cancellationToken) =>
        GroupAsync(year, period, "Area strategica", rollups => rollups.Areas, code, cancellationToken);

    public Task<GroupPageViewModel?> DirectorateAsync(int year, string code, string? period, CancellationToken cancellationToken) =>
        GroupAsync(year, period, "Direzione", rollups => rollups.Directorates, code, cancellationToken);

    public static PlanHeaderViewModel Header(PlanScorecard card) => Header(card.Plan, card.Period);

    public static PlanHeaderViewModel Header(PlanSnapshot snapshot, SnapshotPeriod? period) => Header(
        snapshot.Status,
        snapshot.Year,
        snapshot.Title,
        snapshot.ApprovalText,
        snapshot.ApprovalLink,
        period is null ? null : (period.Code, period.Name, period.EndDate),
        snapshot.Periods.Select(p => new PeriodOption(p.Code, PeriodLabel(p.Name, p.EndDate), p.Id == period?.Id, p.IsOpen)),
        snapshot.RequireFourEyesReview,
        snapshot.ValidationText);

    public static PlanHeaderViewModel Header(PerformancePlan plan, MonitoringPeriod? period) => Header(
        plan.Status,
        plan.Year,
        plan.Title,
        plan.ApprovalAct is { } act ? ApprovalText(act) : null,
        plan.ApprovalAct?.Link,
        period is null ? null : (period.Code, period.Name, period.EndDate),
        plan.Periods.OrderBy(p => p.EndDate).Select(p => new PeriodOption(p.Code, PeriodLabel(p.Name, p.EndDate), p.Id == period?.Id, p.IsOpen)),
        plan.RequireFourEyesReview,
        Oversight.OversightLabels.ValidationText(plan.Status, plan.CurrentValidation));

    /// <summary>A period as pages name it: «Consuntivo (31/12/2019)».</summary>
    public static string PeriodLabel(string name, DateOnly endDate) => $"{name} ({ItalianValues.FormatDate(endDate)})";

    private static PlanHeaderViewModel Header(
        PlanStatus status,
        int year,
        string title,
        string? approvalText,
        string? approvalLink,
        (string Code, string Name, DateOnly EndDate)? period,
        IEnumerable<PeriodOption> periods,
        bool requireFourEyesReview,
        string? validationText) => new(
        status,
        year,
        title,
        StatusLabel(status),
        status == PlanStatus.Approved,
        approvalText,
        approvalLink,
        period?.Code,
        period is { } p ? PeriodLabel(p.Name, p.EndDate) : "Nessun periodo di monitoraggio",
        periods.ToList(),
        requireFourEyesReview,
        validationText);

    public static string StatusLabel(PlanStatus status) => status switch
    {
        PlanStatus.Draft => "Bozza",
        PlanStatus.Monitoring => "In monitoraggio",
        _ => "Approvato",
    };

    public static string ApprovalText(ApprovalAct act) =>
        $"Delibera di Giunta n. {act.Number} del {ItalianValues.FormatDate(act.Date)}";

    /// <summary>
    /// The plan's cached snapshot and the period asked for (its default one when none is asked; no period only for a
    /// plan that has none, where nothing is measured). Null when there is no such plan or period.
    /// </summary>
    private async Task<(PlanSnapshot Snapshot, SnapshotPeriod? Period)?> SnapshotAsync(int year, string? period, CancellationToken cancellationToken)
    {
        var snapshot = (await cache.WithPlanAsync(db, year, cancellationToken)).FirstOrDefault(s => s.Year == year);
        if (snapshot is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(period))
        {
            return (snapshot, snapshot.DefaultPeriod);
        }

        var selected = snapshot.PeriodWithCode(period);
        return selected is null ? null : (snapshot, selected);
    }

    private async Task<GroupPageViewModel?> GroupAsync(
        int year,
        string? period,
        string kindLabel,
        Func<PlanRollups, IReadOnlyList<SnapshotRollup>> groups,
        string code,
        CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(year, period, cancellationToken) is not var (snapshot, selected))
        {
            return null;
        }

        var periodId = selected?.Id ?? PlanSnapshot.NoPeriod;
        var group = groups(snapshot.Rollups(periodId)).FirstOrDefault(g => string.Equals(g.Code, code, StringComparison.OrdinalIgnoreCase));
        if (group is null)
        {
            return null;
        }

        var scores = snapshot.ObjectiveScores(periodId);
        var sections = snapshot.Categories.ToDictionary(c => c.Id, c => c.Name);
        var rows = group.Objectives.Select(i =>
        {
            var objective = snapshot.Objectives[i];
            return new ObjectiveRow(
                objective.Code,
                objective.Title,
                objective.DirectorateId is int directorate ? snapshot.Directorates[directorate].Name : null,
                sections.GetValueOrDefault(objective.CategoryId, string.Empty),
                snapshot.KpisByObjective.GetValueOrDefault(objective.Id, []).Length,
                ScoreViewModel.From(scores[i]),
                Links.Objective(year, objective.Code, selected?.Code));
        }).ToList();
        return new GroupPageViewModel(Header(snapshot, selected), kindLabel, group.Code, group.Name, ScoreViewModel.From(group.Attainment), rows);
    }

    private static GroupRow Row(SnapshotRollup group, string url) =>
        new(group.Code, group.Name, group.Objectives.Count, ScoreViewModel.From(group.Attainment), url);
}
