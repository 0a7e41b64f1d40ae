using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.History;

public sealed record HistoryRow(string When, string User, string What, string Field, string? OldValue, string? NewValue, string? Reason);

public sealed record HistoryViewModel(int Year, string ObjectiveCode, string Title, string? KpiCode, IReadOnlyList<HistoryRow> Rows, string BackUrl);

public sealed record AuditFilter(int? Year, string? User, string? Entity, string? Text, int Page);

public sealed record AuditSearchViewModel(AuditFilter Filter, IReadOnlyList<HistoryRow> Rows, int Total, int Page, int Pages, IReadOnlyList<string> EntityTypes);

/// <summary>The "Storico" of an objective or KPI and the administrators' audit search, read from the audit trail.</summary>
public sealed class HistoryService(AppDbContext db)
{
    public const int PageSize = 50;

    public static IReadOnlyDictionary<string, string> EntityLabels => AuditLabels.Entities;

    public async Task<HistoryViewModel?> ObjectiveAsync(int year, string code, CancellationToken cancellationToken)
    {
        var objective = await db.Objectives.AsNoTracking()
            .Where(o => o.Code == code && db.Plans.Any(p => p.Id == o.PlanId && p.Year == year))
            .Select(o => new { o.Code, o.Title })
            .FirstOrDefaultAsync(cancellationToken);
        if (objective is null)
        {
            return null;
        }

        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanYear == year && a.ObjectiveCode == objective.Code)
            .OrderByDescending(a => a.Id)
            .Take(1_000)
            .ToListAsync(cancellationToken);
        return new HistoryViewModel(year, objective.Code, objective.Title, null, rows.Select(Row).ToList(), Links.Objective(year, objective.Code));
    }

    public async Task<HistoryViewModel?> KpiAsync(int year, string code, string kpiCode, CancellationToken cancellationToken)
    {
        var kpi = await db.Kpis.AsNoTracking()
            .Where(k => k.Code == kpiCode && k.Objective!.Code == code && k.Objective.Plan!.Year == year)
            .Select(k => new { k.Code, k.Name, ObjectiveCode = k.Objective!.Code })
            .FirstOrDefaultAsync(cancellationToken);
        if (kpi is null)
        {
            return null;
        }

        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanYear == year && a.ObjectiveCode == kpi.ObjectiveCode && a.KpiCode == kpi.Code)
            .OrderByDescending(a => a.Id)
            .Take(1_000)
            .ToListAsync(cancellationToken);
        return new HistoryViewModel(year, kpi.ObjectiveCode, kpi.Name, kpi.Code, rows.Select(Row).ToList(), $"{Links.Objective(year, kpi.ObjectiveCode)}#kpi-{kpi.Code}");
    }

    public async Task<AuditSearchViewModel> SearchAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking().AsQueryable();
        if (filter.Year is int year)
        {
            query = query.Where(a => a.PlanYear == year);
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(a => a.UserName.Contains(user));
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity) && EntityLabels.ContainsKey(filter.Entity))
        {
            query = query.Where(a => a.EntityType == filter.Entity);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(a => a.EntityKey.Contains(text) || a.Field.Contains(text) || (a.NewValue != null && a.NewValue.Contains(text))
                || (a.OldValue != null && a.OldValue.Contains(text)) || (a.Reason != null && a.Reason.Contains(text)));
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await query.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new AuditSearchViewModel(filter, rows.Select(Row).ToList(), total, page, pages, [.. EntityLabels.Keys]);
    }

    private static HistoryRow Row(AuditEntry a) => new(
        RomeTime.Format(a.OccurredAt),
        a.UserName,
        $"{AuditLabels.Entity(a.EntityType)} {a.EntityKey}" + a.Action switch
        {
            AuditAction.Created => " (creato)",
            AuditAction.Deleted => " (eliminato)",
            _ => string.Empty,
        },
        AuditLabels.Field(a.EntityType, a.Field),
        AuditLabels.Value(a.EntityType, a.Field, a.OldValue),
        AuditLabels.Value(a.EntityType, a.Field, a.NewValue),
        a.Reason);
}
