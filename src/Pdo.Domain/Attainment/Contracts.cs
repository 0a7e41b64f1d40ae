using Pdo.Domain.Values;

namespace Pdo.Domain.Attainment;

/// <summary>One band of the Bands method: from this minimum progress (in percent points, e.g. 90) the KPI scores <see cref="Score"/>.</summary>
public sealed record ScoreBand(decimal MinimumProgress, decimal Score);

/// <summary>Status thresholds of a plan: 100 is Raggiunto, from <see cref="PartiallyFrom"/> Parzialmente raggiunto, below Non raggiunto.</summary>
public sealed record StatusBands(decimal AchievedFrom = 100m, decimal PartiallyFrom = 80m)
{
    public static StatusBands Default { get; } = new();
}

/// <summary>Plan-level methodology settings used by the rule book.</summary>
public sealed record Methodology(LowerIsBetterFormula LowerIsBetter, StatusBands StatusBands)
{
    public static Methodology Default { get; } = new(LowerIsBetterFormula.Ratio, StatusBands.Default);
}

/// <summary>Everything the rule book needs to know about a KPI, free of persistence concerns.</summary>
public sealed record KpiSpec(
    KpiKind Kind,
    Direction Direction,
    Comparator Comparator,
    decimal? Target,
    DateOnly? Deadline,
    decimal? Baseline,
    ScoringMethod Method,
    IReadOnlyList<ScoreBand> Bands,
    decimal? PenaltyPerDay,
    string Unit = "")
{
    /// <summary>
    /// Optional: how the KPI's values read (Number, Percent, Minutes, Days), used only to write the explanation
    /// ("91,1 %", 1'16"). Defaults to <see cref="Values.ValueKind.Number"/> with <see cref="Unit"/> as label.
    /// </summary>
    public ValueKind ValueKind { get; init; } = ValueKind.Number;
}

/// <summary>
/// A measured actual. <see cref="Value"/> for numeric KPIs; <see cref="Done"/> for boolean and deadline KPIs
/// (SI/NO); <see cref="CompletionDate"/> for deadline KPIs when the completion date is known.
/// A missing measurement (null) means the KPI is Non rilevato.
/// </summary>
public sealed record Measurement(decimal? Value, bool? Done, DateOnly? CompletionDate)
{
    public static Measurement Number(decimal value) => new(value, null, null);
    public static Measurement YesNo(bool done) => new(null, done, null);
    public static Measurement CompletedOn(DateOnly date) => new(null, true, date);
}

/// <summary>One labelled input of an explanation, already formatted in Italian (e.g. "Target" → "≥ 70 %").</summary>
public sealed record ExplanationInput(string Label, string Value);

/// <summary>
/// Why a score is what it is, in Italian, ready for the "Come è calcolato" panel:
/// the method, the formula with the numbers substituted, the inputs and the methodology applied.
/// </summary>
public sealed record Explanation(
    string Method,
    string Formula,
    IReadOnlyList<ExplanationInput> Inputs,
    string Methodology,
    string Summary);

/// <summary>The score of one KPI: 0–100 unrounded (null when not measured) with its status and explanation.</summary>
public sealed record KpiAttainment(
    decimal? Score,
    AttainmentStatus Status,
    bool Met,
    decimal? Progress,
    Explanation Explanation)
{
    public bool IsMeasured => Score.HasValue;

    /// <summary>The approved override that replaced the computed score (docs/attainment.md, "Forzature"), or null.</summary>
    public ApprovedOverride? Override { get; init; }

    /// <summary>The rule book's own attainment when an override replaced it, else null (then this is the computed one).</summary>
    public KpiAttainment? Computed { get; init; }

    public bool IsOverridden => Override is not null;

    /// <summary>The score the rule book computed from the result (null when not measured), whether or not overridden.</summary>
    public decimal? ComputedScore => Computed is null ? Score : Computed.Score;

    /// <summary>The approved override's score, or null.</summary>
    public decimal? OverrideScore => Override?.Score;
}

/// <summary>
/// An override approved by the OIV (docs/attainment.md, "Forzature"): the score that replaces the computed one, why,
/// who approved it and when, with the decision's note.
/// </summary>
public sealed record ApprovedOverride(decimal Score, string Reason, string ApprovedBy, DateTimeOffset ApprovedAt, string Note)
{
    /// <summary>
    /// Who decides an override, as every published output names it (explanation, pages, PDF, open data, API): the body,
    /// never the person (<see cref="ApprovedBy"/> stays on the internal overrides list, the history and the export).
    /// </summary>
    public const string Decider = "OIV / Nucleo di Valutazione";
}

/// <summary>An item entering a weighted mean: a KPI inside an objective, or an objective inside an area.</summary>
public sealed record WeightedScore(string Label, decimal? Score, decimal Weight, int MeasuredKpis, int TotalKpis);

/// <summary>A roll-up (objective, area, section, Direzione, plan) with its coverage: MeasuredKpis of TotalKpis.</summary>
public sealed record AggregateAttainment(
    decimal? Score,
    AttainmentStatus Status,
    int MeasuredKpis,
    int TotalKpis,
    Explanation Explanation)
{
    public bool IsMeasured => Score.HasValue;
}
