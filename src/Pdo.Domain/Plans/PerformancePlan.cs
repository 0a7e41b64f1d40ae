using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Domain.Plans;

/// <summary>One year's Piano degli Obiettivi: its sections, areas, objectives, monitoring periods and lifecycle.</summary>
public sealed class PerformancePlan
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    private readonly List<ObjectiveCategory> _categories = [];
    private readonly List<StrategicArea> _areas = [];
    private readonly List<MonitoringPeriod> _periods = [];
    private readonly List<Objective> _objectives = [];

    // The codes of _objectives (case-insensitive), so that adding an objective checks uniqueness in O(1), not by a scan
    // (importing 40,000 objectives was quadratic). Not mapped: rebuilt whenever EF Core filled or changed the list.
    private HashSet<string>? _objectiveCodes;

    private PerformancePlan()
    {
        Title = string.Empty;
    }

    public PerformancePlan(int year, string title)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new DomainRuleException($"L'anno del piano deve essere compreso tra {MinYear} e {MaxYear}.");
        }

        Year = year;
        Title = Guard.Text(title, "Il titolo del piano", 200);
        Status = PlanStatus.Draft;
        LowerIsBetterFormula = LowerIsBetterFormula.Ratio;
        PartiallyAchievedFrom = StatusBands.Default.PartiallyFrom;
        RequireFourEyesReview = true;
        Version = VersionToken.New();
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    public string Title { get; private set; }

    public PlanStatus Status { get; private set; }

    public ApprovalAct? ApprovalAct { get; private set; }

    /// <summary>Methodology setting: the lower-is-better formula (Ratio by default).</summary>
    public LowerIsBetterFormula LowerIsBetterFormula { get; private set; }

    /// <summary>Methodology setting: the score from which a result is Parzialmente raggiunto (80 by default).</summary>
    public decimal PartiallyAchievedFrom { get; private set; }

    /// <summary>Review setting: whoever entered a result may not confirm it (on by default).</summary>
    public bool RequireFourEyesReview { get; private set; }

    /// <summary>Concurrency token: a new value on every change.</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<ObjectiveCategory> Categories => _categories;

    public IReadOnlyList<StrategicArea> Areas => _areas;

    public IReadOnlyList<MonitoringPeriod> Periods => _periods;

    public IReadOnlyList<Objective> Objectives => _objectives;

    public bool IsStructureEditable => Status == PlanStatus.Draft;

    public bool AcceptsResults => Status == PlanStatus.Monitoring;

    public Methodology Methodology => new(LowerIsBetterFormula, new StatusBands(100m, PartiallyAchievedFrom));

    public MonitoringPeriod? FinalPeriod => _periods.FirstOrDefault(p => p.IsFinal);

    public void SetMethodology(LowerIsBetterFormula formula, decimal partiallyAchievedFrom)
    {
        EnsureDraft();
        if (partiallyAchievedFrom is <= 0 or >= 100)
        {
            throw new DomainRuleException("La soglia di «Parzialmente raggiunto» deve essere compresa tra 0 e 100 (esclusi).");
        }

        LowerIsBetterFormula = formula;
        PartiallyAchievedFrom = partiallyAchievedFrom;
        Touch();
    }

    /// <summary>Turns the four-eyes rule on results on or off (Bozza only, like the methodology).</summary>
    public void SetFourEyesReview(bool required)
    {
        EnsureDraft();
        if (RequireFourEyesReview == required)
        {
            return;
        }

        RequireFourEyesReview = required;
        Touch();
    }

    public ObjectiveCategory AddCategory(string code, string name)
    {
        EnsureDraft();
        EnsureUnique(_categories.Select(c => c.Code), code, "una sezione");
        var category = new ObjectiveCategory(this, code, name, _categories.Count + 1);
        _categories.Add(category);
        return category;
    }

    public StrategicArea AddArea(string code, string name)
    {
        EnsureDraft();
        EnsureUnique(_areas.Select(a => a.Code), code, "un'area strategica");
        var area = new StrategicArea(this, code, name, _areas.Count + 1);
        _areas.Add(area);
        return area;
    }

    public MonitoringPeriod AddPeriod(string code, string name, DateOnly endDate, bool isFinal)
    {
        EnsureDraft();
        EnsureUnique(_periods.Select(p => p.Code), code, "un periodo di monitoraggio");
        if (isFinal && _periods.Any(p => p.IsFinal))
        {
            throw new DomainRuleException("Il piano ha già un periodo finale (consuntivo).");
        }

        var period = new MonitoringPeriod(this, code, name, endDate, isFinal, _periods.Count + 1);
        _periods.Add(period);
        return period;
    }

    public Objective AddObjective(
        string code,
        string title,
        ObjectiveCategory category,
        StrategicArea? area,
        Directorate? directorate,
        decimal weight = 1m)
    {
        EnsureDraft();
        var codes = ObjectiveCodes();
        if (codes.Contains(Trimmed(code)))
        {
            throw Duplicate(code, "un obiettivo");
        }

        if (!_categories.Contains(category))
        {
            throw new DomainRuleException("La sezione indicata non appartiene a questo piano.");
        }

        if (area is not null && !_areas.Contains(area))
        {
            throw new DomainRuleException("L'area strategica indicata non appartiene a questo piano.");
        }

        var objective = new Objective(this, code, title, category, area, directorate, weight, _objectives.Count + 1);
        _objectives.Add(objective);
        codes.Add(objective.Code);
        Touch();
        return objective;
    }

    /// <summary>Bozza → In monitoraggio: targets are frozen, results can be entered.</summary>
    public void StartMonitoring()
    {
        if (Status != PlanStatus.Draft)
        {
            throw new DomainRuleException("Solo un piano in bozza può passare in monitoraggio.");
        }

        if (_periods.Count == 0 || FinalPeriod is null)
        {
            throw new DomainRuleException("Prima di avviare il monitoraggio il piano deve avere un periodo finale (consuntivo).");
        }

        if (_objectives.Count == 0 || _objectives.Any(o => o.Kpis.Count == 0))
        {
            throw new DomainRuleException("Prima di avviare il monitoraggio ogni obiettivo deve avere almeno un KPI.");
        }

        var withoutTarget = _objectives.SelectMany(o => o.Kpis).Where(k => !k.HasTarget).Select(k => k.Code).ToList();
        if (withoutTarget.Count > 0)
        {
            throw new DomainRuleException($"Prima di avviare il monitoraggio ogni KPI deve avere un target. Mancano: {string.Join(", ", withoutTarget.Take(10))}{(withoutTarget.Count > 10 ? "…" : string.Empty)}.");
        }

        Status = PlanStatus.Monitoring;
        Touch();
    }

    /// <summary>
    /// In monitoraggio → Approvato, with the act of the Giunta. Everything becomes read-only. The act cannot be dated
    /// after <paramref name="today"/> (the day in Rome when it is recorded) nor before the end of the final period:
    /// the consuntivo is approved once the year it reports on is over.
    /// </summary>
    public void Approve(ApprovalAct act, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(act);
        if (Status != PlanStatus.Monitoring)
        {
            throw new DomainRuleException("Solo un piano in monitoraggio può essere approvato.");
        }

        var blockers = ApprovalBlockers();
        if (blockers.Count > 0)
        {
            throw new DomainRuleException(ApprovalBlocker.Describe(blockers));
        }

        if (act.Date.Year < Year)
        {
            throw new DomainRuleException($"La delibera di approvazione del consuntivo {Year} non può essere anteriore al {Year}.");
        }

        if (act.Date > today)
        {
            throw new DomainRuleException(
                $"La data della delibera ({ItalianValues.FormatDate(act.Date)}) è nel futuro: indicare la data in cui la Giunta ha approvato il consuntivo.");
        }

        var final = _periods.Where(p => p.IsFinal).OrderByDescending(p => p.EndDate).FirstOrDefault()
            ?? _periods.OrderByDescending(p => p.EndDate).FirstOrDefault();
        if (final is not null && act.Date < final.EndDate)
        {
            throw new DomainRuleException(
                $"La delibera ({ItalianValues.FormatDate(act.Date)}) non può essere anteriore alla fine del periodo finale «{final.Name}» ({ItalianValues.FormatDate(final.EndDate)}).");
        }

        ApprovalAct = act;
        Status = PlanStatus.Approved;
        foreach (var period in _periods)
        {
            period.ForceClose();
        }

        Touch();
    }

    /// <summary>
    /// What keeps the plan from being approved: every KPI of the final period whose result is missing, Inserito (not
    /// confirmed) or Restituito, unless the KPI is declared non rilevabile. Needs objectives, KPIs and results loaded.
    /// </summary>
    public IReadOnlyList<ApprovalBlocker> ApprovalBlockers()
    {
        if (FinalPeriod is not { } final)
        {
            return [];
        }

        var blockers = new List<ApprovalBlocker>();
        foreach (var objective in _objectives.OrderBy(o => o.SortOrder))
        {
            foreach (var kpi in objective.Kpis.OrderBy(k => k.SortOrder).Where(k => !k.IsUnmeasurable))
            {
                var kind = kpi.ResultFor(final)?.Status switch
                {
                    null => ApprovalBlockerKind.Missing,
                    ResultStatus.Entered => ApprovalBlockerKind.NotConfirmed,
                    ResultStatus.Returned => ApprovalBlockerKind.Returned,
                    _ => (ApprovalBlockerKind?)null,
                };
                if (kind is { } blocking)
                {
                    blockers.Add(new ApprovalBlocker(objective, kpi, blocking));
                }
            }
        }

        return blockers;
    }

    /// <summary>Approvato → In monitoraggio (an Amministratore's action): the approval act is withdrawn, the reason is mandatory.</summary>
    public void Reopen(string reason)
    {
        if (Status != PlanStatus.Approved)
        {
            throw new DomainRuleException("Solo un piano approvato può essere riaperto.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10)
        {
            throw new DomainRuleException("Per riaprire un piano approvato serve una motivazione (almeno 10 caratteri).");
        }

        ApprovalAct = null;
        Status = PlanStatus.Monitoring;
        Touch();
    }

    public void RemoveObjective(Objective objective)
    {
        EnsureDraft();
        if (!_objectives.Remove(objective))
        {
            throw new DomainRuleException("L'obiettivo non appartiene a questo piano.");
        }

        _objectiveCodes?.Remove(objective.Code);

        Touch();
    }

    public void Rename(string title)
    {
        EnsureDraft();
        Title = Guard.Text(title, "Il titolo del piano", 200);
        Touch();
    }

    /// <summary>A new plan in Bozza with the usual monitoring periods (interim 30/06, final 31/12).</summary>
    public static PerformancePlan CreateWithDefaultPeriods(int year, string title)
    {
        var plan = new PerformancePlan(year, title);
        plan.AddPeriod("INT", "Monitoraggio intermedio", new DateOnly(year, 6, 30), isFinal: false);
        plan.AddPeriod("FIN", "Consuntivo", new DateOnly(year, 12, 31), isFinal: true);
        return plan;
    }

    /// <summary>
    /// A new plan in Bozza with the structure of <paramref name="source"/>: periods (moved to the new year),
    /// sections, areas, objectives and KPIs with the same codes, Direzioni and weights. Targets are copied or left
    /// blank; narratives and results are not copied.
    /// </summary>
    public static PerformancePlan CopyStructure(PerformancePlan source, int year, string title, bool copyTargets)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (year <= source.Year)
        {
            throw new DomainRuleException($"Il nuovo piano deve essere di un anno successivo al {source.Year}.");
        }

        var plan = new PerformancePlan(year, title);
        plan.LowerIsBetterFormula = source.LowerIsBetterFormula;
        plan.PartiallyAchievedFrom = source.PartiallyAchievedFrom;
        plan.RequireFourEyesReview = source.RequireFourEyesReview;
        foreach (var period in source._periods.OrderBy(p => p.SortOrder))
        {
            var day = Math.Min(period.EndDate.Day, DateTime.DaysInMonth(year, period.EndDate.Month));
            plan.AddPeriod(period.Code, period.Name, new DateOnly(year, period.EndDate.Month, day), period.IsFinal);
        }

        foreach (var category in source._categories.OrderBy(c => c.SortOrder))
        {
            plan.AddCategory(category.Code, category.Name);
        }

        foreach (var area in source._areas.OrderBy(a => a.SortOrder))
        {
            plan.AddArea(area.Code, area.Name);
        }

        foreach (var objective in source._objectives.OrderBy(o => o.SortOrder))
        {
            // Matched by code (unique in a plan), not by Id: a plan that was never saved has every Id 0.
            var category = objective.Category ?? source._categories.Single(c => c.Id == objective.CategoryId);
            var area = objective.Area ?? (objective.AreaId is int areaId ? source._areas.Single(a => a.Id == areaId) : null);
            var copy = plan.AddObjective(
                objective.Code,
                objective.Title,
                plan._categories.Single(c => c.Code == category.Code),
                area is null ? null : plan._areas.Single(a => a.Code == area.Code),
                objective.Directorate,
                objective.Weight);
            copy.Describe(null, objective.DataSourceNote);
            foreach (var kpi in objective.Kpis.OrderBy(k => k.SortOrder))
            {
                var definition = kpi.Definition;
                copy.AddKpi(copyTargets
                    ? MoveDeadline(definition, year - source.Year)
                    : definition with { TargetText = string.Empty, TargetValue = null, Deadline = null });
            }
        }

        return plan;
    }

    /// <summary>A deadline copied into a later plan moves by the same number of years, in its text too ("entro il 31/12/2020" → 2021).</summary>
    private static KpiDefinition MoveDeadline(KpiDefinition definition, int years)
    {
        if (definition.Deadline is not DateOnly deadline)
        {
            return definition;
        }

        var moved = deadline.AddYears(years);
        var written = deadline.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var rewritten = moved.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return definition with { Deadline = moved, TargetText = definition.TargetText.Replace(written, rewritten, StringComparison.Ordinal) };
    }

    internal void EnsureDraft()
    {
        if (Status != PlanStatus.Draft)
        {
            throw new DomainRuleException("Il piano non è in bozza: struttura e target non sono modificabili.");
        }
    }

    internal void EnsureAcceptsResults()
    {
        if (Status != PlanStatus.Monitoring)
        {
            throw new DomainRuleException(Status == PlanStatus.Approved
                ? "Il piano è approvato: i risultati non sono modificabili."
                : "Il piano è in bozza: i risultati si inseriscono dopo l'avvio del monitoraggio.");
        }
    }

    internal void Touch() => Version = VersionToken.New();

    private static void EnsureUnique(IEnumerable<string> existing, string code, string what)
    {
        if (existing.Any(c => string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw Duplicate(code, what);
        }
    }

    private static string Trimmed(string? code) => code?.Trim() ?? string.Empty;

    private static DomainRuleException Duplicate(string? code, string what) => new($"Esiste già {what} con il codice «{code}» in questo piano.");

    /// <summary>The objectives' codes, rebuilt when the list no longer matches them (loaded or changed by EF Core).</summary>
    private HashSet<string> ObjectiveCodes()
    {
        if (_objectiveCodes is null || _objectiveCodes.Count != _objectives.Count)
        {
            _objectiveCodes = new HashSet<string>(_objectives.Select(o => o.Code), StringComparer.OrdinalIgnoreCase);
        }

        return _objectiveCodes;
    }
}
