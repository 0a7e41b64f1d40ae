using System.Globalization;
using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Domain.Plans;

/// <summary>A KPI of an objective: what is measured, its target and how it is scored.</summary>
public sealed class Kpi
{
    private readonly List<KpiResult> _results = [];
    private readonly List<ScoreOverride> _overrides = [];

    private Kpi()
    {
        Code = string.Empty;
        Name = string.Empty;
        TargetText = string.Empty;
    }

    internal Kpi(Objective objective, KpiDefinition definition, int sortOrder)
    {
        Objective = objective;
        SortOrder = sortOrder;
        Code = string.Empty;
        Name = string.Empty;
        TargetText = string.Empty;
        Apply(definition);
    }

    /// <summary>How many times away from the target (either way) a value must be confirmed before it is saved.</summary>
    public const decimal FarFactor = 10m;

    public int Id { get; private set; }

    public int ObjectiveId { get; private set; }

    public Objective? Objective { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>Optional group label inside the objective, e.g. "Area più pulita".</summary>
    public string? Group { get; private set; }

    public KpiKind Kind { get; private set; }

    public ValueKind ValueKind { get; private set; }

    /// <summary>Free unit label shown next to numbers (e.g. "km", "processi"); empty when the value kind says it all.</summary>
    public string? Unit { get; private set; }

    public Direction Direction { get; private set; }

    public Comparator Comparator { get; private set; }

    /// <summary>The target as written in the plan, e.g. "Avvio entro il 31/12/2019" or "> 30".</summary>
    public string TargetText { get; private set; }

    public decimal? TargetValue { get; private set; }

    public DateOnly? Deadline { get; private set; }

    public decimal? Baseline { get; private set; }

    public decimal Weight { get; private set; }

    public ScoringMethod Method { get; private set; }

    /// <summary>Bands of the Bands method, stored as "100:100;90:80;75:50" (minimum progress : score).</summary>
    public string? BandsText { get; private set; }

    /// <summary>Deadline KPIs: points lost per day late; null means a late completion scores 0.</summary>
    public decimal? PenaltyPerDay { get; private set; }

    public int SortOrder { get; private set; }

    public Guid Version { get; private set; }

    public IReadOnlyList<KpiResult> Results => _results;

    /// <summary>Every score override («forzatura») ever proposed for this KPI, in any state (docs/attainment.md, "Forzature").</summary>
    public IReadOnlyList<ScoreOverride> Overrides => _overrides;

    /// <summary>
    /// "Non rilevabile nel consuntivo": why the KPI has no final measurement, recorded by the planning office while
    /// the plan is in monitoring. A declared KPI has no final score (any final value is not used) and does not block
    /// the approval. Null when not declared.
    /// </summary>
    public string? UnmeasurableReason { get; private set; }

    public string? UnmeasurableDeclaredBy { get; private set; }

    public DateTimeOffset? UnmeasurableDeclaredAt { get; private set; }

    public bool IsUnmeasurable => UnmeasurableReason is not null;

    public IReadOnlyList<ScoreBand> Bands => ParseBands(BandsText);

    /// <summary>False while a KPI copied without targets waits for its target (allowed only in Bozza).</summary>
    public bool HasTarget => TargetText.Length > 0;

    /// <summary>The editable definition, e.g. to fill an edit form or copy the KPI into another plan.</summary>
    public KpiDefinition Definition => new(
        Code, Name, Group, Kind, ValueKind, Unit, Direction, Comparator, TargetText, TargetValue, Deadline, Baseline,
        Weight, Method, Bands, PenaltyPerDay);

    /// <summary>Changes the definition (name, target, weight, scoring…); only while the plan is in Bozza.</summary>
    public void Update(KpiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var objective = RequireObjective();
        objective.RequirePlan().EnsureDraft();
        if (objective.Kpis.Any(k => !ReferenceEquals(k, this) && string.Equals(k.Code, definition.Code?.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleException($"Esiste già un KPI con il codice «{definition.Code}» in questo obiettivo.");
        }

        Apply(definition);
    }

    public KpiSpec ToSpec() => Spec(Kind, Direction, Comparator, TargetValue, Deadline, Baseline, Method, BandsText, PenaltyPerDay, Unit, ValueKind);

    /// <summary>
    /// The rule book's view of a KPI from its stored columns, for readers that project the columns instead of loading
    /// the entity (the dashboards' snapshot); <see cref="ToSpec"/> is this function over the entity's own values.
    /// </summary>
    public static KpiSpec Spec(
        KpiKind kind,
        Direction direction,
        Comparator comparator,
        decimal? targetValue,
        DateOnly? deadline,
        decimal? baseline,
        ScoringMethod method,
        string? bandsText,
        decimal? penaltyPerDay,
        string? unit,
        ValueKind valueKind) => new(
        kind, direction, comparator, targetValue, deadline, baseline, method, ParseBands(bandsText), penaltyPerDay, unit ?? string.Empty)
    {
        ValueKind = valueKind,
    };

    /// <summary>Reads a parsed Italian value as a measurement of this KPI, or says in Italian why it cannot be one.</summary>
    public Interpretation Interpret(ItalianValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (Kind)
        {
            case KpiKind.Numeric:
                if (value.Number is null)
                {
                    return Interpretation.Fail($"Il KPI «{Name}» richiede un valore numerico{ExpectedUnitHint()}.");
                }

                if (value.Kind != ValueKind.Number && value.Kind != ValueKind)
                {
                    return Interpretation.Fail(
                        $"Il KPI «{Name}» si misura in {Describe(ValueKind)}: il valore «{value.Text}» è in {Describe(value.Kind)}.");
                }

                return Plausible(Measurement.Number(value.Number.Value));

            case KpiKind.Boolean:
                return value.Kind == ValueKind.YesNo && value.YesNo is bool yes
                    ? Interpretation.Ok(Measurement.YesNo(yes))
                    : Interpretation.Fail($"Il KPI «{Name}» richiede SI oppure NO.");

            default:
                if (value.Kind == ValueKind.YesNo && value.YesNo is bool done)
                {
                    return Interpretation.Ok(Measurement.YesNo(done));
                }

                return value.Kind == ValueKind.Date && value.Date is DateOnly completed
                    ? Plausible(Measurement.CompletedOn(completed))
                    : Interpretation.Fail($"Il KPI «{Name}» richiede SI, NO oppure la data di completamento (es. 15/11/{Deadline?.Year ?? 2019}).");
        }
    }

    /// <summary>
    /// Values are stored with 12 digits before the decimal point and 6 after (precision 18, 6, which SQL Server and
    /// PostgreSQL enforce): a value this large or larger cannot be saved, so it is refused as implausible.
    /// </summary>
    public const decimal LargestValue = 1_000_000_000_000m;

    /// <summary>
    /// Why a measurement cannot be true for this KPI (attainment.md, "Plausibility at entry"), or null: a completion
    /// date outside the plan's year, a value of <see cref="LargestValue"/> or more, a negative count or duration (when neither
    /// target nor baseline is negative).
    /// </summary>
    public string? ImplausibleReason(Measurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        if (measurement.CompletionDate is DateOnly completed && Objective?.Plan is { } plan && completed.Year != plan.Year)
        {
            return $"La data di completamento {ItalianValues.FormatDate(completed)} del KPI «{Name}» è fuori dall'anno del piano ({plan.Year}): " +
                $"scrivere una data tra il 01/01/{plan.Year} e il 31/12/{plan.Year}, oppure SI o NO.";
        }

        if (measurement.Value is decimal tooLarge && Math.Abs(tooLarge) >= LargestValue)
        {
            return $"Il valore {ItalianValues.Format(tooLarge, ValueKind, Unit)} del KPI «{Name}» è troppo grande: " +
                $"Pdo registra valori inferiori a {ItalianValues.FormatNumber(LargestValue)} in valore assoluto.";
        }

        if (Kind == KpiKind.Numeric && measurement.Value is < 0m && IsCount)
        {
            return $"Il valore {ItalianValues.Format(measurement.Value.Value, ValueKind, Unit)} del KPI «{Name}» non può essere negativo: " +
                $"il KPI si misura in {Describe(ValueKind)} e né il target né il valore di partenza sono negativi.";
        }

        return null;
    }

    /// <summary>
    /// Whether a numeric value is more than 10 times away from the target, either way (attainment.md, "Plausibility at
    /// entry"): such a value is saved only after an explicit «Confermo il valore».
    /// </summary>
    public bool IsFarFromTarget(Measurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        if (Kind != KpiKind.Numeric || measurement.Value is not decimal actual || TargetValue is not decimal target || target == 0m)
        {
            return false;
        }

        var size = Math.Abs(actual);
        var goal = Math.Abs(target);
        return size > goal * FarFactor || size * FarFactor < goal;
    }

    /// <summary>
    /// Records (or replaces) the actual value for a monitoring period. Results can be entered only while the plan
    /// is in monitoring; a result scoring below 100 requires a justification (motivazione dello scostamento).
    /// </summary>
    public KpiResult RecordResult(
        MonitoringPeriod period,
        string actualText,
        Measurement measurement,
        string? justification,
        string recordedBy,
        DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(measurement);
        var plan = RequireObjective().RequirePlan();
        plan.EnsureAcceptsResults();
        if (!plan.Periods.Contains(period))
        {
            throw new DomainRuleException("Il periodo di monitoraggio non appartiene al piano di questo KPI.");
        }

        if (!period.IsOpen)
        {
            throw new DomainRuleException($"Il periodo «{period.Name}» non è aperto: i risultati si inseriscono solo nei periodi aperti.");
        }

        if (!CountsIn(period))
        {
            // The value would not count (docs/attainment.md): refused rather than silently ignored.
            throw new DomainRuleException(
                $"Il KPI «{Name}» è dichiarato non rilevabile nel consuntivo: per inserirne il risultato finale l'Ufficio Pianificazione deve prima rimuovere la dichiarazione (pagina di approvazione).");
        }

        if (ImplausibleReason(measurement) is string implausible)
        {
            throw new DomainRuleException(implausible);
        }

        var attainment = Score(measurement);
        if (attainment.Score < 100m && string.IsNullOrWhiteSpace(justification))
        {
            throw new DomainRuleException(
                $"Il KPI «{Name}» ha un grado di raggiungimento inferiore al 100 %: la motivazione dello scostamento è obbligatoria.");
        }

        var result = _results.FirstOrDefault(r => r.PeriodId == period.Id && (period.Id != 0 || ReferenceEquals(r.Period, period)));
        if (result is null)
        {
            // Added only once recorded: a refused first result must not stay behind as an empty row.
            result = new KpiResult(this, period);
            result.Record(actualText, measurement, justification, recordedBy, recordedAt);
            _results.Add(result);
            return result;
        }

        result.Record(actualText, measurement, justification, recordedBy, recordedAt);
        return result;
    }

    /// <summary>
    /// Declares the KPI "non rilevabile nel consuntivo" with the reason (at least
    /// <see cref="MinUnmeasurableReasonLength"/> characters); only while the plan is in monitoring. A new reason
    /// replaces the previous one.
    /// </summary>
    public void DeclareUnmeasurable(string? reason, string declaredBy, DateTimeOffset declaredAt)
    {
        RequireMonitoringForDeclaration();
        var text = Guard.Text(reason, "Il motivo per cui il KPI non è rilevabile", 2_000);
        if (text.Length < MinUnmeasurableReasonLength)
        {
            throw new DomainRuleException(
                $"Il motivo per cui il KPI «{Name}» non è rilevabile deve avere almeno {MinUnmeasurableReasonLength} caratteri.");
        }

        UnmeasurableReason = text;
        UnmeasurableDeclaredBy = Guard.Text(declaredBy, "L'autore della dichiarazione", 256);
        UnmeasurableDeclaredAt = declaredAt;
        Version = VersionToken.New();
    }

    /// <summary>Removes the "non rilevabile" declaration; only while the plan is in monitoring.</summary>
    public void WithdrawUnmeasurable()
    {
        RequireMonitoringForDeclaration();
        if (!IsUnmeasurable)
        {
            throw new DomainRuleException($"Il KPI «{Name}» non è dichiarato non rilevabile.");
        }

        UnmeasurableReason = null;
        UnmeasurableDeclaredBy = null;
        UnmeasurableDeclaredAt = null;
        Version = VersionToken.New();
    }

    public const int MinUnmeasurableReasonLength = 10;

    /// <summary>
    /// The result that counts for <paramref name="period"/>: none in the final period of a KPI declared non
    /// rilevabile (its value, if any, is not used), else the recorded one. Every score reads results through here.
    /// </summary>
    public KpiResult? CountedResultFor(MonitoringPeriod period) =>
        CountsIn(period) ? ResultFor(period) : null;

    /// <summary>Whether the KPI is measured in <paramref name="period"/> at all: not in the final period once declared non rilevabile.</summary>
    public bool CountsIn(MonitoringPeriod period) => Counts(period.IsFinal, IsUnmeasurable);

    /// <summary>The declared reason where it stands in for a result (the final period), else null.</summary>
    public string? UnmeasurableReasonIn(MonitoringPeriod period) => CountsIn(period) ? null : UnmeasurableReason;

    /// <summary>The rule of <see cref="CountedResultFor"/> for readers that hold no entities (the plan's snapshot, which scores every page).</summary>
    public static bool Counts(bool periodIsFinal, bool unmeasurable) => !(periodIsFinal && unmeasurable);

    /// <summary>Scores a measurement of this KPI with its plan's methodology.</summary>
    public KpiAttainment Score(Measurement? measurement) =>
        AttainmentRules.ScoreKpi(ToSpec(), measurement, RequireObjective().RequirePlan().Methodology);

    /// <summary>
    /// Proposes a score override for <paramref name="period"/> (docs/attainment.md, "Forzature"): a score from 0 to 100
    /// with at most one decimal and a reason of at least <see cref="ScoreOverride.MinTextLength"/> characters; only
    /// while the plan is in monitoring and when no other proposal of this KPI and period waits for the OIV.
    /// </summary>
    public ScoreOverride ProposeOverride(
        MonitoringPeriod period, decimal score, string? reason, string proposedById, string proposedByName, DateTimeOffset proposedAt)
    {
        ArgumentNullException.ThrowIfNull(period);
        var plan = RequireObjective().RequirePlan();
        EnsureOverridesEditable(plan);
        if (!plan.Periods.Contains(period))
        {
            throw new DomainRuleException("Il periodo di monitoraggio non appartiene al piano di questo KPI.");
        }

        if (PendingOverrideFor(period) is not null)
        {
            throw new DomainRuleException(
                $"Per il KPI «{Name}» nel periodo «{period.Name}» c'è già una forzatura in attesa della decisione dell'OIV: ritirarla prima di proporne un'altra.");
        }

        var proposal = new ScoreOverride(
            this,
            period,
            ScoreOverride.CheckScore(score),
            ScoreOverride.CheckText(reason, "Il motivo della forzatura", "Il motivo della forzatura è obbligatorio: scrivere perché il punteggio calcolato non va usato."),
            Guard.Text(proposedById, "Chi propone la forzatura", 450),
            Guard.Text(proposedByName, "Il nome di chi propone", 256),
            proposedAt);
        _overrides.Add(proposal);
        return proposal;
    }

    /// <summary>
    /// The override that replaces the computed score in <paramref name="period"/>: the approved one decided last (a
    /// later approval supersedes an earlier one), or null.
    /// </summary>
    public ScoreOverride? OverrideFor(MonitoringPeriod period) => EffectiveOverride(_overrides.Where(o => IsOf(o, period)));

    /// <summary>The rule of <see cref="OverrideFor"/> over any set of one KPI's overrides of one period.</summary>
    public static ScoreOverride? EffectiveOverride(IEnumerable<ScoreOverride> overrides) =>
        overrides.Where(o => o.State == OverrideState.Approved).OrderByDescending(o => o.DecidedAt).ThenByDescending(o => o.Id).FirstOrDefault();

    /// <summary>The proposal of <paramref name="period"/> waiting for the OIV, or null.</summary>
    public ScoreOverride? PendingOverrideFor(MonitoringPeriod period) => _overrides.FirstOrDefault(o => o.IsPending && IsOf(o, period));

    /// <summary>Overrides are proposed and decided only while the plan is in monitoring: an approved plan is frozen.</summary>
    internal static void EnsureOverridesEditable(PerformancePlan plan)
    {
        if (plan.Status != PlanStatus.Monitoring)
        {
            throw new DomainRuleException(plan.Status == PlanStatus.Approved
                ? "Il piano è approvato: i punteggi sono congelati e le forzature non si propongono, non si decidono e non si ritirano più."
                : "Il piano è in bozza: le forzature si propongono durante il monitoraggio.");
        }
    }

    private static bool IsOf(ScoreOverride o, MonitoringPeriod period) =>
        ReferenceEquals(o.Period, period) || (period.Id != 0 && o.PeriodId == period.Id);

    public KpiResult? ResultFor(MonitoringPeriod period) =>
        _results.FirstOrDefault(r => ReferenceEquals(r.Period, period) || (period.Id != 0 && r.PeriodId == period.Id));

    private void RequireMonitoringForDeclaration()
    {
        var plan = RequireObjective().RequirePlan();
        if (plan.Status != PlanStatus.Monitoring)
        {
            throw new DomainRuleException(plan.Status == PlanStatus.Approved
                ? "Il piano è approvato: la dichiarazione di KPI non rilevabile non è modificabile."
                : "Il piano è in bozza: un KPI si dichiara non rilevabile durante il monitoraggio.");
        }
    }

    /// <summary>
    /// The first pair of bands where a higher minimum progress scores less than a lower one (100:100; 90:50; 75:80 →
    /// 90:50 and 75:80), or null when the bands never decrease with progress (attainment.md, "Bands").
    /// </summary>
    private static (ScoreBand Higher, ScoreBand Lower)? NonMonotonicBand(IReadOnlyList<ScoreBand> bands)
    {
        var ordered = bands.OrderByDescending(b => b.MinimumProgress).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Score > ordered[i - 1].Score)
            {
                return (ordered[i - 1], ordered[i]);
            }
        }

        return null;
    }

    /// <summary>A number, a duration or a number of days whose target and baseline are not negative: it cannot go below 0.</summary>
    private bool IsCount =>
        ValueKind is ValueKind.Number or ValueKind.Minutes or ValueKind.Days && TargetValue is not < 0m && Baseline is not < 0m;

    private Interpretation Plausible(Measurement measurement) =>
        ImplausibleReason(measurement) is string reason ? Interpretation.Fail(reason) : Interpretation.Ok(measurement);

    internal Objective RequireObjective() =>
        Objective ?? throw new InvalidOperationException("The KPI was loaded without its objective.");

    private void Apply(KpiDefinition d)
    {
        Code = Guard.Code(d.Code, "del KPI");
        Name = Guard.Text(d.Name, "Il nome del KPI", 500);
        Group = Guard.OptionalText(d.Group, "Il gruppo del KPI", 200);
        Unit = Guard.OptionalText(d.Unit, "L'unità di misura", 40);
        var hasTarget = !string.IsNullOrWhiteSpace(d.TargetText);
        TargetText = hasTarget ? Guard.Text(d.TargetText, $"Il target del KPI «{d.Name}»", 500) : string.Empty;
        Weight = Guard.Weight(d.Weight);

        switch (d.Kind)
        {
            case KpiKind.Numeric:
                if (d.ValueKind is not (ValueKind.Number or ValueKind.Percent or ValueKind.Minutes or ValueKind.Days))
                {
                    throw new DomainRuleException($"Il KPI numerico «{d.Name}» deve essere un numero, una percentuale o una durata.");
                }

                if (d.TargetValue is null && hasTarget)
                {
                    throw new DomainRuleException($"Il KPI numerico «{d.Name}» richiede un valore di target.");
                }

                if (d.Method is not (ScoringMethod.Threshold or ScoringMethod.Proportional or ScoringMethod.Bands))
                {
                    throw new DomainRuleException($"Il KPI numerico «{d.Name}» si valuta a soglia, in proporzione o a fasce.");
                }

                if (d.Deadline is not null || d.PenaltyPerDay is not null)
                {
                    throw new DomainRuleException($"Scadenza e penalità si applicano solo ai KPI a scadenza («{d.Name}»).");
                }

                if (d.Baseline is decimal baseline && baseline == d.TargetValue)
                {
                    throw new DomainRuleException($"Il valore di partenza del KPI «{d.Name}» non può coincidere con il target.");
                }

                if (d.Baseline is decimal start && d.TargetValue is decimal goal
                    && (d.Direction == Direction.HigherIsBetter ? start > goal : start < goal))
                {
                    throw new DomainRuleException(
                        $"Il valore di partenza del KPI «{d.Name}» ({ItalianValues.Format(start, d.ValueKind)}) è dalla parte sbagliata del target " +
                        $"({ItalianValues.Format(goal, d.ValueKind)}): con «{(d.Direction == Direction.HigherIsBetter ? "maggiore" : "minore")} è meglio» " +
                        $"deve essere {(d.Direction == Direction.HigherIsBetter ? "inferiore" : "superiore")} al target.");
                }

                break;

            case KpiKind.Boolean:
                if (d.Method != ScoringMethod.Threshold || d.ValueKind != ValueKind.YesNo)
                {
                    throw new DomainRuleException($"Il KPI SI/NO «{d.Name}» si valuta a soglia (tutto o niente).");
                }

                if (d.TargetValue is not null || d.Baseline is not null || d.Deadline is not null)
                {
                    throw new DomainRuleException($"Il KPI SI/NO «{d.Name}» non ha valori numerici né scadenza.");
                }

                break;

            default:
                if (d.Deadline is null && hasTarget)
                {
                    throw new DomainRuleException($"Il KPI a scadenza «{d.Name}» richiede una data (es. entro il 31/12/2019).");
                }

                if (d.Method is not (ScoringMethod.Deadline or ScoringMethod.Threshold) || d.ValueKind != ValueKind.Deadline)
                {
                    throw new DomainRuleException($"Il KPI a scadenza «{d.Name}» si valuta con il metodo a scadenza.");
                }

                if (d.TargetValue is not null || d.Baseline is not null)
                {
                    throw new DomainRuleException($"Il KPI a scadenza «{d.Name}» non ha valori numerici.");
                }

                if (d.PenaltyPerDay is < 0 or > 100)
                {
                    throw new DomainRuleException($"La penalità giornaliera del KPI «{d.Name}» deve essere tra 0 e 100.");
                }

                break;
        }

        if (!hasTarget && (d.TargetValue is not null || d.Deadline is not null))
        {
            throw new DomainRuleException($"Il target del KPI «{d.Name}» è vuoto ma ha un valore: scrivere il target come testo.");
        }

        if (d.Method == ScoringMethod.Bands && (d.Bands is null || d.Bands.Count == 0))
        {
            throw new DomainRuleException($"Il metodo a fasce del KPI «{d.Name}» richiede almeno una fascia.");
        }

        if (d.Bands is { Count: > 0 } && d.Bands.Any(b => b.MinimumProgress < 0 || b.Score is < 0 or > 100))
        {
            throw new DomainRuleException($"Le fasce del KPI «{d.Name}» devono avere progresso minimo ≥ 0 e punteggio tra 0 e 100.");
        }

        if (d.Bands is { Count: > 1 } && NonMonotonicBand(d.Bands) is var (higher, lower))
        {
            throw new DomainRuleException(
                $"Le fasce del KPI «{d.Name}» non sono crescenti: la fascia ≥ {ItalianValues.FormatNumber(lower.MinimumProgress)} % vale " +
                $"{ItalianValues.FormatNumber(lower.Score)}, più della fascia ≥ {ItalianValues.FormatNumber(higher.MinimumProgress)} % che vale " +
                $"{ItalianValues.FormatNumber(higher.Score)}. Un progresso maggiore deve valere almeno quanto uno minore.");
        }

        Kind = d.Kind;
        ValueKind = d.ValueKind;
        Direction = d.Direction;
        Comparator = d.Comparator;
        TargetValue = d.TargetValue;
        Deadline = d.Deadline;
        Baseline = d.Baseline;
        Method = d.Method;
        BandsText = d.Method == ScoringMethod.Bands ? FormatBands(d.Bands!) : null;
        PenaltyPerDay = d.PenaltyPerDay;
        Version = VersionToken.New();
    }

    private string ExpectedUnitHint() => ValueKind switch
    {
        ValueKind.Percent => " (es. 91,1%)",
        ValueKind.Minutes => " (es. 1'16\" oppure 3 minuti)",
        ValueKind.Days => " (es. 9,9 giorni)",
        _ => " (es. 1.003 oppure 6,5)",
    };

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Percent => "percentuale",
        ValueKind.Minutes => "minuti",
        ValueKind.Days => "giorni",
        ValueKind.YesNo => "SI/NO",
        ValueKind.Deadline or ValueKind.Date => "date",
        _ => "numeri",
    };

    private static string FormatBands(IEnumerable<ScoreBand> bands) => string.Join(
        ';',
        bands.OrderByDescending(b => b.MinimumProgress)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.MinimumProgress}:{b.Score}")));

    private static IReadOnlyList<ScoreBand> ParseBands(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        return text.Split(';')
            .Select(part => part.Split(':'))
            .Select(p => new ScoreBand(
                decimal.Parse(p[0], CultureInfo.InvariantCulture),
                decimal.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
    }
}

/// <summary>A parsed value read as a measurement of a KPI, or the Italian reason it cannot be.</summary>
public sealed record Interpretation(Measurement? Measurement, string? Error)
{
    public static Interpretation Ok(Measurement measurement) => new(measurement, null);

    public static Interpretation Fail(string error) => new(null, error);
}
