using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Pdo.Domain.Oversight;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Auditing;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every changed field of a plan, section, area, period, objective, KPI,
/// result or Direzione, and of a person (<see cref="PeopleAudit"/>: name, e-mail, disabled, lockout, roles,
/// Direzioni), with the queued security events, inside the same SaveChanges (so in the same transaction: a failed
/// save leaves neither the change nor its audit rows). Refuses any update or deletion of audit rows; the database
/// refuses them too (ADR 006).
/// <para>
/// One instance serves every context of the process (the contexts' options are built once): who is saving, and the
/// security events queued for the save, are the context's own (<see cref="AppDbContext.Audit"/>).
/// </para>
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private const int MaxValueLength = 4_000;

    // Bookkeeping that the audit row itself already says (who, when) or that means nothing to a reader.
    private static readonly HashSet<string> Skipped =
    [
        "Id", "Version", "SortOrder", "PlanId", "ObjectiveId", "KpiId", "PeriodId", "ObservationId",
        nameof(KpiResult.RecordedAt), nameof(KpiResult.RecordedBy), nameof(KpiResult.ReviewedAt), nameof(KpiResult.ReviewedBy),
        nameof(Kpi.UnmeasurableDeclaredAt), nameof(Kpi.UnmeasurableDeclaredBy),
        nameof(ScoreOverride.ProposedById), nameof(ScoreOverride.DecidedById),
    ];

    // Sections and areas are ordered by hand (moved up and down on the structure page): a change of their place is
    // audited, unlike the order of the other entities, which follows from how they were added.
    private static readonly HashSet<string> Reordered = [nameof(ObjectiveCategory), nameof(StrategicArea)];

    /// <summary>The properties of plan entities that are never audited (the history's labels cover every other one) …</summary>
    public static IReadOnlySet<string> UnauditedProperties => Skipped;

    /// <summary>… except <c>SortOrder</c> of these entity types, audited when it changes.</summary>
    public static IReadOnlySet<string> ReorderedEntities => Reordered;

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

    private static bool IsReorder(EntityEntry entry, string property) =>
        property == "SortOrder" && entry.State == EntityState.Modified && Reordered.Contains(entry.Metadata.ClrType.Name);

    /// <summary>
    /// Rows still Added when a save starts were written by a save that failed (rolled back with it; EF Core keeps them
    /// tracked, and a concurrency conflict does not even reach SaveChangesFailed). Saved now, they would record
    /// changes that never happened, or stale old values after a retried conflict: this save writes its own rows
    /// afresh. Only this interceptor creates audit rows (the constructor is internal).
    /// </summary>
    private static void ForgetUnsavedRows(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Changes are detected once per save, here: with automatic detection on, every <c>context.Entry(...)</c> of a parent
    /// below would detect changes again over the whole graph reachable from it (a plan's every objective, KPI and
    /// result), which made saving a large plan quadratic (docs/benchmarks.md, plan import). Detection then stays off
    /// until the save has ended (<see cref="RestoreDetection"/>), so that EF Core, which detects changes after this
    /// interceptor, does not go over every tracked entity once more before writing.
    /// </summary>
    private async Task AddAuditEntriesAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context is not AppDbContext { Audit: var scope })
        {
            throw new InvalidOperationException($"The audit interceptor serves Pdo's contexts only, not {context.GetType().Name}.");
        }

        var autoDetect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        var detected = false;
        try
        {
            detected = await AddAuditEntriesOnceDetectedAsync(context, scope, cancellationToken);
        }
        finally
        {
            if (detected)
            {
                scope.DetectionAfterSave = autoDetect;
            }
            else
            {
                context.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            }
        }
    }

    /// <summary>Turns automatic change detection back on (if it was) once a save has ended, however it ended.</summary>
    private static void RestoreDetection(DbContext? context)
    {
        if (context is AppDbContext { Audit: { DetectionAfterSave: { } autoDetect } scope })
        {
            scope.DetectionAfterSave = null;
            context.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        RestoreDetection(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        RestoreDetection(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RestoreDetection(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        RestoreDetection(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => RestoreDetection(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        RestoreDetection(eventData.Context);
        return Task.CompletedTask;
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        RestoreDetection(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        RestoreDetection(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>Adds this save's audit rows; false when this context's saves are not audited (changes not detected then).</summary>
    private async Task<bool> AddAuditEntriesOnceDetectedAsync(DbContext context, AuditScope scope, CancellationToken cancellationToken)
    {
        var audit = scope.Who;
        if (audit is SystemAuditContext { SuppressedForSyntheticData: true })
        {
            return false;
        }

        context.ChangeTracker.DetectChanges();
        ForgetUnsavedRows(context);
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
                if ((Skipped.Contains(property.Metadata.Name) && !IsReorder(entry, property.Metadata.Name)) || property.Metadata.IsShadowProperty() || property.Metadata.IsKey())
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

        await PeopleAudit.AddRowsAsync(
            context,
            entries,
            (action, key, field, oldValue, newValue) => rows.Add(new AuditEntry(
                now, audit.UserName, action, PeopleAudit.EntityType, Truncate(key, 200), null, null, null, field, oldValue, newValue, audit.Reason)),
            cancellationToken);

        foreach (var e in scope.TakeEvents())
        {
            rows.Add(new AuditEntry(
                now, Truncate(e.Actor, 256), AuditAction.Event, SecurityAuditLog.EntityType, Truncate(e.Subject, 200), null, null, null,
                e.Kind.ToString(), null, e.Detail is null ? null : Truncate(e.Detail, MaxValueLength), null));
        }

        if (rows.Count > 0)
        {
            context.Set<AuditEntry>().AddRange(rows);
        }

        return true;
    }

    private static async Task<Subject?> SubjectAsync(DbContext context, EntityEntry entry, CancellationToken ct)
    {
        switch (entry.Entity)
        {
            case PerformancePlan plan:
                return new Subject(nameof(PerformancePlan), Year(plan.Year), plan.Year, null, null);
            case ApprovalAct act:
                var owner = context.ChangeTracker.Entries<PerformancePlan>().FirstOrDefault(p => ReferenceEquals(p.Entity.ApprovalAct, act)
                    || ReferenceEquals(p.Reference(x => x.ApprovalAct).TargetEntry?.Entity, act))?.Entity;

                // A withdrawn act (plan reopened) is no longer referenced by its plan: its key still names the plan.
                owner ??= await FindByForeignKeyAsync<PerformancePlan>(context, entry, entry.Metadata.FindOwnership()!, ct);
                var ownerYear = owner?.Year;
                return new Subject(nameof(PerformancePlan), ownerYear is int y ? Year(y) : "?", ownerYear, null, null, "ApprovalAct.");
            case ObjectiveCategory category:
                var categoryPlan = await ParentAsync<PerformancePlan>(entry, nameof(ObjectiveCategory.Plan), ct);
                return new Subject(nameof(ObjectiveCategory), $"{categoryPlan?.Year}/{category.Code}", categoryPlan?.Year, null, null);
            case StrategicArea area:
                var areaPlan = await ParentAsync<PerformancePlan>(entry, nameof(StrategicArea.Plan), ct);
                return new Subject(nameof(StrategicArea), $"{areaPlan?.Year}/{area.Code}", areaPlan?.Year, null, null);
            case MonitoringPeriod period:
                var periodPlan = await ParentAsync<PerformancePlan>(entry, nameof(MonitoringPeriod.Plan), ct);
                return new Subject(nameof(MonitoringPeriod), $"{periodPlan?.Year}/{period.Code}", periodPlan?.Year, null, null);
            case Objective objective:
                var objectivePlan = await ParentAsync<PerformancePlan>(entry, nameof(Objective.Plan), ct);
                return new Subject(nameof(Objective), $"{objectivePlan?.Year}/{objective.Code}", objectivePlan?.Year, objective.Code, null);
            case Kpi kpi:
                var kpiObjective = await ParentAsync<Objective>(entry, nameof(Kpi.Objective), ct);
                var kpiPlan = kpiObjective is null ? null : await ParentAsync<PerformancePlan>(context.Entry(kpiObjective), nameof(Objective.Plan), ct);
                return new Subject(nameof(Kpi), $"{kpiPlan?.Year}/{kpiObjective?.Code}/{kpi.Code}", kpiPlan?.Year, kpiObjective?.Code, kpi.Code);
            case KpiResult result:
                var resultKpi = await ParentAsync<Kpi>(entry, nameof(KpiResult.Kpi), ct);
                var resultPeriod = await ParentAsync<MonitoringPeriod>(entry, nameof(KpiResult.Period), ct);
                var o = resultKpi is null ? null : await ParentAsync<Objective>(context.Entry(resultKpi), nameof(Kpi.Objective), ct);
                var resultPlan = o is null ? null : await ParentAsync<PerformancePlan>(context.Entry(o), nameof(Objective.Plan), ct);
                return new Subject(nameof(KpiResult), $"{resultPlan?.Year}/{o?.Code}/{resultKpi?.Code}/{resultPeriod?.Code}", resultPlan?.Year, o?.Code, resultKpi?.Code);
            case ScoreOverride scoreOverride:
                var overrideKpi = await ParentAsync<Kpi>(entry, nameof(ScoreOverride.Kpi), ct);
                var overridePeriod = await ParentAsync<MonitoringPeriod>(entry, nameof(ScoreOverride.Period), ct);
                var ok = overrideKpi is null ? null : await ParentAsync<Objective>(context.Entry(overrideKpi), nameof(Kpi.Objective), ct);
                var overridePlan = ok is null ? null : await ParentAsync<PerformancePlan>(context.Entry(ok), nameof(Objective.Plan), ct);
                return new Subject(
                    nameof(ScoreOverride),
                    $"{overridePlan?.Year}/{ok?.Code}/{overrideKpi?.Code}/{overridePeriod?.Code}/{scoreOverride.ProposedAt.ToUnixTimeSeconds()}",
                    overridePlan?.Year,
                    ok?.Code,
                    overrideKpi?.Code);
            case Directorate directorate:
                return new Subject(nameof(Directorate), directorate.Code, null, null, null);
            case Observation observation:
                return await ObservationSubjectAsync(context, entry, observation, ct);
            case ObservationMessage message:
                var thread = await ParentAsync<Observation>(entry, nameof(ObservationMessage.Observation), ct);
                var threadSubject = thread is null ? null : await ObservationSubjectAsync(context, context.Entry(thread), thread, ct);
                return threadSubject is null ? null : threadSubject with { Type = nameof(ObservationMessage), Key = $"{threadSubject.Key}/{Stamp(message.WrittenAt)}" };
            case PlanValidation validation:
                var validationPlan = await ParentAsync<PerformancePlan>(entry, nameof(PlanValidation.Plan), ct);
                return new Subject(nameof(PlanValidation), $"{validationPlan?.Year}/validazione/{Stamp(validation.RecordedAt)}", validationPlan?.Year, null, null);
            default:
                return null;
        }
    }

    /// <summary>An observation is named by its objective (and KPI) and the time it was opened: «2019/OBJ/KPI/osservazione/…».</summary>
    private static async Task<Subject?> ObservationSubjectAsync(DbContext context, EntityEntry entry, Observation observation, CancellationToken ct)
    {
        var objective = await ParentAsync<Objective>(entry, nameof(Observation.Objective), ct);
        var plan = objective is null ? null : await ParentAsync<PerformancePlan>(context.Entry(objective), nameof(Objective.Plan), ct);
        var kpi = observation.KpiId is null && observation.Kpi is null ? null : await ParentAsync<Kpi>(entry, nameof(Observation.Kpi), ct);
        var path = kpi is null ? $"{plan?.Year}/{objective?.Code}" : $"{plan?.Year}/{objective?.Code}/{kpi.Code}";
        return new Subject(nameof(Observation), $"{path}/osservazione/{Stamp(observation.OpenedAt)}", plan?.Year, objective?.Code, kpi?.Code);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The parent an entity's key is made of (its plan, objective, KPI or period), loading it when needed.</summary>
    private static async Task<T?> ParentAsync<T>(EntityEntry entry, string navigation, CancellationToken ct)
        where T : class
    {
        var reference = entry.Reference(navigation);
        if (reference.CurrentValue is T parent)
        {
            return parent;
        }

        switch (entry.State)
        {
            case EntityState.Added:
                return null;
            case EntityState.Deleted:
                // A dependent removed from its parent's collection has this navigation severed (null) even though it
                // was loaded: its original foreign key still names the parent.
                return reference.Metadata is INavigation { IsOnDependent: true } toParent
                    ? await FindByForeignKeyAsync<T>(entry.Context, entry, toParent.ForeignKey, ct)
                    : null;
            default:
                if (!reference.IsLoaded)
                {
                    await reference.LoadAsync(ct);
                }

                return reference.CurrentValue as T;
        }
    }

    /// <summary>
    /// The principal named by the original values of <paramref name="foreignKey"/> on <paramref name="entry"/>: from the
    /// change tracker when tracked, else from the database.
    /// </summary>
    private static async Task<T?> FindByForeignKeyAsync<T>(DbContext context, EntityEntry entry, IForeignKey foreignKey, CancellationToken ct)
        where T : class
    {
        var key = foreignKey.Properties.Select(p => entry.Property(p.Name).OriginalValue).ToArray();
        if (key.Any(k => k is null))
        {
            return null;
        }

        return await context.FindAsync(foreignKey.PrincipalEntityType.ClrType, key, ct) as T;
    }

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    internal static string? Format(object? value)
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
