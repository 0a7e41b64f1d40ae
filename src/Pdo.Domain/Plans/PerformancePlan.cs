using Pdo.Domain.Attainment;
using Pdo.Domain.Oversight;
using Pdo.Domain.Values;

namespace Pdo.Domain.Plans;

/// <summary>One year's Piano degli Obiettivi: its sections, areas, objectives, monitoring periods and lifecycle.</summary>
public sealed class PerformancePlan
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>The longest introduction or closing note.</summary>
    public const int TextMaxLength = 20_000;

    private readonly List<ObjectiveCategory> _categories = [];
    private readonly List<StrategicArea> _areas = [];
    private readonly List<MonitoringPeriod> _periods = [];
    private readonly List<Objective> _objectives = [];
    private readonly List<PlanValidation> _validations = [];

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

    /// <summary>The introduction of the consuntivo (format: <see cref="NarrativeText"/>), printed before the objectives.</summary>
    public string? Introduction { get; private set; }

    /// <summary>The closing note of the consuntivo (format: <see cref="NarrativeText"/>), printed at its end.</summary>
    public string? ClosingNote { get; private set; }

    /// <summary>«Contesto e risorse» of the Relazione sulla Performance (format: <see cref="NarrativeText"/>), section 2.</summary>
    public string? Context { get; private set; }

    /// <summary>Concurrency token: a new value on every change.</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<ObjectiveCategory> Categories => _categories;

    public IReadOnlyList<StrategicArea> Areas => _areas;

    public IReadOnlyList<MonitoringPeriod> Periods => _periods;

    public IReadOnlyList<Objective> Objectives => _objectives;

    /// <summary>The OIV's validations of the Relazione, every one kept; at most one is current.</summary>
    public IReadOnlyList<PlanValidation> Validations => _validations;

    /// <summary>The current validation of the Relazione (needs <see cref="Validations"/> loaded); null when none or superseded.</summary>
    public PlanValidation? CurrentValidation => _validations.LastOrDefault(v => v.IsCurrent);

    public bool IsStructureEditable => Status == PlanStatus.Draft;

    public bool AcceptsResults => Status == PlanStatus.Monitoring;

    /// <summary>Narratives (objectives' descriptions, the plan's introduction and closing note) are written until approval.</summary>
    public bool AreTextsEditable => Status is PlanStatus.Draft or PlanStatus.Monitoring;

    public Methodology Methodology => new(LowerIsBetterFormula, new StatusBands(100m, PartiallyAchievedFrom));

    public MonitoringPeriod? FinalPeriod => _periods.FirstOrDefault(p => p.IsFinal);

    /// <summary>The period the result form and the monitoring board open on when none is asked for: the earliest open one.</summary>
    public MonitoringPeriod? EarliestOpenPeriod => _periods.Where(p => p.IsOpen).OrderBy(p => p.EndDate).FirstOrDefault();

    /// <summary>The period with this code (<see cref="PeriodWithCode{TPeriod}"/>) among this plan's periods, or null.</summary>
    public MonitoringPeriod? PeriodWithCode(string? code) => PeriodWithCode(_periods, p => p.Code, code);

    /// <summary>
    /// The period a URL or a form names by its code: case and surrounding spaces ignored (codes are unique that way,
    /// <see cref="AddPeriod"/>), null for no code or an unknown one. One rule for the plan's entities and for the
    /// dashboards' snapshot of them.
    /// </summary>
    public static TPeriod? PeriodWithCode<TPeriod>(IEnumerable<TPeriod> periods, Func<TPeriod, string> code, string? wanted) =>
        string.IsNullOrWhiteSpace(wanted) ? default : periods.FirstOrDefault(p => string.Equals(code(p), wanted.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The period shown when none is asked for (<see cref="DefaultPeriod{TPeriod}"/>) among this plan's periods.</summary>
    public MonitoringPeriod? DefaultPeriod(Func<MonitoringPeriod, bool> hasResults) =>
        DefaultPeriod(_periods, p => p.EndDate, p => p.IsFinal, hasResults);

    /// <summary>
    /// The period a page shows when none is asked for: the latest one with results, else the final one, else the latest.
    /// One rule for the plan's entities and for the dashboards' snapshot of them.
    /// </summary>
    public static TPeriod? DefaultPeriod<TPeriod>(
        IEnumerable<TPeriod> periods, Func<TPeriod, DateOnly> endDate, Func<TPeriod, bool> isFinal, Func<TPeriod, bool> hasResults)
        where TPeriod : class
    {
        var all = periods.ToList();
        return all.Where(hasResults).OrderByDescending(endDate).FirstOrDefault()
            ?? all.FirstOrDefault(isFinal)
            ?? all.OrderByDescending(endDate).FirstOrDefault();
    }

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

    /// <summary>
    /// Writes the introduction and the closing note of the consuntivo and the «Contesto e risorse» of the Relazione;
    /// like the objectives' narratives, until approval.
    /// </summary>
    public void WriteTexts(string? introduction, string? closingNote, string? context)
    {
        EnsureTextsEditable();
        var newIntroduction = NarrativeText.Normalize(introduction, "L'introduzione del piano", TextMaxLength);
        var newClosingNote = NarrativeText.Normalize(closingNote, "La nota conclusiva del piano", TextMaxLength);
        var newContext = NarrativeText.Normalize(context, "Il contesto e le risorse", TextMaxLength);
        if (newIntroduction == Introduction && newClosingNote == ClosingNote && newContext == Context)
        {
            return;
        }

        Introduction = newIntroduction;
        ClosingNote = newClosingNote;
        Context = newContext;
        Touch();
    }

    /// <summary>
    /// Records the OIV's validation of the Relazione (approved plans only; needs <see cref="Validations"/> loaded): the
    /// current validation, if any, is superseded by the new one, and kept.
    /// </summary>
    public PlanValidation Validate(
        DateOnly date,
        ValidationOutcome outcome,
        string? reasoning,
        string? reservations,
        string signedByUserId,
        string signedByName,
        DateTimeOffset recordedAt,
        DateOnly today)
    {
        if (Status != PlanStatus.Approved || ApprovalAct is null)
        {
            throw new DomainRuleException("La Relazione si valida solo su un piano approvato.");
        }

        if (date < ApprovalAct.Date)
        {
            throw new DomainRuleException(
                $"La data della validazione ({ItalianValues.FormatDate(date)}) non può essere anteriore all'approvazione del piano ({ItalianValues.FormatDate(ApprovalAct.Date)}).");
        }

        if (date > today)
        {
            throw new DomainRuleException($"La data della validazione ({ItalianValues.FormatDate(date)}) è nel futuro.");
        }

        var validation = new PlanValidation(this, date, outcome, reasoning, reservations, signedByUserId, signedByName, recordedAt);
        CurrentValidation?.Supersede($"Sostituita dalla validazione del {ItalianValues.FormatDate(date)}.");
        _validations.Add(validation);
        return validation;
    }

    public ObjectiveCategory AddCategory(string code, string name)
    {
        EnsureDraft();
        EnsureUnique(_categories.Select(c => c.Code), code, "una sezione");
        var category = new ObjectiveCategory(this, code, name, _categories.Count + 1);
        _categories.Add(category);
        Touch();
        return category;
    }

    public void RenameCategory(ObjectiveCategory category, string name)
    {
        EnsureDraft();
        EnsureOwn(_categories, category, "La sezione indicata").Rename(name);
        Touch();
    }

    /// <summary>Moves a section one place up (<paramref name="offset"/> −1) or down (+1); at either end it stays where it is.</summary>
    public void MoveCategory(ObjectiveCategory category, int offset)
    {
        EnsureDraft();
        Move(_categories, EnsureOwn(_categories, category, "La sezione indicata"), offset);
        Touch();
    }

    /// <summary>Removes a section that no objective uses; the others keep a dense order.</summary>
    public void RemoveCategory(ObjectiveCategory category)
    {
        EnsureDraft();
        EnsureOwn(_categories, category, "La sezione indicata");
        var used = _objectives.Count(o => ReferenceEquals(o.Category, category) || (category.Id != 0 && o.CategoryId == category.Id));
        if (used > 0)
        {
            throw new DomainRuleException(
                $"La sezione «{category.Name}» non può essere eliminata: la usano {ObjectiveCount(used)}. Spostarli in un'altra sezione o eliminarli prima.");
        }

        Remove(_categories, category);
        Touch();
    }

    public StrategicArea AddArea(string code, string name)
    {
        EnsureDraft();
        EnsureUnique(_areas.Select(a => a.Code), code, "un'area strategica");
        var area = new StrategicArea(this, code, name, _areas.Count + 1);
        _areas.Add(area);
        Touch();
        return area;
    }

    public void RenameArea(StrategicArea area, string name)
    {
        EnsureDraft();
        EnsureOwn(_areas, area, "L'area strategica indicata").Rename(name);
        Touch();
    }

    /// <summary>Moves an area one place up (<paramref name="offset"/> −1) or down (+1); at either end it stays where it is.</summary>
    public void MoveArea(StrategicArea area, int offset)
    {
        EnsureDraft();
        Move(_areas, EnsureOwn(_areas, area, "L'area strategica indicata"), offset);
        Touch();
    }

    /// <summary>Removes an area that no objective uses; the others keep a dense order.</summary>
    public void RemoveArea(StrategicArea area)
    {
        EnsureDraft();
        EnsureOwn(_areas, area, "L'area strategica indicata");
        var used = _objectives.Count(o => ReferenceEquals(o.Area, area) || (area.Id != 0 && o.AreaId == area.Id));
        if (used > 0)
        {
            throw new DomainRuleException(
                $"L'area strategica «{area.Name}» non può essere eliminata: la usano {ObjectiveCount(used)}. Toglierla dagli obiettivi o eliminarli prima.");
        }

        Remove(_areas, area);
        Touch();
    }

    /// <summary>
    /// Adds a monitoring period. Periods are ordered by end date (their <see cref="MonitoringPeriod.SortOrder"/> follows
    /// it): the end date falls within the plan's year and no other period ends the same day; at most one period is
    /// final and it is the last one (no period may end after it).
    /// </summary>
    public MonitoringPeriod AddPeriod(string code, string name, DateOnly endDate, bool isFinal)
    {
        EnsureDraft();
        EnsureUnique(_periods.Select(p => p.Code), code, "un periodo di monitoraggio");
        EnsurePeriodFits(null, endDate, isFinal);
        var period = new MonitoringPeriod(this, code, name, endDate, isFinal, _periods.Count + 1);
        _periods.Add(period);
        OrderPeriodsByEndDate();
        Touch();
        return period;
    }

    /// <summary>Changes a period's name, end date and final flag, by the rules of <see cref="AddPeriod"/>; the code stays.</summary>
    public void UpdatePeriod(MonitoringPeriod period, string name, DateOnly endDate, bool isFinal)
    {
        EnsureDraft();
        EnsureOwn(_periods, period, "Il periodo di monitoraggio indicato");
        EnsurePeriodFits(period, endDate, isFinal);
        period.Change(name, endDate, isFinal);
        OrderPeriodsByEndDate();
        Touch();
    }

    /// <summary>Removes a period without results; the others keep a dense order.</summary>
    public void RemovePeriod(MonitoringPeriod period)
    {
        EnsureDraft();
        EnsureOwn(_periods, period, "Il periodo di monitoraggio indicato");
        var results = _objectives.SelectMany(o => o.Kpis).SelectMany(k => k.Results)
            .Count(r => ReferenceEquals(r.Period, period) || (period.Id != 0 && r.PeriodId == period.Id));
        if (results > 0)
        {
            throw new DomainRuleException($"Il periodo «{period.Name}» non può essere eliminato: ha {(results == 1 ? "un risultato" : $"{results} risultati")}.");
        }

        _periods.Remove(period);
        OrderPeriodsByEndDate();
        Touch();
    }

    /// <summary>
    /// Replaces the periods with those of <paramref name="preset"/> (Bozza, and only while no period has results). A
    /// period whose code the preset also uses is kept and changed, so its row and history stay; the others go.
    /// </summary>
    public void UsePeriodPreset(PeriodPreset preset)
    {
        EnsureDraft();
        var periods = PeriodPresets.For(preset, Year);
        if (_objectives.SelectMany(o => o.Kpis).Any(k => k.Results.Count > 0))
        {
            throw new DomainRuleException("Lo schema dei periodi si applica solo a un piano senza risultati.");
        }

        _periods.RemoveAll(p => !periods.Any(n => string.Equals(n.Code, p.Code, StringComparison.OrdinalIgnoreCase)));
        foreach (var (code, name, endDate, isFinal) in periods)
        {
            if (PeriodWithCode(code) is { } kept)
            {
                kept.Change(name, endDate, isFinal);
            }
            else
            {
                _periods.Add(new MonitoringPeriod(this, code, name, endDate, isFinal, _periods.Count + 1));
            }
        }

        OrderPeriodsByEndDate();
        Touch();
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

        directorate?.EnsureActiveIn(Year);
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
    /// confirmed) or Restituito, unless the KPI is declared non rilevabile; and every KPI with a score override waiting
    /// for the OIV's decision. Needs objectives, KPIs, results and overrides loaded.
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

            // A proposal waiting for the OIV (any period, declared KPIs too) would change a score after the approval.
            foreach (var kpi in objective.Kpis.OrderBy(k => k.SortOrder).Where(k => k.Overrides.Any(o => o.IsPending)))
            {
                blockers.Add(new ApprovalBlocker(objective, kpi, ApprovalBlockerKind.OverridePending));
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
        CurrentValidation?.Supersede("Piano riaperto: " + reason.Trim());
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
    /// sections, areas, objectives and KPIs with the same codes, Direzioni (those still active in the new
    /// year) and weights, and the data-source notes.
    /// Targets are copied or left blank; with <paramref name="copyTexts"/> the objectives' narratives and the plan's
    /// introduction and closing note too (to be updated: the plan page lists those that name the old year). Results
    /// are never copied.
    /// </summary>
    public static PerformancePlan CopyStructure(PerformancePlan source, int year, string title, bool copyTargets, bool copyTexts = false)
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
        if (copyTexts)
        {
            plan.Introduction = source.Introduction;
            plan.ClosingNote = source.ClosingNote;
            plan.Context = source.Context;
        }

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

                // A Direzione closed before the new year is not carried over: the planning office assigns its successor.
                objective.Directorate is { } directorate && directorate.IsActiveIn(year) ? directorate : null,
                objective.Weight);
            copy.Describe(copyTexts ? objective.Narrative : null, objective.DataSourceNote);
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

    internal void EnsureTextsEditable()
    {
        if (!AreTextsEditable)
        {
            throw new DomainRuleException("Il piano è approvato: descrizioni e testi del piano non sono più modificabili.");
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

    private static string ObjectiveCount(int count) => count == 1 ? "un obiettivo" : $"{count} obiettivi";

    private static T EnsureOwn<T>(List<T> parts, T part, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(part);
        return parts.Contains(part) ? part : throw new DomainRuleException($"{what} non appartiene a questo piano.");
    }

    /// <summary>Swaps a section or area with its neighbour in display order.</summary>
    private static void Move<T>(List<T> parts, T part, int offset)
        where T : class, IOrderedPart
    {
        if (offset is not (-1 or 1))
        {
            throw new DomainRuleException("Si può spostare di un posto alla volta, in su o in giù.");
        }

        var ordered = parts.OrderBy(p => p.SortOrder).ToList();
        var index = ordered.IndexOf(part);
        var target = index + offset;
        if (target >= 0 && target < ordered.Count)
        {
            (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        }

        Renumber(ordered);
    }

    private static void Remove<T>(List<T> parts, T part)
        where T : class, IOrderedPart
    {
        parts.Remove(part);
        Renumber(parts.OrderBy(p => p.SortOrder).ToList());
    }

    private static void Renumber<T>(List<T> ordered)
        where T : IOrderedPart
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Place(i + 1);
        }
    }

    private void OrderPeriodsByEndDate() => Renumber(_periods.OrderBy(p => p.EndDate).ToList());

    /// <summary>The period rules shared by adding and changing one (<paramref name="self"/> is null when adding).</summary>
    private void EnsurePeriodFits(MonitoringPeriod? self, DateOnly endDate, bool isFinal)
    {
        MonitoringPeriod.EnsureWithinYear(Year, endDate);
        var others = _periods.Where(p => !ReferenceEquals(p, self)).ToList();
        if (others.FirstOrDefault(p => p.EndDate == endDate) is { } sameDay)
        {
            throw new DomainRuleException($"Il periodo «{sameDay.Name}» finisce già il {ItalianValues.FormatDate(endDate)}: due periodi non possono avere la stessa data di fine.");
        }

        var final = others.FirstOrDefault(p => p.IsFinal);
        if (isFinal && final is not null)
        {
            throw new DomainRuleException("Il piano ha già un periodo finale (consuntivo).");
        }

        if (isFinal && others.FirstOrDefault(p => p.EndDate > endDate) is { } later)
        {
            throw new DomainRuleException(
                $"Il periodo finale deve essere l'ultimo: «{later.Name}» finisce dopo, il {ItalianValues.FormatDate(later.EndDate)}.");
        }

        if (!isFinal && final is not null && endDate > final.EndDate)
        {
            throw new DomainRuleException(
                $"Nessun periodo può finire dopo il periodo finale «{final.Name}» ({ItalianValues.FormatDate(final.EndDate)}).");
        }
    }

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
