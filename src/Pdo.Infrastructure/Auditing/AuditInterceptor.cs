using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Auditing;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every changed field of a plan, section, area, period, objective, KPI or
/// result, inside the same SaveChanges (so in the same transaction: a failed save leaves neither the change nor
/// its audit rows). Refuses any update or deletion of audit rows.
/// </summary>
public sealed class AuditInterceptor(IAuditContext audit, TimeProvider clock) : SaveChangesInterceptor
{
    private const int MaxValueLength = 4_000;

    // Bookkeeping that the audit row itself already says (who, when) or that means nothing to a reader.
    private static readonly HashSet<string> Skipped =
    [
        "Id", "Version", "SortOrder", "PlanId", "ObjectiveId", "KpiId", "PeriodId",
        nameof(KpiResult.RecordedAt), nameof(KpiResult.RecordedBy), nameof(KpiResult.ReviewedAt), nameof(KpiResult.ReviewedBy),
    ];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await AddAuditEntriesAsync(context, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            AddAuditEntriesAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    private async Task AddAuditEntriesAsync(DbContext context, CancellationToken cancellationToken)
    {
        context.ChangeTracker.DetectChanges();
        var entries = context.ChangeTracker.Entries().ToList();
        if (entries.Any(e => e.Entity is AuditEntry && e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit rows are append-only: they are never updated or deleted.");
        }

        var now = clock.GetUtcNow();
        var rows = new List<AuditEntry>();
        foreach (var entry in entries.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var subject = await SubjectAsync(context, entry, cancellationToken);
            if (subject is null)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Modified,
            };
            foreach (var property in entry.Properties)
            {
                var name = subject.Prefix + property.Metadata.Name;
                if (Skipped.Contains(property.Metadata.Name) || property.Metadata.IsShadowProperty() || property.Metadata.IsKey())
                {
                    continue;
                }

                var oldValue = entry.State == EntityState.Added ? null : Format(property.OriginalValue);
                var newValue = entry.State == EntityState.Deleted ? null : Format(property.CurrentValue);
                if (entry.State == EntityState.Modified && (!property.IsModified || oldValue == newValue))
                {
                    continue;
                }

                if (oldValue is null && newValue is null)
                {
                    continue;
                }

                rows.Add(new AuditEntry(
                    now, audit.UserName, action, subject.Type, subject.Key, subject.Year, subject.ObjectiveCode, subject.KpiCode,
                    name, oldValue, newValue, audit.Reason));
            }
        }

        if (rows.Count > 0)
        {
            context.Set<AuditEntry>().AddRange(rows);
        }
    }

    private static async Task<Subject?> SubjectAsync(DbContext context, EntityEntry entry, CancellationToken ct)
    {
        switch (entry.Entity)
        {
            case PerformancePlan plan:
                return new Subject(nameof(PerformancePlan), Year(plan.Year), plan.Year, null, null);
            case ApprovalAct act:
                var owner = context.ChangeTracker.Entries<PerformancePlan>().FirstOrDefault(p => ReferenceEquals(p.Entity.ApprovalAct, act)
                    || ReferenceEquals(p.Reference(x => x.ApprovalAct).TargetEntry?.Entity, act));
                var ownerYear = owner?.Entity.Year;
                return new Subject(nameof(PerformancePlan), ownerYear is int y ? Year(y) : "?", ownerYear, null, null, "ApprovalAct.");
            case ObjectiveCategory category:
                await LoadAsync(entry, nameof(ObjectiveCategory.Plan), ct);
                return new Subject(nameof(ObjectiveCategory), $"{category.Plan?.Year}/{category.Code}", category.Plan?.Year, null, null);
            case StrategicArea area:
                await LoadAsync(entry, nameof(StrategicArea.Plan), ct);
                return new Subject(nameof(StrategicArea), $"{area.Plan?.Year}/{area.Code}", area.Plan?.Year, null, null);
            case MonitoringPeriod period:
                await LoadAsync(entry, nameof(MonitoringPeriod.Plan), ct);
                return new Subject(nameof(MonitoringPeriod), $"{period.Plan?.Year}/{period.Code}", period.Plan?.Year, null, null);
            case Objective objective:
                await LoadAsync(entry, nameof(Objective.Plan), ct);
                return new Subject(nameof(Objective), $"{objective.Plan?.Year}/{objective.Code}", objective.Plan?.Year, objective.Code, null);
            case Kpi kpi:
                await LoadAsync(entry, nameof(Kpi.Objective), ct);
                var kpiObjective = kpi.Objective;
                if (kpiObjective is not null)
                {
                    await LoadAsync(context.Entry(kpiObjective), nameof(Objective.Plan), ct);
                }

                return new Subject(nameof(Kpi), $"{kpiObjective?.Plan?.Year}/{kpiObjective?.Code}/{kpi.Code}", kpiObjective?.Plan?.Year, kpiObjective?.Code, kpi.Code);
            case KpiResult result:
                await LoadAsync(entry, nameof(KpiResult.Kpi), ct);
                await LoadAsync(entry, nameof(KpiResult.Period), ct);
                var resultKpi = result.Kpi;
                if (resultKpi is not null)
                {
                    await LoadAsync(context.Entry(resultKpi), nameof(Kpi.Objective), ct);
                    if (resultKpi.Objective is not null)
                    {
                        await LoadAsync(context.Entry(resultKpi.Objective), nameof(Objective.Plan), ct);
                    }
                }

                var o = resultKpi?.Objective;
                return new Subject(nameof(KpiResult), $"{o?.Plan?.Year}/{o?.Code}/{resultKpi?.Code}/{result.Period?.Code}", o?.Plan?.Year, o?.Code, resultKpi?.Code);
            case Directorate directorate:
                return new Subject(nameof(Directorate), directorate.Code, null, null, null);
            default:
                return null;
        }
    }

    private static async Task LoadAsync(EntityEntry entry, string navigation, CancellationToken ct)
    {
        var reference = entry.Reference(navigation);
        if (!reference.IsLoaded && reference.CurrentValue is null && entry.State != EntityState.Added)
        {
            await reference.LoadAsync(ct);
        }
    }

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string? Format(object? value)
    {
        var text = value switch
        {
            null => null,
            decimal d => d.ToString("0.##########", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return text is { Length: > MaxValueLength } ? text[..MaxValueLength] : text;
    }

    private sealed record Subject(string Type, string Key, int? Year, string? ObjectiveCode, string? KpiCode, string Prefix = "");
}
