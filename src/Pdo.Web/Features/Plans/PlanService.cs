using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Plans;

/// <summary>Builds the read-only pages of a plan from its scorecard.</summary>
public sealed class PlanService(AppDbContext db, ScorecardService scorecards, DashboardCache cache)
{
    /// <summary>The plans by year with their overall score, from the dashboards' cached snapshots (no full reload per plan).</summary>
    public async Task<PlanListViewModel> ListAsync(CancellationToken cancellationToken)
    {
        var snapshots = await cache.AllAsync(db, cancellationToken);
        return new PlanListViewModel(snapshots
            .OrderByDescending(s => s.Year)
            .Select(s => new PlanListItem(
                s.Year,
                s.Title,
                StatusLabel(s.Status),
                s.ApprovalText,
                s.DefaultPeriod is { } period ? ScoreViewModel.From(s.Overall(period.Id)) : ScoreViewModel.From(AttainmentRules.Aggregate(s.Title, [], s.Methodology)),
                Links.Plan(s.Year)))
            .ToList());
    }

    /// <summary>
    /// The plan page: overall score and the roll-ups by section, area and Direzione, from the dashboards' cached
    /// snapshot (the same rule book and order as the scorecard, without reloading every result of the plan).
    /// </summary>
    public async Task<PlanOverviewViewModel?> OverviewAsync(int year, string? period, CancellationToken cancellationToken)
    {
        var snapshot = (await cache.AllAsync(db, cancellationToken)).FirstOrDefault(s => s.Year == year);
        if (snapshot is null)
        {
            return null;
        }

        var selected = string.IsNullOrWhiteSpace(period)
            ? snapshot.DefaultPeriod
            : snapshot.Periods.FirstOrDefault(p => string.Equals(p.Code, period, StringComparison.OrdinalIgnoreCase));
        if (selected is null && !string.IsNullOrWhiteSpace(period))
        {
            return null;
        }

        // A draft without periods yet: nothing is measured.
        var rollups = snapshot.Rollups(selected?.Id ?? PlanSnapshot.NoPeriod);
        return new PlanOverviewViewModel(
            Header(snapshot, selected),
            ScoreViewModel.From(rollups.Overall),
            rollups.Categories.Select(g => Row(g, Links.Category(year, g.Code, selected?.Code))).ToList(),
            rollups.Areas.Select(g => Row(g, Links.Area(year, g.Code, selected?.Code))).ToList(),
            rollups.Directorates.Select(g => Row(g, Links.Directorate(year, g.Code, selected?.Code))).ToList(),
            snapshot.Objectives.Count,
            snapshot.Kpis.Count);
    }

    public Task<GroupPageViewModel?> CategoryAsync(int year, string code, string? period, CancellationToken cancellationToken) =>
        GroupAsync(year, period, "Sezione", card => card.Categories, code, cancellationToken);

    public Task<GroupPageViewModel?> AreaAsync(int year, string code, string? period, CancellationToken cancellationToken) =>
        GroupAsync(year, period, "Area strategica", card => card.Areas, code, cancellationToken);

    public Task<GroupPageViewModel?> DirectorateAsync(int year, string code, string? period, CancellationToken cancellationToken) =>
        GroupAsync(year, period, "Direzione", card => card.Directorates, code, cancellationToken);

    public static PlanHeaderViewModel Header(PlanScorecard card) => Header(card.Plan, card.Period);

    public static PlanHeaderViewModel Header(PlanSnapshot snapshot, SnapshotPeriod? period) => new(
        snapshot.Status,
        snapshot.Year,
        snapshot.Title,
        StatusLabel(snapshot.Status),
        snapshot.Status == PlanStatus.Approved,
        snapshot.ApprovalText,
        snapshot.ApprovalLink,
        period?.Code,
        period is null ? "Nessun periodo di monitoraggio" : $"{period.Name} ({ItalianValues.FormatDate(period.EndDate)})",
        snapshot.Periods.Select(p => new PeriodOption(p.Code, $"{p.Name} ({ItalianValues.FormatDate(p.EndDate)})", p.Id == period?.Id, p.IsOpen)).ToList());

    public static PlanHeaderViewModel Header(PerformancePlan plan, MonitoringPeriod? period)
    {
        var act = plan.ApprovalAct;
        return new PlanHeaderViewModel(
            plan.Status,
            plan.Year,
            plan.Title,
            StatusLabel(plan.Status),
            plan.Status == PlanStatus.Approved,
            act is null ? null : ApprovalText(act),
            act?.Link,
            period?.Code,
            period is null ? "Nessun periodo di monitoraggio" : $"{period.Name} ({ItalianValues.FormatDate(period.EndDate)})",
            plan.Periods.OrderBy(p => p.EndDate)
                .Select(p => new PeriodOption(p.Code, $"{p.Name} ({ItalianValues.FormatDate(p.EndDate)})", p.Id == period?.Id, p.IsOpen))
                .ToList());
    }

    public static string StatusLabel(PlanStatus status) => status switch
    {
        PlanStatus.Draft => "Bozza",
        PlanStatus.Monitoring => "In monitoraggio",
        _ => "Approvato",
    };

    public static string ApprovalText(ApprovalAct act) =>
        $"Delibera di Giunta n. {act.Number} del {ItalianValues.FormatDate(act.Date)}";

    private async Task<GroupPageViewModel?> GroupAsync(
        int year,
        string? period,
        string kindLabel,
        Func<PlanScorecard, IReadOnlyList<GroupScore>> groups,
        string code,
        CancellationToken cancellationToken)
    {
        var card = await scorecards.LoadAsync(year, period, cancellationToken);
        var group = card is null ? null : groups(card).FirstOrDefault(g => string.Equals(g.Code, code, StringComparison.OrdinalIgnoreCase));
        if (card is null || group is null)
        {
            return null;
        }

        var categories = card.Plan.Categories.ToDictionary(c => c.Id, c => c.Name);
        var rows = group.Objectives.Select(o => new ObjectiveRow(
            o.Objective.Code,
            o.Objective.Title,
            o.Objective.Directorate?.Name,
            categories.GetValueOrDefault(o.Objective.CategoryId, string.Empty),
            o.Kpis.Count,
            ScoreViewModel.From(o.Attainment),
            Links.Objective(year, o.Objective.Code, card.Period?.Code))).ToList();
        return new GroupPageViewModel(Header(card), kindLabel, group.Code, group.Name, ScoreViewModel.From(group.Attainment), rows);
    }

    private static GroupRow Row(SnapshotRollup group, string url) =>
        new(group.Code, group.Name, group.ObjectiveCount, ScoreViewModel.From(group.Attainment), url);
}
