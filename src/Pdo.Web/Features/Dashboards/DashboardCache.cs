using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Plans;

namespace Pdo.Web.Features.Dashboards;

/// <summary>
/// Keeps a <see cref="PlanSnapshot"/> per plan year so that dashboards do not reload and rescore every
/// measurement on every request. The audit trail is the change log: every change to a plan, KPI or result writes
/// audit rows in the same transaction, so the highest audit id is a stamp of the data. When the stamp moved, the
/// new audit rows say what changed: results of a few KPIs are reloaded and only those KPIs rescored; any other
/// change to a plan reloads that plan's snapshot (a score override too: its audit rows name the plan, so proposing,
/// deciding or withdrawing one reloads the snapshot with the overrides in force).
/// <para>
/// The stamp is read (one query) when this process committed anything since the last check (the
/// <see cref="DataChangeSignal"/> moved: such a change shows on the very next request), and otherwise at most once
/// per <see cref="CheckInterval"/>, for changes made by another instance sharing the database. In between, a request
/// costs no query at all.
/// </para>
/// <para>
/// On PostgreSQL and SQL Server an audit id is taken when the row is inserted, not when its transaction commits: a
/// transaction holding a lower id can commit after the stamp has passed it (and a rolled-back one never does). The ids
/// the stamp passed without finding them are kept as missing for <see cref="LateCommitWindow"/> and looked for again
/// at every check (one query by primary key, only while some are missing): a late commit is caught up like any other
/// change. SQLite has one writer, so its ids are always committed in order and none are ever missing.
/// </para>
/// </summary>
public sealed class DashboardCache(
    DataChangeSignal signal, TimeProvider clock, IConfiguration configuration, ILogger<DashboardCache> logger, IServiceScopeFactory? scopes = null)
{
    /// <summary>How stale a change made by another instance may be (<c>Dashboards:ChangeCheckInterval</c>, default 100 ms).</summary>
    public TimeSpan CheckInterval { get; } = configuration.GetValue("Dashboards:ChangeCheckInterval", TimeSpan.FromMilliseconds(100));

    /// <summary>
    /// Whether, once a request loaded the plan it asked for, the other plans are loaded one by one in the background
    /// (<c>Dashboards:LoadOtherPlansInBackground</c>, default true), so that the trend by year and the plan list fill
    /// in without a request waiting for every plan.
    /// </summary>
    public bool LoadOtherPlansInBackground { get; } = scopes is not null && configuration.GetValue("Dashboards:LoadOtherPlansInBackground", true);

    /// <summary>
    /// How long after the request that found plans missing the background load starts (<c>Dashboards:BackgroundLoadDelay</c>,
    /// default 1 s): the first page after a restart is answered before the other plans compete with it for the CPU.
    /// </summary>
    public TimeSpan BackgroundLoadDelay { get; } = configuration.GetValue("Dashboards:BackgroundLoadDelay", TimeSpan.FromSeconds(1));

    /// <summary>Page models remembered per set of snapshots (filters are a small, bounded space in practice).</summary>
    public const int MaxMemoEntries = 1_000;

    private const int MaxIncrementalEntries = 2_000;

    /// <summary>
    /// How long an audit id the stamp passed without finding it is looked for again: far longer than any transaction
    /// between its audit rows' insert and its commit. A rolled-back transaction's ids never come; they expire.
    /// </summary>
    public static readonly TimeSpan LateCommitWindow = TimeSpan.FromMinutes(5);

    /// <summary>At most this many missing ids are kept (SQL Server's identity may jump by 1,000 after a restart); the oldest go first.</summary>
    public const int MaxMissingIds = 20_000;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<PlanSnapshot>, System.Collections.Concurrent.ConcurrentDictionary<(int Year, DashboardFilter Filter), DashboardViewModel>> _memos = new();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, PlanSnapshot> _snapshots = [];
    private long _stamp = -1;

    // The change stamp of each plan year asked for (ChangeStampAsync) as of _stamp: kept current by CatchUpAsync.
    private readonly Dictionary<int, ChangeStamp?> _changeStamps = [];

    // Audit ids below the stamp not found yet (taken by a transaction not committed then), with when they were missed.
    private readonly SortedDictionary<long, long> _missing = [];

    // The plan years in the database as of the stamp (null: to be read again), and whether each one is loaded.
    private HashSet<int>? _years;
    private bool _complete;
    private PlanSnapshots _ordered = PlanSnapshots.Empty;
    private int _loadingOthers;

    // The signal's version and the time of the last check that found the snapshots complete and up to date.
    private long _checkedVersion = -1;
    private long _checkedAt;
    private bool _checking;

    /// <summary>
    /// Every plan's snapshot, oldest first, up to date with the database (for changes made by another instance: as of
    /// at most <see cref="CheckInterval"/> ago). When nothing changed this costs no query, or one (the stamp) once per
    /// interval, whatever the size and number of the plans.
    /// </summary>
    public Task<PlanSnapshots> AllAsync(AppDbContext db, CancellationToken cancellationToken) =>
        SnapshotsAsync(db, year: null, cancellationToken);

    /// <summary>
    /// The snapshots loaded so far, oldest first, up to date like <see cref="AllAsync"/> and holding <paramref name="year"/>'s
    /// when there is such a plan: after a restart only that plan is loaded (a few queries, whatever the number of
    /// plans); the others are loaded on demand, or in the background (<see cref="LoadOtherPlansInBackground"/>) —
    /// <see cref="PlanSnapshots.Complete"/> says whether every plan is in.
    /// </summary>
    public async Task<PlanSnapshots> WithPlanAsync(AppDbContext db, int year, CancellationToken cancellationToken)
    {
        var snapshots = await SnapshotsAsync(db, year, cancellationToken);
        if (!snapshots.Complete)
        {
            StartLoadingOthers();
        }

        return snapshots;
    }

    /// <summary>
    /// The snapshots loaded so far and the plan years not loaded yet (read once after a restart or a new plan, then
    /// known), starting the background load of the others; for the plan list, which shows the plans still loading
    /// without waiting for them (every plan is loaded first when <see cref="LoadOtherPlansInBackground"/> is off).
    /// </summary>
    public async Task<(PlanSnapshots Snapshots, IReadOnlyList<int> Loading)> LoadedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        // Without the background load, the list loads every plan (on demand, as it needs their scores).
        var snapshots = await SnapshotsAsync(db, LoadOtherPlansInBackground ? 0 : null, cancellationToken);
        if (snapshots.Complete)
        {
            return (snapshots, []);
        }

        StartLoadingOthers();
        lock (_snapshots)
        {
            return (snapshots, [.. (_years ?? []).Where(y => !snapshots.Any(s => s.Year == y)).Order()]);
        }
    }

    private async Task<PlanSnapshots> SnapshotsAsync(AppDbContext db, int? year, CancellationToken cancellationToken)
    {
        // Read before the stamp: a commit after this point moves the signal again, so the next request checks again.
        var version = signal.Version;
        var now = clock.GetTimestamp();
        var claimed = false;
        lock (_snapshots)
        {
            if (Holds(year) && version == _checkedVersion)
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
            var snapshots = await RefreshAsync(db, year, cancellationToken);
            lock (_snapshots)
            {
                if (ReferenceEquals(snapshots, _ordered))
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

    /// <summary>
    /// Whether the snapshots held answer a request for <paramref name="year"/> (every plan when null; the plan years
    /// only when 0). Called under the lock.
    /// </summary>
    private bool Holds(int? year) => _complete || (_years is not null && year is int y && (y == 0 || _snapshots.ContainsKey(y) || !_years.Contains(y)));

    /// <summary>
    /// Loads the plans not loaded yet one by one, each a short hold of the gate (a request for another plan waits for one plan at most),
    /// starting <see cref="BackgroundLoadDelay"/> after the request that found them missing.
    /// </summary>
    private void StartLoadingOthers()
    {
        if (!LoadOtherPlansInBackground || Interlocked.CompareExchange(ref _loadingOthers, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                // A scheduling pause, not a time of the plan: real time, whatever clock the portal shows.
                await Task.Delay(BackgroundLoadDelay);
                await using var scope = scopes!.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var tried = new HashSet<int>();
                while (true)
                {
                    int? next;
                    lock (_snapshots)
                    {
                        // The most recent first (the trend's right end); each plan once (one removed meanwhile is skipped).
                        next = _complete ? null : _years?.Where(y => !_snapshots.ContainsKey(y) && !tried.Contains(y)).OrderDescending().Cast<int?>().FirstOrDefault();
                    }

                    if (next is not int year)
                    {
                        break;
                    }

                    tried.Add(year);
                    await SnapshotsAsync(db, year, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The next request loads what is missing on demand.
                logger.LogWarning("Loading the other plans' dashboard snapshots in the background stopped: {Reason}", ex.Message.ReplaceLineEndings(" "));
            }
            finally
            {
                Interlocked.Exchange(ref _loadingOthers, 0);
            }
        });
    }

    private async Task<PlanSnapshots> RefreshAsync(AppDbContext db, int? year, CancellationToken cancellationToken)
    {
        var stamp = await db.AuditEntries.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
        lock (_snapshots)
        {
            if (stamp == _stamp && _missing.Count == 0 && Holds(year))
            {
                return _ordered;
            }
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            bool lookForLate;
            lock (_snapshots)
            {
                lookForLate = _missing.Count > 0;
            }

            if (stamp != _stamp || lookForLate)
            {
                await CatchUpAsync(db, stamp, cancellationToken);
            }

            if (_years is null)
            {
                var years = (await db.Plans.AsNoTracking().Select(p => p.Year).ToListAsync(cancellationToken)).ToHashSet();
                lock (_snapshots)
                {
                    foreach (var gone in _snapshots.Keys.Except(years).ToList())
                    {
                        _snapshots.Remove(gone);
                    }

                    _years = years;
                }
            }

            // Every plan, or the one asked for (none when only the years were asked, or there is no such plan).
            var wanted = year is null ? [.. _years] : year is int y && _years.Contains(y) ? new List<int> { y } : [];
            foreach (var missing in wanted.Where(y => !_snapshots.ContainsKey(y)))
            {
                if (await LoadAsync(db, missing, cancellationToken) is { } loaded)
                {
                    lock (_snapshots)
                    {
                        _snapshots[missing] = loaded;
                    }
                }
            }

            lock (_snapshots)
            {
                _complete = _years.All(_snapshots.ContainsKey);

                // Same snapshots, same list: the pages and models remembered for it stay valid.
                var ordered = _snapshots.Values.OrderBy(s => s.Year).ToList();
                if (!ordered.SequenceEqual(_ordered, ReferenceEqualityComparer.Instance) || _complete != _ordered.Complete)
                {
                    _ordered = new PlanSnapshots(ordered, _complete);
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

    /// <summary>
    /// The change stamp of the plan year <paramref name="year"/>: the highest audit id with that <c>PlanYear</c> and the
    /// number of such rows (every change of the plan, its objectives, KPIs, results, overrides, observations,
    /// validations, approval and reopening writes one; the trail is append-only, so the count grows with every change,
    /// also one committed late under a lower id), null when there is none, as of the stamp the snapshots are current
    /// with (<see cref="CheckInterval"/> for another instance's changes). Brings the stamp current without loading any
    /// plan; a year's first call in a process reads both from the <c>PlanYear</c> index, later ones nothing more than
    /// the audit rows <see cref="CatchUpAsync"/> reads anyway when the stamp moves (a change of another year leaves it
    /// as it was).
    /// </summary>
    public async Task<ChangeStamp?> ChangeStampAsync(AppDbContext db, int year, CancellationToken cancellationToken)
    {
        await SnapshotsAsync(db, 0, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            long stamp;
            lock (_snapshots)
            {
                if (_changeStamps.TryGetValue(year, out var known))
                {
                    return known;
                }

                stamp = _stamp;
            }

            var ofYear = db.AuditEntries.Where(a => a.PlanYear == year && a.Id <= stamp);
            var last = await ofYear.MaxAsync(a => (long?)a.Id, cancellationToken);
            ChangeStamp? stamped = last is long id ? new ChangeStamp(id, await ofYear.LongCountAsync(cancellationToken)) : null;
            lock (_snapshots)
            {
                _changeStamps[year] = stamped;
            }

            return stamped;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops every snapshot (after bulk loads that bypass the audit trail, e.g. the data generator).</summary>
    public void Clear()
    {
        lock (_snapshots)
        {
            _changeStamps.Clear();
            _snapshots.Clear();
            _stamp = -1;
            _years = null;
            _complete = false;
            _checkedVersion = -1;
        }
    }

    private async Task CatchUpAsync(AppDbContext db, long stamp, CancellationToken cancellationToken)
    {
        var previous = _stamp;
        List<int> cachedYears;
        bool keepsChangeStamps;
        lock (_snapshots)
        {
            cachedYears = [.. _snapshots.Keys];
            keepsChangeStamps = _changeStamps.Count > 0;
        }

        if (previous < 0 || (cachedYears.Count == 0 && !keepsChangeStamps))
        {
            lock (_snapshots)
            {
                _changeStamps.Clear();
                _snapshots.Clear();
                _years = null;
                _complete = false;
            }

            SetStamp(stamp);
            return;
        }

        // The stamp did not move when only missing ids are looked for: then there is no row above it to read.
        List<AuditChange> changes = stamp == previous ? [] : await db.AuditEntries.AsNoTracking()
            .Where(a => a.Id > previous && a.Id <= stamp)
            .OrderBy(a => a.Id)
            .Take(MaxIncrementalEntries + 1)
            .Select(a => new AuditChange(a.Id, a.PlanYear, a.EntityType, a.ObjectiveCode, a.KpiCode))
            .ToListAsync(cancellationToken);
        var late = await LateChangesAsync(db, cancellationToken);
        RememberMissing(previous, changes, late);
        changes = [.. late, .. changes];

        // Rows of no plan are reference data (a Direzione: start again) or people and security events (no plan data).
        if (changes.Count > MaxIncrementalEntries || changes.Any(c => c.PlanYear is null && c.EntityType == nameof(Directorate)))
        {
            // Too much at once, or reference data (a Direzione) changed: start again from the database.
            lock (_snapshots)
            {
                _changeStamps.Clear();
                _snapshots.Clear();
                _years = null;
                _complete = false;
            }

            SetStamp(stamp);
            return;
        }

        lock (_snapshots)
        {
            foreach (var change in changes.Where(c => c.PlanYear is int y && _changeStamps.ContainsKey(y)))
            {
                var year = change.PlanYear!.Value;
                _changeStamps[year] = _changeStamps[year] is { } known
                    ? new ChangeStamp(Math.Max(known.LastId, change.Id), known.Rows + 1)
                    : new ChangeStamp(change.Id, 1);
            }
        }

        if (changes.Any(c => c.PlanYear is int y && _years?.Contains(y) != true))
        {
            lock (_snapshots)
            {
                _years = null; // a plan not known yet (e.g. a new one): the years are read again
                _complete = false;
            }
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
                    _years = null;
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

    /// <summary>The audit rows committed since under ids the stamp had passed (none, without a query, when no id is missing).</summary>
    private async Task<List<AuditChange>> LateChangesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        long[] missing;
        lock (_snapshots)
        {
            var now = clock.GetTimestamp();
            foreach (var expired in _missing.Where(m => clock.GetElapsedTime(m.Value, now) >= LateCommitWindow).Select(m => m.Key).ToList())
            {
                _missing.Remove(expired);
            }

            missing = [.. _missing.Keys];
        }

        if (missing.Length == 0)
        {
            return [];
        }

        return await db.AuditEntries.AsNoTracking()
            .Where(a => missing.Contains(a.Id))
            .OrderBy(a => a.Id)
            .Select(a => new AuditChange(a.Id, a.PlanYear, a.EntityType, a.ObjectiveCode, a.KpiCode))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets the missing ids found (<paramref name="late"/>) and remembers the ids between <paramref name="previous"/>
    /// and the newest of <paramref name="changes"/> that are not among them (ids of transactions not committed yet, or
    /// rolled back); keeps at most <see cref="MaxMissingIds"/>, the most recent.
    /// </summary>
    private void RememberMissing(long previous, List<AuditChange> changes, List<AuditChange> late)
    {
        lock (_snapshots)
        {
            foreach (var found in late)
            {
                _missing.Remove(found.Id);
            }

            if (changes.Count > MaxIncrementalEntries)
            {
                return; // everything is loaded again from the database
            }

            var now = clock.GetTimestamp();
            var expected = previous + 1;
            foreach (var change in changes)
            {
                for (var id = Math.Max(expected, change.Id - MaxMissingIds); id < change.Id; id++)
                {
                    _missing[id] = now;
                }

                expected = change.Id + 1;
            }

            while (_missing.Count > MaxMissingIds)
            {
                _missing.Remove(_missing.Keys.First());
            }
        }
    }

    private void SetStamp(long stamp)
    {
        lock (_snapshots)
        {
            _stamp = stamp;
        }
    }

    private sealed record AuditChange(long Id, int? PlanYear, string EntityType, string? ObjectiveCode, string? KpiCode);

    private static IQueryable<ResultRow> ResultsQuery(AppDbContext db, System.Linq.Expressions.Expression<Func<KpiResult, bool>> which) =>
        db.KpiResults.AsNoTracking().Where(which).Select(r => new ResultRow(r.KpiId, r.PeriodId, r.ActualText, r.Value, r.Done, r.CompletionDate));

    private static SnapshotResult ToResult(ResultRow r) =>
        new(r.KpiId, r.PeriodId, r.ActualText, new Pdo.Domain.Attainment.Measurement(r.Value, r.Done, r.CompletionDate));

    /// <summary>
    /// Runs the queries of a cold request once, for a plan year and a plan id that match no row, so that EF Core has
    /// translated and compiled them (tens of milliseconds each in a fresh process) before the first real dashboard:
    /// the stamp and the plan years are read as a request would; no plan is loaded (<see cref="DashboardWarmUp"/>).
    /// </summary>
    public async Task WarmUpAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await SnapshotsAsync(db, NoPlan, cancellationToken);
        if (await LoadAsync(db, NoPlan, cancellationToken) is not null)
        {
            throw new InvalidOperationException($"A plan of year {NoPlan} cannot exist.");
        }

        await LoadRowsAsync(db, NoPlan, cancellationToken);
    }

    // A year and a plan id no row has (plan years are four-digit years, ids are positive).
    private const int NoPlan = int.MinValue;

    private async Task<PlanSnapshot?> LoadAsync(AppDbContext db, int year, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Periods).Include(p => p.Categories).Include(p => p.Areas).Include(p => p.Validations)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var (objectives, kpis, results, approved, directorates) = await LoadRowsAsync(db, plan.Id, cancellationToken);
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
            kpis.Select(k => new SnapshotKpi(
                    k.Id, k.ObjectiveId, k.Code, k.Name, k.TargetText, k.Weight, k.SortOrder,
                    Kpi.Spec(k.Kind, k.Direction, k.Comparator, k.TargetValue, k.Deadline, k.Baseline, k.Method, k.BandsText, k.PenaltyPerDay, k.Unit, k.ValueKind),
                    k.IsUnmeasurable))
                .ToList(),
            results.Select(ToResult).ToList())
        {
            RequireFourEyesReview = plan.RequireFourEyesReview,
            Introduction = plan.Introduction,
            Overrides = approved.GroupBy(o => (o.KpiId, o.PeriodId))
                .Select(g => new SnapshotOverride(g.Key.KpiId, g.Key.PeriodId, Kpi.EffectiveOverride(g)!.ToApproved()))
                .ToList(),
            ValidationText = Oversight.OversightLabels.ValidationText(plan.Status, plan.CurrentValidation),
        };
    }

    /// <summary>A plan's rows as the snapshot keeps them: objectives, KPI columns, results, approved overrides, and the Direzioni.</summary>
    private async Task<SnapshotRows> LoadRowsAsync(AppDbContext db, int planId, CancellationToken cancellationToken)
    {
        // The results, the longest read after the KPIs', on a second connection meanwhile (when the portal gives one):
        // a restarted portal's first dashboard of a 10,000-KPI year waits for the longer of the two reads, not for both.
        // Task.Run: SQLite's reader is synchronous under its async surface.
        System.Linq.Expressions.Expression<Func<KpiResult, bool>> ofPlan = r => r.Kpi!.Objective!.PlanId == planId;
        await using var second = scopes?.CreateAsyncScope();
        var resultsRead = second is { } scope
            ? Task.Run(() => ResultsQuery(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ofPlan).ToListAsync(cancellationToken), cancellationToken)
            : null;
        try
        {
            var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == planId)
                .OrderBy(o => o.SortOrder)
                .Select(o => new SnapshotObjective(o.Id, o.Code, o.Title, o.CategoryId, o.AreaId, o.DirectorateId, o.Weight, o.SortOrder))
                .ToListAsync(cancellationToken);
            // The columns the snapshot keeps, not the entities: no entity materialised per KPI of a 10,000-KPI year.
            var kpis = await db.Kpis.AsNoTracking().Where(k => k.Objective!.PlanId == planId)
                .OrderBy(k => k.ObjectiveId).ThenBy(k => k.SortOrder)
                .Select(k => new KpiRow(
                    k.Id, k.ObjectiveId, k.Code, k.Name, k.TargetText, k.Weight, k.SortOrder, k.Kind, k.Direction, k.Comparator, k.TargetValue,
                    k.Deadline, k.Baseline, k.Method, k.BandsText, k.PenaltyPerDay, k.Unit, k.ValueKind, k.UnmeasurableReason != null))
                .ToListAsync(cancellationToken);
            var approved = await db.ScoreOverrides.AsNoTracking()
                .Where(o => o.Kpi!.Objective!.PlanId == planId && o.State == OverrideState.Approved).ToListAsync(cancellationToken);
            var directorates = await db.Directorates.AsNoTracking().ToDictionaryAsync(d => d.Id, d => new SnapshotGroup(d.Id, d.Code, d.Name, 0), cancellationToken);
            var results = resultsRead is null
                ? await ResultsQuery(db, ofPlan).ToListAsync(cancellationToken)
                : await resultsRead;
            return new SnapshotRows(objectives, kpis, results, approved, directorates);
        }
        finally
        {
            // Never leave the second read running on a connection about to be disposed (a failure above).
            if (resultsRead is not null)
            {
                await resultsRead.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private sealed record SnapshotRows(
        List<SnapshotObjective> Objectives,
        List<KpiRow> Kpis,
        List<ResultRow> Results,
        List<ScoreOverride> Approved,
        Dictionary<int, SnapshotGroup> Directorates);

    private sealed record KpiRow(
        int Id,
        int ObjectiveId,
        string Code,
        string Name,
        string TargetText,
        decimal Weight,
        int SortOrder,
        KpiKind Kind,
        Direction Direction,
        Comparator Comparator,
        decimal? TargetValue,
        DateOnly? Deadline,
        decimal? Baseline,
        ScoringMethod Method,
        string? BandsText,
        decimal? PenaltyPerDay,
        string? Unit,
        ValueKind ValueKind,
        bool IsUnmeasurable);

    private sealed record ResultRow(int KpiId, int PeriodId, string ActualText, decimal? Value, bool? Done, DateOnly? CompletionDate);
}

/// <summary>
/// What a plan year's data has been through (<see cref="DashboardCache.ChangeStampAsync"/>): its highest audit id and
/// its number of audit rows, which grows with every change even when a transaction commits late under a lower id.
/// </summary>
public readonly record struct ChangeStamp(long LastId, long Rows)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{LastId}.{Rows}");
}

/// <summary>The plans' snapshots held at one moment, oldest first, and whether every plan in the database is among them.</summary>
public sealed class PlanSnapshots(IReadOnlyList<PlanSnapshot> snapshots, bool complete) : IReadOnlyList<PlanSnapshot>
{
    public static readonly PlanSnapshots Empty = new([], complete: false);

    /// <summary>Whether every plan is loaded (false after a restart until the others are loaded, on demand or in the background).</summary>
    public bool Complete { get; } = complete;

    public int Count => snapshots.Count;

    public PlanSnapshot this[int index] => snapshots[index];

    public IEnumerator<PlanSnapshot> GetEnumerator() => snapshots.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
