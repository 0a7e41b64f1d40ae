using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Plans;

namespace Pdo.Web.Features.Dashboards;

/// <summary>
/// Keeps a <see cref="PlanSnapshot"/> per plan year so that dashboards do not reload and rescore every
/// measurement on every request. The audit trail is the change log: every change to a plan, KPI or result writes
/// audit rows in the same transaction, so the highest audit id is a stamp of the data. When the stamp moved, the
/// new audit rows say what changed: results of a few KPIs are reloaded and only those KPIs rescored; any other
/// change to a plan reloads that plan's snapshot.
/// <para>
/// The stamp is read (one query) when this process committed anything since the last check (the
/// <see cref="DataChangeSignal"/> moved: such a change shows on the very next request), and otherwise at most once
/// per <see cref="CheckInterval"/>, for changes made by another instance sharing the database. In between, a request
/// costs no query at all.
/// </para>
/// </summary>
public sealed class DashboardCache(DataChangeSignal signal, TimeProvider clock, IConfiguration configuration, ILogger<DashboardCache> logger)
{
    /// <summary>How stale a change made by another instance may be (<c>Dashboards:ChangeCheckInterval</c>, default 100 ms).</summary>
    public TimeSpan CheckInterval { get; } = configuration.GetValue("Dashboards:ChangeCheckInterval", TimeSpan.FromMilliseconds(100));

    /// <summary>Page models remembered per set of snapshots (filters are a small, bounded space in practice).</summary>
    public const int MaxMemoEntries = 1_000;

    private const int MaxIncrementalEntries = 2_000;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<PlanSnapshot>, System.Collections.Concurrent.ConcurrentDictionary<(int Year, DashboardFilter Filter), DashboardViewModel>> _memos = new();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, PlanSnapshot> _snapshots = [];
    private long _stamp = -1;
    private bool _complete;
    private IReadOnlyList<PlanSnapshot> _ordered = [];

    // The signal's version and the time of the last check that found the snapshots complete and up to date.
    private long _checkedVersion = -1;
    private long _checkedAt;
    private bool _checking;

    /// <summary>
    /// Every plan's snapshot, oldest first, up to date with the database (for changes made by another instance: as of
    /// at most <see cref="CheckInterval"/> ago). When nothing changed this costs no query, or one (the stamp) once per
    /// interval, whatever the size and number of the plans.
    /// </summary>
    public async Task<IReadOnlyList<PlanSnapshot>> AllAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        // Read before the stamp: a commit after this point moves the signal again, so the next request checks again.
        var version = signal.Version;
        var now = clock.GetTimestamp();
        var claimed = false;
        lock (_snapshots)
        {
            if (_complete && version == _checkedVersion)
            {
                if (clock.GetElapsedTime(_checkedAt, now) < CheckInterval)
                {
                    return _ordered;
                }

                // Only another instance can have changed the data: one request checks, the others keep the current
                // snapshots meanwhile (as fresh as a moment ago).
                if (_checking)
                {
                    return _ordered;
                }

                _checking = true;
                claimed = true;
            }
        }

        try
        {
            var snapshots = await RefreshAsync(db, cancellationToken);
            lock (_snapshots)
            {
                if (_complete && ReferenceEquals(snapshots, _ordered))
                {
                    _checkedVersion = version;
                    _checkedAt = now;
                }
            }

            return snapshots;
        }
        finally
        {
            if (claimed)
            {
                lock (_snapshots)
                {
                    _checking = false;
                }
            }
        }
    }

    private async Task<IReadOnlyList<PlanSnapshot>> RefreshAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var stamp = await db.AuditEntries.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
        lock (_snapshots)
        {
            if (stamp == _stamp && _complete)
            {
                return _ordered;
            }
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (stamp != _stamp)
            {
                await CatchUpAsync(db, stamp, cancellationToken);
            }

            if (!_complete)
            {
                var years = await db.Plans.AsNoTracking().Select(p => p.Year).ToListAsync(cancellationToken);
                foreach (var year in years.Where(y => !_snapshots.ContainsKey(y)))
                {
                    if (await LoadAsync(db, year, cancellationToken) is { } loaded)
                    {
                        lock (_snapshots)
                        {
                            _snapshots[year] = loaded;
                        }
                    }
                }

                lock (_snapshots)
                {
                    foreach (var gone in _snapshots.Keys.Except(years).ToList())
                    {
                        _snapshots.Remove(gone);
                    }

                    _complete = true;
                }
            }

            lock (_snapshots)
            {
                // Same snapshots, same list: the pages and models remembered for it stay valid.
                var ordered = _snapshots.Values.OrderBy(s => s.Year).ToList();
                if (!ordered.SequenceEqual(_ordered, ReferenceEqualityComparer.Instance))
                {
                    _ordered = ordered;
                }

                return _ordered;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<PlanSnapshot>, System.Collections.Concurrent.ConcurrentDictionary<string, RememberedPage>> _pages = new();

    /// <summary>Rendered pages built from exactly these snapshots (dropped with them when the data changes).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, RememberedPage> PagesFor(IReadOnlyList<PlanSnapshot> snapshots) =>
        _pages.GetValue(snapshots, _ => new(StringComparer.Ordinal));

    /// <summary>Page models built from exactly these snapshots (dropped with them when the data changes).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(int Year, DashboardFilter Filter), DashboardViewModel> MemoFor(IReadOnlyList<PlanSnapshot> snapshots) =>
        _memos.GetValue(snapshots, _ => new());

    /// <summary>Drops every snapshot (after bulk loads that bypass the audit trail, e.g. the data generator).</summary>
    public void Clear()
    {
        lock (_snapshots)
        {
            _snapshots.Clear();
            _stamp = -1;
            _complete = false;
            _checkedVersion = -1;
        }
    }

    private async Task CatchUpAsync(AppDbContext db, long stamp, CancellationToken cancellationToken)
    {
        var previous = _stamp;
        List<int> cachedYears;
        lock (_snapshots)
        {
            cachedYears = [.. _snapshots.Keys];
        }

        if (previous < 0 || cachedYears.Count == 0)
        {
            lock (_snapshots)
            {
                _snapshots.Clear();
                _complete = false;
            }

            SetStamp(stamp);
            return;
        }

        var changes = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Id > previous && a.Id <= stamp)
            .OrderBy(a => a.Id)
            .Take(MaxIncrementalEntries + 1)
            .Select(a => new { a.PlanYear, a.EntityType, a.ObjectiveCode, a.KpiCode })
            .ToListAsync(cancellationToken);

        // Rows of no plan are reference data (a Direzione: start again) or people and security events (no plan data).
        if (changes.Count > MaxIncrementalEntries || changes.Any(c => c.PlanYear is null && c.EntityType == nameof(Directorate)))
        {
            // Too much at once, or reference data (a Direzione) changed: start again from the database.
            lock (_snapshots)
            {
                _snapshots.Clear();
                _complete = false;
            }

            SetStamp(stamp);
            return;
        }

        if (changes.Any(c => c.PlanYear is int y && !cachedYears.Contains(y)))
        {
            _complete = false; // a plan that is not cached yet (e.g. a new one)
        }

        foreach (var year in cachedYears)
        {
            var ofYear = changes.Where(c => c.PlanYear == year).ToList();
            if (ofYear.Count == 0)
            {
                continue;
            }

            PlanSnapshot current;
            lock (_snapshots)
            {
                current = _snapshots[year];
            }

            PlanSnapshot? next = null;
            if (ofYear.All(c => c.EntityType == nameof(KpiResult) && c.ObjectiveCode is not null && c.KpiCode is not null))
            {
                var objectiveIds = current.Objectives.ToDictionary(o => o.Code, o => o.Id, StringComparer.OrdinalIgnoreCase);
                var kpiIds = ofYear
                    .Select(c => objectiveIds.TryGetValue(c.ObjectiveCode!, out var objectiveId)
                        ? current.Kpis.FirstOrDefault(k => k.ObjectiveId == objectiveId && string.Equals(k.Code, c.KpiCode, StringComparison.OrdinalIgnoreCase))?.Id
                        : null)
                    .ToList();
                if (kpiIds.All(id => id is not null))
                {
                    var ids = kpiIds.Select(id => id!.Value).ToHashSet();
                    var fresh = await ResultsQuery(db, r => ids.Contains(r.KpiId)).ToListAsync(cancellationToken);
                    next = current.WithResults(ids, fresh.Select(ToResult).ToList());
                    logger.LogDebug("Dashboard snapshot {Year}: {Count} KPIs rescored", year, ids.Count);
                }
            }

            next ??= await LoadAsync(db, year, cancellationToken);
            lock (_snapshots)
            {
                if (next is null)
                {
                    _snapshots.Remove(year);
                    _complete = false;
                }
                else
                {
                    _snapshots[year] = next;
                }
            }
        }

        SetStamp(stamp);
    }

    private void SetStamp(long stamp)
    {
        lock (_snapshots)
        {
            _stamp = stamp;
        }
    }

    private static IQueryable<ResultRow> ResultsQuery(AppDbContext db, System.Linq.Expressions.Expression<Func<KpiResult, bool>> which) =>
        db.KpiResults.AsNoTracking().Where(which).Select(r => new ResultRow(r.KpiId, r.PeriodId, r.ActualText, r.Value, r.Done, r.CompletionDate));

    private static SnapshotResult ToResult(ResultRow r) =>
        new(r.KpiId, r.PeriodId, r.ActualText, new Pdo.Domain.Attainment.Measurement(r.Value, r.Done, r.CompletionDate));

    private static async Task<PlanSnapshot?> LoadAsync(AppDbContext db, int year, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Periods).Include(p => p.Categories).Include(p => p.Areas).Include(p => p.Validations)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == plan.Id)
            .OrderBy(o => o.SortOrder)
            .Select(o => new SnapshotObjective(o.Id, o.Code, o.Title, o.CategoryId, o.AreaId, o.DirectorateId, o.Weight, o.SortOrder))
            .ToListAsync(cancellationToken);
        var kpis = await db.Kpis.AsNoTracking().Where(k => k.Objective!.PlanId == plan.Id).ToListAsync(cancellationToken);
        var results = await ResultsQuery(db, r => r.Kpi!.Objective!.PlanId == plan.Id).ToListAsync(cancellationToken);
        var directorates = await db.Directorates.AsNoTracking().ToDictionaryAsync(d => d.Id, d => new SnapshotGroup(d.Id, d.Code, d.Name, 0), cancellationToken);

        return new PlanSnapshot(
            plan.Id,
            plan.Year,
            plan.Title,
            plan.Status,
            plan.ApprovalAct is { } act ? PlanService.ApprovalText(act) : null,
            plan.ApprovalAct?.Link,
            plan.Methodology,
            plan.Periods.OrderBy(p => p.EndDate).Select(p => new SnapshotPeriod(p.Id, p.Code, p.Name, p.EndDate, p.IsFinal, p.IsOpen)).ToList(),
            plan.Categories.OrderBy(c => c.SortOrder).Select(c => new SnapshotGroup(c.Id, c.Code, c.Name, c.SortOrder)).ToList(),
            plan.Areas.OrderBy(a => a.SortOrder).Select(a => new SnapshotGroup(a.Id, a.Code, a.Name, a.SortOrder)).ToList(),
            directorates,
            objectives,
            kpis.OrderBy(k => k.ObjectiveId).ThenBy(k => k.SortOrder)
                .Select(k => new SnapshotKpi(k.Id, k.ObjectiveId, k.Code, k.Name, k.TargetText, k.Weight, k.SortOrder, k.ToSpec(), k.IsUnmeasurable))
                .ToList(),
            results.Select(ToResult).ToList())
        {
            RequireFourEyesReview = plan.RequireFourEyesReview,
            Introduction = plan.Introduction,
            ValidationText = Oversight.OversightLabels.ValidationText(plan.Status, plan.CurrentValidation),
        };
    }

    private sealed record ResultRow(int KpiId, int PeriodId, string ActualText, decimal? Value, bool? Done, DateOnly? CompletionDate);
}
